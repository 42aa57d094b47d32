//! What a kind of record edited offline declares, and what the engine gives it for that.
//!
//! A kind edited field by field (`Record`) declares its fields, how each is read and written,
//! each value's own rules, which fields a supervisor may edit on a record of their own site
//! (everyone else's rights come from `domain::access::edits_account`), and when the whole record
//! refuses edits. The engine then merges each field on its own — the first edit to reach the
//! server wins, a later edit made on an older value is a conflict whose losing value is kept for
//! its author — and checks every edit the same way on the device and on the server.
//!
//! A record made whole once under a device-made id (an event as created, a series) gets "a
//! retry is a duplicate, another record under a taken id is refused" (`create`).
//!
//! The declarations are in `kinds/`, one file per kind.

use super::apply::Mode;
use super::ops::{FieldValue, Outcome, RejectReason};

pub trait Record: Clone {
    /// One field, edited on its own.
    type Field: Copy + Eq + std::fmt::Debug;
    /// The rule a value of another kind's field breaks when sent for this kind.
    const NOT_MINE: &'static str;
    /// Every field a person edits, in the editor's order.
    fn fields() -> Vec<Self::Field>;
    /// The field a value is for, when it is one of this kind's.
    fn field_of(value: &FieldValue) -> Option<Self::Field>;
    fn read(&self, field: Self::Field) -> FieldValue;
    /// Writes a value of one of this kind's fields (`field_of` is `Some`); others change nothing.
    fn write(&mut self, value: &FieldValue);
    /// A value's own rules (length, range), whoever writes it.
    fn check(_value: &FieldValue) -> Result<(), RejectReason> {
        Ok(())
    }
    /// A field a supervisor may edit on a record of a site they run (or one naming them
    /// responsible). The account's director and admins edit every field.
    fn open_to_site(_field: Self::Field) -> bool {
        false
    }
    /// Why the record refuses every edit now, if it does (a submitted card).
    fn frozen(&self) -> Option<&'static str> {
        None
    }
}

/// The checks of a field edit that need no stored record: the base and the value are of the
/// same field, of this kind, and the value keeps its rules.
pub fn check_edit<R: Record>(base: &FieldValue, value: &FieldValue) -> Result<R::Field, RejectReason> {
    if base.field() != value.field() {
        return Err(RejectReason::Invalid("base_and_value_differ".into()));
    }
    let field = R::field_of(value).ok_or_else(|| RejectReason::Invalid(R::NOT_MINE.into()))?;
    R::check(value)?;
    Ok(field)
}

/// Every field of a whole new record keeps its rules.
pub fn check_whole<R: Record>(record: &R) -> Result<(), RejectReason> {
    R::fields()
        .into_iter()
        .try_for_each(|f| R::check(&record.read(f)))
}

/// One field edit of one record. `base` is the value its author saw: on the server, when the
/// stored value differs from both it and the new value, someone else changed the field first
/// and this edit is a conflict that changes nothing. A browser shows its edit whatever the base.
pub fn edit<R: Record>(record: &mut R, base: &FieldValue, value: &FieldValue, mode: Mode) -> Outcome {
    let field = match check_edit::<R>(base, value) {
        Ok(field) => field,
        Err(reason) => return Outcome::Rejected(reason),
    };
    if let Some(rule) = record.frozen() {
        return Outcome::Rejected(RejectReason::Invalid(rule.into()));
    }
    if let Some(conflict) = merge(&record.read(field), base, value, mode) {
        return conflict;
    }
    record.write(value);
    Outcome::Applied
}

/// The engine's one merge rule, for every kind: on the server, a field whose stored value
/// differs from both the author's base and the new value was changed by someone else first, so
/// the edit is a conflict (their value stays, this one is kept as the loser). A browser shows
/// its own edit whatever the base.
pub fn merge(current: &FieldValue, base: &FieldValue, value: &FieldValue, mode: Mode) -> Option<Outcome> {
    (mode == Mode::Authoritative && current != base && current != value).then(|| Outcome::Conflict {
        winning: current.clone(),
        losing: value.clone(),
    })
}

/// Whether a record made whole once under an id its device made (an event as created, a
/// series) may be stored where `existing` is: a retry of the same record is a duplicate, another
/// record under a taken id is refused on the server (a browser shows its own).
pub fn create<R: PartialEq>(existing: Option<&R>, new: &R, mode: Mode) -> Result<(), Outcome> {
    match existing {
        Some(existing) if existing == new => Err(Outcome::Duplicate),
        Some(_) if mode == Mode::Authoritative => Err(Outcome::Rejected(RejectReason::AlreadyExists)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sync::ops::{EventField, Field};

    /// The smallest kind: two text fields, a length rule, a lock. Its declaration is all the
    /// engine needs to merge it.
    #[derive(Debug, Clone, Default, PartialEq)]
    struct Memo {
        title: String,
        note: String,
        locked: bool,
    }

    impl Record for Memo {
        type Field = EventField;
        const NOT_MINE: &'static str = "not_a_memo_field";
        fn fields() -> Vec<EventField> {
            vec![EventField::Title, EventField::Note]
        }
        fn field_of(value: &FieldValue) -> Option<EventField> {
            match value.field() {
                Field::Event(f @ (EventField::Title | EventField::Note)) => Some(f),
                _ => None,
            }
        }
        fn read(&self, field: EventField) -> FieldValue {
            match field {
                EventField::Title => FieldValue::Title(self.title.clone()),
                _ => FieldValue::Note(self.note.clone()),
            }
        }
        fn write(&mut self, value: &FieldValue) {
            match value {
                FieldValue::Title(v) => self.title = v.clone(),
                FieldValue::Note(v) => self.note = v.clone(),
                _ => {}
            }
        }
        fn check(value: &FieldValue) -> Result<(), RejectReason> {
            match value {
                FieldValue::Title(t) if t.len() > 10 => Err(RejectReason::Invalid("title_too_long".into())),
                _ => Ok(()),
            }
        }
        fn frozen(&self) -> Option<&'static str> {
            self.locked.then_some("memo_locked")
        }
    }

    fn title(s: &str) -> FieldValue {
        FieldValue::Title(s.into())
    }

    #[test]
    fn a_declared_kind_gets_field_merge_conflicts_rules_and_locks_from_the_engine() {
        let server = &mut Memo::default();
        let note = FieldValue::Note("avain".into());
        // Two people, offline from the same memo, edit different fields: both stay.
        assert_eq!(
            edit(server, &title(""), &title("A"), Mode::Authoritative),
            Outcome::Applied
        );
        assert_eq!(
            edit(
                server,
                &FieldValue::Note(String::new()),
                &note,
                Mode::Authoritative
            ),
            Outcome::Applied
        );
        // The same field from the old value: the first to the server wins, the loser is named.
        assert_eq!(
            edit(server, &title(""), &title("B"), Mode::Authoritative),
            Outcome::Conflict {
                winning: title("A"),
                losing: title("B")
            }
        );
        // A device shows its own edit whatever the base.
        let device = &mut server.clone();
        assert_eq!(
            edit(device, &title(""), &title("B"), Mode::Optimistic),
            Outcome::Applied
        );
        assert_eq!(device.title, "B");
        // The kind's own rules, and values of fields it does not have.
        assert_eq!(
            edit(
                server,
                &title("A"),
                &title("hyvin pitkä otsikko"),
                Mode::Authoritative
            ),
            Outcome::Rejected(RejectReason::Invalid("title_too_long".into()))
        );
        let status = FieldValue::Status(crate::domain::clock::EventStatus::Done);
        assert_eq!(
            edit(server, &status, &status, Mode::Authoritative),
            Outcome::Rejected(RejectReason::Invalid("not_a_memo_field".into()))
        );
        assert_eq!(
            check_whole(&Memo {
                title: "x".repeat(11),
                ..Memo::default()
            }),
            Err(RejectReason::Invalid("title_too_long".into()))
        );
        server.locked = true;
        assert_eq!(
            edit(server, &title("A"), &title("C"), Mode::Optimistic),
            Outcome::Rejected(RejectReason::Invalid("memo_locked".into()))
        );
        assert_eq!((server.title.as_str(), server.note.as_str()), ("A", "avain"));
    }

    #[test]
    fn a_created_record_is_a_duplicate_when_sent_again_and_refused_under_a_taken_id() {
        let series = |title: &'static str| (uuid::Uuid::from_u128(1), title);
        let stored = series("Laatukierros");
        assert_eq!(
            create(Some(&stored), &stored, Mode::Authoritative),
            Err(Outcome::Duplicate)
        );
        assert_eq!(
            create(Some(&stored), &series("Toinen"), Mode::Authoritative),
            Err(Outcome::Rejected(RejectReason::AlreadyExists))
        );
        assert_eq!(create(Some(&stored), &series("Toinen"), Mode::Optimistic), Ok(()));
        assert_eq!(create(None, &stored, Mode::Authoritative), Ok(()));
    }
}
