//! Channel writes sent by a device's sync engine (queued offline). Each operation is answered
//! once; a retry gets the stored answer and changes nothing.

use crate::domain::channel::ops::{
    ChannelAction, ChannelAnswer, ChannelOp, ChannelOutcome, MAX_CHANNEL_BATCH,
};
use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use sqlx::SqlitePool;

use super::auth::internal;
use super::channel;
use super::op_log::{self, OpTable};

pub async fn push(
    pool: &SqlitePool,
    viewer: &Viewer,
    ops: &[ChannelOp],
) -> Result<Vec<ChannelAnswer>, AppError> {
    if ops.len() > MAX_CHANNEL_BATCH {
        return Err(AppError::Invalid("too_many_ops".into()));
    }
    let mut answers = Vec::with_capacity(ops.len());
    for op in ops {
        answers.push(push_one(pool, viewer, op).await?);
    }
    Ok(answers)
}

async fn push_one(pool: &SqlitePool, viewer: &Viewer, op: &ChannelOp) -> Result<ChannelAnswer, AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(internal)?;
    let replayed = op_log::replay(
        &mut tx,
        OpTable::Channel,
        op.id,
        viewer,
        ChannelOutcome::on_retry,
        ChannelOutcome::Rejected("already_exists".into()),
    )
    .await?;
    if let Some(outcome) = replayed {
        return Ok(ChannelAnswer {
            op_id: op.id,
            outcome,
        });
    }
    let mut notify = None;
    let result = match &op.action {
        ChannelAction::Post { post } => {
            match channel::insert_post(&mut tx, viewer, op.account_id, post).await {
                Ok(Ok(Some((_, n)))) => {
                    notify = Some(n);
                    Ok(Ok(()))
                }
                Ok(Ok(None)) => Ok(Ok(())),
                Ok(Err(key)) => Ok(Err(key)),
                Err(e) => Err(e),
            }
        }
        ChannelAction::Acknowledge { post_id } => channel::acknowledge(&mut tx, viewer, *post_id).await,
        ChannelAction::MarkAnswered { question_id } => {
            channel::mark_answered(&mut tx, viewer, *question_id).await
        }
    };
    let outcome = match result {
        Ok(Ok(())) => ChannelOutcome::Applied,
        Ok(Err(key)) => ChannelOutcome::Rejected(key),
        // No access (any more) or no such post: refused, and the device shows why.
        Err(AppError::Forbidden) => ChannelOutcome::Rejected("forbidden".into()),
        Err(AppError::NotFound) => ChannelOutcome::Rejected("not_found".into()),
        Err(e) => return Err(e),
    };
    sqlx::query("INSERT INTO channel_ops (op_id, person_id, outcome, received_at) VALUES (?, ?, ?, ?)")
        .bind(op.id.to_string())
        .bind(viewer.id.0)
        .bind(serde_json::to_string(&outcome).map_err(internal)?)
        .bind(chrono::Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
    tx.commit().await.map_err(internal)?;
    if let Some(n) = notify {
        super::push::send_later(pool.clone(), n.people, n.note);
    }
    Ok(ChannelAnswer {
        op_id: op.id,
        outcome,
    })
}
