//! The device's copies of account channels and of the person's inbox. They change the way every
//! kind does: the one cursor pull carries posts written, acknowledged or marked answered
//! (`PullAnswer::posts`) and the inbox, and the sync loop puts them here. Channel writes are
//! ordinary operations in the one outbox (`Change::Channel`).

use super::store::{self, StoreError};
use crate::domain::channel::view::ChannelView;
use crate::domain::sync::PullAnswer;
use crate::offline::state::{set_if_changed, SyncState};

/// Shows the stored inbox's unread count.
pub async fn load_into(state: SyncState) {
    if let Ok(Some(inbox)) = store::inbox().await {
        set_if_changed(state.unread, Some(inbox.unread()));
    }
}

/// Puts one pull page's posts into the channels kept on this device, and its inbox; answers
/// whether a kept copy changed. A post of a channel the device does not keep is not needed:
/// that channel is read whole when it is kept (opened, or fetched ahead).
pub async fn take_page(state: SyncState, answer: &PullAnswer) -> Result<bool, StoreError> {
    let mut changed = false;
    if !answer.posts.is_empty() {
        for mut channel in store::all_kept::<ChannelView>().await? {
            let mine: Vec<_> = answer
                .posts
                .iter()
                .filter(|c| c.post.account_id == channel.account_id)
                .collect();
            if mine.is_empty() {
                continue;
            }
            mine.into_iter().for_each(|c| channel.take(c));
            channel.sync_cursor = channel.sync_cursor.max(answer.cursor);
            store::keep(&channel).await?;
            changed = true;
        }
    }
    if let Some(inbox) = &answer.inbox {
        if store::inbox().await?.as_ref() != Some(inbox) {
            store::set_inbox(inbox).await?;
            changed = true;
        }
        set_if_changed(state.unread, Some(inbox.unread()));
    }
    Ok(changed)
}
