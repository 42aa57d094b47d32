//! The customer's organisation of an account as its relationship map shows it: positions and
//! people from the records, freshness from the meeting notes' attendees on the days the clock
//! says those meetings were held, and whether our side of
//! each pair is still with the account, from the people register. The rules are
//! `domain::kam::map`'s; this only gathers what they read.

use crate::domain::clock::EventStatus;
use crate::domain::error::AppError;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::kam::map::{self, Coverage, CustomerPerson, Met, OrgChange, Pair, Position};
use crate::domain::people::Viewer;
use crate::domain::sync::doc::{Doc, RecordKind};
use crate::domain::workspace::meeting_note::MeetingNote;
use crate::server::access::{PersonAccountFacts, PERSON_FACTS_COLUMNS};
use crate::server::people::auth::internal;
use crate::server::sync::records;
use chrono::{Duration, NaiveDate};
use sqlx::SqlitePool;
use sqlx::{FromRow, Row};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// How far back the map lists the organisation's changes.
pub const CHANGES_SHOWN_DAYS: i64 = 365;

pub struct AccountMap {
    pub positions: Vec<Position>,
    pub people: Vec<CustomerPerson>,
    pub pairs: Vec<Pair>,
    pub coverage: Coverage,
    /// The last year's changes, newest first.
    pub changes: Vec<OrgChange>,
    /// Our people's names, by id (those who left too: a pair names them still).
    pub our_names: BTreeMap<PersonId, String>,
}

/// A record's typed value with the record's id in it (the kinds keep their id outside the body).
fn read<K: crate::domain::sync::doc::Kind>(doc: &Doc, with_id: impl Fn(K, uuid::Uuid) -> K) -> Option<K> {
    doc.read::<K>().map(|k| with_id(k, doc.id))
}

/// The positions and customer people among an account's records, each with its record's id.
fn organisation(docs: &[Doc]) -> (Vec<Position>, Vec<CustomerPerson>) {
    let positions = docs
        .iter()
        .filter_map(|d| read(d, |p: Position, id| Position { id, ..p }))
        .collect();
    let people = docs
        .iter()
        .filter_map(|d| read(d, |p: CustomerPerson, id| CustomerPerson { id, ..p }))
        .collect();
    (positions, people)
}

/// The map of an account the viewer has been checked to see.
pub async fn of_account(
    pool: &SqlitePool,
    viewer: &Viewer,
    account: AccountId,
    today: NaiveDate,
) -> Result<AccountMap, AppError> {
    let docs = records::of_account(pool, viewer, account).await?.records;
    let (mut positions, people) = organisation(&docs);
    positions.sort_by(|a, b| {
        a.buying_role
            .cmp(&b.buying_role)
            .then_with(|| a.title.cmp(&b.title))
    });
    let notes: Vec<MeetingNote> = docs.iter().filter_map(|d| d.read::<MeetingNote>()).collect();
    let on_clock = noted_meetings(pool, account, &notes).await?;
    let meetings: Vec<Met> = notes
        .iter()
        .filter_map(|n| n.met_by_clock(n.meeting.and_then(|id| on_clock.get(&id).copied())))
        .collect();
    let (our_names, still_ours) = counterparts(pool, account, &people).await?;
    let pairs = map::pairs(&people, &meetings, |p| still_ours.contains(&p), today);
    let coverage = map::coverage(&positions, &people, &pairs, today);
    let changes = map::changes_since(&people, today - Duration::days(CHANGES_SHOWN_DAYS))
        .into_iter()
        .filter(|c| c.on <= today)
        .collect();
    Ok(AccountMap {
        positions,
        people,
        pairs,
        coverage,
        changes,
        our_names,
    })
}

/// The customer's organisation changes from `first` to `last`, named, as the quality card of
/// those months lists them. Read for the card, whose readers see the account already.
pub async fn changes_between(
    pool: &SqlitePool,
    account: AccountId,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<map::NamedChange>, AppError> {
    let docs = records::of_kinds(pool, account, &[RecordKind::Position, RecordKind::CustomerPerson]).await?;
    let (positions, people) = organisation(&docs);
    Ok(map::named_changes(&positions, &people, first, last))
}

/// The day and status on the clock of each meeting the notes record, of any kind. A meeting
/// marked held, moved or cancelled is always stored under its own id (a series occurrence too,
/// under its occurrence id); one the clock only computes is planned on the day the note was
/// written for. One lookup by id, however old the notes are.
async fn noted_meetings(
    pool: &SqlitePool,
    account: AccountId,
    notes: &[MeetingNote],
) -> Result<BTreeMap<Uuid, (NaiveDate, EventStatus)>, AppError> {
    let ids: BTreeSet<String> = notes
        .iter()
        .filter_map(|n| n.meeting)
        .map(|id| id.to_string())
        .collect();
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ids = serde_json::to_string(&ids).map_err(internal)?;
    let rows: Vec<(String, NaiveDate, String)> = sqlx::query_as(
        "SELECT id, starts_on, status FROM clock_events
          WHERE account_id = ? AND removed = 0 AND id IN (SELECT value FROM json_each(?))",
    )
    .bind(account.0)
    .bind(ids)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, day, status)| {
            Some((Uuid::parse_str(&id).ok()?, (day, EventStatus::parse(&status)?)))
        })
        .collect())
}

/// Our people named as counterparts on the map: their names, and which of them are still with
/// the account, by the one access rule (`PersonAccountFacts::may_view`: the director, members,
/// supervisors of its sites, the region's people, management). Someone no longer active, or
/// who no longer sees the account, has left it; the pair still names them. Staff names are
/// shown to all staff (the support organisation is), so naming a counterpart leaks nothing.
async fn counterparts(
    pool: &SqlitePool,
    account: AccountId,
    people: &[CustomerPerson],
) -> Result<(BTreeMap<PersonId, String>, BTreeSet<PersonId>), AppError> {
    let ids: BTreeSet<i64> = people.iter().filter_map(|p| p.counterpart).map(|p| p.0).collect();
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    // The ids are integers parsed from checked documents, joined here as numbers: no text of a
    // document reaches the query.
    let rows: Vec<(PersonAccountFacts, bool)> = sqlx::query(&format!(
        "SELECT {PERSON_FACTS_COLUMNS}, p.active FROM people p JOIN accounts a ON a.id = ?
         WHERE p.id IN ({list})"
    ))
    .bind(account.0)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| {
        Ok((
            PersonAccountFacts::from_row(row)?,
            row.try_get::<bool, _>("active")?,
        ))
    })
    .collect::<Result<_, sqlx::Error>>()?;
    let still_ours = rows
        .iter()
        .filter(|(facts, active)| *active && facts.may_view())
        .map(|(facts, _)| PersonId(facts.person_id))
        .collect();
    let names = rows
        .into_iter()
        .map(|(facts, _)| (PersonId(facts.person_id), facts.name))
        .collect();
    Ok((names, still_ours))
}
