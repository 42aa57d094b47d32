//! Goals and targets of an account (issue 19, seed 002 Q2, Q9), drawn by the server: money
//! against the finance import's targets, hours of account care against their budget, and the
//! account plan's meetings (the clock) held against those planned, each with the quality card's
//! light for "done of due" (`domain::kam::goals`). Nothing is typed here: every figure comes from
//! the clock or the finance import.

use crate::api::drawn::Drawn;
use crate::domain::card::facts::tally;
use crate::domain::card::suggest::Measure;
use crate::domain::clock::EventKind;
use crate::domain::dates::{format_period, YearMonth};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::kam::goals::{self, GoalMeasure, GoalStatus, GoalYear};
use crate::domain::people::Viewer;
use crate::i18n::*;
use crate::server::state::AppState;
use crate::ui::format::{euros, tenths};
use chrono::Datelike;
use leptos::prelude::*;

/// The account plan's activities and the clock's kind for each.
const ACTIVITIES: [(GoalMeasure, EventKind); 4] = [
    (GoalMeasure::CustomerMeetings, EventKind::CustomerMeeting),
    (GoalMeasure::DevelopmentMeetings, EventKind::SteeringGroup),
    (GoalMeasure::StaffMeetings, EventKind::StaffMeeting),
    (GoalMeasure::AccountPresentation, EventKind::AccountPresentation),
];

pub async fn draw(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    locale: Locale,
) -> Result<Drawn, AppError> {
    let name = super::account_name(state, viewer, account).await?;
    let today = state.today();
    let start_month: i64 = sqlx::query_scalar("SELECT year_start_month FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_one(&state.pool)
        .await?;
    let year = GoalYear::containing(today, u32::try_from(start_month).unwrap_or(1));
    let (first, last) = (year.first, year.last);
    let rules = crate::server::card::light_rules::current(&state.pool).await?;
    let visits = rules
        .into_iter()
        .find(|r| r.measure == Measure::VisitsDone)
        .unwrap_or_else(|| crate::domain::card::suggest::standard_rules().remove(0));
    let months: Vec<_> = crate::server::card::quality_cards::figures_of(&state.pool, account)
        .await?
        .into_iter()
        // The months reported so far: a budget imported ahead is not due yet.
        .filter(|m| (YearMonth::of(first)..=YearMonth::of(last.min(today))).contains(&m.period))
        .collect();
    let events = crate::server::clock::events::of_account_between(&state.pool, account, first, last).await?;
    let money: Vec<GoalStatus> = [GoalMeasure::Revenue, GoalMeasure::Margin]
        .into_iter()
        .filter_map(|m| goals::money(m, &months, &visits))
        .collect();
    let activities: Vec<GoalStatus> = ACTIVITIES
        .into_iter()
        .filter_map(|(measure, kind)| {
            let plan = tally(&events, first, last, today, |k| k == kind);
            goals::planned(measure, plan, year, today, &visits)
        })
        .collect();
    let hours = goals::hours(&months);
    let title = format!("{name}: {}", td_string!(locale, goals_title));
    let html = page(
        account,
        &title,
        &year_label(year),
        &money,
        &activities,
        hours,
        locale,
    );
    Ok(Drawn {
        title: format!("{title} – Kamu"),
        html,
    })
}

/// "2026" for a calendar year; an account year that starts in another month by its days
/// ("1.9.2026–31.8.2027"), so nobody reads it as the calendar year.
fn year_label(year: GoalYear) -> String {
    if year.first.month() == 1 {
        year.first.year().to_string()
    } else {
        format_period(year.first, year.last)
    }
}

fn page(
    account: AccountId,
    title: &str,
    year: &str,
    money: &[GoalStatus],
    activities: &[GoalStatus],
    hours: Option<(i64, i64)>,
    locale: Locale,
) -> String {
    let row = |s: &GoalStatus| {
        let is_money = matches!(s.goal.measure, GoalMeasure::Revenue | GoalMeasure::Margin);
        let shown = move |v: i64| if is_money { euros(v) } else { v.to_string() };
        let light = s.light.map(|l| super::light_badge(l, locale));
        // A card per goal, not a table: at 360 px a table of euros wraps digit by digit.
        view! {
            <li class="goal" data-testid="goal-row">
                <h3 class="goal-name">
                    {light}
                    <span>{measure_name(s.goal.measure, locale)}</span>
                    <span class="goal-pct">{s.pct_of_due.map(|p| format!("{p}\u{a0}%")).unwrap_or_default()}</span>
                </h3>
                <dl class="goal-figures">
                    <div><dt>{td_string!(locale, goals_actual)}</dt><dd>{shown(s.actual)}</dd></div>
                    <div><dt>{td_string!(locale, goals_due)}</dt><dd>{shown(s.due_by_now)}</dd></div>
                    {(!is_money).then(|| view! {
                        <div><dt>{td_string!(locale, goals_year)}</dt><dd>{shown(s.goal.target)}</dd></div>
                    })}
                </dl>
            </li>
        }
    };
    let table = |caption: &'static str, rows: &[GoalStatus]| {
        view! {
            <h2 class="goals-head">{caption}</h2>
            <ul class="goals">{rows.iter().map(row).collect::<Vec<_>>()}</ul>
        }
    };
    let hours_line = hours.map(|(used, budget)| {
        let pct = (budget > 0).then(|| (used * 100 + budget / 2) / budget);
        let used = tenths(used);
        let budget = tenths(budget);
        view! {
            <p data-testid="goals-hours">
                {td!(locale, goals_hours, used = move || used.clone(), budget = move || budget.clone())}
                {pct.map(|p| format!(" ({p}\u{a0}%)"))}
            </p>
        }
    });
    view! {
        <a class="back-link" href=format!("/asiakkuus/{}", account.0)>"‹ " {td_string!(locale, back_to_account)}</a>
        <h1>{title.to_string()} " " {year}</h1>
        <section class="section">
            {if money.is_empty() {
                view! { <p class="muted">{td_string!(locale, goals_no_money)}</p> }.into_any()
            } else {
                table(td_string!(locale, goals_money), money).into_any()
            }}
            <p><a class="button button-secondary" href=format!("/asiakkuus/{}/liikevaihto", account.0) data-testid="open-revenue">{td_string!(locale, goals_to_revenue)}</a></p>
            {hours_line}
            {if activities.is_empty() {
                view! { <p class="muted">{td_string!(locale, goals_no_plan)}</p> }.into_any()
            } else {
                table(td_string!(locale, goals_plan), activities).into_any()
            }}
            <p class="muted">{td_string!(locale, goals_how)}</p>
        </section>
    }
    .to_html()
}

fn measure_name(measure: GoalMeasure, locale: Locale) -> &'static str {
    match measure {
        GoalMeasure::Revenue => td_string!(locale, goals_revenue),
        GoalMeasure::Margin => td_string!(locale, goals_margin),
        GoalMeasure::CustomerMeetings => td_string!(locale, kind_customer_meeting),
        GoalMeasure::DevelopmentMeetings => td_string!(locale, kind_steering_group),
        GoalMeasure::StaffMeetings => td_string!(locale, kind_staff_meeting),
        GoalMeasure::AccountPresentation => td_string!(locale, kind_account_presentation),
    }
}
