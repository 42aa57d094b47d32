//! "Answered once" for every kind of operation a device queues: the first answer is stored with
//! its author in the same transaction as the change, a retry by the author gets that answer
//! again, and an id someone else already used is refused. One rule for clock/card edits and
//! channel writes alike.

use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use serde::de::DeserializeOwned;
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::auth::internal;

/// Where a kind of operation keeps its answers.
#[derive(Debug, Clone, Copy)]
pub enum OpTable {
    /// Clock and quality-card edits (`sync_ops`).
    Sync,
    /// Channel posts, acknowledgements and "answered" marks (`channel_ops`).
    Channel,
}

impl OpTable {
    fn name(self) -> &'static str {
        match self {
            OpTable::Sync => "sync_ops",
            OpTable::Channel => "channel_ops",
        }
    }
}

/// The answer to an operation id seen before, or `None` for a new one to decide now. The
/// author's retry gets their stored answer as `on_retry` makes it (nothing is applied twice);
/// anyone else's gets `foreign`, and nothing of the stored answer.
pub async fn replay<O: DeserializeOwned>(
    tx: &mut SqliteConnection,
    table: OpTable,
    op_id: Uuid,
    viewer: &Viewer,
    on_retry: impl FnOnce(O) -> O,
    foreign: O,
) -> Result<Option<O>, AppError> {
    let row: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT person_id, outcome FROM {} WHERE op_id = ?",
        table.name()
    ))
    .bind(op_id.to_string())
    .fetch_optional(&mut *tx)
    .await
    .map_err(internal)?;
    match row {
        None => Ok(None),
        Some((author, first)) if author == viewer.id.0 => {
            let first: O = serde_json::from_str(&first).map_err(internal)?;
            Ok(Some(on_retry(first)))
        }
        Some((author, _)) => {
            tracing::warn!(
                person = viewer.id.0,
                author,
                op = %op_id,
                table = table.name(),
                "operation id of another person refused"
            );
            Ok(Some(foreign))
        }
    }
}
