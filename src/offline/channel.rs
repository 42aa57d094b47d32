//! The channel's part of syncing that is not yet in the one change log: the device's copies of
//! opened channels and the person's inbox are read again from the server after each sync.
//! Channel writes themselves are ordinary operations in the one outbox (`Change::Channel`).

use super::store;
use crate::api::channel::{my_inbox, open_channel};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::offline::state::SyncState;
use leptos::prelude::*;

/// Shows the stored inbox's unread count.
pub async fn load_into(state: SyncState) {
    use crate::offline::state::set_if_changed;
    if let Ok(Some(inbox)) = store::inbox().await {
        set_if_changed(state.unread, Some(inbox.unread()));
    }
}

/// Reads the device's channels and the inbox again from the server. A channel the person may
/// no longer see leaves the device.
pub async fn refresh(state: SyncState) -> Result<(), AppError> {
    let stored = store::channels().await.map_err(AppError::from)?;
    let mut gone: Vec<AccountId> = Vec::new();
    for channel in stored {
        match open_channel(channel.account_id.0).await {
            Ok(fresh) => store::save_channel(&fresh).await.map_err(AppError::from)?,
            Err(AppError::Forbidden | AppError::NotFound) => gone.push(channel.account_id),
            Err(e) => return Err(e),
        }
    }
    store::remove_channels(&gone).await.map_err(AppError::from)?;
    let inbox = my_inbox().await?;
    state.unread.set(Some(inbox.unread()));
    store::set_inbox(&inbox).await.map_err(AppError::from)?;
    state.revision.update(|r| *r += 1);
    Ok(())
}
