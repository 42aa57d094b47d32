//! Channel writes a device may make offline — a post, an acknowledgement, marking a question
//! answered — queued on the device and sent by the sync engine. Each has a device-made id:
//! a retry after a lost answer changes nothing and gets the first answer again.

use super::post::NewPost;
use crate::domain::ids::AccountId;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ChannelAction {
    Post { post: NewPost },
    Acknowledge { post_id: Uuid },
    MarkAnswered { question_id: Uuid },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelOp {
    pub id: Uuid,
    pub account_id: AccountId,
    pub action: ChannelAction,
}

/// The server's answer to one channel operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", content = "reason", rename_all = "snake_case")]
pub enum ChannelOutcome {
    Applied,
    /// Seen before: nothing changed this time.
    Duplicate,
    /// Refused, with a message key; the device shows it to the author and keeps the text.
    Rejected(String),
}

impl ChannelOutcome {
    /// The answer to a retry: nothing is applied again, a refusal is repeated.
    pub fn on_retry(self) -> ChannelOutcome {
        match self {
            ChannelOutcome::Applied | ChannelOutcome::Duplicate => ChannelOutcome::Duplicate,
            other => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelAnswer {
    pub op_id: Uuid,
    pub outcome: ChannelOutcome,
}

/// Most operations one push carries.
pub const MAX_CHANNEL_BATCH: usize = 100;
