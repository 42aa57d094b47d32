//! "Answered once" for every kind of operation a device queues: the first answer is stored with
//! its author in the same transaction as the change, a retry by the author gets that answer
//! again, and an id someone else already used is refused. One rule for clock/card edits and
//! channel writes alike.

use crate::domain::error::AppError;
use crate::domain::people::Viewer;
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

/// What is known of an operation id before it is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    /// Never answered: decide it now.
    New,
    /// The same author sent it before: here is the stored answer (JSON).
    Retry(String),
    /// Someone else's id. Their answer is not shown and nothing is applied.
    Foreign,
}

/// Looks an operation id up, inside the transaction that will apply it.
pub async fn seen(
    tx: &mut SqliteConnection,
    table: OpTable,
    op_id: Uuid,
    viewer: &Viewer,
) -> Result<Seen, AppError> {
    let row: Option<(i64, String)> = sqlx::query_as(&format!(
        "SELECT person_id, outcome FROM {} WHERE op_id = ?",
        table.name()
    ))
    .bind(op_id.to_string())
    .fetch_optional(&mut *tx)
    .await
    .map_err(internal)?;
    Ok(match row {
        None => Seen::New,
        Some((author, outcome)) if author == viewer.id.0 => Seen::Retry(outcome),
        Some((author, _)) => {
            tracing::warn!(
                person = viewer.id.0,
                author,
                op = %op_id,
                table = table.name(),
                "operation id of another person refused"
            );
            Seen::Foreign
        }
    })
}
