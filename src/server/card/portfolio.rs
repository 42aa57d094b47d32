//! The management team's monthly portfolio: every account's card of a month.

use crate::domain::card::portfolio::{order, Portfolio, PortfolioEntry};
use crate::domain::card::TrafficLight;
use crate::domain::clock::PersonRef;
use crate::domain::dates::YearMonth;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::{Role, Viewer};
use sqlx::SqlitePool;
use std::collections::HashMap;

use crate::server::card::quality_cards;

/// An account's id and name, its director's id and name, contract start and value.
type AccountRow = (i64, String, i64, String, Option<chrono::NaiveDate>, Option<i64>);

/// The month the portfolio opens on: the latest, up to this month, in which a card the viewer
/// may read was sent to management (a month of drafts only would open looking empty).
pub async fn opening_month(
    pool: &SqlitePool,
    viewer: &Viewer,
    today: chrono::NaiveDate,
) -> Result<YearMonth, AppError> {
    let this_month = YearMonth::of(today);
    let only_director = (viewer.role == Role::AccountDirector).then_some(viewer.id.0);
    let latest: Option<(i32, u32)> = sqlx::query_as(
        "SELECT q.year, q.month FROM quality_cards q JOIN accounts a ON a.id = q.account_id
         WHERE q.state <> 'draft' AND (q.year * 100 + q.month) <= ?1 AND (?2 IS NULL OR a.director_id = ?2)
         ORDER BY q.year DESC, q.month DESC LIMIT 1",
    )
    .bind(this_month.year * 100 + this_month.month as i32)
    .bind(only_director)
    .fetch_optional(pool)
    .await?;
    Ok(latest.map_or(this_month, |(year, month)| YearMonth { year, month }))
}

/// The portfolio `viewer` may read: management and admins see every account, a director
/// their own; nobody else has one.
pub async fn of_month(pool: &SqlitePool, viewer: &Viewer, period: YearMonth) -> Result<Portfolio, AppError> {
    let only_director = match viewer.role {
        Role::Admin | Role::Management => None,
        Role::AccountDirector => Some(viewer.id.0),
        _ => {
            tracing::warn!(person = viewer.id.0, "portfolio refused");
            return Err(AppError::Forbidden);
        }
    };
    let accounts: Vec<AccountRow> = sqlx::query_as(
        "SELECT a.id, a.name, p.id, p.name, a.contract_start, a.contract_value FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE ?1 IS NULL OR a.director_id = ?1",
    )
    .bind(only_director)
    .fetch_all(pool)
    .await?;
    let places: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "SELECT s.account_id, r.name, s.town, COUNT(*) FROM sites s JOIN regions r ON r.id = s.region_id
         GROUP BY s.account_id, r.name, s.town ORDER BY COUNT(*) DESC",
    )
    .fetch_all(pool)
    .await?;
    let mut regions: HashMap<i64, Vec<String>> = HashMap::new();
    let mut towns: HashMap<i64, Vec<String>> = HashMap::new();
    let mut sites: HashMap<i64, u32> = HashMap::new();
    for (account, region, town, count) in places {
        let r = regions.entry(account).or_default();
        if !r.contains(&region) {
            r.push(region);
        }
        let t = towns.entry(account).or_default();
        if !t.contains(&town) {
            t.push(town);
        }
        *sites.entry(account).or_default() += count as u32;
    }
    let previous: Vec<(i64, String)> = sqlx::query_as(
        "SELECT c.account_id, c.light FROM quality_cards c
         WHERE (c.year < ?1 OR (c.year = ?1 AND c.month < ?2))
           AND NOT EXISTS (SELECT 1 FROM quality_cards d WHERE d.account_id = c.account_id
               AND (d.year < ?1 OR (d.year = ?1 AND d.month < ?2))
               AND (d.year > c.year OR (d.year = c.year AND d.month > c.month)))",
    )
    .bind(period.year)
    .bind(period.month)
    .fetch_all(pool)
    .await?;
    let previous: HashMap<i64, TrafficLight> = previous
        .into_iter()
        .filter_map(|(a, l)| Some((a, TrafficLight::parse(&l)?)))
        .collect();
    let open: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT account_id, COUNT(*) FROM card_comments
         WHERE year = ? AND month = ? AND instruction <> 0 AND acknowledged_by IS NULL GROUP BY account_id",
    )
    .bind(period.year)
    .bind(period.month)
    .fetch_all(pool)
    .await?;
    let open: HashMap<i64, i64> = open.into_iter().collect();

    let mut conn = pool.acquire().await?;
    let mut entries = Vec::with_capacity(accounts.len());
    let mut directors: Vec<PersonRef> = Vec::new();
    for (id, name, director_id, director_name, contract_start, contract_value) in accounts {
        let card = quality_cards::load(&mut conn, AccountId(id), period).await?;
        if !directors.iter().any(|d| d.id.0 == director_id) {
            directors.push(PersonRef {
                id: PersonId(director_id),
                name: director_name.clone(),
            });
        }
        entries.push(PortfolioEntry {
            account_id: AccountId(id),
            name,
            director_id: PersonId(director_id),
            director_name,
            regions: regions.remove(&id).unwrap_or_default(),
            towns: towns.remove(&id).unwrap_or_default(),
            site_count: sites.get(&id).copied().unwrap_or(0),
            contract_start,
            contract_value,
            card,
            previous_light: previous.get(&id).copied(),
            open_instructions: open.get(&id).copied().unwrap_or(0) as u32,
        });
    }
    order(&mut entries);
    directors.sort_by(|a, b| crate::domain::collation::compare(&a.name, &b.name));
    let mut all_regions: Vec<String> = entries.iter().flat_map(|e| e.regions.clone()).collect();
    all_regions.sort_by(|a, b| crate::domain::collation::compare(a, b));
    all_regions.dedup();
    Ok(Portfolio {
        period,
        entries,
        directors,
        regions: all_regions,
        rules: crate::server::card::light_rules::current(pool).await?,
    })
}
