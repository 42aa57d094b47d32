//! Channel writes a device may make offline — a post, an acknowledgement, marking a question
//! answered. Each travels as one kind of the sync engine's operations (`Change::Channel`):
//! queued on the device, sent with every other edit, answered once.

use super::post::NewPost;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ChannelAction {
    Post { post: NewPost },
    Acknowledge { post_id: Uuid },
    MarkAnswered { question_id: Uuid },
}
