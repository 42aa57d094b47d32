//! "Omat": the person's own events across all their accounts, overdue first, then this ISO week
//! and the next. A supervisor marks a visit done right here; the edit goes through the outbox.

use crate::api::accounts::my_week;
use crate::domain::clock::my_week::{MyItem, MyWeek};
use crate::i18n::*;
use crate::offline::state::use_sync;
use crate::ui::accounts::clock::WaitingMark;
use crate::ui::error_view::ErrorView;
use crate::ui::layout::Page;
use crate::ui::loaded::Loaded;
use crate::ui::sync::editor::EventEditor;
use crate::ui::{format, labels};
use chrono::Datelike;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyWeekPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = Resource::new(|| (), |_| my_week());
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, my_week_title)) />
        <Page signed_in=true>
            <h1>{t!(i18n, my_week_title)}</h1>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                {move || data.loaded().map(|result| match result {
                    Ok(week) => view! { <WeekView week /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

#[component]
fn WeekView(week: MyWeek) -> impl IntoView {
    let i18n = use_i18n();
    let this_week = week.today.iso_week().week();
    let next_week = (week.today + chrono::Duration::days(7)).iso_week().week();
    let empty = week.overdue.is_empty() && week.this_week.is_empty() && week.next_week.is_empty();
    let MyWeek {
        overdue,
        this_week: now,
        next_week: next,
        ..
    } = week;
    view! {
        {empty.then(|| view! { <p class="empty" data-testid="my-week-empty">{t!(i18n, my_week_empty)}</p> })}
        {(!overdue.is_empty()).then(|| view! {
            <section class="section my-group overdue-group" data-testid="my-overdue">
                <h2>{t!(i18n, overdue)} " (" {overdue.len()} ")"</h2>
                <Items items=overdue />
            </section>
        })}
        <section class="section my-group" data-testid="my-this-week">
            <h2>{t!(i18n, my_this_week, week = move || this_week)}</h2>
            <Items items=now />
        </section>
        <section class="section my-group" data-testid="my-next-week">
            <h2>{t!(i18n, my_next_week, week = move || next_week)}</h2>
            <Items items=next />
        </section>
    }
    .into_any()
}

#[component]
fn Items(items: Vec<MyItem>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    if items.is_empty() {
        return view! { <p class="muted">{t!(i18n, nothing_this_month)}</p> }.into_any();
    }
    view! {
        <ul class="events my-items">
            {items.into_iter().map(|item| {
                let account = item.account_id;
                let original = item.event.clone();
                // The person's own waiting edits show at once, as on the account page.
                let shown = Memo::new(move |_| {
                    sync.with_pending(account, std::slice::from_ref(&original), &[])
                        .0
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| original.clone())
                });
                let id = item.event.id;
                let waiting = move || sync.pending_events(account).contains(&id);
                let href = format!("/asiakkuus/{account}#e-{id}");
                let name = item.account_name.clone();
                view! {
                    <li class="event my-item" data-event=id.to_string() data-testid="my-item">
                        {move || {
                            let e = shown.get();
                            let title = if e.title.is_empty() { labels::kind(i18n, e.kind) } else { e.title.clone() };
                            let site = e.site.as_ref().map(|s| s.name.clone());
                            let status = e.status;
                            view! {
                                <span class="event-date">{format::event_date(&e)}</span>
                                <span class="event-title">{crate::ui::format::breakable(i18n, &title)}</span>
                                {site.map(|s| view! { <span class="event-meta">{s}</span> })}
                                // Planned is the normal state: only a change of it is worth a chip.
                                {(status != crate::domain::clock::EventStatus::Planned).then(|| view! {
                                    <span class=format!("status-chip chip-{}", status.as_str()) data-testid="my-status">
                                        {labels::status(i18n, status)}
                                    </span>
                                })}
                            }
                        }}
                        <a class="event-meta" href=href>{name}</a>
                        <div class="event-extra">
                            {move || view! { <WaitingMark waiting=waiting() /> }}
                            {item.editable.then(|| view! { <EventEditor event=item.event.clone() /> })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
