//! Loads the facts the domain's access rule needs; the rule itself is `domain::access::can_view`.

use crate::domain::access::{can_view, keep_reason, sees_support_organisation, AccountAccessFacts};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use sqlx::SqlitePool;

use crate::server::people::auth::internal;

/// Admin-only doors: anyone else gets 403, and the refusal is logged with what was tried.
pub fn require_admin(viewer: &Viewer, what: &str) -> Result<(), AppError> {
    if viewer.role == crate::domain::people::Role::Admin {
        Ok(())
    } else {
        tracing::warn!(person = viewer.id.0, what, "admin-only action refused");
        Err(AppError::Forbidden)
    }
}

#[derive(sqlx::FromRow)]
struct FactsRow {
    id: i64,
    is_director: bool,
    supervises_a_site: bool,
    has_site_in_viewer_region: bool,
    is_named_member: bool,
    confidential: bool,
}

const FACTS_SQL: &str = "
SELECT a.id,
       a.director_id = ?1 AS is_director,
       EXISTS (SELECT 1 FROM sites s WHERE s.account_id = a.id AND s.supervisor_id = ?1)
           AS supervises_a_site,
       EXISTS (SELECT 1 FROM sites s WHERE s.account_id = a.id AND s.region_id = ?2)
           AS has_site_in_viewer_region,
       EXISTS (SELECT 1 FROM account_members m WHERE m.account_id = a.id AND m.person_id = ?1)
           AS is_named_member,
       a.confidential <> 0 AS confidential
FROM accounts a";

impl FactsRow {
    fn facts(&self) -> AccountAccessFacts {
        AccountAccessFacts {
            is_director: self.is_director,
            supervises_a_site: self.supervises_a_site,
            has_site_in_viewer_region: self.has_site_in_viewer_region,
            is_named_member: self.is_named_member,
            confidential: self.confidential,
        }
    }
}

/// What the access rule needs to know about the viewer and each account.
async fn facts_of_every_account(pool: &SqlitePool, viewer: &Viewer) -> Result<Vec<FactsRow>, AppError> {
    sqlx::query_as(FACTS_SQL)
        .bind(viewer.id.0)
        .bind(viewer.region_id.map(|r| r.0))
        .fetch_all(pool)
        .await
        .map_err(internal)
}

/// Every account the viewer may see.
pub async fn visible_accounts(pool: &SqlitePool, viewer: &Viewer) -> Result<Vec<AccountId>, AppError> {
    let rows = facts_of_every_account(pool, viewer).await?;
    Ok(rows
        .iter()
        .filter(|r| can_view(viewer, &r.facts()))
        .map(|r| AccountId(r.id))
        .collect())
}

/// Every account whose support organisation the viewer finds in the directory
/// (`domain::access::sees_support_organisation`).
pub async fn accounts_in_support_directory(
    pool: &SqlitePool,
    viewer: &Viewer,
) -> Result<Vec<AccountId>, AppError> {
    let rows = facts_of_every_account(pool, viewer).await?;
    Ok(rows
        .iter()
        .filter(|r| sees_support_organisation(viewer, &r.facts()))
        .map(|r| AccountId(r.id))
        .collect())
}

/// Refuses (403, logged) an account the viewer does not find in the support directory: a
/// confidential account they do not see, whose name is its secret.
pub async fn require_support_organisation(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
) -> Result<AccountAccessFacts, AppError> {
    match facts_of_account(pool, viewer, account).await? {
        Some(facts) if sees_support_organisation(viewer, &facts) => Ok(facts),
        _ => Err(refused(
            viewer,
            account,
            "access to an account's support organisation refused",
        )),
    }
}

/// The accounts this person's devices keep before they are opened (`domain::access::keep_reason`).
pub async fn accounts_to_keep(pool: &SqlitePool, viewer: &Viewer) -> Result<Vec<AccountId>, AppError> {
    let rows = facts_of_every_account(pool, viewer).await?;
    let visible: Vec<AccountId> = rows
        .iter()
        .filter(|r| can_view(viewer, &r.facts()))
        .map(|r| AccountId(r.id))
        .collect();
    let red: std::collections::HashSet<AccountId> = crate::server::accounts::summaries(pool, &visible)
        .await?
        .into_iter()
        .filter(|s| s.latest_light == Some(crate::domain::card::TrafficLight::Red))
        .map(|s| s.id)
        .collect();
    let candidates = rows
        .iter()
        .filter_map(|r| {
            let id = AccountId(r.id);
            keep_reason(viewer, &r.facts(), red.contains(&id)).map(|why| (id, why))
        })
        .collect();
    Ok(crate::domain::access::accounts_to_keep(candidates))
}

/// What makes an event a person's own (`domain::clock::is_theirs`): the sites they run and the
/// accounts they direct. Read once for "my week" and for their calendar feed.
pub struct OwnWork {
    pub sites: std::collections::HashSet<crate::domain::ids::SiteId>,
    pub directed: std::collections::HashSet<i64>,
}

pub async fn own_work(pool: &SqlitePool, viewer: &Viewer) -> Result<OwnWork, AppError> {
    let sites = sqlx::query_scalar::<_, i64>("SELECT id FROM sites WHERE supervisor_id = ?")
        .bind(viewer.id.0)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(crate::domain::ids::SiteId)
        .collect();
    let directed = sqlx::query_scalar("SELECT id FROM accounts WHERE director_id = ?")
        .bind(viewer.id.0)
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    Ok(OwnWork { sites, directed })
}

/// Succeeds only if the viewer may see the account, with what the rule knew of them and it. An
/// account that does not exist answers `Forbidden` too, so that probing ids tells nothing.
/// Refusals are logged.
pub async fn require_account(
    db: impl sqlx::SqliteExecutor<'_>,
    viewer: &Viewer,
    account: AccountId,
) -> Result<AccountAccessFacts, AppError> {
    match facts_of_account(db, viewer, account).await? {
        Some(facts) if can_view(viewer, &facts) => Ok(facts),
        _ => Err(refused(viewer, account, "access to an account refused")),
    }
}

/// The account's contract terms (prices, values, notice periods): for those who see the account
/// and answer for its business (`access::reads_contract_terms`); 403 and logged for anyone else.
pub async fn require_contract_terms(
    db: impl sqlx::SqliteExecutor<'_>,
    viewer: &Viewer,
    account: AccountId,
) -> Result<AccountAccessFacts, AppError> {
    let facts = require_account(db, viewer, account).await?;
    if crate::domain::access::reads_contract_terms(viewer.role) {
        Ok(facts)
    } else {
        Err(refused(viewer, account, "contract terms refused"))
    }
}

/// What the access rule needs to know about the viewer and one account; none if it does not exist.
async fn facts_of_account(
    db: impl sqlx::SqliteExecutor<'_>,
    viewer: &Viewer,
    account: AccountId,
) -> Result<Option<AccountAccessFacts>, AppError> {
    let row: Option<FactsRow> = sqlx::query_as(&format!("{FACTS_SQL} WHERE a.id = ?3"))
        .bind(viewer.id.0)
        .bind(viewer.region_id.map(|r| r.0))
        .bind(account.0)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| r.facts()))
}

/// A refusal, logged with who tried which account (the same 403 whether or not it exists).
fn refused(viewer: &Viewer, account: AccountId, what: &'static str) -> AppError {
    tracing::warn!(
        person = viewer.id.0,
        role = viewer.role.as_str(),
        account = account.0,
        "{what}"
    );
    AppError::Forbidden
}

/// The columns of `PersonAccountFacts`, for a query with a person `p` and an account `a`.
pub const PERSON_FACTS_COLUMNS: &str = "
    p.id AS person_id, a.id AS account_id, p.name, p.role, p.region_id,
    a.director_id = p.id AS is_director,
    EXISTS (SELECT 1 FROM sites s WHERE s.account_id = a.id AND s.supervisor_id = p.id) AS supervises_a_site,
    EXISTS (SELECT 1 FROM sites s WHERE s.account_id = a.id AND s.region_id = p.region_id) AS has_site_in_viewer_region,
    EXISTS (SELECT 1 FROM account_members m WHERE m.account_id = a.id AND m.person_id = p.id) AS is_named_member,
    a.confidential <> 0 AS confidential";

/// What the access rule needs about one person and one account, read for many people at once
/// (a channel's members, the access an import moves).
#[derive(sqlx::FromRow)]
pub struct PersonAccountFacts {
    pub person_id: i64,
    pub account_id: i64,
    pub name: String,
    pub role: String,
    pub region_id: Option<i64>,
    pub is_director: bool,
    pub supervises_a_site: bool,
    pub has_site_in_viewer_region: bool,
    pub is_named_member: bool,
    pub confidential: bool,
}

impl PersonAccountFacts {
    pub fn role(&self) -> Option<crate::domain::people::Role> {
        crate::domain::people::Role::parse(&self.role)
    }

    /// Whether the person may see the account (`domain::access::can_view`).
    pub fn may_view(&self) -> bool {
        let Some(role) = self.role() else {
            return false;
        };
        let viewer = Viewer {
            id: crate::domain::ids::PersonId(self.person_id),
            role,
            region_id: self.region_id.map(crate::domain::ids::RegionId),
        };
        can_view(
            &viewer,
            &AccountAccessFacts {
                is_director: self.is_director,
                supervises_a_site: self.supervises_a_site,
                has_site_in_viewer_region: self.has_site_in_viewer_region,
                is_named_member: self.is_named_member,
                confidential: self.confidential,
            },
        )
    }
}
