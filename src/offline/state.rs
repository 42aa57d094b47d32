//! The sync state every page reads, shared through context (`App` provides it). The browser's
//! sync engine (`offline::engine`) writes it; on the server it stays at its quiet defaults.

use crate::domain::card::QualityCard;
use crate::domain::clock::ClockEvent;
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use crate::domain::sync::{apply, Entity, Mode, Notice, Op, Replica};
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A problem with the device's own storage, shown plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreProblem {
    /// The storage is full: new edits cannot be saved on the device.
    Full,
    /// IndexedDB is not available (private mode, old browser): offline use is off.
    Unavailable,
}

/// What someone is typing into an event's editor, kept outside the row so that a refresh of
/// the list (a sync finishing, the device's copy loading) never throws away typed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub status: crate::domain::clock::EventStatus,
    pub note: String,
}

/// What this device keeps for use without a network, against its budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeptOnDevice {
    pub accounts: usize,
    pub bytes: f64,
    pub budget: f64,
}

/// Someone else's copy on this phone, with edits of theirs still waiting to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousOwner {
    pub name: String,
    pub waiting: usize,
}

#[derive(Clone, Copy)]
pub struct SyncState {
    /// Unsaved editor contents by event, and the event whose editor is open.
    pub drafts: RwSignal<HashMap<Uuid, Draft>>,
    pub editing: RwSignal<Option<Uuid>>,
    /// The event whose edit was saved last, with its edits: its row says what became of them.
    pub last_saved: RwSignal<Option<(Uuid, Vec<Uuid>)>>,
    pub online: RwSignal<bool>,
    /// Edits saved on the device, not yet answered by the server, in the order they were made.
    pub outbox: RwSignal<Vec<Op>>,
    pub sending: RwSignal<bool>,
    /// "14.30": when the last sync finished.
    pub last_synced: RwSignal<Option<String>>,
    /// Refused edits and conflicts the author has not dismissed.
    pub notices: RwSignal<Vec<Notice>>,
    pub store_problem: RwSignal<Option<StoreProblem>>,
    /// The session ended while edits wait: they are kept and sent after signing in again.
    pub signed_out: RwSignal<bool>,
    /// Grows each time stored accounts change, so open pages re-read their copy.
    pub revision: RwSignal<u64>,
    /// Grows to ask the engine for a sync now.
    pub requests: RwSignal<u64>,
    /// Unread items in the person's inbox (None until first known).
    pub unread: RwSignal<Option<usize>>,
    /// The device holds another person's unsent edits: nothing syncs until the signed-in
    /// person agrees to wipe them (see `offline::owner`).
    pub previous_owner: RwSignal<Option<PreviousOwner>>,
    /// What the device keeps for offline use (None until the first sync has looked).
    pub kept: RwSignal<Option<KeptOnDevice>>,
}

impl SyncState {
    pub fn new() -> Self {
        SyncState {
            drafts: RwSignal::new(HashMap::new()),
            editing: RwSignal::new(None),
            last_saved: RwSignal::new(None),
            online: RwSignal::new(true),
            outbox: RwSignal::new(Vec::new()),
            sending: RwSignal::new(false),
            last_synced: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            store_problem: RwSignal::new(None),
            signed_out: RwSignal::new(false),
            revision: RwSignal::new(0),
            requests: RwSignal::new(0),
            unread: RwSignal::new(None),
            previous_owner: RwSignal::new(None),
            kept: RwSignal::new(None),
        }
    }

    /// Edits of every kind (clock, card, channel) saved on this device and not yet answered.
    pub fn waiting(&self) -> usize {
        self.outbox.with(Vec::len)
    }

    pub fn request_sync(&self) {
        self.requests.update(|n| *n += 1);
    }

    /// An account's events and cards as the person should see them: the stored copy with their
    /// own waiting edits on top (the same `apply` the server uses, in optimistic mode).
    pub fn with_pending(
        &self,
        account: AccountId,
        events: &[ClockEvent],
        cards: &[QualityCard],
    ) -> (Vec<ClockEvent>, Vec<QualityCard>) {
        let mut copy = Replica::new(events.iter().cloned(), cards.iter().cloned());
        self.outbox.with(|ops| {
            for op in ops.iter().filter(|op| op.account_id == account) {
                apply(&mut copy, op, Mode::Optimistic);
            }
        });
        copy.into_lists()
    }

    /// Ids of the events with an edit waiting to be sent, and of series waiting to be created
    /// (whose occurrences all wait with them).
    pub fn pending_events(&self, account: AccountId) -> HashSet<Uuid> {
        self.outbox.with(|ops| {
            ops.iter()
                .filter(|op| op.account_id == account)
                .filter_map(|op| match op.change.entity() {
                    Entity::Series(id) => Some(id),
                    other => other.event_id(),
                })
                .collect()
        })
    }

    /// Whether an edit of this month's card waits to be sent.
    pub fn card_pending(&self, account: AccountId, period: YearMonth) -> bool {
        self.outbox.with(|ops| {
            ops.iter()
                .any(|op| op.account_id == account && op.change.entity() == Entity::Card(period))
        })
    }
}

/// Whether an event waits to be sent: its own edit, or its series not yet on the server.
pub fn is_waiting(pending: &HashSet<Uuid>, event: &ClockEvent) -> bool {
    pending.contains(&event.id) || event.series.is_some_and(|l| pending.contains(&l.series_id))
}

impl Default for SyncState {
    fn default() -> Self {
        Self::new()
    }
}

/// The app's one sync state. Every page is inside `App`, which provides it: a page without it
/// is a programming mistake, not a state to paper over with an empty default.
pub fn use_sync() -> SyncState {
    expect_context::<SyncState>()
}

/// Writes a value only when it differs: the engine reloads the same outbox, notices and inbox
/// count after every sync, and an unchanged write would still redraw everything that reads it
/// (a form being filled in included).
pub fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
