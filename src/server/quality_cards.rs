//! Quality cards in the database: read into domain types, written back after an edit.

use crate::domain::card::{QualityCard, TrafficLight};
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use sqlx::{SqliteConnection, SqlitePool};

use super::auth::internal;

#[derive(sqlx::FromRow)]
struct CardRow {
    account_id: i64,
    year: i64,
    month: i64,
    light: String,
    summary: String,
}

impl CardRow {
    fn into_card(self) -> Option<QualityCard> {
        Some(QualityCard {
            account_id: AccountId(self.account_id),
            period: YearMonth {
                year: self.year as i32,
                month: self.month as u32,
            },
            light: TrafficLight::parse(&self.light)?,
            summary: self.summary,
        })
    }
}

const SELECT: &str = "SELECT account_id, year, month, light, summary FROM quality_cards";

/// Every card of an account, oldest first.
pub async fn of_account(pool: &SqlitePool, account: AccountId) -> Result<Vec<QualityCard>, AppError> {
    let rows: Vec<CardRow> = sqlx::query_as(&format!("{SELECT} WHERE account_id = ? ORDER BY year, month"))
        .bind(account.0)
        .fetch_all(pool)
        .await
        .map_err(internal)?;
    Ok(rows.into_iter().filter_map(CardRow::into_card).collect())
}

/// One month's card of an account, if it was written.
pub async fn load(
    conn: &mut SqliteConnection,
    account: AccountId,
    period: YearMonth,
) -> Result<Option<QualityCard>, AppError> {
    let row: Option<CardRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE account_id = ? AND year = ? AND month = ?"
    ))
    .bind(account.0)
    .bind(period.year)
    .bind(period.month)
    .fetch_optional(conn)
    .await
    .map_err(internal)?;
    Ok(row.and_then(CardRow::into_card))
}

/// Writes a card (new or changed); one card per account and month.
pub async fn save(conn: &mut SqliteConnection, card: &QualityCard) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO quality_cards (id, account_id, year, month, light, summary, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_id, year, month) DO UPDATE SET
             light = excluded.light, summary = excluded.summary, updated_at = excluded.updated_at",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(card.account_id.0)
    .bind(card.period.year)
    .bind(card.period.month)
    .bind(card.light.as_str())
    .bind(&card.summary)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}
