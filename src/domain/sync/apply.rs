//! Applying a change to a set of clock events: the one rule both sides share.

use super::ops::{validate, Change, FieldValue, Outcome, RejectReason};
use crate::domain::clock::ClockEvent;
use std::collections::HashMap;
use uuid::Uuid;

/// Where events live: the server's database, a browser's IndexedDB copy, or a map in tests.
pub trait EventStore {
    fn get(&self, id: Uuid) -> Option<ClockEvent>;
    fn put(&mut self, event: ClockEvent);
    fn remove(&mut self, id: Uuid);
}

impl EventStore for HashMap<Uuid, ClockEvent> {
    fn get(&self, id: Uuid) -> Option<ClockEvent> {
        HashMap::get(self, &id).cloned()
    }
    fn put(&mut self, event: ClockEvent) {
        self.insert(event.id, event);
    }
    fn remove(&mut self, id: Uuid) {
        HashMap::remove(self, &id);
    }
}

/// The server decides; a browser shows its own edits at once and waits for the server's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A field edit whose `base` no longer matches is a conflict and changes nothing:
    /// the first edit to reach the server wins, deterministically.
    Authoritative,
    /// The edit is shown at once, whatever the base.
    Optimistic,
}

pub fn apply(store: &mut impl EventStore, change: &Change, mode: Mode) -> Outcome {
    if let Err(reason) = validate(change) {
        return Outcome::Rejected(reason);
    }
    match change {
        Change::CreateEvent { event } => match store.get(event.id) {
            Some(existing) if existing == *event => Outcome::Duplicate,
            Some(_) if mode == Mode::Authoritative => Outcome::Rejected(RejectReason::AlreadyExists),
            _ => {
                store.put(event.clone());
                Outcome::Applied
            }
        },
        Change::UpdateEvent {
            event_id,
            base,
            value,
        } => {
            let Some(mut event) = store.get(*event_id) else {
                return Outcome::Rejected(RejectReason::NotFound);
            };
            let current = FieldValue::read(&event, value.field());
            if mode == Mode::Authoritative && current != *base && current != *value {
                return Outcome::Conflict {
                    winning: current,
                    losing: value.clone(),
                };
            }
            value.write(&mut event);
            store.put(event);
            Outcome::Applied
        }
        Change::DeleteEvent { event_id } => {
            // Deleting what is already gone is not an error: the result is the same.
            store.remove(*event_id);
            Outcome::Applied
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::{EventKind, EventStatus};
    use crate::domain::ids::AccountId;
    use chrono::NaiveDate;

    fn event(id: u128) -> ClockEvent {
        ClockEvent {
            id: Uuid::from_u128(id),
            account_id: AccountId(1),
            kind: EventKind::CustomerMeeting,
            title: String::new(),
            starts_on: NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
            ends_on: None,
            time: None,
            owner_role: EventKind::CustomerMeeting.default_owner(),
            responsible: None,
            site: None,
            status: EventStatus::Planned,
            note: String::new(),
        }
    }

    fn update(id: u128, base: FieldValue, value: FieldValue) -> Change {
        Change::UpdateEvent {
            event_id: Uuid::from_u128(id),
            base,
            value,
        }
    }

    #[test]
    fn edits_to_different_fields_of_one_event_both_survive() {
        let mut server: HashMap<Uuid, ClockEvent> = HashMap::new();
        apply(
            &mut server,
            &Change::CreateEvent { event: event(1) },
            Mode::Authoritative,
        );
        let a = update(
            1,
            FieldValue::Note(String::new()),
            FieldValue::Note("Avaimet vahtimestarilta".into()),
        );
        let b = update(
            1,
            FieldValue::Status(EventStatus::Planned),
            FieldValue::Status(EventStatus::Done),
        );
        assert_eq!(apply(&mut server, &a, Mode::Authoritative), Outcome::Applied);
        assert_eq!(apply(&mut server, &b, Mode::Authoritative), Outcome::Applied);
        let e = &server[&Uuid::from_u128(1)];
        assert_eq!(
            (e.note.as_str(), e.status),
            ("Avaimet vahtimestarilta", EventStatus::Done)
        );
    }

    #[test]
    fn the_second_edit_of_the_same_field_loses_and_keeps_its_value() {
        let mut server: HashMap<Uuid, ClockEvent> = HashMap::new();
        apply(
            &mut server,
            &Change::CreateEvent { event: event(1) },
            Mode::Authoritative,
        );
        let first = update(1, FieldValue::Note(String::new()), FieldValue::Note("A".into()));
        let second = update(1, FieldValue::Note(String::new()), FieldValue::Note("B".into()));
        assert_eq!(apply(&mut server, &first, Mode::Authoritative), Outcome::Applied);
        assert_eq!(
            apply(&mut server, &second, Mode::Authoritative),
            Outcome::Conflict {
                winning: FieldValue::Note("A".into()),
                losing: FieldValue::Note("B".into())
            }
        );
        assert_eq!(server[&Uuid::from_u128(1)].note, "A");
        // The browser shows its own edit at once, whatever the base.
        let mut browser: HashMap<Uuid, ClockEvent> = HashMap::new();
        browser.put(event(1));
        browser.put({
            let mut e = event(1);
            e.note = "A".into();
            e
        });
        assert_eq!(apply(&mut browser, &second, Mode::Optimistic), Outcome::Applied);
        assert_eq!(browser[&Uuid::from_u128(1)].note, "B");
    }

    #[test]
    fn edits_of_a_deleted_event_are_rejected_not_dropped_and_deletes_are_idempotent() {
        let mut server: HashMap<Uuid, ClockEvent> = HashMap::new();
        apply(
            &mut server,
            &Change::CreateEvent { event: event(1) },
            Mode::Authoritative,
        );
        let delete = Change::DeleteEvent {
            event_id: Uuid::from_u128(1),
        };
        assert_eq!(apply(&mut server, &delete, Mode::Authoritative), Outcome::Applied);
        assert_eq!(apply(&mut server, &delete, Mode::Authoritative), Outcome::Applied);
        let edit = update(1, FieldValue::Note(String::new()), FieldValue::Note("x".into()));
        assert_eq!(
            apply(&mut server, &edit, Mode::Authoritative),
            Outcome::Rejected(RejectReason::NotFound)
        );
    }

    #[test]
    fn bad_values_are_rejected_with_a_reason() {
        let mut server: HashMap<Uuid, ClockEvent> = HashMap::new();
        apply(
            &mut server,
            &Change::CreateEvent { event: event(1) },
            Mode::Authoritative,
        );
        let long = update(
            1,
            FieldValue::Note(String::new()),
            FieldValue::Note("x".repeat(2001)),
        );
        assert_eq!(
            apply(&mut server, &long, Mode::Authoritative),
            Outcome::Rejected(RejectReason::Invalid("note_too_long".into()))
        );
        let mixed = update(1, FieldValue::Note(String::new()), FieldValue::Title("x".into()));
        assert!(matches!(
            apply(&mut server, &mixed, Mode::Authoritative),
            Outcome::Rejected(_)
        ));
        let mut backwards = event(2);
        backwards.ends_on = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(
            apply(
                &mut server,
                &Change::CreateEvent { event: backwards },
                Mode::Authoritative
            ),
            Outcome::Rejected(RejectReason::Invalid("ends_before_start".into()))
        );
        let mut other = event(1);
        other.title = "toinen".into();
        assert_eq!(
            apply(
                &mut server,
                &Change::CreateEvent { event: other },
                Mode::Authoritative
            ),
            Outcome::Rejected(RejectReason::AlreadyExists)
        );
        assert_eq!(
            apply(
                &mut server,
                &Change::CreateEvent { event: event(1) },
                Mode::Authoritative
            ),
            Outcome::Duplicate
        );
    }
}
