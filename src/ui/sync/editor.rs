//! Editing an event's status and note, on a phone, online or not. An edit is written to the
//! device's outbox first; only then does the UI call it saved, and the sync engine sends it.

use crate::domain::clock::{ClockEvent, EventStatus};
use crate::domain::sync::ops::MAX_NOTE_CHARS;
use crate::domain::sync::{Change, FieldValue, Op};
use crate::i18n::*;
use crate::offline::outbox::save_ops_then;
use crate::offline::state::{use_sync, Draft};
use crate::ui::labels;
use leptos::prelude::*;

#[component]
pub fn EventEditor(event: ClockEvent) -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_sync();
    let id = event.id;
    // Typed text lives in the shared drafts, so a refresh of the list or a lost focus keeps it.
    let draft = sync
        .drafts
        .with_untracked(|d| d.get(&id).cloned())
        .unwrap_or(Draft {
            status: event.status,
            note: event.note.clone(),
        });
    let (status, set_status) = signal(draft.status);
    let (note, set_note) = signal(draft.note);
    let remember = move || {
        let d = Draft {
            status: status.get_untracked(),
            note: note.get_untracked(),
        };
        sync.drafts.update(|all| {
            all.insert(id, d);
        });
    };
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
            sync.editing.set(None);
            return;
        }
        let op_ids: Vec<uuid::Uuid> = ops.iter().map(|op| op.id).collect();
        // The form closes and the list is redrawn after the sync: the row stays where it is.
        crate::ui::scroll::hold_in_place(row_selector(&ev, id));
        save_ops_then(sync, ops, move |ok| {
            // Only a saved edit lets go of the draft; a failed one keeps every typed character.
            if ok {
                sync.drafts.update(|all| {
                    all.remove(&id);
                });
                sync.last_saved.set(Some((id, op_ids.clone())));
                sync.editing.set(None);
            }
        });
    };
    let choices = [
        EventStatus::Planned,
        EventStatus::Done,
        EventStatus::Moved,
        EventStatus::Cancelled,
    ];
    view! {
        <details
            class="event-edit"
            prop:open=move || sync.editing.get() == Some(id)
            on:toggle=move |ev| {
                // Event handlers run in the browser only.
                #[cfg(feature = "hydrate")]
                {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    if open {
                        sync.editing.set(Some(id));
                    } else if sync.editing.get_untracked() == Some(id) {
                        sync.editing.set(None);
                    }
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }
        >
            <summary data-testid="edit-event">{t!(i18n, edit)}</summary>
            // The form exists only while open: a year's clock has hundreds of rows, and a form
            // in each made the page several times heavier. Typed text lives in the drafts.
            <Show when=move || sync.editing.get() == Some(id)>
            <form class="stack" on:submit=save>
                <fieldset class="status-choices">
                    <legend>{t!(i18n, status_label)}</legend>
                    {choices.into_iter().map(|choice| view! {
                        <label class="choice" class:chosen=move || status.get() == choice>
                            <input
                                type="radio"
                                name=format!("status-{id}")
                                value=choice.as_str()
                                prop:checked=move || status.get() == choice
                                on:change=move |_| {
                                    set_status.set(choice);
                                    remember();
                                }
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
                        on:input=move |ev| {
                            set_note.set(event_target_value(&ev));
                            remember();
                        }
                        data-testid="note-input"
                    ></textarea>
                </label>
                <button type="submit" class="button button-primary" data-testid="save-event">{t!(i18n, save)}</button>
            </form>
            </Show>
        </details>
    }
}

/// The edited row, in the part of the page where it was edited: a supervisor's visit is both in
/// their own block and in the year's list.
fn row_selector(ev: &leptos::ev::SubmitEvent, id: uuid::Uuid) -> String {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let section = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|form| form.closest("section[id]").ok().flatten())
            .map(|s| s.id());
        if let Some(section) = section {
            return format!("#{section} li[data-event=\"{id}\"]");
        }
    }
    let _ = ev;
    format!("li[data-event=\"{id}\"]")
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
