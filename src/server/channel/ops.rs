//! The channel's part of the one sync door: a post, an acknowledgement or an "answered" mark,
//! decided inside the push's transaction by the channel's own rules (`server::channel::posts`). The
//! answer is the engine's typed `Outcome`, like every other kind's.

use crate::domain::channel::ops::ChannelAction;
use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use crate::domain::sync::{Op, Outcome, RejectReason};
use sqlx::SqliteConnection;

use crate::server::channel::posts::{self, Notify};

/// Decides and writes one channel write; answers the outcome and, for a new post, whom to
/// notify once the transaction is committed.
pub async fn decide(
    tx: &mut SqliteConnection,
    viewer: &Viewer,
    op: &Op,
    action: &ChannelAction,
) -> Result<(Outcome, Option<Notify>), AppError> {
    let mut notify = None;
    let result = match action {
        ChannelAction::Post { post } => match posts::insert_post(tx, viewer, op.account_id, post).await {
            Ok(Ok(stored)) => {
                notify = stored.map(|(_, n)| n);
                Ok(Ok(()))
            }
            Ok(Err(key)) => Ok(Err(key)),
            Err(e) => Err(e),
        },
        ChannelAction::Acknowledge { post_id } => posts::acknowledge(tx, viewer, *post_id).await,
        ChannelAction::MarkAnswered { question_id } => posts::mark_answered(tx, viewer, *question_id).await,
    };
    let outcome = match result {
        Ok(Ok(())) => Outcome::Applied,
        Ok(Err(key)) if key == "already_exists" => Outcome::Rejected(RejectReason::AlreadyExists),
        Ok(Err(key)) => Outcome::Rejected(RejectReason::Invalid(key)),
        // No access (any more) or no such post: refused, and the device shows why.
        Err(AppError::Forbidden) => Outcome::Rejected(RejectReason::Forbidden),
        Err(AppError::NotFound) => Outcome::Rejected(RejectReason::NotFound),
        Err(e) => return Err(e),
    };
    Ok((outcome, notify))
}
