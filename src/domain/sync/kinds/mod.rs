//! The kinds of record the offline engine merges field by field, each declared once: a clock
//! event and a quality card (`record::Record`, typed fields and their own tables), and the
//! documents (`doc::Kind`: the workspace's and the KAM practice's records, one table and one
//! device store for all). A series is made once under its device-made id (`record::create`);
//! channel writes are decided by the channel's own rules (`domain::channel::post`). All travel
//! as the one `Op` and come back in the one pull.

pub mod card;
pub mod event;

use super::doc::{Declared, Rules};
use serde::{Deserialize, Serialize};
use std::marker::PhantomData;

/// Every kind of document, by the name it is stored and sent under. Declaring a new kind is a
/// struct with its `doc::Kind`, a name here and its line in `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Contract,
    Deal,
    Position,
    CustomerPerson,
    MeetingNote,
    SupportRole,
    OneOffDecision,
    /// A kind this build does not know (a newer app or server wrote it): read so that the rest
    /// of a pull still reads, then ignored; refused when sent.
    #[serde(other)]
    Unknown,
}

impl RecordKind {
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Contract,
        RecordKind::Deal,
        RecordKind::Position,
        RecordKind::CustomerPerson,
        RecordKind::MeetingNote,
        RecordKind::SupportRole,
        RecordKind::OneOffDecision,
    ];

    /// The name in the change log's keys and the server's table.
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Contract => "contract",
            RecordKind::Deal => "deal",
            RecordKind::Position => "position",
            RecordKind::CustomerPerson => "customer_person",
            RecordKind::MeetingNote => "meeting_note",
            RecordKind::SupportRole => "support_role",
            RecordKind::OneOffDecision => "one_off_decision",
            RecordKind::Unknown => "unknown",
        }
    }

    pub fn from_name(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind's declaration.
    pub fn rules(self) -> &'static dyn Rules {
        match self {
            RecordKind::Contract => &Declared::<crate::domain::workspace::contract::Contract>(PhantomData),
            RecordKind::Deal => &Declared::<crate::domain::kam::deal::Deal>(PhantomData),
            RecordKind::Position => &Declared::<crate::domain::kam::map::Position>(PhantomData),
            RecordKind::CustomerPerson => &Declared::<crate::domain::kam::map::CustomerPerson>(PhantomData),
            RecordKind::MeetingNote => {
                &Declared::<crate::domain::workspace::meeting_note::MeetingNote>(PhantomData)
            }
            RecordKind::SupportRole => &Declared::<crate::domain::kam::support::SupportRole>(PhantomData),
            RecordKind::OneOffDecision => {
                &Declared::<crate::domain::kam::revenue::OneOffDecision>(PhantomData)
            }
            RecordKind::Unknown => &UnknownKind,
        }
    }
}

/// What this build knows of a kind it does not know: nothing is read, written or shown.
struct UnknownKind;

impl Rules for UnknownKind {
    fn fields(&self) -> &'static [&'static str] {
        &[]
    }
    fn normalize(
        &self,
        _body: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<serde_json::Map<String, serde_json::Value>, crate::domain::sync::RejectReason> {
        Err(crate::domain::sync::RejectReason::Invalid("unknown_kind".into()))
    }
    fn readable_by(&self, _role: crate::domain::people::Role) -> bool {
        false
    }
}
