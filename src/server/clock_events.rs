//! Clock events in the database: read into domain types, written back after an edit.

use crate::domain::clock::{account_year_of, ClockEvent, EventKind, EventStatus, PersonRef, SiteRef};
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId, SiteId};
use crate::domain::people::Role;
use chrono::{NaiveDate, NaiveTime};
use sqlx::{SqliteConnection, SqlitePool};
use uuid::Uuid;

use super::auth::internal;

#[derive(sqlx::FromRow)]
struct EventRow {
    id: String,
    account_id: i64,
    kind: String,
    title: String,
    starts_on: NaiveDate,
    ends_on: Option<NaiveDate>,
    local_time: Option<String>,
    owner_role: String,
    responsible_id: Option<i64>,
    responsible_name: Option<String>,
    site_id: Option<i64>,
    site_name: Option<String>,
    status: String,
    note: String,
}

impl EventRow {
    fn into_event(self) -> Option<ClockEvent> {
        Some(ClockEvent {
            id: Uuid::parse_str(&self.id).ok()?,
            account_id: AccountId(self.account_id),
            kind: EventKind::parse(&self.kind)?,
            title: self.title,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            time: self
                .local_time
                .and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
            owner_role: Role::parse(&self.owner_role)?,
            responsible: self.responsible_id.map(|id| PersonRef {
                id: PersonId(id),
                name: self.responsible_name.unwrap_or_default(),
            }),
            site: self.site_id.map(|id| SiteRef {
                id: SiteId(id),
                name: self.site_name.unwrap_or_default(),
            }),
            status: EventStatus::parse(&self.status)?,
            note: self.note,
        })
    }
}

const SELECT: &str = "
SELECT e.id, e.account_id, e.kind, e.title, e.starts_on, e.ends_on, e.local_time, e.owner_role,
       e.responsible_id, p.name AS responsible_name, e.site_id, s.name AS site_name, e.status, e.note
FROM clock_events e
LEFT JOIN people p ON p.id = e.responsible_id
LEFT JOIN sites s ON s.id = e.site_id";

/// The events of one account year, by date.
pub async fn of_account_year(
    pool: &SqlitePool,
    account: AccountId,
    year: i32,
) -> Result<Vec<ClockEvent>, AppError> {
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE e.account_id = ? AND e.year = ? ORDER BY e.starts_on"
    ))
    .bind(account.0)
    .bind(year)
    .fetch_all(pool)
    .await
    .map_err(internal)?;
    Ok(rows.into_iter().filter_map(EventRow::into_event).collect())
}

/// The events of an account that start between two days (inclusive).
pub async fn of_account_between(
    pool: &SqlitePool,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ClockEvent>, AppError> {
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE e.account_id = ? AND e.starts_on BETWEEN ? AND ? ORDER BY e.starts_on"
    ))
    .bind(account.0)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
    .map_err(internal)?;
    Ok(rows.into_iter().filter_map(EventRow::into_event).collect())
}

/// One event, if it exists.
pub async fn load(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<ClockEvent>, AppError> {
    let row: Option<EventRow> = sqlx::query_as(&format!("{SELECT} WHERE e.id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await
        .map_err(internal)?;
    Ok(row.and_then(EventRow::into_event))
}

/// Writes an event (new or changed). Names of people and sites are not stored here: they are
/// read from their own tables, so a renamed person shows the new name everywhere.
pub async fn save(
    conn: &mut SqliteConnection,
    event: &ClockEvent,
    year_start_month: u32,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO clock_events (id, account_id, year, kind, title, starts_on, ends_on, local_time,
                                   owner_role, responsible_id, site_id, status, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET
             year = excluded.year, kind = excluded.kind, title = excluded.title,
             starts_on = excluded.starts_on, ends_on = excluded.ends_on, local_time = excluded.local_time,
             owner_role = excluded.owner_role, responsible_id = excluded.responsible_id,
             site_id = excluded.site_id, status = excluded.status, note = excluded.note",
    )
    .bind(event.id.to_string())
    .bind(event.account_id.0)
    .bind(account_year_of(event.starts_on, year_start_month))
    .bind(event.kind.as_str())
    .bind(&event.title)
    .bind(event.starts_on)
    .bind(event.ends_on)
    .bind(event.time.map(|t| t.format("%H:%M").to_string()))
    .bind(event.owner_role.as_str())
    .bind(event.responsible.as_ref().map(|p| p.id.0))
    .bind(event.site.as_ref().map(|s| s.id.0))
    .bind(event.status.as_str())
    .bind(&event.note)
    .execute(conn)
    .await
    .map_err(internal)?;
    Ok(())
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<(), AppError> {
    sqlx::query("DELETE FROM clock_events WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await
        .map_err(internal)?;
    Ok(())
}
