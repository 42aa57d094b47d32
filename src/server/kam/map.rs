//! The customer's organisation of an account as its relationship map shows it: positions and
//! people from the records, freshness from the meeting notes' attendees, and whether our side of
//! each pair is still with the account, from the people register. The rules are
//! `domain::kam::map`'s; this only gathers what they read.

use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::kam::map::{self, Coverage, CustomerPerson, Met, OrgChange, Pair, Position};
use crate::domain::people::Viewer;
use crate::domain::sync::doc::Doc;
use crate::domain::workspace::meeting_note::MeetingNote;
use crate::server::sync::records;
use chrono::{Duration, NaiveDate};
use sqlx::SqlitePool;
use std::collections::{BTreeMap, BTreeSet};

/// How far back the map lists the organisation's changes.
pub const CHANGES_SHOWN_DAYS: i64 = 365;

pub struct AccountMap {
    pub positions: Vec<Position>,
    pub people: Vec<CustomerPerson>,
    pub pairs: Vec<Pair>,
    pub coverage: Coverage,
    /// The last year's changes, newest first.
    pub changes: Vec<OrgChange>,
    pub meetings: Vec<Met>,
    /// Our people's names, by id (those who left too: a pair names them still).
    pub our_names: BTreeMap<PersonId, String>,
}

/// A record's typed value with the record's id in it (the kinds keep their id outside the body).
fn read<K: crate::domain::sync::doc::Kind>(doc: &Doc, with_id: impl Fn(K, uuid::Uuid) -> K) -> Option<K> {
    doc.read::<K>().map(|k| with_id(k, doc.id))
}

/// The map of an account the viewer has been checked to see.
pub async fn of_account(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    today: NaiveDate,
) -> Result<AccountMap, AppError> {
    let docs = records::of_account(pool, viewer, account).await?.records;
    let mut positions: Vec<Position> = docs
        .iter()
        .filter_map(|d| read(d, |p: Position, id| Position { id, ..p }))
        .collect();
    positions.sort_by(|a, b| {
        a.buying_role
            .cmp(&b.buying_role)
            .then_with(|| a.title.cmp(&b.title))
    });
    let people: Vec<CustomerPerson> = docs
        .iter()
        .filter_map(|d| read(d, |p: CustomerPerson, id| CustomerPerson { id, ..p }))
        .collect();
    let meetings: Vec<Met> = docs
        .iter()
        .filter_map(|d| d.read::<MeetingNote>())
        .map(|n| n.met())
        .collect();
    let still_ours = people_with_the_account(pool, account).await?;
    let pairs = map::pairs(&people, &meetings, |p| still_ours.contains(&p), today);
    let coverage = map::coverage(&positions, &people, &pairs, today);
    let changes = map::changes_since(&people, today - Duration::days(CHANGES_SHOWN_DAYS))
        .into_iter()
        .filter(|c| c.on <= today)
        .collect();
    let named: Vec<i64> = people.iter().filter_map(|p| p.counterpart).map(|p| p.0).collect();
    let our_names = names(pool, &named).await?;
    Ok(AccountMap {
        positions,
        people,
        pairs,
        coverage,
        changes,
        meetings,
        our_names,
    })
}

/// Our active people with the account today: its director, its named members, the supervisors
/// of its sites and the regional directors of their regions.
async fn people_with_the_account(
    pool: &SqlitePool,
    account: AccountId,
) -> Result<BTreeSet<PersonId>, AppError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM people WHERE active = 1 AND id IN (
             SELECT director_id FROM accounts WHERE id = ?1
             UNION SELECT person_id FROM account_members WHERE account_id = ?1
             UNION SELECT supervisor_id FROM sites WHERE account_id = ?1
             UNION SELECT p.id FROM people p JOIN sites s ON s.region_id = p.region_id
                   WHERE s.account_id = ?1 AND p.role = 'regional_director')",
    )
    .bind(account.0)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().map(PersonId).collect())
}

async fn names(pool: &SqlitePool, ids: &[i64]) -> Result<BTreeMap<PersonId, String>, AppError> {
    let mut out = BTreeMap::new();
    for id in ids.iter().collect::<BTreeSet<_>>() {
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
            .bind(id)
            .fetch_optional(pool)
            .await?;
        if let Some(name) = name {
            out.insert(PersonId(*id), name);
        }
    }
    Ok(out)
}
