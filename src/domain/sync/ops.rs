//! The edit operations and their answers.

use crate::domain::clock::{ClockEvent, EventStatus, PersonRef};
use crate::domain::ids::AccountId;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest title and note a field edit may carry (characters).
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 2000;

/// A field of a clock event that is edited on its own, so that two people editing different
/// fields of one event offline both keep their edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventField {
    Title,
    StartsOn,
    EndsOn,
    Time,
    Status,
    Note,
    Responsible,
}

impl EventField {
    pub const ALL: [EventField; 7] = [
        EventField::Title,
        EventField::StartsOn,
        EventField::EndsOn,
        EventField::Time,
        EventField::Status,
        EventField::Note,
        EventField::Responsible,
    ];
}

/// The value of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Title(String),
    StartsOn(NaiveDate),
    EndsOn(Option<NaiveDate>),
    Time(Option<NaiveTime>),
    Status(EventStatus),
    Note(String),
    Responsible(Option<PersonRef>),
}

impl FieldValue {
    pub fn field(&self) -> EventField {
        match self {
            FieldValue::Title(_) => EventField::Title,
            FieldValue::StartsOn(_) => EventField::StartsOn,
            FieldValue::EndsOn(_) => EventField::EndsOn,
            FieldValue::Time(_) => EventField::Time,
            FieldValue::Status(_) => EventField::Status,
            FieldValue::Note(_) => EventField::Note,
            FieldValue::Responsible(_) => EventField::Responsible,
        }
    }

    /// The current value of `field` in `event`.
    pub fn read(event: &ClockEvent, field: EventField) -> FieldValue {
        match field {
            EventField::Title => FieldValue::Title(event.title.clone()),
            EventField::StartsOn => FieldValue::StartsOn(event.starts_on),
            EventField::EndsOn => FieldValue::EndsOn(event.ends_on),
            EventField::Time => FieldValue::Time(event.time),
            EventField::Status => FieldValue::Status(event.status),
            EventField::Note => FieldValue::Note(event.note.clone()),
            EventField::Responsible => FieldValue::Responsible(event.responsible.clone()),
        }
    }

    /// Writes this value into `event`.
    pub fn write(&self, event: &mut ClockEvent) {
        match self {
            FieldValue::Title(v) => event.title = v.clone(),
            FieldValue::StartsOn(v) => event.starts_on = *v,
            FieldValue::EndsOn(v) => event.ends_on = *v,
            FieldValue::Time(v) => event.time = *v,
            FieldValue::Status(v) => event.status = *v,
            FieldValue::Note(v) => event.note = v.clone(),
            FieldValue::Responsible(v) => event.responsible = v.clone(),
        }
    }
}

/// What an operation changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    CreateEvent {
        event: ClockEvent,
    },
    /// `base` is the value the author saw before editing: if the server's value differs,
    /// someone else changed the field meanwhile and this edit is a conflict.
    UpdateEvent {
        event_id: Uuid,
        base: FieldValue,
        value: FieldValue,
    },
    DeleteEvent {
        event_id: Uuid,
    },
}

impl Change {
    pub fn event_id(&self) -> Uuid {
        match self {
            Change::CreateEvent { event } => event.id,
            Change::UpdateEvent { event_id, .. } | Change::DeleteEvent { event_id } => *event_id,
        }
    }
}

/// One edit, with a unique id made by the client (UUIDv7) so that a retry is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    pub id: Uuid,
    pub account_id: AccountId,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum RejectReason {
    /// The event does not exist (any more): someone deleted it.
    NotFound,
    /// An event with this id exists already with different content.
    AlreadyExists,
    /// The account or event is not the author's to edit.
    Forbidden,
    /// A value is not acceptable; the text names the rule.
    Invalid(String),
}

/// The server's answer to one operation. Every answer but `Applied` and `Duplicate` is shown
/// to the author: nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    /// Seen before (a retry): nothing changed this time.
    Duplicate,
    /// Someone else changed the field first; their value stays, this one is kept as the loser.
    Conflict {
        winning: FieldValue,
        losing: FieldValue,
    },
    Rejected(RejectReason),
}

/// Checks a change's values, whatever the state of the store.
pub fn validate(change: &Change) -> Result<(), RejectReason> {
    let check_value = |v: &FieldValue| match v {
        FieldValue::Title(t) if t.chars().count() > MAX_TITLE_CHARS => {
            Err(RejectReason::Invalid("title_too_long".into()))
        }
        FieldValue::Note(n) if n.chars().count() > MAX_NOTE_CHARS => {
            Err(RejectReason::Invalid("note_too_long".into()))
        }
        _ => Ok(()),
    };
    match change {
        Change::CreateEvent { event } => {
            check_value(&FieldValue::Title(event.title.clone()))?;
            check_value(&FieldValue::Note(event.note.clone()))?;
            if event.ends_on.is_some_and(|end| end < event.starts_on) {
                return Err(RejectReason::Invalid("ends_before_start".into()));
            }
            Ok(())
        }
        Change::UpdateEvent { base, value, .. } => {
            if base.field() != value.field() {
                return Err(RejectReason::Invalid("base_and_value_differ".into()));
            }
            check_value(value)
        }
        Change::DeleteEvent { .. } => Ok(()),
    }
}
