//! Documents of every declared kind (`domain::sync::doc`) in their one table: loaded for an
//! operation, written back after it, read whole for a device that keeps an account.

use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Viewer;
use crate::domain::sync::doc::{AccountRecords, Doc, RecordKind};
use crate::server::people::auth::internal;
use serde_json::{Map, Value};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

/// A stored row: its account, whether it was deleted, and the record (None when its kind is
/// not one this build knows: the row still exists and its id is taken).
pub struct Stored {
    pub account_id: AccountId,
    pub deleted: bool,
    pub record: Option<Doc>,
}

type Row = (String, String, i64, String, Option<String>);

fn from_row((id, kind, account_id, body, deleted_at): Row) -> Result<Stored, AppError> {
    let record = match (Uuid::parse_str(&id), RecordKind::from_name(&kind)) {
        (Ok(id), Some(kind)) => Some(Doc {
            kind,
            id,
            account_id: AccountId(account_id),
            body: serde_json::from_str::<Map<String, Value>>(&body).map_err(internal)?,
        }),
        _ => None,
    };
    Ok(Stored {
        account_id: AccountId(account_id),
        deleted: deleted_at.is_some(),
        record,
    })
}

/// The row under `id`, deleted or not, in whatever account.
pub async fn load(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<Stored>, AppError> {
    let row: Option<Row> =
        sqlx::query_as("SELECT id, kind, account_id, body, deleted_at FROM records WHERE id = ?")
            .bind(id.to_string())
            .fetch_optional(&mut *conn)
            .await?;
    row.map(from_row).transpose()
}

/// Writes a record; `by` is the person whose session sent it, kept as its maker when it is new.
pub async fn save(conn: &mut SqliteConnection, record: &Doc, by: PersonId) -> Result<(), AppError> {
    // Only ever the same live record of the same account and kind (the caller loaded it): an
    // id can never carry a body into another account's row.
    let written = sqlx::query(
        "INSERT INTO records (id, kind, account_id, body, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at
         WHERE records.account_id = excluded.account_id AND records.kind = excluded.kind
           AND records.deleted_at IS NULL",
    )
    .bind(record.id.to_string())
    .bind(record.kind.name())
    .bind(record.account_id.0)
    .bind(Value::Object(record.body.clone()).to_string())
    .bind(chrono::Utc::now().to_rfc3339())
    .bind(by.0)
    .execute(conn)
    .await?;
    match written.rows_affected() {
        1 => Ok(()),
        _ => Err(AppError::Internal("record row of another account or kind".into())),
    }
}

/// Marks a stored record deleted; its row stays, so its id is never taken again (an id never
/// stored has no row to keep, and deleting it changes nothing).
pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<(), AppError> {
    sqlx::query("UPDATE records SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// The account's live records of some kinds, for a page that has checked its reader already
/// (the map's changes on the quality card, the KAM's helpers on whom-to-contact).
pub async fn of_kinds(
    pool: &SqlitePool,
    account: AccountId,
    kinds: &[RecordKind],
) -> Result<Vec<Doc>, AppError> {
    let names = Value::from(kinds.iter().map(|k| k.name()).collect::<Vec<_>>()).to_string();
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, kind, account_id, body, deleted_at FROM records
         WHERE account_id = ? AND deleted_at IS NULL AND kind IN (SELECT value FROM json_each(?))
         ORDER BY id",
    )
    .bind(account.0)
    .bind(names)
    .fetch_all(pool)
    .await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        records.extend(from_row(row)?.record);
    }
    Ok(records)
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
        if let Some(record) = from_row(row)?.record {
            if record.kind.rules().readable_by(viewer.role) {
                records.push(record);
            }
        }
    }
    Ok(AccountRecords {
        account_id: account,
        records,
        sync_cursor,
    })
}
