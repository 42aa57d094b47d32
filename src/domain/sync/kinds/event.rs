//! A clock event, declared for the engine: its seven fields, each merged on its own; a
//! supervisor marks their own site's visits done and writes notes on them.

use crate::domain::clock::ClockEvent;
use crate::domain::sync::ops::{
    check_date, EventField, Field, FieldValue, RejectReason, MAX_NOTE_CHARS, MAX_TITLE_CHARS,
};
use crate::domain::sync::record::Record;

impl Record for ClockEvent {
    type Field = EventField;
    const NOT_MINE: &'static str = "not_an_event_field";

    fn fields() -> Vec<EventField> {
        EventField::ALL.to_vec()
    }

    fn field_of(value: &FieldValue) -> Option<EventField> {
        match value.field() {
            Field::Event(field) => Some(field),
            Field::Card(_) | Field::Doc(_) => None,
        }
    }

    fn read(&self, field: EventField) -> FieldValue {
        match field {
            EventField::Title => FieldValue::Title(self.title.clone()),
            EventField::StartsOn => FieldValue::StartsOn(self.starts_on),
            EventField::EndsOn => FieldValue::EndsOn(self.ends_on),
            EventField::Time => FieldValue::Time(self.time),
            EventField::Status => FieldValue::Status(self.status),
            EventField::Note => FieldValue::Note(self.note.clone()),
            EventField::Responsible => FieldValue::Responsible(self.responsible.clone()),
        }
    }

    fn write(&mut self, value: &FieldValue) {
        match value {
            FieldValue::Title(v) => self.title = v.clone(),
            FieldValue::StartsOn(v) => self.starts_on = *v,
            FieldValue::EndsOn(v) => self.ends_on = *v,
            FieldValue::Time(v) => self.time = *v,
            FieldValue::Status(v) => self.status = *v,
            FieldValue::Note(v) => self.note = v.clone(),
            FieldValue::Responsible(v) => self.responsible = v.clone(),
            _ => {}
        }
    }

    fn check(value: &FieldValue) -> Result<(), RejectReason> {
        match value {
            FieldValue::Title(t) if t.chars().count() > MAX_TITLE_CHARS => {
                Err(RejectReason::Invalid("title_too_long".into()))
            }
            FieldValue::Note(n) if n.chars().count() > MAX_NOTE_CHARS => {
                Err(RejectReason::Invalid("note_too_long".into()))
            }
            FieldValue::StartsOn(d) | FieldValue::EndsOn(Some(d)) => check_date(*d),
            _ => Ok(()),
        }
    }

    fn open_to_site(field: EventField) -> bool {
        matches!(field, EventField::Status | EventField::Note)
    }
}
