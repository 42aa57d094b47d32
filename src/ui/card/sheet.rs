//! The whole card at one glance, as management reads it on a phone or on one printed page:
//! the light and what it says, the key facts, the figures against target and last month, and
//! what management must know.

use super::view::LightDot;
use crate::domain::card::suggest::{LightRule, Measure};
use crate::domain::card::{CardFigure, CardText, QualityCard};
use crate::domain::dates::format_date;
use crate::i18n::*;
use crate::ui::format::{euros, tenths};
use crate::ui::labels;
use leptos::prelude::*;

/// What the card says about the account itself (from the account, never typed on the card).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFacts {
    pub name: String,
    pub towns: Vec<String>,
    pub site_count: u32,
    pub director: String,
    pub contract_start: Option<chrono::NaiveDate>,
    pub contract_value: Option<i64>,
}

/// One figure's line: its value, its target and the arrow against last month.
struct FigureLine {
    label: String,
    value: String,
    target: String,
    trend: &'static str,
    testid: &'static str,
}

fn trend(now: Option<i64>, before: Option<i64>) -> &'static str {
    match (now, before) {
        (Some(a), Some(b)) if a > b => "↑",
        (Some(a), Some(b)) if a < b => "↓",
        (Some(_), Some(_)) => "=",
        _ => "",
    }
}

fn rule_target(rules: &[LightRule], measure: Measure) -> Option<i64> {
    rules
        .iter()
        .find(|r| r.measure == measure && r.weight > 0)
        .map(|r| r.green)
}

#[component]
pub fn CardSheet(
    card: QualityCard,
    key: KeyFacts,
    previous: Option<QualityCard>,
    #[prop(optional)] rules: Vec<LightRule>,
) -> impl IntoView {
    let i18n = use_i18n();
    let light = card.light;
    let period = card.period_label();
    let state = card.workflow.state;
    let version = card.workflow.version;
    let lines = figure_lines(i18n, &card, previous.as_ref(), &rules);
    let mark = card.light_mark.clone().map(|m| {
        let before = m.previous.filter(|p| *p != light).map(|p| {
            format!(
                " ({} {})",
                t_string!(i18n, light_before),
                labels::light(i18n, p).to_lowercase()
            )
        });
        format!(
            "{} {} {}{}",
            t_string!(i18n, light_set_by),
            m.by.name,
            format_date(m.on),
            before.unwrap_or_default()
        )
    });
    let submitted = card.workflow.submitted.clone().map(|m| {
        format!(
            "{} {} {}",
            t_string!(i18n, submitted_by),
            m.by.name,
            format_date(m.on)
        )
    });
    let reviewed = card.workflow.reviewed.clone().map(|m| {
        format!(
            "{} {} {}",
            t_string!(i18n, reviewed_by),
            m.by.name,
            format_date(m.on)
        )
    });
    let direction = card.direction;
    let texts: Vec<(CardText, String)> = CardText::ALL
        .iter()
        .map(|t| (*t, card.texts.get(*t).to_string()))
        .collect();
    // The organisation's changes in the card's months, from the relationship map: listed under
    // the director's own words on them, never typed twice.
    let org_changes = card
        .facts
        .as_ref()
        .map(|f| f.org_changes.clone())
        .unwrap_or_default();
    let KeyFacts {
        name,
        towns,
        site_count,
        director,
        contract_start,
        contract_value,
    } = key;
    view! {
        <article class=format!("card-sheet card-{}", light.as_str()) data-testid="card-sheet">
            <header class="card-sheet-head">
                <LightDot light=Some(light) />
                <div>
                    <h2>{name.clone()} " · " {period}</h2>
                    <p class="light-label" data-testid="sheet-light">
                        {move || labels::light(i18n, light)}
                        {direction.map(|d| view! { <span class="direction" title=move || labels::direction(i18n, d)>" " {d.arrow()}</span> })}
                    </p>
                    <p class="muted">
                        <span class=format!("state-badge state-{}", state.as_str()) data-testid="card-state">
                            {move || labels::card_state(i18n, state)}
                        </span>
                        " " <span class="nowrap">"· " {t!(i18n, card_version, n = move || version)}</span>
                    </p>
                </div>
            </header>
            <p class="card-summary" data-testid="sheet-summary">{card.summary.clone()}</p>
            {mark.map(|m| view! { <p class="muted small" data-testid="light-mark">{m}</p> })}
            {submitted.map(|m| view! { <p class="muted small">{m}</p> })}
            {reviewed.map(|m| view! { <p class="muted small">{m}</p> })}
            <dl class="key-facts">
                <dt>{t!(i18n, fact_customer)}</dt><dd>{name}</dd>
                <dt>{t!(i18n, fact_towns)}</dt><dd>{towns.join(", ")}</dd>
                <dt>{t!(i18n, fact_sites)}</dt><dd>{site_count}</dd>
                <dt>{t!(i18n, fact_director)}</dt><dd>{director}</dd>
                <dt>{t!(i18n, fact_contract_start)}</dt><dd>{contract_start.map(format_date).unwrap_or_else(|| "–".into())}</dd>
                <dt>{t!(i18n, fact_contract_value)}</dt><dd>{contract_value.map(euros).unwrap_or_else(|| "–".into())}</dd>
            </dl>
            <table class="figures" data-testid="card-figures">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, figure_col_measure)}</th>
                        <th scope="col" class="num">{t!(i18n, figure_col_value)}</th>
                        <th scope="col" class="num">{t!(i18n, figure_col_target)}</th>
                    </tr>
                </thead>
                <tbody>
                    {lines.into_iter().map(|l| {
                        let trend_label = match l.trend {
                            "↑" => t_string!(i18n, trend_up).to_string(),
                            "↓" => t_string!(i18n, trend_down).to_string(),
                            "=" => t_string!(i18n, trend_same).to_string(),
                            _ => String::new(),
                        };
                        view! {
                            <tr data-testid=l.testid>
                                <th scope="row">{crate::ui::format::breakable(i18n, &l.label)}</th>
                                <td class="num">
                                    {l.value}
                                    {(!l.trend.is_empty()).then(|| view! {
                                        " " <span class="trend" title=trend_label.clone() aria-label=trend_label.clone()>{l.trend}</span>
                                    })}
                                </td>
                                <td class="num muted">{l.target}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <section class="for-management">
                <h3>{t!(i18n, card_for_management)}</h3>
                <dl>
                    {texts.into_iter().map(|(which, text)| {
                        let from_map = (which == CardText::OrgChanges && !org_changes.is_empty())
                            .then(|| org_change_list(i18n, org_changes.clone()));
                        view! {
                            <dt>{move || labels::card_text(i18n, which)}</dt>
                            <dd data-testid=format!("sheet-text-{}", which.as_str())>
                                {if text.trim().is_empty() && from_map.is_none() { "–".to_string() } else { text }}
                                {from_map}
                            </dd>
                        }
                    }).collect_view()}
                </dl>
            </section>
        </article>
    }
}

fn figure_lines(
    i18n: leptos_i18n::I18nContext<Locale>,
    card: &QualityCard,
    previous: Option<&QualityCard>,
    rules: &[LightRule],
) -> Vec<FigureLine> {
    let dash = || "–".to_string();
    let mut lines = Vec::new();
    let typed = |f: CardFigure, measure: Option<Measure>, unit: &str, testid: &'static str| {
        let now = card.figures.get(f).map(i64::from);
        let before = previous.and_then(|p| p.figures.get(f)).map(i64::from);
        let target = measure.and_then(|m| rule_target(rules, m));
        let better = if measure.is_some_and(|m| !m.higher_is_better()) {
            "≤ "
        } else {
            "≥ "
        };
        FigureLine {
            label: labels::figure(i18n, f),
            value: now.map(|v| format!("{v}{unit}")).unwrap_or_else(dash),
            target: target.map(|t| format!("{better}{t}{unit}")).unwrap_or_default(),
            trend: trend(now, before),
            testid,
        }
    };
    lines.push(typed(
        CardFigure::Satisfaction,
        Some(Measure::Satisfaction),
        "",
        "figure-satisfaction",
    ));
    lines.push(typed(
        CardFigure::AuditScore,
        Some(Measure::AuditScore),
        " %",
        "figure-audit",
    ));
    let facts = card.facts.clone().unwrap_or_default();
    let before_visits = previous
        .and_then(|p| p.facts.as_ref())
        .and_then(|f| f.visits.done_pct())
        .map(i64::from);
    let visits = facts.visits;
    lines.push(FigureLine {
        label: t_string!(i18n, figure_visits).to_string(),
        value: format!(
            "{} / {}{}",
            visits.done,
            visits.due,
            visits.done_pct().map(|p| format!(" ({p} %)")).unwrap_or_default()
        ),
        target: rule_target(rules, Measure::VisitsDone)
            .map(|t| format!("≥ {t} %"))
            .unwrap_or_default(),
        trend: trend(visits.done_pct().map(i64::from), before_visits),
        testid: "figure-visits",
    });
    lines.push(typed(
        CardFigure::Complaints,
        Some(Measure::Complaints),
        "",
        "figure-complaints",
    ));
    lines.push(typed(CardFigure::FaultReports, None, "", "figure-faults"));
    lines.push(typed(CardFigure::StaffChanges, None, "", "figure-staff"));
    lines.push(typed(CardFigure::InductionsDone, None, "", "figure-inductions"));
    lines.push(typed(
        CardFigure::RedRisks,
        Some(Measure::RedRisks),
        "",
        "figure-risks",
    ));
    let money = facts.money.clone();
    let before_money = previous
        .and_then(|p| p.facts.as_ref())
        .and_then(|f| f.money.clone());
    lines.push(FigureLine {
        label: t_string!(i18n, figure_revenue).to_string(),
        value: money.as_ref().map(|m| euros(m.revenue)).unwrap_or_else(dash),
        target: money
            .as_ref()
            .and_then(|m| m.revenue_target)
            .map(euros)
            .unwrap_or_default(),
        trend: trend(
            money.as_ref().map(|m| m.revenue),
            before_money.as_ref().map(|m| m.revenue),
        ),
        testid: "figure-revenue",
    });
    lines.push(FigureLine {
        label: t_string!(i18n, figure_margin).to_string(),
        value: money
            .as_ref()
            .and_then(|m| m.margin_pct_tenths())
            .map(|p| format!("{} %", tenths(p)))
            .unwrap_or_else(dash),
        target: money
            .as_ref()
            .and_then(|m| m.margin_target_pct_tenths())
            .map(|p| format!("{} %", tenths(p)))
            .unwrap_or_default(),
        trend: trend(
            money.as_ref().and_then(|m| m.margin_pct_tenths()),
            before_money.as_ref().and_then(|m| m.margin_pct_tenths()),
        ),
        testid: "figure-margin",
    });
    lines.push(FigureLine {
        label: t_string!(i18n, figure_hours).to_string(),
        value: money
            .as_ref()
            .map(|m| format!("{} h", tenths(m.hours_tenths)))
            .unwrap_or_else(dash),
        target: money
            .as_ref()
            .and_then(|m| m.hour_budget_tenths)
            .map(|b| format!("{} h", tenths(b)))
            .unwrap_or_default(),
        trend: trend(
            money.as_ref().map(|m| m.hours_tenths),
            before_money.as_ref().map(|m| m.hours_tenths),
        ),
        testid: "figure-hours",
    });
    lines
}

/// The map's changes of the card's months, oldest first: "20.11.2026 Paula Järvinen lähti
/// (Kiinteistöjohtaja)".
fn org_change_list(
    i18n: leptos_i18n::I18nContext<Locale>,
    changes: Vec<crate::domain::kam::map::NamedChange>,
) -> impl IntoView {
    use crate::domain::kam::map::ChangeKind;
    view! {
        <ul class="plain-list org-facts" data-testid="card-org-changes">
            {changes.into_iter().map(|c| {
                // "Outi Lähtevä lähti (…)": the same word order in every language Kamu speaks, so
                // one plain word each (interpolated texts cost every page's code far more).
                let kind = c.kind;
                let word = move || match kind {
                    ChangeKind::Left => t_string!(i18n, org_left),
                    ChangeKind::Started => t_string!(i18n, org_started),
                };
                view! {
                    <li><span class="org-when">{format_date(c.on)}</span> " " {c.name} " " {word} " (" {c.position} ")"</li>
                }
            }).collect_view()}
        </ul>
    }
}
