//! The one change log every kind of record writes to, in the transaction of its change; a
//! device's cursor pull reads it (`push_pull::pull`). One writer, so a kind cannot forget the
//! time or the key format.

use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::sync::Entity;
use sqlx::{SqliteConnection, SqlitePool};

/// The newest change-log position: a copy read now is current up to here.
pub async fn current_cursor(pool: &SqlitePool) -> Result<i64, AppError> {
    Ok(sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) FROM change_log")
        .fetch_one(pool)
        .await?)
}

/// Notes that `entity` of `account` changed (or, `deleted`, is gone), so every device that may
/// see the account pulls its new state.
pub async fn record(
    conn: &mut SqliteConnection,
    account: AccountId,
    entity: Entity,
    deleted: bool,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO change_log (account_id, entity_id, deleted, at) VALUES (?, ?, ?, ?)")
        .bind(account.0)
        .bind(entity.key())
        .bind(deleted)
        .bind(chrono::Utc::now().to_rfc3339())
        .execute(conn)
        .await?;
    Ok(())
}
