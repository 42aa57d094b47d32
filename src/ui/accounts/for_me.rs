//! The supervisor's block at the top of an account's page: my sites here, the visits due this
//! month (marked done right here), and what was agreed or instructed lately. Rules live in
//! `domain::clock::for_me`; the rows are the list's own rows.

use super::clock::{ClockFolds, EventRow, RowContext};
use crate::domain::account::EditRights;
use crate::domain::card::response::CardComment;
use crate::domain::clock::for_me::for_me;
use crate::domain::clock::ClockEvent;
use crate::domain::dates::format_date;
use crate::i18n::*;
use crate::ui::{format, labels};
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::HashSet;
use uuid::Uuid;

#[component]
pub fn ForMe(
    events: Memo<Vec<ClockEvent>>,
    pending: Memo<HashSet<Uuid>>,
    rights: EditRights,
    my_site_names: Vec<String>,
    /// Instructions from management on the latest card, as far as this person may read them.
    instructions: Vec<CardComment>,
    today: NaiveDate,
) -> impl IntoView {
    let i18n = use_i18n();
    let my_sites = rights.my_sites.clone();
    let block = Memo::new(move |_| events.with(|all| for_me(all, &my_sites, today)));
    let rights = StoredValue::new(rights);
    let folds = ClockFolds::new();
    let has_instructions = !instructions.is_empty();
    view! {
        <section id="sinulle" class="section for-me" data-testid="for-me">
            <h2>{t!(i18n, for_me_title)}</h2>
            <p class="for-me-sites">
                <span class="muted">{t!(i18n, for_me_sites)} ": "</span>
                {my_site_names.join(", ")}
            </p>
            <h3>{t!(i18n, for_me_visits)}</h3>
            {move || {
                let ctx = RowContext {
                    today,
                    rights: rights.get_value(),
                    pending: pending.get(),
                    folds,
                };
                let visits = block.with(|b| b.visits.clone());
                let none = visits.is_empty();
                view! {
                    {none.then(|| view! { <p class="muted">{t!(i18n, for_me_no_visits)}</p> })}
                    <ul class="events" data-testid="for-me-visits">
                        {visits
                            .into_iter()
                            .map(|event| view! { <EventRow event ctx=ctx.clone() summary=true /> })
                            .collect_view()}
                    </ul>
                }
            }}
            <h3>{t!(i18n, for_me_agreed)}</h3>
            <ul class="agreed" data-testid="for-me-agreed">
                {instructions
                    .into_iter()
                    .map(|c| {
                        let period = c.period.short_label();
                        view! {
                            <li class="agreed-item instruction">
                                <span class="agreed-when">
                                    {t!(i18n, for_me_instruction, period = move || period.clone())}
                                </span>
                                <span>{c.text}</span>
                            </li>
                        }
                    })
                    .collect_view()}
                {move || {
                    let notes = block.with(|b| b.notes.clone());
                    notes
                        .into_iter()
                        .map(|e| {
                            let what = match (&e.site, e.title.is_empty()) {
                                (Some(site), _) => format!("{}: {}", labels::kind(i18n, e.kind), site.name),
                                (None, true) => labels::kind(i18n, e.kind),
                                (None, false) => e.title.clone(),
                            };
                            let when = format_date(e.starts_on);
                            view! {
                                <li class="agreed-item">
                                    <span class="agreed-when">{when} " · " {format::breakable(i18n, &what)}</span>
                                    <span class="event-note">{e.note}</span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            {move || {
                let nothing = !has_instructions && block.with(|b| b.notes.is_empty());
                nothing.then(|| view! { <p class="muted">{t!(i18n, for_me_nothing_agreed)}</p> })
            }}
        </section>
    }
}
