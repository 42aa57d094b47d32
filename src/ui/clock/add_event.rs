//! "Add an event" for the account's director: type, optional title, first day, time and how it
//! repeats. Every occurrence is created through the outbox, so this works offline too.

use crate::domain::clock::new_event::{nth_in_month, plan, NewEvent, NewEventError, Repeat};
use crate::domain::clock::{EventKind, SiteRef};
use crate::domain::ids::AccountId;
use crate::domain::sync::ops::MAX_TITLE_CHARS;
use crate::domain::sync::Op;
use crate::i18n::*;
use crate::offline::outbox::save_ops_then;
use crate::offline::state::use_sync;
use crate::ui::labels;
use crate::ui::sync::save_note::SaveNote;
use chrono::{Datelike, NaiveDate, NaiveTime};
use leptos::prelude::*;

/// The repeat as the form names it, read off the first day: "Kuukauden 2. tiistai".
pub(crate) fn repeat_label(i18n: leptos_i18n::I18nContext<Locale>, r: Repeat, first: NaiveDate) -> AnyView {
    let day = first.day();
    let weekday = labels::weekday(i18n, first.weekday());
    let week = first.iso_week().week();
    let nth = nth_in_month(first);
    let date = format!("{}.{}.", day, first.month());
    match r {
        Repeat::Once => t!(i18n, repeat_once).into_any(),
        Repeat::Monthly => t!(i18n, repeat_monthly, day = move || day).into_any(),
        Repeat::Quarterly => t!(i18n, repeat_quarterly, day = move || day).into_any(),
        Repeat::Yearly => t!(i18n, repeat_yearly, date = move || date.clone()).into_any(),
        Repeat::EveryWeeks(n) => t!(
            i18n,
            repeat_weeks,
            n = move || n,
            weekday = move || weekday.clone()
        )
        .into_any(),
        Repeat::NthWeekday => t!(
            i18n,
            repeat_nth_weekday,
            nth = move || nth,
            weekday = move || weekday.clone()
        )
        .into_any(),
        Repeat::LastWeek => t!(i18n, repeat_last_week, weekday = move || weekday.clone()).into_any(),
        Repeat::IsoWeek => t!(
            i18n,
            repeat_iso_week,
            week = move || week,
            weekday = move || weekday.clone()
        )
        .into_any(),
    }
}

#[component]
pub fn AddEvent(
    account: AccountId,
    /// The account year's first and last day: new events fall inside the year shown.
    first_day: NaiveDate,
    last_day: NaiveDate,
    today: NaiveDate,
    sites: Vec<SiteRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let start = today.clamp(first_day, last_day);
    let (kind, set_kind) = signal(EventKind::CustomerMeeting);
    let (title, set_title) = signal(String::new());
    let (first, set_first) = signal(start);
    let (time, set_time) = signal(None::<NaiveTime>);
    let (repeat, set_repeat) = signal(Repeat::Once);
    let (open, set_open) = signal(false);
    let (problem, set_problem) = signal(None::<NewEventError>);
    // How many events the last save added, and its edits (for "sent" / "waiting").
    let (saved, set_saved) = signal(None::<(usize, Vec<uuid::Uuid>)>);
    let sites = StoredValue::new(sites);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = NewEvent {
            account_id: account,
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            first: first.get_untracked(),
            time: time.get_untracked(),
            repeat: repeat.get_untracked(),
            sites: sites.get_value(),
        };
        match plan(&new, first_day, last_day) {
            Err(e) => set_problem.set(Some(e)),
            Ok(planned) => {
                set_problem.set(None);
                let n = planned.events().len();
                let ops = planned
                    .into_changes()
                    .into_iter()
                    .map(|change| Op {
                        id: uuid::Uuid::now_v7(),
                        account_id: account,
                        change,
                    })
                    .collect::<Vec<Op>>();
                let ids: Vec<uuid::Uuid> = ops.iter().map(|op| op.id).collect();
                save_ops_then(sync, ops, move |ok| {
                    if ok {
                        set_open.set(false);
                        set_title.set(String::new());
                        set_saved.set(Some((n, ids.clone())));
                    }
                });
            }
        }
    };
    let min = first_day.format("%Y-%m-%d").to_string();
    let max = last_day.format("%Y-%m-%d").to_string();
    view! {
        <details class="event-edit add-event" prop:open=open
            on:toggle=move |ev| set_open.set(crate::ui::format::details_open(&ev))>
            <summary data-testid="add-event">"+ " {t!(i18n, add_event)}</summary>
            <form class="stack" on:submit=save>
                <label class="field">
                    <span>{t!(i18n, event_kind)}</span>
                    <select
                        data-testid="new-kind"
                        on:change=move |ev| {
                            if let Some(k) = EventKind::parse(&event_target_value(&ev)) {
                                set_kind.set(k);
                            }
                        }
                    >
                        {EventKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str() selected=move || kind.get() == k>{move || labels::kind(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, event_title_optional)}</span>
                    <input
                        type="text"
                        maxlength=MAX_TITLE_CHARS.to_string()
                        prop:value=title
                        on:input=move |ev| set_title.set(event_target_value(&ev))
                        data-testid="new-title"
                    />
                </label>
                <div class="field-row">
                    <label class="field">
                        <span>{t!(i18n, first_day)}</span>
                        <input
                            type="date"
                            required
                            min=min
                            max=max
                            prop:value=move || first.get().format("%Y-%m-%d").to_string()
                            on:change=move |ev| {
                                if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                                    set_first.set(d);
                                }
                            }
                            data-testid="new-first"
                        />
                    </label>
                    <label class="field">
                        <span>{t!(i18n, time_optional)}</span>
                        <input
                            type="time"
                            on:change=move |ev| set_time.set(NaiveTime::parse_from_str(&event_target_value(&ev), "%H:%M").ok())
                            data-testid="new-time"
                        />
                    </label>
                </div>
                <label class="field">
                    <span>{t!(i18n, repeat_label)}</span>
                    <select
                        data-testid="new-repeat"
                        on:change=move |ev| {
                            let key = event_target_value(&ev);
                            if let Some(r) = Repeat::OFFERED.into_iter().find(|r| r.key() == key) {
                                set_repeat.set(r);
                            }
                        }
                    >
                        {Repeat::OFFERED.into_iter().map(|r| view! {
                            <option value=r.key() selected=move || repeat.get() == r>
                                {move || repeat_label(i18n, r, first.get())}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                {move || problem.get().map(|p| view! {
                    <p class="notice notice-error" role="alert" data-testid="new-problem">
                        {match p {
                            NewEventError::OutsideYear => t_string!(i18n, new_outside_year).to_string(),
                            NewEventError::TitleTooLong => t_string!(i18n, err_too_long).to_string(),
                            NewEventError::BadRepeat | NewEventError::TooMany => t_string!(i18n, err_invalid).to_string(),
                        }}
                    </p>
                })}
                <button type="submit" class="button button-primary" data-testid="save-new-event">{t!(i18n, save)}</button>
            </form>
        </details>
        {move || saved.get().filter(|_| !open.get()).map(|(n, ops)| {
            let what = if n == 1 {
                t_string!(i18n, new_saved_one).to_string()
            } else {
                format!("{n} {}", t_string!(i18n, new_saved_many))
            };
            view! { <SaveNote ops what testid="new-saved" /> }
        })}
    }
    .into_any()
}
