//! Offline edits: one set of operations, applied by the server (authoritatively, with conflict
//! detection) and by the browser (optimistically, to its own copy), so both agree by construction.
//! The browser store, the outbox and the server endpoint build on this.

pub mod apply;
pub mod card_edits;
pub mod doc;
pub mod doc_form;
pub mod kinds;
pub mod ops;
pub mod permission;
pub mod record;
pub mod wire;

#[cfg(test)]
mod simulation;

pub use apply::{apply, Mode, Replica, SyncStore};
pub use ops::{CardField, Change, Entity, EventField, Field, FieldValue, Op, Outcome, RejectReason};
pub use record::Record;
pub use wire::{CardChange, EventChange, Notice, OpAnswer, PullAnswer};
