//! "Answered once" for every kind of operation a device queues (clock, card, series, channel):
//! the first answer is stored with its author in the same transaction as the change
//! (`sync::push_one`), a retry by the author gets that answer again, and an id someone else
//! already used is refused.

use crate::domain::error::AppError;
use crate::domain::people::Viewer;
use crate::domain::sync::{Outcome, RejectReason};
use sqlx::SqliteConnection;
use uuid::Uuid;

use crate::server::people::auth::internal;

/// The answer to an operation id seen before, or `None` for a new one to decide now. The
/// author's retry gets their stored answer again as a retry (`Outcome::on_retry`: nothing is
/// applied twice); anyone else's is refused, with nothing of the stored answer.
pub async fn replay(
    tx: &mut SqliteConnection,
    op_id: Uuid,
    viewer: &Viewer,
) -> Result<Option<Outcome>, AppError> {
    let row: Option<(i64, String)> =
        sqlx::query_as("SELECT person_id, outcome FROM sync_ops WHERE op_id = ?")
            .bind(op_id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
    match row {
        None => Ok(None),
        Some((author, first)) if author == viewer.id.0 => {
            let first: Outcome = serde_json::from_str(&first).map_err(internal)?;
            Ok(Some(first.on_retry()))
        }
        Some((author, _)) => {
            tracing::warn!(
                person = viewer.id.0,
                author,
                op = %op_id,
                "operation id of another person refused"
            );
            Ok(Some(Outcome::Rejected(RejectReason::AlreadyExists)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server upgraded from the time channel writes had their own answer table keeps those
    /// answers: each reads back in the engine's typed form, so a device that re-sends an old
    /// write gets its first answer again, not a second post.
    #[tokio::test]
    async fn answers_given_to_channel_writes_survive_the_move_into_one_log() {
        let pool = sqlx::sqlite::SqlitePoolOptions::new()
            .connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::raw_sql(
            "CREATE TABLE sync_ops (op_id TEXT PRIMARY KEY, person_id INTEGER NOT NULL,
                 account_id INTEGER NOT NULL, outcome TEXT NOT NULL, received_at TEXT NOT NULL);
             CREATE TABLE channel_ops (op_id TEXT PRIMARY KEY, person_id INTEGER NOT NULL,
                 outcome TEXT NOT NULL, received_at TEXT NOT NULL);
             INSERT INTO channel_ops VALUES
                 ('00000000-0000-0000-0000-000000000001', 7, '{\"outcome\":\"applied\"}', 't'),
                 ('00000000-0000-0000-0000-000000000002', 7, '{\"outcome\":\"rejected\",\"reason\":\"forbidden\"}', 't'),
                 ('00000000-0000-0000-0000-000000000003', 7, '{\"outcome\":\"rejected\",\"reason\":\"post_too_long\"}', 't');",
        )
        .execute(&pool)
        .await
        .unwrap();
        sqlx::raw_sql(include_str!("../../../migrations/0009_one_op_log.sql"))
            .execute(&pool)
            .await
            .unwrap();
        let me = Viewer {
            id: crate::domain::ids::PersonId(7),
            role: crate::domain::people::Role::Supervisor,
            region_id: None,
        };
        let mut conn = pool.acquire().await.unwrap();
        let answer = |n: u128| Uuid::from_u128(n);
        assert_eq!(
            replay(&mut conn, answer(1), &me).await.unwrap(),
            Some(Outcome::Duplicate)
        );
        assert_eq!(
            replay(&mut conn, answer(2), &me).await.unwrap(),
            Some(Outcome::Rejected(RejectReason::Forbidden))
        );
        assert_eq!(
            replay(&mut conn, answer(3), &me).await.unwrap(),
            Some(Outcome::Rejected(RejectReason::Invalid("post_too_long".into())))
        );
        let someone_else = Viewer {
            id: crate::domain::ids::PersonId(8),
            ..me
        };
        assert_eq!(
            replay(&mut conn, answer(1), &someone_else).await.unwrap(),
            Some(Outcome::Rejected(RejectReason::AlreadyExists))
        );
        let old_table: Option<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE name = 'channel_ops'")
                .fetch_optional(&mut *conn)
                .await
                .unwrap();
        assert_eq!(old_table, None);
    }
}
