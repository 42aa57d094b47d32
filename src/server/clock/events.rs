//! Clock events in the database: read into domain types, written back after an edit.

use crate::domain::clock::series::{SeriesLink, Stored};
use crate::domain::clock::{
    account_year_months, account_year_of, ClockEvent, EventKind, EventStatus, PersonRef, SiteRef, StatusMark,
};
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId, SiteId};
use crate::domain::people::Role;
use chrono::{NaiveDate, NaiveTime};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::HashMap;
use uuid::Uuid;

use crate::server::clock::series;
use crate::server::people::auth::internal;

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
    series_id: Option<String>,
    original_on: Option<NaiveDate>,
    removed: bool,
    status_by: Option<i64>,
    status_by_name: Option<String>,
    status_on: Option<NaiveDate>,
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
            series: match (self.series_id, self.original_on) {
                (Some(id), Some(original)) => Some(SeriesLink {
                    series_id: Uuid::parse_str(&id).ok()?,
                    original,
                }),
                _ => None,
            },
            status_mark: match (self.status_by, self.status_on) {
                (Some(id), Some(on)) => Some(StatusMark {
                    by: PersonRef {
                        id: PersonId(id),
                        name: self.status_by_name.unwrap_or_default(),
                    },
                    on,
                }),
                _ => None,
            },
        })
    }
}

const SELECT: &str = "
SELECT e.id, e.account_id, e.kind, e.title, e.starts_on, e.ends_on, e.local_time, e.owner_role,
       e.responsible_id, p.name AS responsible_name, e.site_id, s.name AS site_name, e.status, e.note,
       e.series_id, e.original_on, e.removed, e.status_by, sp.name AS status_by_name, e.status_on
FROM clock_events e
LEFT JOIN people p ON p.id = e.responsible_id
LEFT JOIN people sp ON sp.id = e.status_by
LEFT JOIN sites s ON s.id = e.site_id";

/// The events of one account year, by date.
/// With `sites`, only those sites' events and the account-level ones are read (a first screen's
/// block needs no others); `None` reads them all.
pub async fn of_account_year(
    pool: &SqlitePool,
    account: AccountId,
    year: i32,
    sites: Option<&[SiteId]>,
) -> Result<Vec<ClockEvent>, AppError> {
    let start_month: i64 = sqlx::query_scalar("SELECT year_start_month FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_optional(pool)
        .await?
        .unwrap_or(1);
    let months = account_year_months(year, start_month.clamp(1, 12) as u32);
    let first = months.first().and_then(|m| m.first_day());
    let last = months.last().and_then(|m| m.last_day());
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Vec::new());
    };
    of_account(pool, account, first, last, false, sites, None).await
}

/// The events of an account that start between two days (inclusive), by date: the one-off
/// events as stored, and the occurrences of its series computed with their stored changes.
pub async fn of_account_between(
    pool: &SqlitePool,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ClockEvent>, AppError> {
    of_account(pool, account, from, to, false, None, None).await
}

/// Like `of_account_between`, but also the periods that started earlier and still run on
/// `from` (a survey open for weeks): what a person's own list must not miss.
pub async fn of_account_during(
    pool: &SqlitePool,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ClockEvent>, AppError> {
    of_account(pool, account, from, to, true, None, None).await
}

/// The events of one kind of an account that start between two days (inclusive), series
/// occurrences included: what a count of one kind reads (the forecast's customer meetings)
/// without loading every site visit of the years.
pub async fn of_kind_between(
    pool: &SqlitePool,
    account: AccountId,
    kind: EventKind,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ClockEvent>, AppError> {
    of_account(pool, account, from, to, false, None, Some(kind)).await
}

async fn of_account(
    pool: &SqlitePool,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
    running: bool,
    sites: Option<&[SiteId]>,
    kind: Option<EventKind>,
) -> Result<Vec<ClockEvent>, AppError> {
    let mut conn = pool.acquire().await?;
    let at_sites = |e: &ClockEvent| match (sites, &e.site) {
        (Some(wanted), Some(site)) => wanted.contains(&site.id),
        _ => true,
    };
    // The sites as a JSON array for SQLite's json_each; NULL when every site is wanted.
    let sites_json = sites
        .map(|ids| serde_json::to_string(&ids.iter().map(|s| s.0).collect::<Vec<_>>()).unwrap_or_default());
    let days = if running {
        "e.starts_on <= ?3 AND COALESCE(e.ends_on, e.starts_on) >= ?2"
    } else {
        "e.starts_on BETWEEN ?2 AND ?3"
    };
    let rows: Vec<EventRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE e.account_id = ?1 AND e.series_id IS NULL AND {days}
           AND (?4 IS NULL OR e.site_id IS NULL OR e.site_id IN (SELECT value FROM json_each(?4)))
           AND (?5 IS NULL OR e.kind = ?5)"
    ))
    .bind(account.0)
    .bind(from)
    .bind(to)
    .bind(sites_json)
    .bind(kind.map(|k| k.as_str()))
    .fetch_all(&mut *conn)
    .await?;
    let mut events: Vec<ClockEvent> = rows.into_iter().filter_map(EventRow::into_event).collect();
    let mut defs = series::overlapping(&mut conn, account, from, to).await?;
    defs.retain(|d| kind.is_none_or(|k| d.kind == k));
    events.extend(
        series::occurrences(&mut conn, &defs)
            .await?
            .into_iter()
            .filter(at_sites)
            .filter(|e| {
                e.starts_on <= to
                    && if running {
                        e.last_day() >= from
                    } else {
                        e.starts_on >= from
                    }
            }),
    );
    events.sort_by_key(|e| (e.starts_on, e.time, e.id));
    Ok(events)
}

/// What is stored for single occurrences of a series: changed ones and removed ones.
pub async fn stored_of_series(
    conn: &mut SqliteConnection,
    series: Uuid,
) -> Result<HashMap<Uuid, Stored>, AppError> {
    let rows: Vec<EventRow> = sqlx::query_as(&format!("{SELECT} WHERE e.series_id = ?"))
        .bind(series.to_string())
        .fetch_all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let id = Uuid::parse_str(&row.id).ok()?;
            if row.removed {
                return Some((id, Stored::Removed));
            }
            Some((id, Stored::Changed(Box::new(row.into_event()?))))
        })
        .collect())
}

/// One stored event, if it exists and was not removed. A series occurrence nobody changed is
/// not stored: see `current`.
pub async fn load(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<ClockEvent>, AppError> {
    let row: Option<EventRow> = sqlx::query_as(&format!("{SELECT} WHERE e.id = ?"))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(row.filter(|r| !r.removed).and_then(EventRow::into_event))
}

/// The account of a stored event row, removed or not: an id taken is taken for good.
pub async fn stored_owner(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<AccountId>, AppError> {
    let account: Option<i64> = sqlx::query_scalar("SELECT account_id FROM clock_events WHERE id = ?")
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    Ok(account.map(AccountId))
}

/// An event as the clock shows it now: stored, or computed from one of the account's series.
/// A removed occurrence is gone.
pub async fn current(
    conn: &mut SqliteConnection,
    account: AccountId,
    id: Uuid,
) -> Result<Option<ClockEvent>, AppError> {
    let row: Option<EventRow> = sqlx::query_as(&format!("{SELECT} WHERE e.id = ?"))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) if row.removed => Ok(None),
        Some(row) => Ok(row.into_event()),
        None => series::computed_occurrence(conn, account, id).await,
    }
}

/// Writes an event (new or changed). Names of people and sites are not stored here: they are
/// read from their own tables, so a renamed person shows the new name everywhere.
pub async fn save(
    conn: &mut SqliteConnection,
    event: &ClockEvent,
    year_start_month: u32,
) -> Result<(), AppError> {
    let written = sqlx::query(
        "INSERT INTO clock_events (id, account_id, year, kind, title, starts_on, ends_on, local_time,
                                   owner_role, responsible_id, site_id, status, note, series_id,
                                   original_on, status_by, status_on, removed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT (id) DO UPDATE SET removed = 0,
             status_by = excluded.status_by, status_on = excluded.status_on,
             year = excluded.year, kind = excluded.kind, title = excluded.title,
             starts_on = excluded.starts_on, ends_on = excluded.ends_on, local_time = excluded.local_time,
             owner_role = excluded.owner_role, responsible_id = excluded.responsible_id,
             site_id = excluded.site_id, status = excluded.status, note = excluded.note
         WHERE clock_events.account_id = excluded.account_id",
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
    .bind(event.series.map(|l| l.series_id.to_string()))
    .bind(event.series.map(|l| l.original))
    .bind(event.status_mark.as_ref().map(|m| m.by.id.0))
    .bind(event.status_mark.as_ref().map(|m| m.on))
    .execute(conn)
    .await?;
    // An upsert never moves a row to another account: such a write is a bug or an attack.
    if written.rows_affected() == 0 {
        return Err(internal(format!("event {} belongs to another account", event.id)));
    }
    Ok(())
}

/// Deletes an event. An occurrence of a series is kept as "removed", or the rule would bring
/// it back.
pub async fn delete(
    conn: &mut SqliteConnection,
    event: &ClockEvent,
    year_start_month: u32,
) -> Result<(), AppError> {
    if event.series.is_some() {
        save(&mut *conn, event, year_start_month).await?;
        sqlx::query("UPDATE clock_events SET removed = 1 WHERE id = ?")
            .bind(event.id.to_string())
            .execute(conn)
            .await?;
        return Ok(());
    }
    sqlx::query("DELETE FROM clock_events WHERE id = ?")
        .bind(event.id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}
