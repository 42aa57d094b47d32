//! The annual clock as a list: month by month, each event with its d.m.yyyy date, ISO week
//! and time; per-site visits folded into one line per month with done/total.

use crate::domain::account::EditRights;
use crate::domain::clock::{
    account_year_months, plan_by_month, ClockEvent, EventStatus, MonthPlan, SiteRound,
};
use crate::domain::dates::YearMonth;
use crate::i18n::*;
use crate::ui::sync::editor::EventEditor;
use crate::ui::{format, labels};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

/// What each row needs besides its event: today, the person's edit rights, waiting edits.
#[derive(Clone)]
pub struct RowContext {
    pub today: NaiveDate,
    pub rights: EditRights,
    pub pending: HashSet<Uuid>,
}

#[component]
pub fn ClockList(
    events: Vec<ClockEvent>,
    year: i32,
    start_month: u32,
    today: NaiveDate,
    rights: EditRights,
    pending: HashSet<Uuid>,
) -> impl IntoView {
    let months = account_year_months(year, start_month);
    let plan = plan_by_month(&events, &months, today);
    let this_month = YearMonth::of(today);
    let ctx = RowContext {
        today,
        rights,
        pending,
    };
    view! {
        <ol class="clock" data-testid="clock">
            {plan
                .into_iter()
                .map(|m| view! { <MonthBlock plan=m current=this_month ctx=ctx.clone() /> })
                .collect_view()}
        </ol>
    }
}

#[component]
fn MonthBlock(plan: MonthPlan, current: YearMonth, ctx: RowContext) -> impl IntoView {
    let i18n = use_i18n();
    let month = plan.month;
    let is_current = month == current;
    let empty = plan.events.is_empty() && plan.site_rounds.is_empty();
    view! {
        <li class="month" class:current=is_current id=format!("kk-{}-{}", month.year, month.month)>
            <h3 class="month-title">
                {move || format!("{} {}", labels::month(i18n, month.month), month.year)}
                {is_current.then(|| view! { <span class="badge badge-now">{t!(i18n, this_month)}</span> })}
            </h3>
            {empty.then(|| view! { <p class="muted">{t!(i18n, nothing_this_month)}</p> })}
            <ul class="events">
                {plan
                    .events
                    .into_iter()
                    .map(|e| view! { <EventRow event=e ctx=ctx.clone() /> })
                    .collect_view()}
                {plan
                    .site_rounds
                    .into_iter()
                    .map(|r| view! { <SiteRoundRow round=r ctx=ctx.clone() /> })
                    .collect_view()}
            </ul>
        </li>
    }
}

fn status_class(e: &ClockEvent, today: NaiveDate) -> String {
    let overdue = if e.is_overdue(today) { " overdue" } else { "" };
    format!("event status-{}{}", e.status.as_str(), overdue)
}

/// "Waiting to be sent", on a row whose edit is still in the outbox.
#[component]
pub(crate) fn WaitingMark(waiting: bool) -> impl IntoView {
    let i18n = use_i18n();
    waiting.then(
        || view! { <span class="waiting-mark" data-testid="waiting-mark">{t!(i18n, waiting_mark)}</span> },
    )
}

/// Who set the status and when ("merkitsi Päivi Mäkelä 12.11.2026"), for anything no
/// longer just planned.
fn status_mark(event: &ClockEvent) -> Option<impl IntoView> {
    let i18n = use_i18n();
    let mark = event
        .status_mark
        .clone()
        .filter(|_| event.status != EventStatus::Planned)?;
    let (name, date) = (mark.by.name, crate::domain::dates::format_date(mark.on));
    Some(view! {
        <span class="event-mark muted" data-testid="status-mark">
            {t!(i18n, status_set_by, name = move || name.clone(), date = move || date.clone())}
        </span>
    })
}

#[component]
fn EventRow(event: ClockEvent, ctx: RowContext) -> impl IntoView {
    let i18n = use_i18n();
    let today = ctx.today;
    let waiting = crate::ui::sync::state::is_waiting(&ctx.pending, &event);
    let editor = ctx.rights.may_edit_status(&event).then(|| event.clone());
    let class = status_class(&event, today);
    let overdue = event.is_overdue(today);
    let date = format::event_date(&event);
    let e = event.clone();
    let title = move || {
        if e.title.is_empty() {
            labels::kind(i18n, e.kind)
        } else {
            e.title.clone()
        }
    };
    let e = event.clone();
    let week = move || format::week(i18n, &e);
    let e = event.clone();
    let time = move || format::time(i18n, &e);
    let status = event.status;
    let responsible = event.responsible.clone().map(|p| p.name);
    let note = (!event.note.is_empty()).then(|| event.note.clone());
    let mark = status_mark(&event);
    view! {
        <li class=class id=format!("e-{}", event.id) data-kind=event.kind.as_str() data-event=event.id.to_string()>
            <div class="event-when">
                <span class="event-date">{date}</span>
                <span class="event-week">{week}</span>
            </div>
            <div class="event-what">
                <span class="event-title">{title}</span>
                <span class="event-meta">
                    {time}
                    {responsible.map(|name| view! { <span class="event-person">{name}</span> })}
                </span>
                {note.map(|n| view! { <span class="event-note" data-testid="event-note">{n}</span> })}
                {mark}
            </div>
            <span class=format!("status-chip chip-{}", status.as_str())>
                {move || if overdue {
                    t_string!(i18n, overdue).to_string()
                } else {
                    labels::status(i18n, status)
                }}
            </span>
            <div class="event-extra">
                <WaitingMark waiting />
                {editor.map(|event| view! { <EventEditor event /> })}
            </div>
        </li>
    }
}

#[component]
fn SiteRoundRow(round: SiteRound, ctx: RowContext) -> impl IntoView {
    let i18n = use_i18n();
    let today = ctx.today;
    let kind = round.kind;
    let (done, total, overdue) = (round.done, round.total, round.overdue);
    let has_overdue = overdue > 0;
    let (open, set_open) = signal(false);
    let events = StoredValue::new(round.events);
    let ctx = StoredValue::new(ctx);
    view! {
        <li class="event site-round" class:overdue=has_overdue data-kind=kind.as_str()>
            <details on:toggle=move |ev| set_open.set(crate::ui::format::details_open(&ev))>
                <summary>
                    <span class="event-title">{move || labels::kind(i18n, kind)}</span>
                    <span class="round-counts">
                        {t!(i18n, done_of, done = move || done, total = move || total)}
                        {(overdue > 0).then(|| view! {
                            <span class="overdue-count">
                                " · "
                                {t!(i18n, overdue_count, count = move || overdue)}
                            </span>
                        })}
                    </span>
                </summary>
                // A month's visits to a hundred sites are drawn when the round is opened, not
                // before: most rounds are only ever read as "28/30".
                <Show when=move || open.get()>
                <ul class="round-sites">
                    {events
                        .get_value()
                        .into_iter()
                        .map(|e| {
                            let class = status_class(&e, today);
                            let is_overdue = e.is_overdue(today);
                            let status = e.status;
                            let site = e.site.clone().map(|s| s.name).unwrap_or_default();
                            let date = format::event_date(&e);
                            let person = e.responsible.clone().map(|p| p.name).unwrap_or_default();
                            let waiting = crate::ui::sync::state::is_waiting(&ctx.get_value().pending, &e);
                            let note = (!e.note.is_empty()).then(|| e.note.clone());
                            let editor = ctx.get_value().rights.may_edit_status(&e).then(|| e.clone());
                            view! {
                                <li class=class id=format!("e-{}", e.id) data-event=e.id.to_string()>
                                    <span class="round-site">{site}</span>
                                    <span class="event-meta">{date} " · " {person}</span>
                                    {note.map(|n| view! { <span class="event-note">{n}</span> })}
                                    {status_mark(&e)}
                                    <WaitingMark waiting />
                                    {editor.map(|event| view! { <EventEditor event /> })}
                                    <span class=format!("status-chip chip-{}", status.as_str())>
                                        {move || if is_overdue {
                                            t_string!(i18n, overdue).to_string()
                                        } else if status == EventStatus::Planned {
                                            String::new()
                                        } else {
                                            labels::status(i18n, status)
                                        }}
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                </Show>
            </details>
        </li>
    }
}
