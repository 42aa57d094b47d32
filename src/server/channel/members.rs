//! Who belongs to an account's channel today. Membership is not stored: it is the access rule
//! (`domain::access::can_view`) applied to everyone, so it follows the billing system's
//! sites the moment an import moves a supervisor. Admins see every account but are not members.

use crate::domain::channel::acks::{Member, SiteRun};
use crate::domain::clock::PersonRef;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId, SiteId};
use sqlx::SqliteConnection;

use crate::server::access::{PersonAccountFacts, PERSON_FACTS_COLUMNS};

/// The members of the account's channel, with the sites each runs there.
pub async fn members(conn: &mut SqliteConnection, account: AccountId) -> Result<Vec<Member>, AppError> {
    let candidates: Vec<PersonAccountFacts> = sqlx::query_as(&format!(
        "SELECT {PERSON_FACTS_COLUMNS} FROM people p JOIN accounts a ON a.id = ?
         WHERE p.active = 1 AND p.role <> 'admin'"
    ))
    .bind(account.0)
    .fetch_all(&mut *conn)
    .await?;
    let runs = site_runs(conn, account).await?;
    Ok(candidates
        .into_iter()
        .filter(PersonAccountFacts::may_view)
        .filter_map(|c| {
            Some(Member {
                role: c.role()?,
                sites: runs
                    .iter()
                    .filter(|r| r.supervisor.as_ref().is_some_and(|s| s.id.0 == c.person_id))
                    .map(|r| r.site)
                    .collect(),
                person: PersonRef {
                    id: PersonId(c.person_id),
                    name: c.name,
                },
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
    .await?;
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
