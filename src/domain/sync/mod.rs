//! Offline edits: one set of operations, applied by the server (authoritatively, with conflict
//! detection) and by the browser (optimistically, to its own copy), so both agree by construction.
//! The browser store, the outbox and the server endpoint build on this (offline-sync issue).

pub mod apply;
pub mod ops;
pub mod permission;
pub mod wire;

#[cfg(test)]
mod simulation;

pub use apply::{apply, EventStore, Mode};
pub use ops::{Change, EventField, FieldValue, Op, Outcome, RejectReason};
pub use wire::{ConflictNotice, EventChange, Notice, OpAnswer, PullAnswer};
