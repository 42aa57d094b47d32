//! What push and pull carry between the browser and the server.

use super::ops::Outcome;
use crate::domain::card::QualityCard;
use crate::domain::clock::ClockEvent;
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Most operations one push may carry; a longer outbox is sent in several pushes.
pub const MAX_PUSH_BATCH: usize = 500;
/// Most changes one pull returns; `more` says to pull again.
pub const MAX_PULL_CHANGES: usize = 2000;
/// Most events one pull page carries once series are expanded into their occurrences: a page
/// ends early (with `more`) when its changes would expand past this, so a few hundred long
/// series never make one multi-million-event answer. A single change larger than this (one
/// series, at most `MAX_NEW_EVENTS` occurrences) still goes alone on its page.
pub const MAX_PULL_EVENTS: usize = 5000;

/// The server's answer to one operation of a push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpAnswer {
    pub op_id: Uuid,
    pub outcome: Outcome,
}

/// One changed event: its current state, or `None` when it was deleted (a tombstone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventChange {
    pub event_id: Uuid,
    pub account_id: AccountId,
    pub event: Option<ClockEvent>,
}

/// One changed quality card (cards are never deleted, only corrected).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardChange {
    pub account_id: AccountId,
    pub period: YearMonth,
    pub card: QualityCard,
}

/// An answer the author must see (a refusal or a conflict), kept on the device until dismissed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub op: super::ops::Op,
    pub outcome: Outcome,
}

/// Everything that changed after the client's cursor, for accounts the person may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullAnswer {
    pub changes: Vec<EventChange>,
    pub cards: Vec<CardChange>,
    /// Every account the person may see now: the device drops the data of any other.
    pub accounts: Vec<AccountId>,
    pub cursor: i64,
    /// More changes wait: pull again from `cursor`.
    pub more: bool,
    /// Channel posts written, acknowledged or marked answered, as the person sees them now.
    #[serde(default)]
    pub posts: Vec<crate::domain::channel::view::PostChange>,
    /// The person's inbox, on the last page of a pull (it follows posts, acknowledgements and
    /// reads on any of their devices, in every account they may see now).
    #[serde(default)]
    pub inbox: Option<crate::domain::channel::inbox::Inbox>,
    /// Documents (`doc::Kind`) created, edited or deleted, of the kinds the person may read.
    #[serde(default)]
    pub records: Vec<super::doc::RecordChange>,
    /// The person's conflicts not dismissed yet, from any of their devices: a conflict met on
    /// the phone is shown on the laptop too, and dismissing it on one clears it everywhere.
    pub conflicts: Vec<Notice>,
}

impl Outcome {
    /// The answer to a retry of an operation whose first answer was `self`: nothing changes
    /// again, but a conflict or rejection is repeated so that a lost first answer hides nothing.
    pub fn on_retry(self) -> Outcome {
        match self {
            Outcome::Applied | Outcome::Duplicate => Outcome::Duplicate,
            other => other,
        }
    }

    /// Whether the author must be shown this answer.
    pub fn needs_attention(&self) -> bool {
        !matches!(self, Outcome::Applied | Outcome::Duplicate)
    }
}
