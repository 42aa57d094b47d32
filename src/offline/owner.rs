//! One phone, one person's copy. The device's copy (accounts, channels, waiting edits, kept
//! pages) belongs to whoever was signed in when it was written. When someone else signs in on
//! the same phone, the copy is wiped before anything is shown or sent; if the previous person
//! still has edits waiting, nothing happens until the new person has been told they would be
//! lost and agrees. An outbox is only ever sent by its owner.

use super::store::{self, Owner, StoreError};
use crate::domain::people::Person;
use crate::offline::state::{PreviousOwner, SyncState};
use leptos::prelude::*;

/// Whether the signed-in person may sync this device's copy (it is theirs, or it was wiped
/// for them). `false`: another person's edits wait; `state.previous_owner` says whose.
pub async fn claim(state: SyncState, me: &Person) -> Result<bool, StoreError> {
    let mine = Owner {
        id: me.id.0,
        name: me.name.clone(),
    };
    match store::owner().await? {
        Some(owner) if owner.id == mine.id => {
            state.previous_owner.set(None);
            Ok(true)
        }
        // A copy written before owners were recorded was written by the one person who used
        // the device then; the first person to sync it afterwards takes it over.
        None => {
            store::set_owner(&mine).await?;
            Ok(true)
        }
        Some(owner) => {
            let waiting = store::outbox().await?.len();
            if waiting == 0 {
                wipe_for(state, &mine).await?;
                return Ok(true);
            }
            state.previous_owner.set(Some(PreviousOwner {
                name: owner.name,
                waiting,
            }));
            // Their waiting edits are not shown on this person's pages either.
            hide_copy(state);
            Ok(false)
        }
    }
}

/// The new person agreed: the previous person's copy and waiting edits go, and this person's
/// copy starts empty.
pub async fn take_over(state: SyncState) {
    let Ok(Some(me)) = crate::api::auth::me().await else {
        return;
    };
    let mine = Owner {
        id: me.id.0,
        name: me.name.clone(),
    };
    if wipe_for(state, &mine).await.is_err() {
        state
            .store_problem
            .set(Some(crate::offline::state::StoreProblem::Unavailable));
        return;
    }
    state.request_sync();
}

async fn wipe_for(state: SyncState, mine: &Owner) -> Result<(), StoreError> {
    store::clear_all().await?;
    super::service_worker::forget_cached_pages();
    // The previous person's notifications stop coming to a phone they no longer hold.
    super::push::disable().await;
    store::set_owner(mine).await?;
    state.previous_owner.set(None);
    hide_copy(state);
    state.revision.update(|r| *r += 1);
    Ok(())
}

/// Clears what the pages show of the device's copy: its waiting edits and their answers.
fn hide_copy(state: SyncState) {
    state.outbox.set(Vec::new());
    state.notices.set(Vec::new());
    state.unread.set(None);
}
