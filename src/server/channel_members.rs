//! Who belongs to an account's channel today. Membership is not stored: it is the access rule
//! (`domain::access::can_view`) applied to everyone, so it follows the billing system's
//! sites the moment an import moves a supervisor. Admins see every account but are not members.

use crate::domain::access::{can_view, AccountAccessFacts};
use crate::domain::channel::acks::{Member, SiteRun};
use crate::domain::clock::PersonRef;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId, RegionId, SiteId};
use crate::domain::people::{Role, Viewer};
use sqlx::SqliteConnection;

use super::auth::internal;

#[derive(sqlx::FromRow)]
struct Candidate {
    id: i64,
    name: String,
    role: String,
    region_id: Option<i64>,
    is_director: bool,
    supervises_a_site: bool,
    has_site_in_viewer_region: bool,
    is_named_member: bool,
    confidential: bool,
}

/// The members of the account's channel, with the sites each runs there.
pub async fn members(conn: &mut SqliteConnection, account: AccountId) -> Result<Vec<Member>, AppError> {
    let candidates: Vec<Candidate> = sqlx::query_as(
        "SELECT p.id, p.name, p.role, p.region_id,
                a.director_id = p.id AS is_director,
                EXISTS (SELECT 1 FROM sites s WHERE s.account_id = a.id AND s.supervisor_id = p.id) AS supervises_a_site,
                EXISTS (SELECT 1 FROM sites s WHERE s.account_id = a.id AND s.region_id = p.region_id) AS has_site_in_viewer_region,
                EXISTS (SELECT 1 FROM account_members m WHERE m.account_id = a.id AND m.person_id = p.id) AS is_named_member,
                a.confidential <> 0 AS confidential
         FROM people p JOIN accounts a ON a.id = ?
         WHERE p.active = 1 AND p.role <> 'admin'",
    )
    .bind(account.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    let runs = site_runs(conn, account).await?;
    Ok(candidates
        .into_iter()
        .filter_map(|c| {
            let role = Role::parse(&c.role)?;
            let viewer = Viewer {
                id: PersonId(c.id),
                role,
                region_id: c.region_id.map(RegionId),
            };
            let facts = AccountAccessFacts {
                is_director: c.is_director,
                supervises_a_site: c.supervises_a_site,
                has_site_in_viewer_region: c.has_site_in_viewer_region,
                is_named_member: c.is_named_member,
                confidential: c.confidential,
            };
            can_view(&viewer, &facts).then(|| Member {
                sites: runs
                    .iter()
                    .filter(|r| r.supervisor.as_ref().is_some_and(|s| s.id.0 == c.id))
                    .map(|r| r.site)
                    .collect(),
                person: PersonRef {
                    id: PersonId(c.id),
                    name: c.name,
                },
                role,
            })
        })
        .collect())
}

/// The account's sites and who runs each now.
pub async fn site_runs(conn: &mut SqliteConnection, account: AccountId) -> Result<Vec<SiteRun>, AppError> {
    let rows: Vec<(i64, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT s.id, s.name, p.id, p.name FROM sites s LEFT JOIN people p ON p.id = s.supervisor_id
         WHERE s.account_id = ? ORDER BY s.name",
    )
    .bind(account.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(internal)?;
    Ok(rows
        .into_iter()
        .map(|(id, name, sup_id, sup_name)| SiteRun {
            site: SiteId(id),
            name,
            supervisor: sup_id.zip(sup_name).map(|(id, name)| PersonRef {
                id: PersonId(id),
                name,
            }),
        })
        .collect())
}
