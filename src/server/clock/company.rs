//! What an admin sets once for the whole company: activities shown in every account's wheel
//! (management-team calendar, audit season) and the standard clock template used when a
//! director plans the next year.

use crate::domain::clock::new_event::Repeat;
use crate::domain::clock::series::{SeriesDef, COMPANY};
use crate::domain::clock::template::{self, TemplateEntry};
use crate::domain::clock::{ClockEvent, EventKind};
use crate::domain::error::AppError;
use crate::domain::people::{Role, Viewer};
use chrono::{NaiveDate, NaiveTime};
use sqlx::SqlitePool;
use uuid::Uuid;

use crate::server::clock::series;
use crate::server::people::auth::internal;

/// Puts the standard entries into a fresh installation's template, once: an admin who empties
/// the template later keeps it empty.
pub async fn seed_template(pool: &SqlitePool) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let done = sqlx::query("INSERT OR IGNORE INTO app_flags (name, at) VALUES ('template_seeded', ?)")
        .bind(chrono::Utc::now().to_rfc3339())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 1 {
        for entry in template::standard() {
            insert_entry(&mut tx, &entry).await?;
        }
    }
    tx.commit().await.map_err(internal)
}

async fn insert_entry(conn: &mut sqlx::SqliteConnection, e: &TemplateEntry) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO clock_template (kind, title, month_offset, day, repeat, local_time)
         VALUES (?, ?, ?, ?, ?, ?)",
    )
    .bind(e.kind.as_str())
    .bind(&e.title)
    .bind(e.month_offset)
    .bind(e.day)
    .bind(serde_json::to_string(&e.repeat).map_err(internal)?)
    .bind(e.time.map(|t| t.format("%H:%M").to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct TemplateRow {
    id: i64,
    kind: String,
    title: String,
    month_offset: u32,
    day: u32,
    repeat: String,
    local_time: Option<String>,
}

/// The template, in the order of the account year.
pub async fn template(pool: &SqlitePool) -> Result<Vec<TemplateEntry>, AppError> {
    let rows: Vec<TemplateRow> = sqlx::query_as(
        "SELECT id, kind, title, month_offset, day, repeat, local_time FROM clock_template
         ORDER BY month_offset, day, id",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(TemplateEntry {
                id: r.id,
                kind: EventKind::parse(&r.kind)?,
                title: r.title,
                month_offset: r.month_offset,
                day: r.day,
                repeat: serde_json::from_str::<Repeat>(&r.repeat).ok()?,
                time: r
                    .local_time
                    .and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
            })
        })
        .collect())
}

pub async fn add_template_entry(
    pool: &SqlitePool,
    viewer: &Viewer,
    entry: &TemplateEntry,
) -> Result<(), AppError> {
    crate::server::access::require_admin(viewer, "company clock change")?;
    if !entry.is_valid() {
        return Err(AppError::Invalid("template_entry".into()));
    }
    let mut conn = pool.acquire().await?;
    insert_entry(&mut conn, entry).await
}

pub async fn remove_template_entry(pool: &SqlitePool, viewer: &Viewer, id: i64) -> Result<(), AppError> {
    crate::server::access::require_admin(viewer, "company clock change")?;
    sqlx::query("DELETE FROM clock_template WHERE id = ?")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The company's activities with days between `from` and `to`, as events of the company.
pub async fn activities_between(
    pool: &SqlitePool,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ClockEvent>, AppError> {
    let mut conn = pool.acquire().await?;
    let defs = series::overlapping(&mut conn, COMPANY, from, to).await?;
    Ok(series::occurrences(&mut conn, &defs)
        .await?
        .into_iter()
        .filter(|e| (from..=to).contains(&e.starts_on))
        .collect())
}

/// Every company activity (its rule), newest first.
pub async fn activities(pool: &SqlitePool) -> Result<Vec<SeriesDef>, AppError> {
    let mut conn = pool.acquire().await?;
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(1900, 1, 1),
        NaiveDate::from_ymd_opt(2200, 1, 1),
    ) else {
        return Ok(Vec::new());
    };
    let mut defs = series::overlapping(&mut conn, COMPANY, from, to).await?;
    defs.reverse();
    Ok(defs)
}

/// A company activity: once, or repeating by a rule read off its first day, to the end of
/// that calendar year.
pub async fn add_activity(
    pool: &SqlitePool,
    viewer: &Viewer,
    title: &str,
    first: NaiveDate,
    repeat: Repeat,
    time: Option<NaiveTime>,
    last: Option<NaiveDate>,
) -> Result<SeriesDef, AppError> {
    crate::server::access::require_admin(viewer, "company clock change")?;
    let title = title.trim();
    if title.is_empty() || title.chars().count() > crate::domain::sync::ops::MAX_TITLE_CHARS {
        return Err(AppError::Invalid("title".into()));
    }
    let until = NaiveDate::from_ymd_opt(chrono::Datelike::year(&first), 12, 31)
        .ok_or_else(|| AppError::Invalid("first".into()))?;
    let def = SeriesDef {
        id: Uuid::now_v7(),
        account_id: COMPANY,
        kind: EventKind::Custom,
        title: title.to_string(),
        series: crate::domain::clock::recurrence::Series {
            rule: repeat
                .rule(first)
                .ok_or_else(|| AppError::Invalid("repeat".into()))?,
            starts_on: first,
            until: Some(until),
        },
        time,
        owner_role: Role::Management,
        sites: Vec::new(),
        // A period ("audit season 1.3.–30.4.") lasts from the first day to the last.
        days: match last {
            Some(last) if last < first => return Err(AppError::Invalid("last".into())),
            Some(last) => u32::try_from((last - first).num_days() + 1)
                .ok()
                .filter(|d| *d <= 366)
                .ok_or_else(|| AppError::Invalid("last".into()))?,
            None => 1,
        },
    };
    let mut conn = pool.acquire().await?;
    series::save(&mut conn, &def).await?;
    Ok(def)
}

pub async fn remove_activity(pool: &SqlitePool, viewer: &Viewer, id: Uuid) -> Result<(), AppError> {
    crate::server::access::require_admin(viewer, "company clock change")?;
    let mut conn = pool.acquire().await?;
    match series::load(&mut conn, id).await? {
        Some(def) if def.account_id == COMPANY => series::delete(&mut conn, id).await,
        _ => Err(AppError::NotFound),
    }
}
