//! The channel's part of syncing: queued posts and acknowledgements go out, the device's copies
//! of opened channels and the person's inbox come back. A write is "saved" once it is in the
//! device's channel outbox; the page shows it at once, marked as waiting, until the server
//! answers. A refusal is kept, with the text, for the author to see.

use super::store::{self, StoreError};
use crate::api::channel::{channel_push, my_inbox, open_channel};
use crate::domain::channel::ops::{ChannelOp, ChannelOutcome, MAX_CHANNEL_BATCH};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::ui::sync::state::SyncState;
use leptos::prelude::*;

/// Saves a channel write on the device and asks for a sync. Answers whether it was saved.
pub async fn queue(state: SyncState, op: ChannelOp) -> Result<(), StoreError> {
    store::enqueue_channel(&op).await?;
    state.channel_outbox.update(|o| o.push(op));
    state.request_sync();
    Ok(())
}

pub async fn load_into(state: SyncState) {
    use crate::ui::sync::state::set_if_changed;
    if let Ok(ops) = store::channel_outbox().await {
        set_if_changed(state.channel_outbox, ops);
    }
    if let Ok(r) = store::channel_refusals().await {
        set_if_changed(state.channel_refusals, r);
    }
    if let Ok(Some(inbox)) = store::inbox().await {
        set_if_changed(state.unread, Some(inbox.unread()));
    }
}

/// Sends the channel outbox. Errors are the engine's to handle (offline, signed out, ...).
pub async fn push_all(state: SyncState) -> Result<(), AppError> {
    loop {
        let ops = store::channel_outbox().await.unwrap_or_default();
        if ops.is_empty() {
            return Ok(());
        }
        let batch: Vec<ChannelOp> = ops.into_iter().take(MAX_CHANNEL_BATCH).collect();
        let answers = channel_push(batch.clone()).await?;
        let mut refusals = store::channel_refusals().await.unwrap_or_default();
        for answer in &answers {
            if let ChannelOutcome::Rejected(reason) = &answer.outcome {
                if let Some(op) = batch.iter().find(|op| op.id == answer.op_id) {
                    refusals.push((op.clone(), reason.clone()));
                }
            }
        }
        // Refusals are kept before the writes leave the outbox: nothing vanishes between.
        let _ = store::set_channel_refusals(&refusals).await;
        state.channel_refusals.set(refusals);
        let answered: Vec<uuid::Uuid> = answers.iter().map(|a| a.op_id).collect();
        let _ = store::remove_from_channel_outbox(&answered).await;
        state
            .channel_outbox
            .update(|o| o.retain(|op| !answered.contains(&op.id)));
        if answered.is_empty() {
            return Err(AppError::Internal("channel push answered nothing".into()));
        }
    }
}

/// Reads the device's channels and the inbox again from the server. A channel the person may
/// no longer see leaves the device.
pub async fn refresh(state: SyncState) -> Result<(), AppError> {
    let stored = store::channels().await.unwrap_or_default();
    let mut gone: Vec<AccountId> = Vec::new();
    for channel in stored {
        match open_channel(channel.account_id.0).await {
            Ok(fresh) => {
                let _ = store::save_channel(&fresh).await;
            }
            Err(AppError::Forbidden | AppError::NotFound) => gone.push(channel.account_id),
            Err(e) => return Err(e),
        }
    }
    let _ = store::remove_channels(&gone).await;
    let inbox = my_inbox().await?;
    state.unread.set(Some(inbox.unread()));
    let _ = store::set_inbox(&inbox).await;
    state.revision.update(|r| *r += 1);
    Ok(())
}

/// Forgets a refusal the author has read.
pub async fn dismiss_refusal(state: SyncState, op_id: uuid::Uuid) {
    let mut list = store::channel_refusals().await.unwrap_or_default();
    list.retain(|(op, _)| op.id != op_id);
    let _ = store::set_channel_refusals(&list).await;
    state.channel_refusals.set(list);
}
