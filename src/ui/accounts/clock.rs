//! The annual clock as a list: month by month, each event with its d.m.yyyy date, ISO week
//! and time; per-site visits folded into one line per month with done/total.

use crate::domain::account::EditRights;
use crate::domain::clock::{
    account_year_months, plan_by_month, ClockEvent, EventStatus, MonthPlan, SiteRound,
};
use crate::domain::dates::YearMonth;
use crate::i18n::*;
use crate::ui::sync::editor::EventEditor;
use crate::ui::sync::save_note::SaveNote;
use crate::ui::{format, labels};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

/// What each row needs besides its event: today, the person's edit rights, waiting edits,
/// and which folds are open (kept outside the list, so a redraw after a sync keeps them open).
#[derive(Clone)]
pub struct RowContext {
    pub today: NaiveDate,
    pub rights: EditRights,
    pub pending: HashSet<Uuid>,
    pub folds: ClockFolds,
}

/// Which parts of the list the person opened: the months before this one, and each month's
/// rounds of site visits ("2026-11 quality_visit").
#[derive(Clone, Copy)]
pub struct ClockFolds {
    pub past: RwSignal<bool>,
    pub rounds: RwSignal<HashSet<String>>,
}

impl ClockFolds {
    pub fn new() -> Self {
        ClockFolds {
            past: RwSignal::new(false),
            rounds: RwSignal::new(HashSet::new()),
        }
    }
}

/// The name of one month's round of visits of one kind among the open folds.
pub fn round_key(month: YearMonth, kind: crate::domain::clock::EventKind) -> String {
    format!("{} {}", month.key(), kind.as_str())
}

/// The round of visits an event is listed in, if any: per-site kinds at a site, as
/// `plan_by_month` groups them.
pub fn round_of(event: &ClockEvent) -> Option<String> {
    (event.kind.is_per_site() && event.site.is_some())
        .then(|| round_key(YearMonth::of(event.starts_on), event.kind))
}

impl Default for ClockFolds {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn ClockList(
    events: Vec<ClockEvent>,
    year: i32,
    start_month: u32,
    today: NaiveDate,
    rights: EditRights,
    pending: HashSet<Uuid>,
    folds: ClockFolds,
) -> impl IntoView {
    let i18n = use_i18n();
    let months = account_year_months(year, start_month);
    let mut plan = plan_by_month(&events, &months, today);
    let this_month = YearMonth::of(today);
    let ctx = RowContext {
        today,
        rights,
        pending,
        folds,
    };
    // The year opens at this month: the months before it fold into one line, so the page
    // does not start in January, thousands of pixels above what is due now.
    let past_count = plan.iter().take_while(|m| m.month < this_month).count();
    let past: Vec<MonthPlan> = if past_count < plan.len() {
        plan.drain(..past_count).collect()
    } else {
        Vec::new()
    };
    let past_fold = (!past.is_empty()).then(|| {
        let (first, last) = (past[0].month, past[past.len() - 1].month);
        let range = move || {
            format!(
                "{} {} – {} {}",
                labels::month(i18n, first.month),
                first.year,
                labels::month(i18n, last.month),
                last.year
            )
        };
        // The folded months are drawn when the fold is first opened, not before: most of a year's rows
        // (and their editors) sit in them, and drawing them all made the account page's start
        // the slowest of the app's pages.
        let past = StoredValue::new(past);
        // Once drawn, kept: closing the fold must not throw away a note half typed in it.
        let drawn =
            Memo::new(move |before: Option<&bool>| before.copied().unwrap_or(false) || folds.past.get());
        let ctx = ctx.clone();
        let blocks = move || {
            past.with_value(|months| {
                months
                    .iter()
                    .map(|m| view! { <MonthBlock plan=m.clone() current=this_month ctx=ctx.clone() /> })
                    .collect_view()
            })
        };
        view! {
            <li class="past-months">
                <details
                    prop:open=move || folds.past.get()
                    on:toggle=move |ev| folds.past.set(format::details_open(&ev))
                    data-testid="past-months"
                >
                    <summary>{t!(i18n, past_months)} " (" {range} ")"</summary>
                    <Show when=move || drawn.get()>
                        <ol class="clock">{blocks.clone()}</ol>
                    </Show>
                </details>
            </li>
        }
    });
    view! {
        <ol class="clock" data-testid="clock">
            {past_fold}
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
                    .map(|r| view! { <SiteRoundRow round=r month ctx=ctx.clone() /> })
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

/// The status chip; when someone set the status, tapping the chip tells who and when (the list
/// stays quiet, the detail is one tap away).
#[component]
fn StatusChip(event: ClockEvent, today: NaiveDate, #[prop(optional)] hide_planned: bool) -> impl IntoView {
    let i18n = use_i18n();
    let status = event.status;
    let overdue = event.is_overdue(today);
    let class = format!("status-chip chip-{}", status.as_str());
    let text = move || {
        if overdue {
            t_string!(i18n, overdue).to_string()
        } else if hide_planned && status == EventStatus::Planned {
            String::new()
        } else {
            labels::status(i18n, status)
        }
    };
    // One shape whether or not there is a mark to tell: one kind of element, less code.
    view! {
        <details class="chip-details">
            <summary class=class data-testid="status-chip">{text}</summary>
            {status_mark(&event)}
        </details>
    }
}

/// What became of the edit just saved on this row: said on the row itself, where the person is.
#[component]
fn RowSaved(event: Uuid) -> impl IntoView {
    let sync = crate::offline::state::use_sync();
    move || {
        sync.last_saved
            .get()
            .filter(|(id, _)| *id == event)
            .map(|(_, ops)| view! { <SaveNote ops testid="event-saved" /> })
    }
}

/// One event of the list. `summary`: a copy shown elsewhere on the page (the supervisor's block),
/// without the anchor the wheel links to.
#[component]
pub(crate) fn EventRow(event: ClockEvent, ctx: RowContext, #[prop(optional)] summary: bool) -> impl IntoView {
    let i18n = use_i18n();
    let today = ctx.today;
    let waiting = crate::offline::state::is_waiting(&ctx.pending, &event);
    let editor = ctx.rights.may_edit_status(&event).then(|| event.clone());
    let class = status_class(&event, today);
    let date = format::event_date(&event);
    let e = event.clone();
    let title = move || {
        let text = if e.title.is_empty() {
            labels::kind(i18n, e.kind)
        } else {
            e.title.clone()
        };
        format::breakable(i18n, &text)
    };
    let e = event.clone();
    let week = move || format::week(i18n, &e);
    let e = event.clone();
    let time = move || format::time(i18n, &e);
    let responsible = event.responsible.clone().map(|p| p.name);
    let site = event.site.clone().map(|s| s.name);
    let note = (!event.note.is_empty()).then(|| event.note.clone());
    let anchor = (!summary).then(|| format!("e-{}", event.id));
    let chip = event.clone();
    let event_id = event.id;
    view! {
        <li class=class id=anchor data-kind=event.kind.as_str() data-event=event.id.to_string()>
            <div class="event-when">
                <span class="event-date">{date}</span>
                <span class="event-week">{week}</span>
            </div>
            <div class="event-what">
                <span class="event-title">{title}</span>
                <span class="event-meta">
                    {time}
                    {site.map(|name| view! { <span class="event-site">{name}</span> })}
                    {responsible.map(|name| view! { <span class="event-person">{name}</span> })}
                </span>
                {note.map(|n| view! { <span class="event-note" data-testid="event-note">{n}</span> })}
            </div>
            <StatusChip event=chip today />
            <div class="event-extra">
                <WaitingMark waiting />
                <RowSaved event=event_id />
                {editor.map(|event| view! { <EventEditor event /> })}
            </div>
        </li>
    }
}

#[component]
fn SiteRoundRow(round: SiteRound, month: YearMonth, ctx: RowContext) -> impl IntoView {
    let i18n = use_i18n();
    let today = ctx.today;
    let kind = round.kind;
    let (done, total, overdue) = (round.done, round.total, round.overdue);
    let has_overdue = overdue > 0;
    let rounds = ctx.folds.rounds;
    let key = round_key(month, kind);
    let open = {
        let key = key.clone();
        Memo::new(move |_| rounds.with(|r| r.contains(&key)))
    };
    let events = StoredValue::new(round.events);
    let ctx = StoredValue::new(ctx);
    view! {
        <li class="event site-round" class:overdue=has_overdue data-kind=kind.as_str()>
            <details
                prop:open=move || open.get()
                on:toggle=move |ev| {
                    let now_open = crate::ui::format::details_open(&ev);
                    if now_open != open.get_untracked() {
                        rounds.update(|r| {
                            if now_open { r.insert(key.clone()); } else { r.remove(&key); }
                        });
                    }
                }
            >
                <summary>
                    <span class="event-title">{move || format::breakable(i18n, &labels::kind(i18n, kind))}</span>
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
                            let site = e.site.clone().map(|s| s.name).unwrap_or_default();
                            let date = format::event_date(&e);
                            let person = e.responsible.clone().map(|p| p.name).unwrap_or_default();
                            let waiting = crate::offline::state::is_waiting(&ctx.get_value().pending, &e);
                            let note = (!e.note.is_empty()).then(|| e.note.clone());
                            let editor = ctx.get_value().rights.may_edit_status(&e).then(|| e.clone());
                            view! {
                                <li class=class id=format!("e-{}", e.id) data-event=e.id.to_string()>
                                    <span class="round-site">{site}</span>
                                    <span class="event-meta">{date} " · " {person}</span>
                                    {note.map(|n| view! { <span class="event-note">{n}</span> })}
                                    <WaitingMark waiting />
                                    <RowSaved event=e.id />
                                    {editor.map(|event| view! { <EventEditor event /> })}
                                    <StatusChip event=e.clone() today hide_planned=true />
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
