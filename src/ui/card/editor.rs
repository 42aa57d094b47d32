//! The director updates this month's quality card from a phone, online or not: the traffic
//! light and its description, each sent as its own field edit through the outbox.

use crate::domain::card::{QualityCard, TrafficLight, MAX_SUMMARY_CHARS, MIN_EXPLANATION_CHARS};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use crate::domain::sync::card_edits::card_edits;
use crate::i18n::*;
use crate::ui::labels;
use crate::ui::sync::editor::save_ops_then;
use crate::ui::sync::state::use_sync;
use leptos::prelude::*;

/// `cards` is the account's cards as shown (waiting edits included). The editor starts from
/// this month's card, or carries last month's forward so nothing is typed twice.
#[component]
pub fn CardEditor(account: AccountId, period: YearMonth, cards: Memo<Vec<QualityCard>>) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let start = cards.with_untracked(|all| {
        all.iter()
            .find(|c| c.period == period)
            .or_else(|| crate::domain::card::latest(all))
            .map(|c| (c.light, c.summary.clone()))
            .unwrap_or((TrafficLight::Green, String::new()))
    });
    let (light, set_light) = signal(start.0);
    let (summary, set_summary) = signal(start.1);
    let (open, set_open) = signal(false);
    let (problem, set_problem) = signal(false);
    let (saved, set_saved) = signal(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (l, text) = (light.get_untracked(), summary.get_untracked());
        if crate::domain::card::validate_summary(l, &text).is_err() {
            set_problem.set(true);
            return;
        }
        set_problem.set(false);
        let current = cards.with_untracked(|all| all.iter().find(|c| c.period == period).cloned());
        let ops = card_edits(account, period, current.as_ref(), l, &text);
        if ops.is_empty() {
            set_open.set(false);
            return;
        }
        save_ops_then(sync, ops, move |ok| {
            if ok {
                set_open.set(false);
                set_saved.set(true);
            }
        });
    };
    let period_label = period.short_label();
    view! {
        <details class="event-edit card-edit" prop:open=open
            on:toggle=move |ev| set_open.set(crate::ui::format::details_open(&ev))>
            <summary data-testid="edit-card">{t!(i18n, card_update, period = move || period_label.clone())}</summary>
            <form class="stack" on:submit=save>
                <fieldset class="status-choices">
                    <legend>{t!(i18n, field_light)}</legend>
                    {[TrafficLight::Green, TrafficLight::Yellow, TrafficLight::Red].into_iter().map(|choice| view! {
                        <label class="choice" class:chosen=move || light.get() == choice>
                            <input
                                type="radio"
                                name="card-light"
                                value=choice.as_str()
                                prop:checked=move || light.get() == choice
                                on:change=move |_| set_light.set(choice)
                                data-testid=format!("card-light-{}", choice.as_str())
                            />
                            <span class=format!("light light-{}", choice.as_str())></span>
                            {move || labels::light(i18n, choice)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <label class="field">
                    <span>{t!(i18n, field_summary)}</span>
                    <textarea
                        rows="4"
                        maxlength=MAX_SUMMARY_CHARS.to_string()
                        prop:value=summary
                        on:input=move |ev| set_summary.set(event_target_value(&ev))
                        data-testid="card-summary-input"
                    ></textarea>
                </label>
                <p class="muted">{t!(i18n, card_explain_hint)}</p>
                <Show when=move || problem.get()>
                    <p class="notice notice-error" role="alert" data-testid="card-problem">
                        {t!(i18n, card_needs_explanation, min = move || MIN_EXPLANATION_CHARS)}
                    </p>
                </Show>
                <button type="submit" class="button button-primary" data-testid="save-card">{t!(i18n, save)}</button>
            </form>
        </details>
        <Show when=move || saved.get() && !open.get()>
            <p class="saved-note" role="status">{t!(i18n, saved_on_device)}</p>
        </Show>
    }
    .into_any()
}
