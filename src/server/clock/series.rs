//! Recurring events in the database: the rule is one row; occurrences are computed by
//! `domain::clock::series`, and only single occurrences that changed are stored (as events).

use crate::domain::clock::recurrence::{Rule, Series};
use crate::domain::clock::series::{with_exceptions, SeriesDef, COMPANY};
use crate::domain::clock::{ClockEvent, EventKind, SiteRef};
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, SiteId};
use crate::domain::people::Role;
use chrono::{NaiveDate, NaiveTime};
use sqlx::SqliteConnection;
use std::collections::HashMap;
use uuid::Uuid;

use crate::server::people::auth::internal;

#[derive(sqlx::FromRow)]
struct SeriesRow {
    id: String,
    account_id: Option<i64>,
    kind: String,
    title: String,
    rule: String,
    starts_on: NaiveDate,
    until: NaiveDate,
    local_time: Option<String>,
    owner_role: String,
    site_ids: String,
    days: i64,
}

const SELECT: &str = "SELECT id, account_id, kind, title, rule, starts_on, until, local_time, owner_role,
       site_ids, days FROM clock_series";

impl SeriesRow {
    /// `sites`: the account's sites now. A site that left the account leaves its series too.
    fn into_def(self, sites: &HashMap<SiteId, String>) -> Option<SeriesDef> {
        let rule: Rule = serde_json::from_str(&self.rule).ok()?;
        let site_ids: Vec<i64> = serde_json::from_str(&self.site_ids).ok()?;
        Some(SeriesDef {
            id: Uuid::parse_str(&self.id).ok()?,
            account_id: self.account_id.map_or(COMPANY, AccountId),
            kind: EventKind::parse(&self.kind)?,
            title: self.title,
            series: Series {
                rule,
                starts_on: self.starts_on,
                until: Some(self.until),
            },
            time: self
                .local_time
                .and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
            owner_role: Role::parse(&self.owner_role)?,
            sites: site_ids
                .into_iter()
                .filter_map(|id| {
                    let name = sites.get(&SiteId(id))?;
                    Some(SiteRef {
                        id: SiteId(id),
                        name: name.clone(),
                    })
                })
                .collect(),
            days: self.days.clamp(1, 366) as u32,
        })
    }
}

async fn site_names(
    conn: &mut SqliteConnection,
    account: AccountId,
) -> Result<HashMap<SiteId, String>, AppError> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM sites WHERE account_id = ?")
        .bind(account.0)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id, name)| (SiteId(id), name)).collect())
}

fn account_column(account: AccountId) -> Option<i64> {
    (account != COMPANY).then_some(account.0)
}

/// One series, if it exists.
pub async fn load(conn: &mut SqliteConnection, id: Uuid) -> Result<Option<SeriesDef>, AppError> {
    let row: Option<SeriesRow> = sqlx::query_as(&format!("{SELECT} WHERE id = ?"))
        .bind(id.to_string())
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let sites = site_names(conn, row.account_id.map_or(COMPANY, AccountId)).await?;
    Ok(row.into_def(&sites))
}

/// The series of an account (or `COMPANY`) that have days between `from` and `to`.
pub async fn overlapping(
    conn: &mut SqliteConnection,
    account: AccountId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SeriesDef>, AppError> {
    let rows: Vec<SeriesRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE account_id IS ? AND starts_on <= ? AND until >= ? ORDER BY starts_on"
    ))
    .bind(account_column(account))
    .bind(to)
    .bind(from)
    .fetch_all(&mut *conn)
    .await?;
    let sites = site_names(conn, account).await?;
    Ok(rows.into_iter().filter_map(|r| r.into_def(&sites)).collect())
}

pub async fn save(conn: &mut SqliteConnection, def: &SeriesDef) -> Result<(), AppError> {
    let site_ids: Vec<i64> = def.sites.iter().map(|s| s.id.0).collect();
    sqlx::query(
        "INSERT INTO clock_series (id, account_id, kind, title, rule, starts_on, until, local_time,
                                   owner_role, site_ids, days, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(def.id.to_string())
    .bind(account_column(def.account_id))
    .bind(def.kind.as_str())
    .bind(&def.title)
    .bind(serde_json::to_string(&def.series.rule).map_err(internal)?)
    .bind(def.series.starts_on)
    .bind(def.series.until.unwrap_or(def.series.starts_on))
    .bind(def.time.map(|t| t.format("%H:%M").to_string()))
    .bind(def.owner_role.as_str())
    .bind(serde_json::to_string(&site_ids).map_err(internal)?)
    .bind(def.days)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn delete(conn: &mut SqliteConnection, id: Uuid) -> Result<(), AppError> {
    sqlx::query("DELETE FROM clock_events WHERE series_id = ?")
        .bind(id.to_string())
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM clock_series WHERE id = ?")
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(())
}

/// Every occurrence of these series as shown: computed, with the stored changes on top.
pub async fn occurrences(
    conn: &mut SqliteConnection,
    defs: &[SeriesDef],
) -> Result<Vec<ClockEvent>, AppError> {
    let mut out = Vec::new();
    for def in defs {
        let stored = crate::server::clock::events::stored_of_series(&mut *conn, def.id).await?;
        let computed = def.occurrences_between(def.series.starts_on, NaiveDate::MAX);
        out.extend(with_exceptions(computed, &stored));
    }
    Ok(out)
}

/// The computed occurrence with this id among the account's series, for an edit of an
/// occurrence nobody has changed before (so nothing of it is stored yet).
pub async fn computed_occurrence(
    conn: &mut SqliteConnection,
    account: AccountId,
    id: Uuid,
) -> Result<Option<ClockEvent>, AppError> {
    // Dates are compared as ISO text in SQL: bounds far apart but in the same four-digit form.
    let (from, to) = (
        NaiveDate::from_ymd_opt(1900, 1, 1),
        NaiveDate::from_ymd_opt(2200, 1, 1),
    );
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(None);
    };
    let defs = overlapping(conn, account, from, to).await?;
    Ok(defs.iter().find_map(|def| {
        def.occurrences_between(def.series.starts_on, NaiveDate::MAX)
            .into_iter()
            .find(|e| e.id == id)
    }))
}
