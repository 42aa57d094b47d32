//! "Plan next year" on the server: the director's one step, written in one transaction and
//! logged so every device pulls the new year like any other change.

use crate::domain::clock::next_year::{plan, ThisYear};
use crate::domain::clock::{account_year_months, SiteRef};
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, SiteId};
use crate::domain::people::Viewer;
use crate::domain::sync::Entity;
use sqlx::SqlitePool;

use crate::server::access;
use crate::server::clock::company;
use crate::server::clock::events;
use crate::server::clock::series;

/// Plans the account year after `year` from this year's clock and the company template.
/// Answers how many occurrences the new year has. Planning a year twice is refused.
pub async fn plan_next_year(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    year: i32,
) -> Result<usize, AppError> {
    access::require_account(pool, viewer, account).await?;
    let (director, contract_start, start_month): (i64, chrono::NaiveDate, i64) =
        sqlx::query_as("SELECT director_id, contract_start, year_start_month FROM accounts WHERE id = ?")
            .bind(account.0)
            .fetch_one(pool)
            .await?;
    if !crate::domain::access::edits_account(viewer, viewer.id.0 == director) {
        tracing::warn!(
            person = viewer.id.0,
            account = account.0,
            "planning next year refused"
        );
        return Err(AppError::Forbidden);
    }
    let start_month = start_month.clamp(1, 12) as u32;
    let this_months = account_year_months(year, start_month);
    let next_months = account_year_months(year + 1, start_month);
    let (Some(from), Some(to)) = (
        this_months.first().and_then(|m| m.first_day()),
        this_months.last().and_then(|m| m.last_day()),
    ) else {
        return Err(AppError::Invalid("year".into()));
    };

    let one_offs: Vec<_> = events::of_account_year(pool, account, year, None)
        .await?
        .into_iter()
        .filter(|e| e.series.is_none())
        .collect();
    let template = company::template(pool).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let series: Vec<_> = series::overlapping(&mut tx, account, from, to)
        .await?
        .into_iter()
        // A series belongs to the year it starts in.
        .filter(|s| s.series.starts_on >= from)
        .collect();
    let sites: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM sites WHERE account_id = ? ORDER BY id")
            .bind(account.0)
            .fetch_all(&mut *tx)
            .await?;
    let sites: Vec<SiteRef> = sites
        .into_iter()
        .map(|(id, name)| SiteRef { id: SiteId(id), name })
        .collect();
    let planned = sqlx::query(
        "INSERT OR IGNORE INTO planned_years (account_id, year, planned_by, planned_at) VALUES (?, ?, ?, ?)",
    )
    .bind(account.0)
    .bind(year + 1)
    .bind(viewer.id.0)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(&mut *tx)
    .await?;
    if planned.rows_affected() == 0 {
        return Err(AppError::Invalid("already_planned".into()));
    }

    let next = plan(
        &ThisYear {
            account,
            series: &series,
            events: &one_offs,
            sites: &sites,
            contract_start,
        },
        &template,
        &next_months,
    );
    let mut entities = Vec::new();
    let mut count = next.events.len();
    for def in &next.series {
        series::save(&mut tx, def).await?;
        count += def.count_until(def.series.until.unwrap_or(def.series.starts_on));
        entities.push(Entity::Series(def.id));
    }
    for event in &next.events {
        events::save(&mut tx, event, start_month).await?;
        entities.push(Entity::Event(event.id));
    }
    for entity in entities {
        crate::server::sync::change_log::record(&mut tx, account, entity, false).await?;
    }
    tx.commit().await?;
    tracing::info!(
        person = viewer.id.0,
        account = account.0,
        year = year + 1,
        count,
        "next year planned"
    );
    Ok(count)
}
