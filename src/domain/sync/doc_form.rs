//! A form on a page drawn by the server, read into the one engine's edits. The server draws the
//! form (which kind, which record, the record as it was drawn, one input per field); the
//! browser reads the inputs and turns them into `Op`s here, checked by the kind's own rules
//! before anything is saved. So every kind of document is edited offline through the same
//! outbox and sync as the clock, and a new form costs the browser's code nothing.

use super::apply::Mode;
use super::doc::{edit as edit_field, normalized, Doc, RecordKind};
use super::ops::{Change, FieldValue, Op, Outcome, RejectReason};
use crate::domain::ids::AccountId;
use serde_json::{Map, Value};
use uuid::Uuid;

/// How a form's input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Text, kept as typed (trimmed): empty is the empty text (a name, what someone answers for).
    Text,
    /// JSON (a number, a list); empty is no value.
    Json,
    /// A date or a choice; empty is no value.
    Plain,
}

/// An input's text as its field's value.
pub fn value_of_input(raw: &str, input: Input) -> Result<Value, RejectReason> {
    let raw = raw.trim();
    if input == Input::Text {
        return Ok(Value::String(raw.to_string()));
    }
    if raw.is_empty() {
        return Ok(Value::Null);
    }
    let json = input == Input::Json;
    if json {
        return serde_json::from_str(raw).map_err(|_| RejectReason::Invalid("bad_value".into()));
    }
    Ok(Value::String(raw.to_string()))
}

/// A new record of `kind` from the form's fields, under a new id, when the kind's rules take it.
pub fn create(kind: RecordKind, account: AccountId, fields: Map<String, Value>) -> Result<Op, RejectReason> {
    let record = normalized(&Doc {
        kind,
        id: Uuid::now_v7(),
        account_id: account,
        body: fields,
    })?;
    Ok(Op {
        id: Uuid::now_v7(),
        account_id: account,
        change: Change::CreateRecord { record },
    })
}

/// One edit per field the person changed on `drawn` (the record as the page showed it: each
/// edit's base, so a change made meanwhile by someone else is a conflict, not lost), and the
/// record as it is after them (the base of the next edit made before the page is drawn again).
/// The record after all of them must keep its kind's rules (a leaving day before the starting
/// day is refused here, with nothing saved). No change, no edits.
pub fn edit(drawn: &Doc, fields: Map<String, Value>) -> Result<(Vec<Op>, Doc), RejectReason> {
    let mut after = drawn.clone();
    let mut ops = Vec::new();
    for (name, value) in fields {
        let base = drawn.field(&name);
        let value = FieldValue::Doc(name, value);
        if value == base {
            continue;
        }
        match edit_field(&mut after, &base, &value, Mode::Optimistic) {
            Outcome::Applied => {}
            Outcome::Rejected(reason) => return Err(reason),
            _ => return Err(RejectReason::Invalid("bad_value".into())),
        }
        ops.push(Op {
            id: Uuid::now_v7(),
            account_id: drawn.account_id,
            change: Change::EditRecord {
                record_kind: drawn.kind,
                id: drawn.id,
                base,
                value,
            },
        });
    }
    Ok((ops, after))
}

/// The record removed (a helper's role that ended). A retry finds it gone and changes nothing.
pub fn delete(kind: RecordKind, account: AccountId, id: Uuid) -> Op {
    Op {
        id: Uuid::now_v7(),
        account_id: account,
        change: Change::DeleteRecord {
            record_kind: kind,
            id,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(value: Value) -> Map<String, Value> {
        match value {
            Value::Object(map) => map,
            _ => unreachable!("fields are an object"),
        }
    }

    fn person() -> Doc {
        Doc {
            kind: RecordKind::CustomerPerson,
            id: Uuid::from_u128(7),
            account_id: AccountId(3),
            body: fields(json!({
                "position": Uuid::from_u128(1), "name": "Maija Mäki",
                "started_on": "2024-03-01", "left_on": null, "stance": "neutral", "counterpart": 4
            })),
        }
    }

    #[test]
    fn inputs_read_as_values_empty_as_none_json_as_json() {
        assert_eq!(value_of_input("  ", Input::Plain), Ok(Value::Null));
        assert_eq!(value_of_input("  ", Input::Json), Ok(Value::Null));
        // An emptied text is the empty text, so a cleared "answers for" saves and a blank name
        // is refused as a missing name.
        assert_eq!(value_of_input("  ", Input::Text), Ok(json!("")));
        assert_eq!(value_of_input(" Maija ", Input::Text), Ok(json!("Maija")));
        assert_eq!(value_of_input("12", Input::Json), Ok(json!(12)));
        assert_eq!(value_of_input("12", Input::Plain), Ok(json!("12")));
        assert_eq!(
            value_of_input("12,", Input::Json),
            Err(RejectReason::Invalid("bad_value".into()))
        );
    }

    #[test]
    fn a_new_person_is_created_in_the_kinds_shape_or_refused_by_its_rules() {
        let op = create(
            RecordKind::CustomerPerson,
            AccountId(3),
            fields(json!({"position": Uuid::from_u128(1), "name": "Uusi Ihminen", "started_on": "2026-12-01", "counterpart": null})),
        )
        .unwrap();
        let Change::CreateRecord { record } = op.change else {
            panic!("a new record is a create");
        };
        assert_eq!(record.account_id, AccountId(3));
        // Fields the form did not have are filled as the kind reads them.
        assert_eq!(record.body["left_on"], Value::Null);
        assert_eq!(record.body["name"], json!("Uusi Ihminen"));

        let nameless = create(
            RecordKind::CustomerPerson,
            AccountId(3),
            fields(json!({"position": Uuid::from_u128(1), "name": null})),
        );
        // A name of spaces reads as the empty text (Input::Text), refused as a missing name.
        assert_eq!(nameless.err(), Some(RejectReason::Invalid("bad_value".into())));
        let blank = create(
            RecordKind::CustomerPerson,
            AccountId(3),
            fields(json!({"position": Uuid::from_u128(1), "name": "  "})),
        );
        assert_eq!(blank.err(), Some(RejectReason::Invalid("title_missing".into())));
    }

    #[test]
    fn only_changed_fields_are_sent_each_on_the_value_the_page_showed() {
        let drawn = person();
        let (ops, after) = edit(
            &drawn,
            fields(json!({"left_on": "2026-11-30", "stance": "neutral", "counterpart": 4})),
        )
        .unwrap();
        assert_eq!(ops.len(), 1);
        assert_eq!(
            ops[0].change,
            Change::EditRecord {
                record_kind: RecordKind::CustomerPerson,
                id: Uuid::from_u128(7),
                base: FieldValue::Doc("left_on".into(), Value::Null),
                value: FieldValue::Doc("left_on".into(), json!("2026-11-30")),
            }
        );
        assert_eq!(ops[0].account_id, AccountId(3));
        assert!(edit(&drawn, fields(json!({"stance": "neutral"})))
            .unwrap()
            .0
            .is_empty());

        // A correction made before the page is drawn again is based on the first edit, so the
        // server applies both in turn (not the second as a conflict with the first), and
        // clearing the day again is an edit too.
        let (again, _) = edit(&after, fields(json!({"left_on": "2026-11-29"}))).unwrap();
        assert_eq!(
            again[0].change,
            Change::EditRecord {
                record_kind: RecordKind::CustomerPerson,
                id: Uuid::from_u128(7),
                base: FieldValue::Doc("left_on".into(), json!("2026-11-30")),
                value: FieldValue::Doc("left_on".into(), json!("2026-11-29")),
            }
        );
        let (cleared, _) = edit(&after, fields(json!({"left_on": null}))).unwrap();
        assert_eq!(cleared.len(), 1);
    }

    /// What someone answers for may be cleared: the empty text saves.
    #[test]
    fn a_cleared_optional_text_saves_as_empty() {
        let helper = Doc {
            kind: RecordKind::SupportRole,
            id: Uuid::from_u128(9),
            account_id: AccountId(3),
            body: fields(json!({"person": 4, "helper": "little_kam", "answers_for": "Pirkanmaa"})),
        };
        let (ops, after) = edit(&helper, fields(json!({"answers_for": ""}))).unwrap();
        assert_eq!(ops.len(), 1);
        assert_eq!(after.body["answers_for"], json!(""));
        let made = create(
            RecordKind::SupportRole,
            AccountId(3),
            fields(json!({"person": 4, "helper": "business_area_lead", "answers_for": ""})),
        );
        assert!(made.is_ok(), "{made:?}");
    }

    #[test]
    fn an_edit_that_breaks_the_records_rules_saves_nothing() {
        // Left before they started: refused before anything reaches the outbox.
        assert_eq!(
            edit(&person(), fields(json!({"left_on": "2020-01-01"}))),
            Err(RejectReason::Invalid("ends_before_start".into()))
        );
        assert_eq!(
            edit(&person(), fields(json!({"no_such_field": 1}))),
            Err(RejectReason::Invalid("unknown_field".into()))
        );
        assert_eq!(
            edit(&person(), fields(json!({"stance": "furious"}))),
            Err(RejectReason::Invalid("bad_value".into()))
        );
    }
}
