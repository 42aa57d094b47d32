//! Reading accounts, sites, clock events and cards from the database into domain types.

use crate::domain::account::{AccountDetail, AccountSummary, Contact, Part, SiteInfo};
use crate::domain::card::TrafficLight;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId, SiteId};
use chrono::NaiveDate;
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    confidential: bool,
    director_name: String,
    site_count: i64,
    latest_light: Option<String>,
}

/// Summaries of the given accounts, A–Ö.
pub async fn summaries(pool: &SqlitePool, ids: &[AccountId]) -> Result<Vec<AccountSummary>, AppError> {
    let wanted: HashSet<i64> = ids.iter().map(|a| a.0).collect();
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT a.id, a.name, a.confidential <> 0 AS confidential, p.name AS director_name,
                (SELECT COUNT(*) FROM sites s WHERE s.account_id = a.id) AS site_count,
                (SELECT c.light FROM quality_cards c WHERE c.account_id = a.id
                 ORDER BY c.year DESC, c.month DESC LIMIT 1) AS latest_light
         FROM accounts a JOIN people p ON p.id = a.director_id",
    )
    .fetch_all(pool)
    .await?;
    let town_rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT account_id, town FROM sites GROUP BY account_id, town
         ORDER BY account_id, COUNT(*) DESC, town",
    )
    .fetch_all(pool)
    .await?;
    let mut towns: HashMap<i64, Vec<String>> = HashMap::new();
    for (account, town) in town_rows {
        if wanted.contains(&account) {
            towns.entry(account).or_default().push(town);
        }
    }
    let mut out: Vec<AccountSummary> = rows
        .into_iter()
        .filter(|r| wanted.contains(&r.id))
        .map(|r| AccountSummary {
            id: AccountId(r.id),
            towns: towns.remove(&r.id).unwrap_or_default(),
            name: r.name,
            director_name: r.director_name,
            site_count: r.site_count as u32,
            latest_light: r.latest_light.as_deref().and_then(TrafficLight::parse),
            confidential: r.confidential,
        })
        .collect();
    crate::domain::account::sort_a_to_o(&mut out);
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    name: String,
    confidential: bool,
    contract_start: NaiveDate,
    year_start_month: i64,
    contract_value: Option<i64>,
    director_id: i64,
    director_name: String,
    director_email: String,
    director_phone: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SiteRow {
    id: i64,
    name: String,
    address: String,
    town: String,
    supervisor_id: Option<i64>,
    supervisor_name: Option<String>,
    supervisor_email: Option<String>,
    supervisor_phone: Option<String>,
}

/// The account page's data for one clock year, as `viewer` reads it on `today`.
/// The caller has checked access.
pub async fn detail(
    pool: &SqlitePool,
    viewer: &crate::domain::people::Viewer,
    id: AccountId,
    clock_year: i32,
    today: NaiveDate,
    part: Part,
) -> Result<AccountDetail, AppError> {
    let account: AccountRow = sqlx::query_as(
        "SELECT a.id, a.name, a.confidential <> 0 AS confidential, a.contract_start, a.year_start_month,
                a.contract_value, p.id AS director_id, p.name AS director_name, p.email AS director_email,
                p.phone AS director_phone
         FROM accounts a JOIN people p ON p.id = a.director_id WHERE a.id = ?",
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await?
    .ok_or(AppError::NotFound)?;

    let sites: Vec<SiteRow> = sqlx::query_as(
        "SELECT s.id, s.name, s.address, s.town, s.supervisor_id,
                p.name AS supervisor_name, p.email AS supervisor_email, p.phone AS supervisor_phone
         FROM sites s LEFT JOIN people p ON p.id = s.supervisor_id
         WHERE s.account_id = ?",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await?;

    let rights = edit_rights(pool, viewer, id).await?;
    // Read the cursor before the events: a change made in between is pulled again, never missed.
    let sync_cursor = crate::server::sync::change_log::current_cursor(pool).await?;
    // A first screen drops most of the year's clock (`AccountDetail::first_screen`): its rows are
    // not read at all, which is most of the page's database time.
    let (events, whole_clock) = match part {
        Part::Whole => (
            crate::server::clock::events::of_account_year(pool, id, clock_year, None).await?,
            true,
        ),
        Part::FirstScreen if crate::domain::clock::for_me::shows_any(&rights.my_sites) => (
            crate::server::clock::events::of_account_year(pool, id, clock_year, Some(&rights.my_sites))
                .await?,
            false,
        ),
        Part::FirstScreen => (Vec::new(), false),
    };
    let start_month = account.year_start_month.clamp(1, 12) as u32;
    let months = crate::domain::clock::account_year_months(clock_year, start_month);
    let company = match (
        months.first().and_then(|m| m.first_day()),
        months.last().and_then(|m| m.last_day()),
    ) {
        (Some(from), Some(to)) if whole_clock => {
            crate::server::clock::company::activities_between(pool, from, to).await?
        }
        _ => Vec::new(),
    };
    let next_year_planned: bool =
        sqlx::query_scalar("SELECT COUNT(*) > 0 FROM planned_years WHERE account_id = ? AND year = ?")
            .bind(id.0)
            .bind(clock_year + 1)
            .fetch_one(pool)
            .await?;

    let cards = crate::server::card::quality_cards::of_account(pool, id, today).await?;

    let mut sites: Vec<SiteInfo> = sites
        .into_iter()
        .map(|s| SiteInfo {
            id: SiteId(s.id),
            name: s.name,
            address: s.address,
            town: s.town,
            supervisor: s.supervisor_id.map(|pid| Contact {
                id: PersonId(pid),
                name: s.supervisor_name.unwrap_or_default(),
                email: s.supervisor_email.unwrap_or_default(),
                phone: s.supervisor_phone,
            }),
        })
        .collect();
    sites.sort_by(|a, b| {
        crate::domain::collation::compare(&a.town, &b.town)
            .then_with(|| crate::domain::collation::compare(&a.name, &b.name))
    });

    let detail = AccountDetail {
        id: AccountId(account.id),
        name: account.name,
        confidential: account.confidential,
        director: Contact {
            id: PersonId(account.director_id),
            name: account.director_name,
            email: account.director_email,
            phone: account.director_phone,
        },
        contract_start: account.contract_start,
        year_start_month: account.year_start_month.clamp(1, 12) as u32,
        clock_year,
        events,
        company,
        next_year_planned,
        cards,
        card_versions: crate::server::card::quality_cards::versions(pool, id).await?,
        card_comments: crate::server::card::workflow::comments_for(pool, viewer, id).await?,
        light_rules: crate::server::card::light_rules::current(pool).await?,
        figures: crate::server::card::quality_cards::figures_of(pool, id).await?,
        contract_value: account.contract_value,
        sites,
        today,
        sync_cursor,
        rights,
        clock_follows: false,
    };
    Ok(match part {
        Part::Whole => detail,
        Part::FirstScreen => detail.first_screen(),
    })
}

/// What `viewer` may edit in the account: everything for its director and admins, the status
/// and notes of their own sites' events for supervisors (the same rule as `may_edit`).
pub async fn edit_rights(
    pool: &SqlitePool,
    viewer: &crate::domain::people::Viewer,
    account: AccountId,
) -> Result<crate::domain::account::EditRights, AppError> {
    use crate::domain::people::Role;
    let director: Option<i64> = sqlx::query_scalar("SELECT director_id FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_optional(pool)
        .await?;
    let everything = crate::domain::access::edits_account(viewer, director == Some(viewer.id.0));
    let my_sites: Vec<i64> = if viewer.role == Role::Supervisor {
        sqlx::query_scalar("SELECT id FROM sites WHERE account_id = ? AND supervisor_id = ?")
            .bind(account.0)
            .bind(viewer.id.0)
            .fetch_all(pool)
            .await?
    } else {
        Vec::new()
    };
    Ok(crate::domain::account::EditRights {
        me: (viewer.role == Role::Supervisor).then_some(viewer.id),
        everything,
        my_sites: my_sites.into_iter().map(SiteId).collect(),
        manages: crate::domain::access::manages(viewer),
    })
}
