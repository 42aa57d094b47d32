//! The clock's filters on a phone: type, status (overdue included) and a person's or site's
//! name, picked from the clock's own people and sites or typed. They narrow the wheel and the list alike.

use crate::domain::clock::filter::{ClockFilter, StatusFilter};
use crate::domain::clock::{EventKind, EventStatus};
use crate::i18n::*;
use crate::ui::labels;
use leptos::prelude::*;

const STATUSES: [(&str, Option<StatusFilter>); 6] = [
    ("", None),
    ("overdue", Some(StatusFilter::Overdue)),
    ("planned", Some(StatusFilter::Is(EventStatus::Planned))),
    ("done", Some(StatusFilter::Is(EventStatus::Done))),
    ("moved", Some(StatusFilter::Is(EventStatus::Moved))),
    ("cancelled", Some(StatusFilter::Is(EventStatus::Cancelled))),
];

#[component]
pub fn FilterBar(
    filter: RwSignal<ClockFilter>,
    /// People and sites of the clock shown, offered as a pick-list under the name field.
    choices: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status_label = move |key: &str| match key {
        "" => t_string!(i18n, filter_all_statuses).to_string(),
        "overdue" => t_string!(i18n, overdue).to_string(),
        other => EventStatus::parse(other)
            .map(|s| labels::status(i18n, s))
            .unwrap_or_default(),
    };
    view! {
        <details class="clock-filters">
            <summary data-testid="filters">{t!(i18n, filter_title)}</summary>
            <div class="field-row">
                <label class="field">
                    <span>{t!(i18n, event_kind)}</span>
                    <select data-testid="filter-kind" on:change=move |ev| {
                        let kind = EventKind::parse(&event_target_value(&ev));
                        filter.update(|f| f.kind = kind);
                    }>
                        <option value="">{t!(i18n, filter_all_kinds)}</option>
                        {EventKind::ALL.into_iter().map(|k| view! {
                            <option value=k.as_str()>{move || labels::kind(i18n, k)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{t!(i18n, status_label)}</span>
                    <select data-testid="filter-status" on:change=move |ev| {
                        let key = event_target_value(&ev);
                        let status = STATUSES.iter().find(|(k, _)| *k == key).and_then(|(_, s)| *s);
                        filter.update(|f| f.status = status);
                    }>
                        {STATUSES.iter().map(|(key, _)| {
                            let key = *key;
                            view! { <option value=key>{move || status_label(key)}</option> }
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <label class="field">
                <span>{t!(i18n, filter_who)}</span>
                <input
                    type="search"
                    list="filter-who-choices"
                    autocomplete="off"
                    data-testid="filter-who"
                    prop:value=move || filter.with(|f| f.who.clone())
                    on:input=move |ev| {
                        let who = event_target_value(&ev);
                        filter.update(|f| f.who = who);
                    }
                />
                <datalist id="filter-who-choices">
                    {move || choices.get().into_iter().map(|name| view! { <option value=name /> }).collect_view()}
                </datalist>
            </label>
        </details>
    }
    .into_any()
}
