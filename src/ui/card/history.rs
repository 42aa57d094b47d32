//! The card against its past: sparklines of the key figures, what changed since the previous
//! card, every earlier card and the versions a correction replaced.

use super::view::LightDot;
use crate::domain::card::history::{changes_since, sparkline, Change, KeyFigure};
use crate::domain::card::QualityCard;
use crate::i18n::*;
use crate::ui::format::tenths;
use crate::ui::labels;
use leptos::prelude::*;

const SPARK_W: f64 = 120.0;
const SPARK_H: f64 = 28.0;

fn key_label(i18n: leptos_i18n::I18nContext<Locale>, k: KeyFigure) -> String {
    match k {
        KeyFigure::Satisfaction => t_string!(i18n, figure_satisfaction).to_string(),
        KeyFigure::AuditScore => t_string!(i18n, figure_audit_score).to_string(),
        KeyFigure::VisitsDone => t_string!(i18n, figure_visits_pct).to_string(),
        KeyFigure::Margin => t_string!(i18n, figure_margin).to_string(),
    }
}

fn key_value(k: KeyFigure, v: i64) -> String {
    match k {
        KeyFigure::Margin => format!("{} %", tenths(v)),
        KeyFigure::Satisfaction => v.to_string(),
        _ => format!("{v} %"),
    }
}

/// Sparklines of the account's cards up to `period`, oldest first.
#[component]
pub fn Sparklines(cards: Vec<QualityCard>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plain-list sparklines" data-testid="sparklines">
            {KeyFigure::ALL.into_iter().map(|k| {
                let values: Vec<Option<i64>> = cards.iter().map(|c| k.value(c)).collect();
                let points = sparkline(&values, SPARK_W, SPARK_H);
                let line = points.iter().map(|(x, y)| format!("{x:.1},{y:.1}")).collect::<Vec<_>>().join(" ");
                let last = values.iter().rev().flatten().next().map(|v| key_value(k, *v)).unwrap_or_else(|| "–".into());
                let end = points.last().copied();
                view! {
                    <li class="sparkline-row">
                        <span class="sparkline-label">{key_label(i18n, k)}</span>
                        <svg class="sparkline" viewBox=format!("-3 -3 {} {}", SPARK_W + 6.0, SPARK_H + 6.0)
                            width="126" height="34" role="img" aria-label=key_label(i18n, k)>
                            <polyline points=line fill="none" />
                            {end.map(|(x, y)| view! { <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="2.5" /> })}
                        </svg>
                        <span class="sparkline-value num">{last}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// What changed since the previous card, in words.
#[component]
pub fn ChangesSinceLast(previous: Option<QualityCard>, current: QualityCard) -> impl IntoView {
    let i18n = use_i18n();
    let Some(previous) = previous else {
        return view! { <p class="muted">{t!(i18n, no_previous_card)}</p> }.into_any();
    };
    let since = previous.period_label();
    let changes = changes_since(&previous, &current);
    let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_else(|| "–".into());
    let lines: Vec<String> = changes
        .into_iter()
        .map(|c| match c {
            Change::Light { from, to } => format!(
                "{}: {} → {}",
                t_string!(i18n, field_light),
                labels::light(i18n, from),
                labels::light(i18n, to)
            ),
            Change::Direction { from, to } => format!(
                "{}: {} → {}",
                t_string!(i18n, card_direction),
                from.map(|d| labels::direction(i18n, d))
                    .unwrap_or_else(|| "–".into()),
                to.map(|d| labels::direction(i18n, d))
                    .unwrap_or_else(|| "–".into())
            ),
            Change::Figure { figure, from, to } => {
                format!("{}: {} → {}", labels::figure(i18n, figure), opt(from), opt(to))
            }
            Change::VisitsDone { from, to } => format!(
                "{}: {} → {}",
                t_string!(i18n, figure_visits_pct),
                from.map(|v| format!("{v} %")).unwrap_or_else(|| "–".into()),
                to.map(|v| format!("{v} %")).unwrap_or_else(|| "–".into())
            ),
            Change::Text(t) => format!("{} {}", labels::card_text(i18n, t), t_string!(i18n, changed_text)),
            Change::Summary => format!(
                "{} {}",
                t_string!(i18n, field_summary),
                t_string!(i18n, changed_text)
            ),
        })
        .collect();
    view! {
        <section class="changes" data-testid="changes-since">
            <h3>{t!(i18n, changes_since_label, period = move || since.clone())}</h3>
            {if lines.is_empty() {
                view! { <p class="muted">{t!(i18n, no_changes)}</p> }.into_any()
            } else {
                view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
    .into_any()
}

/// Every card of the account (newest first), each a link to its page, and replaced versions.
#[component]
pub fn PastCards(account: i64, cards: Vec<QualityCard>, versions: Vec<QualityCard>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plain-list past-cards" data-testid="past-cards">
            {cards.into_iter().rev().map(|c| {
                let href = format!("/asiakkuus/{account}/laatukortti?kausi={}", c.period.key());
                let state = c.workflow.state;
                view! {
                    <li>
                        <a href=href class="row-between">
                            <span><LightDot light=Some(c.light) /> " " {c.period_label()}</span>
                            <span class="muted small">{move || labels::card_state(i18n, state)}</span>
                        </a>
                    </li>
                }
            }).collect_view()}
        </ul>
        {(!versions.is_empty()).then(|| view! {
            <details class="versions" data-testid="card-versions">
                <summary>{t!(i18n, earlier_versions)}</summary>
                <ul class="plain-list">
                    {versions.into_iter().map(|v| {
                        let n = v.workflow.version;
                        view! {
                            <li data-testid="card-version">
                                <LightDot light=Some(v.light) /> " " {v.period_label()} " · v" {n} " – " {v.summary}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        })}
    }
}
