//! Documents of every declared kind (`domain::sync::doc`) in their one table: loaded for an
//! operation, written back after it, read whole for a device that keeps an account.

use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use crate::domain::sync::doc::{AccountRecords, Doc, RecordKind};
use crate::server::people::auth::internal;
use serde_json::{Map, Value};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

/// A stored row: the record, and whether it was deleted.
pub struct Stored {
    pub record: Doc,
    pub deleted: bool,
}

type Row = (String, String, i64, String, Option<String>);

fn from_row((id, kind, account_id, body, deleted_at): Row) -> Result<Option<Stored>, AppError> {
    let (Ok(id), Some(kind)) = (Uuid::parse_str(&id), RecordKind::from_name(&kind)) else {
        return Ok(None);
    };
    let body: Map<String, Value> = serde_json::from_str(&body).map_err(internal)?;
    Ok(Some(Stored {
        record: Doc {
            kind,
            id,
            account_id: AccountId(account_id),
            body,
        },
        deleted: deleted_at.is_some(),
    }))
}

/// The row under `id`, deleted or not, in whatever account.
pub async fn load(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<Stored>, AppError> {
    let row: Option<Row> =
        sqlx::query_as("SELECT id, kind, account_id, body, deleted_at FROM records WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    row.map(from_row).transpose().map(Option::flatten)
}

pub async fn save(conn: &mut SqliteConnection, record: &Doc) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO records (id, kind, account_id, body, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
    )
    .bind(record.id.to_string())
    .bind(record.kind.name())
    .bind(record.account_id.0)
    .bind(Value::Object(record.body.clone()).to_string())
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks the record deleted; its row stays, so its id is never taken again.
pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<(), AppError> {
    sqlx::query("UPDATE records SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Every live record of the account the viewer may read (the caller has checked they see the
/// account), current to the change log's position now.
pub async fn of_account(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
) -> Result<AccountRecords, AppError> {
    // The cursor first: a change made between the two reads comes again by the pull.
    let sync_cursor = super::change_log::current_cursor(pool).await?;
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, kind, account_id, body, deleted_at FROM records
         WHERE account_id = ? AND deleted_at IS NULL ORDER BY id",
    )
    .bind(account.0)
    .fetch_all(pool)
    .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(stored) = from_row(row)? {
            if stored.record.kind.rules().readable_by(viewer.role) {
                records.push(stored.record);
            }
        }
    }
    Ok(AccountRecords {
        account_id: account,
        records,
        sync_cursor,
    })
}
