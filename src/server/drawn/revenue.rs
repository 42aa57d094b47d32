//! Revenue and margin of an account (issue 19, seed 002 Q2), drawn by the server: the last
//! twelve months' total and base side by side, the trend of both over two years as a line
//! drawing and month by month, exactly which projects the base leaves out and why, every contract
//! and project line with its totals, and the log of decisions on single projects. The account's
//! director and admins decide a project with a form of the one engine (a decision is a kept
//! record: the log shows who, when and why).

use super::doc_form::{self, Target};
use crate::api::drawn::Drawn;
use crate::domain::dates::{format_date, YearMonth};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::kam::revenue::{Excluded, MonthSplit, ProjectTotal, Why, MAX_REASON_CHARS};
use crate::domain::people::Viewer;
use crate::domain::sync::doc::RecordKind;
use crate::i18n::*;
use crate::server::kam::revenue::{AccountRevenue, LoggedDecision};
use crate::server::state::AppState;
use crate::ui::format::euros;
use leptos::prelude::*;

/// Months in the trend: two years, as the one-off rule's standard window.
const TREND_MONTHS: usize = 24;

pub async fn draw(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    locale: Locale,
) -> Result<Drawn, AppError> {
    let (name, edits) = super::account_name_and_edits(state, viewer, account).await?;
    let now = YearMonth::of(state.today());
    let revenue = crate::server::kam::revenue::of_account(&state.pool, account, now).await?;
    let title = format!("{name}: {}", td_string!(locale, revenue_title));
    let html = page(account, &title, &revenue, edits, now, locale);
    Ok(Drawn {
        title: format!("{title} – Kamu"),
        html,
    })
}

fn page(
    account: AccountId,
    title: &str,
    revenue: &AccountRevenue,
    edits: bool,
    now: YearMonth,
    locale: Locale,
) -> String {
    let months = &revenue.split.months;
    let recent: Vec<&MonthSplit> = months[months.len().saturating_sub(TREND_MONTHS)..]
        .iter()
        .collect();
    let body = if months.is_empty() {
        view! { <p class="muted" data-testid="revenue-none">{td_string!(locale, revenue_none)}</p> }
            .into_any()
    } else {
        view! {
            {summary(months, now, locale)}
            {trend(&recent, locale)}
            {month_table(&recent, locale)}
            {excluded_list(&revenue.split.excluded, &revenue.decisions, locale)}
            {project_list(account, &revenue.projects, &revenue.split.excluded, edits, locale)}
            {decision_log(&revenue.decisions, locale)}
        }
        .into_any()
    };
    view! {
        <a class="back-link" href=format!("/asiakkuus/{}/tavoitteet", account.0)>"‹ " {td_string!(locale, open_goals)}</a>
        <h1>{title.to_string()}</h1>
        <section class="section">
            <h2>{td_string!(locale, revenue_rule)}</h2>
            <dl class="goal-figures" data-testid="revenue-rule">
                <div><dt>{td_string!(locale, revenue_rule_over)}</dt><dd>{euros(revenue.rule.over_eur)}</dd></div>
                <div><dt>{td_string!(locale, revenue_rule_within)}</dt><dd>{format!("{} {}", revenue.rule.within_months, td_string!(locale, months_short))}</dd></div>
            </dl>
            <p class="muted">{td_string!(locale, revenue_rule_hint)}</p>
        </section>
        {body}
        {edits.then(|| doc_form::messages(locale))}
    }
    .to_html()
}

/// The last twelve months (to `now`): total and base, revenue and margin.
fn summary(months: &[MonthSplit], now: YearMonth, locale: Locale) -> impl IntoView {
    let mut first = now;
    for _ in 1..12 {
        first = first.previous();
    }
    let year: Vec<&MonthSplit> = months.iter().filter(|m| m.period >= first).collect();
    let sum = |get: fn(&MonthSplit) -> i64| euros(year.iter().map(|m| get(m)).sum::<i64>() / 10);
    view! {
        <section class="section">
            <h2>{td_string!(locale, revenue_last_12)}</h2>
            <dl class="goal-figures" data-testid="revenue-summary">
                <div><dt>{td_string!(locale, revenue_total)}</dt><dd data-testid="revenue-total">{sum(|m| m.total_revenue_tenths)}</dd></div>
                <div><dt>{td_string!(locale, revenue_base)}</dt><dd data-testid="revenue-base">{sum(|m| m.base_revenue_tenths)}</dd></div>
                <div><dt>{td_string!(locale, revenue_margin_total)}</dt><dd>{sum(|m| m.total_margin_tenths)}</dd></div>
                <div><dt>{td_string!(locale, revenue_margin_base)}</dt><dd>{sum(|m| m.base_margin_tenths)}</dd></div>
            </dl>
        </section>
    }
}

/// Total and base revenue as two lines over the months shown (SVG drawn here: no script).
fn trend(months: &[&MonthSplit], locale: Locale) -> impl IntoView {
    const W: i64 = 320;
    const H: i64 = 120;
    let top = months
        .iter()
        .map(|m| m.total_revenue_tenths)
        .max()
        .unwrap_or(0)
        .max(1);
    let step = if months.len() > 1 {
        W / (months.len() as i64 - 1)
    } else {
        0
    };
    let points = |get: fn(&MonthSplit) -> i64| {
        months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                // Wide arithmetic: a month's tenths times the height may pass i64.
                let y = i128::from(H - 4) - i128::from(get(m).max(0)) * i128::from(H - 8) / i128::from(top);
                format!("{},{y}", i as i64 * step)
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let label = td_string!(locale, revenue_trend);
    view! {
        <section class="section">
            <h2>{label}</h2>
            <svg class="trend" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="none">
                <polyline class="trend-total" points=points(|m| m.total_revenue_tenths) />
                <polyline class="trend-base" points=points(|m| m.base_revenue_tenths) />
            </svg>
            <p class="trend-legend">
                <span class="swatch swatch-total"></span>{td_string!(locale, revenue_total)}" "
                <span class="swatch swatch-base"></span>{td_string!(locale, revenue_base)}
            </p>
        </section>
    }
}

/// Month by month, newest first: total and base revenue, the margin under each.
fn month_table(months: &[&MonthSplit], locale: Locale) -> impl IntoView {
    let cell = |revenue: i64, margin: i64| {
        view! {
            <td class="num">{euros(revenue / 10)}<br /><span class="muted revenue-margin">{td_string!(locale, revenue_margin_short)}" " {euros(margin / 10)}</span></td>
        }
    };
    let rows = months
        .iter()
        .rev()
        .map(|m| {
            view! {
                <tr data-testid="revenue-month">
                    <th scope="row">{m.period.short_label()}</th>
                    {cell(m.total_revenue_tenths, m.total_margin_tenths)}
                    {cell(m.base_revenue_tenths, m.base_margin_tenths)}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="section">
            <table class="figures revenue-months">
                <thead><tr>
                    <th>{td_string!(locale, revenue_month)}</th>
                    <th class="num">{td_string!(locale, revenue_total)}</th>
                    <th class="num">{td_string!(locale, revenue_base)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// Exactly what the base leaves out, largest first, and why.
fn excluded_list(excluded: &[Excluded], decisions: &[LoggedDecision], locale: Locale) -> impl IntoView {
    let items = excluded
        .iter()
        .map(|e| {
            let why = match e.why {
                Why::Rule => td_string!(locale, revenue_by_rule).to_string(),
                Why::Override => decisions
                    .iter()
                    .rev()
                    .find(|d| d.decision.project.trim() == e.project)
                    .map(|d| format!("{}: {}", by_line(d), d.decision.reason))
                    .unwrap_or_default(),
            };
            view! {
                <li data-testid="revenue-excluded">
                    <strong>{e.project.clone()}</strong>" " {euros(e.revenue_tenths / 10)}
                    <br /><span class="muted">{why}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="section">
            <h2>{td_string!(locale, revenue_excluded)}</h2>
            {if items.is_empty() {
                view! { <p class="muted">{td_string!(locale, revenue_excluded_none)}</p> }.into_any()
            } else {
                view! { <ul class="plain-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}

/// Every contract and project line with its totals; a project's form for one who edits.
fn project_list(
    account: AccountId,
    projects: &[ProjectTotal],
    excluded: &[Excluded],
    edits: bool,
    locale: Locale,
) -> impl IntoView {
    let items = projects
        .iter()
        .map(|p| {
            let one_off = excluded.iter().any(|e| e.project == p.project) && p.is_project;
            let kind = if !p.is_project {
                td_string!(locale, revenue_contract)
            } else if one_off {
                td_string!(locale, revenue_one_off)
            } else {
                td_string!(locale, revenue_in_base)
            };
            let months = if p.first == p.last {
                p.first.short_label()
            } else {
                format!("{}–{}", p.first.short_label(), p.last.short_label())
            };
            let form = (edits && p.is_project).then(|| decision_form(account, p, one_off, locale));
            view! {
                <li class="goal" data-testid="revenue-project" data-project=p.project.clone()>
                    <h3 class="goal-name">
                        <span>{if p.project.is_empty() { td_string!(locale, revenue_contract).to_string() } else { p.project.clone() }}</span>
                        <span class=if one_off { "status-chip chip-moved" } else { "status-chip chip-planned" }>{kind}</span>
                    </h3>
                    <p class="muted revenue-months-of">{months}</p>
                    <dl class="goal-figures">
                        <div><dt>{td_string!(locale, revenue_total)}</dt><dd>{euros(p.revenue)}</dd></div>
                        <div><dt>{td_string!(locale, revenue_margin_short)}</dt><dd>{euros(p.margin)}</dd></div>
                    </dl>
                    {form}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="section">
            <h2>{td_string!(locale, revenue_projects)}</h2>
            <ul class="goals">{items}</ul>
        </section>
    }
}

/// A new decision on the project: one-off or base, and why (required; the log keeps it).
fn decision_form(account: AccountId, p: &ProjectTotal, one_off: bool, locale: Locale) -> impl IntoView {
    let options = vec![
        (
            "true".to_string(),
            td_string!(locale, revenue_one_off).to_string(),
        ),
        (
            "false".to_string(),
            td_string!(locale, revenue_in_base).to_string(),
        ),
    ];
    let inputs = view! {
        {doc_form::fixed("project", p.project.clone())}
        {doc_form::choice("one_off", td_string!(locale, revenue_decision).to_string(), String::new(), options, Some(one_off.to_string()), true)}
        {doc_form::text("reason", td_string!(locale, revenue_reason).to_string(), "", MAX_REASON_CHARS)}
    };
    doc_form::form(
        Target::New(RecordKind::OneOffDecision),
        account,
        td_string!(locale, revenue_decide).to_string(),
        "revenue-decide",
        inputs,
        locale,
    )
}

/// "24.11.2026 Päivi Virtanen" (the server's time of the decision, in Finland).
fn by_line(d: &LoggedDecision) -> String {
    let day = chrono::DateTime::parse_from_rfc3339(&d.at)
        .map(|at| format_date(at.with_timezone(&chrono_tz::Europe::Helsinki).date_naive()))
        .unwrap_or_default();
    format!("{day} {}", d.by_name)
}

/// Every decision, newest first: who, when, which project, what and why.
fn decision_log(decisions: &[LoggedDecision], locale: Locale) -> impl IntoView {
    let items = decisions
        .iter()
        .rev()
        .map(|d| {
            let what = if d.decision.one_off {
                td_string!(locale, revenue_one_off)
            } else {
                td_string!(locale, revenue_in_base)
            };
            view! {
                <li data-testid="revenue-decision">
                    <span class="muted">{by_line(d)}</span><br />
                    <strong>{d.decision.project.clone()}</strong>" → " {what} ": " {d.decision.reason.clone()}
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <section class="section">
            <h2>{td_string!(locale, revenue_decisions)}</h2>
            {if items.is_empty() {
                view! { <p class="muted">{td_string!(locale, revenue_decisions_none)}</p> }.into_any()
            } else {
                view! { <ul class="plain-list">{items}</ul> }.into_any()
            }}
        </section>
    }
}
