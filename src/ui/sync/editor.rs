//! Editing an event's status and note, on a phone, online or not. An edit is written to the
//! device's outbox first; only then does the UI call it saved, and the sync engine sends it.

use super::state::{use_sync, StoreProblem, SyncState};
use crate::domain::clock::{ClockEvent, EventStatus};
use crate::domain::sync::ops::MAX_NOTE_CHARS;
use crate::domain::sync::{Change, FieldValue, Op};
use crate::i18n::*;
use crate::ui::labels;
use leptos::prelude::*;

/// Saves edits on the device, then asks for a sync. Calls `done(true)` once they are safe.
pub fn save_ops_then(sync: SyncState, ops: Vec<Op>, done: impl Fn(bool) + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        for op in &ops {
            if let Err(e) = crate::offline::store::enqueue(op).await {
                sync.store_problem.set(Some(match e {
                    crate::offline::store::StoreError::QuotaExceeded => StoreProblem::Full,
                    _ => StoreProblem::Unavailable,
                }));
                done(false);
                return;
            }
            sync.outbox.update(|o| o.push(op.clone()));
        }
        sync.request_sync();
        done(true);
    });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (sync, ops, StoreProblem::Full);
        done(false);
    }
}

pub fn save_ops(sync: SyncState, ops: Vec<Op>) {
    save_ops_then(sync, ops, |_| {});
}

#[component]
pub fn EventEditor(event: ClockEvent) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let (status, set_status) = signal(event.status);
    // The typed note lives in a signal, so nothing typed is lost when the field loses focus.
    let (note, set_note) = signal(event.note.clone());
    let (saved, set_saved) = signal(false);
    let original = StoredValue::new(event);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let event = original.get_value();
        let mut ops = Vec::new();
        let new_status = status.get_untracked();
        if new_status != event.status {
            ops.push(update(
                &event,
                FieldValue::Status(event.status),
                FieldValue::Status(new_status),
            ));
        }
        let new_note = note.get_untracked();
        if new_note != event.note {
            ops.push(update(
                &event,
                FieldValue::Note(event.note.clone()),
                FieldValue::Note(new_note),
            ));
        }
        if ops.is_empty() {
            return;
        }
        set_saved.set(false);
        save_ops_then(sync, ops, move |ok| set_saved.set(ok));
    };
    let choices = [
        EventStatus::Planned,
        EventStatus::Done,
        EventStatus::Moved,
        EventStatus::Cancelled,
    ];
    view! {
        <details class="event-edit">
            <summary data-testid="edit-event">{t!(i18n, edit)}</summary>
            <form class="stack" on:submit=save>
                <fieldset class="status-choices">
                    <legend>{t!(i18n, status_label)}</legend>
                    {choices.into_iter().map(|choice| view! {
                        <label class="choice" class:chosen=move || status.get() == choice>
                            <input
                                type="radio"
                                name="status"
                                value=choice.as_str()
                                prop:checked=move || status.get() == choice
                                on:change=move |_| set_status.set(choice)
                            />
                            {move || labels::status(i18n, choice)}
                        </label>
                    }).collect_view()}
                </fieldset>
                <label class="field">
                    <span>{t!(i18n, note_label)}</span>
                    <textarea
                        rows="3"
                        maxlength=MAX_NOTE_CHARS.to_string()
                        prop:value=note
                        on:input=move |ev| set_note.set(event_target_value(&ev))
                        data-testid="note-input"
                    ></textarea>
                </label>
                <button type="submit" class="button button-primary" data-testid="save-event">{t!(i18n, save)}</button>
                <Show when=move || saved.get()>
                    <p class="saved-note" role="status" data-testid="saved-on-device">{t!(i18n, saved_on_device)}</p>
                </Show>
            </form>
        </details>
    }
}

fn update(event: &ClockEvent, base: FieldValue, value: FieldValue) -> Op {
    Op {
        id: uuid::Uuid::now_v7(),
        account_id: event.account_id,
        change: Change::UpdateEvent {
            event_id: event.id,
            base,
            value,
        },
    }
}
