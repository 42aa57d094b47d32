//! Records of the kinds declared as documents (`Kind`): the workspace's and the KAM practice's
//! records. Each is stored, sent and kept on the device as one `Doc` — its fields by name — so
//! one server table, one wire format and one device store carry every such kind, and a new kind
//! is a struct and its `Kind` declaration, not a stack.
//!
//! The engine gives a declared kind what it gives the clock and the card: creation under a
//! device-made id (a retry is a duplicate), field-by-field merge with conflicts kept for their
//! losers (`record::merge`), deletion with tombstones in the pull, and the rules checked the
//! same way on the device and the server. Reading is filtered by the account (as for every
//! kind) and by the kind's own `readable_by`.

use super::apply::Mode;
use super::ops::{FieldValue, Outcome, RejectReason};
use super::record::merge;
use crate::domain::ids::AccountId;
use crate::domain::people::Role;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

pub use super::kinds::RecordKind;

/// The longest a record may be once written out (bytes of JSON): bounds what one edit stores.
pub const MAX_DOC_BYTES: usize = 32 * 1024;

/// What a kind of document declares. The struct itself says each field's type (serde); the
/// declaration adds which fields are edited on their own, the record's rules, and who reads it.
pub trait Kind: Serialize + DeserializeOwned {
    const KIND: RecordKind;
    /// The fields edited one at a time, by their names in the record (serde's names).
    const FIELDS: &'static [&'static str];
    /// The record's own rules (lengths, dates in order), checked after every create and edit.
    fn check(&self) -> Result<(), RejectReason> {
        Ok(())
    }
    /// Which roles read records of this kind at all (they also need to see the account).
    /// Admins and account directors always do (they are the roles that edit documents; a
    /// director only in the accounts they may see).
    fn readable_by(_role: Role) -> bool {
        true
    }
    /// A kind whose records are a log of decisions: never deleted (and, with no `FIELDS`,
    /// never edited); a later record says what changed.
    const KEPT: bool = false;
}

/// A record's title: there, and not too long (every kind with a title keeps this rule).
pub fn check_title(title: &str, max_chars: usize) -> Result<(), RejectReason> {
    let title = title.trim();
    if title.is_empty() {
        return Err(RejectReason::Invalid("title_missing".into()));
    }
    if title.chars().count() > max_chars {
        return Err(RejectReason::Invalid("title_too_long".into()));
    }
    Ok(())
}

/// One record of a declared kind, as the server stores it, the pull sends it and the device
/// keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    pub kind: RecordKind,
    pub id: Uuid,
    pub account_id: AccountId,
    /// The fields by name, always in the shape the kind reads (`Rules::normalize`).
    pub body: Map<String, Value>,
}

impl Doc {
    /// A record of kind `K` made from its typed value (how a page makes a new one).
    pub fn new<K: Kind>(id: Uuid, account_id: AccountId, value: &K) -> Doc {
        let body = match serde_json::to_value(value) {
            Ok(Value::Object(body)) => body,
            _ => Map::new(),
        };
        Doc {
            kind: K::KIND,
            id,
            account_id,
            body,
        }
    }

    /// The typed record, when it is of kind `K` (it always reads once stored).
    pub fn read<K: Kind>(&self) -> Option<K> {
        (self.kind == K::KIND)
            .then(|| serde_json::from_value(Value::Object(self.body.clone())).ok())
            .flatten()
    }

    /// One field's value, as a field edit's `base` names it.
    pub fn field(&self, name: &str) -> FieldValue {
        FieldValue::Doc(
            name.to_string(),
            self.body.get(name).cloned().unwrap_or(Value::Null),
        )
    }
}

/// A declaration seen through its kind's name: what the engine asks of any kind.
pub trait Rules: Sync {
    fn fields(&self) -> &'static [&'static str];
    /// The body read as the kind and written back (unknown fields dropped, defaults filled),
    /// when it reads and keeps the kind's rules.
    fn normalize(&self, body: &Map<String, Value>) -> Result<Map<String, Value>, RejectReason>;
    fn readable_by(&self, role: Role) -> bool;
    /// Records of the kind are never deleted (`Kind::KEPT`).
    fn kept(&self) -> bool {
        false
    }
}

/// Any `Kind` as `Rules` (see `RecordKind::rules`).
pub struct Declared<K>(pub std::marker::PhantomData<fn() -> K>);

impl<K: Kind> Rules for Declared<K> {
    fn fields(&self) -> &'static [&'static str] {
        K::FIELDS
    }

    fn normalize(&self, body: &Map<String, Value>) -> Result<Map<String, Value>, RejectReason> {
        let value: K = serde_json::from_value(Value::Object(body.clone()))
            .map_err(|_| RejectReason::Invalid("bad_value".into()))?;
        value.check()?;
        match serde_json::to_value(&value) {
            Ok(Value::Object(body))
                if serde_json::to_vec(&body).map_or(usize::MAX, |b| b.len()) <= MAX_DOC_BYTES =>
            {
                Ok(body)
            }
            _ => Err(RejectReason::Invalid("too_large".into())),
        }
    }

    fn readable_by(&self, role: Role) -> bool {
        matches!(role, Role::Admin | Role::AccountDirector) || K::readable_by(role)
    }

    fn kept(&self) -> bool {
        K::KEPT
    }
}

/// A new record in its stored shape, or why it is refused.
pub fn normalized(doc: &Doc) -> Result<Doc, RejectReason> {
    Ok(Doc {
        body: doc.kind.rules().normalize(&doc.body)?,
        ..doc.clone()
    })
}

/// The checks of a field edit that need no stored record: a named field of the kind, on both
/// sides of the edit.
pub fn check_edit(kind: RecordKind, base: &FieldValue, value: &FieldValue) -> Result<String, RejectReason> {
    match (base, value) {
        // Bounded before anything keeps it (an outbox, a conflict kept for its author).
        (_, FieldValue::Doc(_, v)) if v.to_string().len() > MAX_DOC_BYTES => {
            Err(RejectReason::Invalid("too_large".into()))
        }
        (FieldValue::Doc(b, _), FieldValue::Doc(name, _)) if b == name => kind
            .rules()
            .fields()
            .contains(&name.as_str())
            .then(|| name.clone())
            .ok_or_else(|| RejectReason::Invalid("unknown_field".into())),
        (FieldValue::Doc(..), FieldValue::Doc(..)) => {
            Err(RejectReason::Invalid("base_and_value_differ".into()))
        }
        _ => Err(RejectReason::Invalid("not_a_record_field".into())),
    }
}

/// One field edit of a stored record: the kind's rules on the record as it would be (a value
/// they refuse is refused on the device and the server alike, never kept as a conflict's
/// loser), then the engine's one merge rule (`record::merge`). A refused edit changes nothing.
pub fn edit(doc: &mut Doc, base: &FieldValue, value: &FieldValue, mode: Mode) -> Outcome {
    let name = match check_edit(doc.kind, base, value) {
        Ok(name) => name,
        Err(reason) => return Outcome::Rejected(reason),
    };
    let FieldValue::Doc(_, new) = value else {
        return Outcome::Rejected(RejectReason::Invalid("not_a_record_field".into()));
    };
    let mut body = doc.body.clone();
    body.insert(name.clone(), new.clone());
    let body = match doc.kind.rules().normalize(&body) {
        Ok(body) => body,
        Err(reason) => return Outcome::Rejected(reason),
    };
    if let Some(conflict) = merge(&doc.field(&name), base, value, mode) {
        return conflict;
    }
    doc.body = body;
    Outcome::Applied
}

/// Every record of the declared kinds an account's people may read, as a device keeps them for
/// one account; later changes come by the pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecords {
    pub account_id: AccountId,
    pub records: Vec<Doc>,
    /// The change-log position this copy is current to.
    pub sync_cursor: i64,
}

impl AccountRecords {
    /// Takes a pulled record's new state (None: deleted, or no longer readable).
    pub fn take(&mut self, id: Uuid, doc: Option<&Doc>) {
        self.records.retain(|d| d.id != id);
        self.records.extend(doc.cloned());
    }

    /// The records of kind `K`, typed.
    pub fn of<K: Kind>(&self) -> Vec<(Uuid, K)> {
        self.records
            .iter()
            .filter_map(|d| d.read::<K>().map(|k| (d.id, k)))
            .collect()
    }
}

/// One record changed after the cursor: its state now, or None when it was deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordChange {
    pub id: Uuid,
    pub account_id: AccountId,
    pub record: Option<Doc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A newer server may send a kind this app does not know: the rest of the pull still reads,
    /// the unknown record is never readable, and sending one is refused.
    #[test]
    fn a_kind_this_build_does_not_know_reads_as_unknown_and_is_refused() {
        let json = r#"{"id":"00000000-0000-0000-0000-000000000001","account_id":1,
            "record":{"kind":"webinar_recording","id":"00000000-0000-0000-0000-000000000001","account_id":1,"body":{}}}"#;
        let change: RecordChange = serde_json::from_str(json).unwrap();
        let doc = change.record.unwrap();
        assert_eq!(doc.kind, RecordKind::Unknown);
        assert!(!doc.kind.rules().readable_by(Role::Admin));
        assert_eq!(
            normalized(&doc),
            Err(RejectReason::Invalid("unknown_kind".into()))
        );
        assert_eq!(RecordKind::from_name("unknown"), None);
        let delete = crate::domain::sync::Change::DeleteRecord {
            record_kind: RecordKind::Unknown,
            id: doc.id,
        };
        assert_eq!(
            crate::domain::sync::ops::validate(&delete),
            Err(RejectReason::Invalid("unknown_kind".into()))
        );
    }
}
