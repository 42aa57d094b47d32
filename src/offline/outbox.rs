//! The one way any kind of edit is queued: written to the device's outbox first (only then is
//! it "saved"), shown at once, and sent by the sync engine. On the server build there is no
//! device: nothing is saved.

use super::state::SyncState;

/// Saves edits on the device, then asks for a sync. Calls `done(true)` once they are safe,
/// `done(false)` when the device could not keep them (the state then says why).
pub fn save_ops_then(sync: SyncState, ops: Vec<crate::domain::sync::Op>, done: impl Fn(bool) + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        use leptos::prelude::*;
        for op in &ops {
            if let Err(e) = super::store::enqueue(op).await {
                sync.store_problem.set(Some(match e {
                    super::store::StoreError::QuotaExceeded => super::state::StoreProblem::Full,
                    _ => super::state::StoreProblem::Unavailable,
                }));
                done(false);
                return;
            }
            sync.outbox.update(|o| o.push(op.clone()));
        }
        sync.request_sync();
        done(true);
    });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (sync, ops);
        done(false);
    }
}

/// Saves edits on the device and forgets the result (the sync panel shows what becomes of them).
pub fn save_ops(sync: SyncState, ops: Vec<crate::domain::sync::Op>) {
    save_ops_then(sync, ops, |_| {});
}
