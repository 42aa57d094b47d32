//! The sync endpoint's work: apply pushed operations exactly once, each in its own transaction,
//! and answer pulls from the change log, only for accounts the person may see.

use crate::domain::card::{LightMark, TrafficLight};
use crate::domain::clock::series::link_fits;
use crate::domain::clock::{PersonRef, StatusMark};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use crate::domain::sync::permission::{may_edit, EditFacts};
use crate::domain::sync::wire::{MAX_PULL_CHANGES, MAX_PULL_EVENTS, MAX_PUSH_BATCH};
use crate::domain::sync::{
    apply, CardChange, Change, Entity, EventChange, FieldValue, Mode, Notice, Op, OpAnswer, Outcome,
    PullAnswer, RejectReason, Replica, SyncStore,
};
use sqlx::{SqliteConnection, SqlitePool};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

use crate::domain::sync::doc::RecordChange;
use crate::server::access;
use crate::server::card::quality_cards;
use crate::server::clock::events;
use crate::server::clock::series;
use crate::server::people::auth::internal;
use crate::server::sync::{change_log, op_log, records};

/// A document (up to `doc::MAX_DOC_BYTES`) counts as this many events on a pull page, so a page
/// of documents stays a few megabytes at most.
const DOC_WEIGHT: usize = 25;

/// Applies a batch in order; every operation gets its own answer.
pub async fn push(pool: &SqlitePool, viewer: &Viewer, ops: &[Op]) -> Result<Vec<OpAnswer>, AppError> {
    if ops.len() > MAX_PUSH_BATCH {
        return Err(AppError::Invalid("batch_too_large".into()));
    }
    let mut answers = Vec::with_capacity(ops.len());
    for op in ops {
        answers.push(push_one(pool, viewer, op).await?);
    }
    Ok(answers)
}

async fn push_one(pool: &SqlitePool, viewer: &Viewer, op: &Op) -> Result<OpAnswer, AppError> {
    // IMMEDIATE takes the write lock at once, so two pushes never both read and then collide.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    if let Some(outcome) = op_log::replay(&mut tx, op.id, viewer).await? {
        return Ok(OpAnswer {
            op_id: op.id,
            outcome,
        });
    }

    // Every kind goes through this one door and this one "answered once" record; a channel
    // write is decided by the channel's rules, every other kind by the clock and card rules.
    let (outcome, notify) = match &op.change {
        Change::Channel { action } => {
            crate::server::channel::ops::decide(&mut tx, viewer, op, action).await?
        }
        _ => (decide(&mut tx, viewer, op).await?, None),
    };
    let now = chrono::Utc::now().to_rfc3339();
    sqlx::query(
        "INSERT INTO sync_ops (op_id, person_id, account_id, outcome, received_at) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(op.id.to_string())
    .bind(viewer.id.0)
    .bind(op.account_id.0)
    .bind(serde_json::to_string(&outcome).map_err(internal)?)
    .bind(&now)
    .execute(&mut *tx)
    .await?;
    if let Outcome::Conflict { winning, losing } = &outcome {
        sqlx::query(
            "INSERT INTO sync_conflicts (op_id, account_id, event_id, author_id, winning, losing, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(op.id.to_string())
        .bind(op.account_id.0)
        .bind(op.change.entity().key())
        .bind(viewer.id.0)
        .bind(serde_json::to_string(winning).map_err(internal)?)
        .bind(serde_json::to_string(losing).map_err(internal)?)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    // Push notifications only once the post is stored for good.
    if let Some(n) = notify {
        crate::server::channel::push::send_later(pool.clone(), n.people, n.note);
    }
    Ok(OpAnswer {
        op_id: op.id,
        outcome,
    })
}

/// Decides one new operation inside the transaction, and writes it if it applies.
async fn decide(tx: &mut SqliteConnection, viewer: &Viewer, op: &Op) -> Result<Outcome, AppError> {
    let forbidden = Ok(Outcome::Rejected(RejectReason::Forbidden));
    // Values first: nothing below computes with a date or a list it has not checked.
    if let Err(reason) = crate::domain::sync::ops::validate(&op.change) {
        return Ok(Outcome::Rejected(reason));
    }
    if access::require_account(&mut *tx, viewer, op.account_id)
        .await
        .is_err()
    {
        return forbidden;
    }
    let entity = op.change.entity();
    // The one record the operation touches, loaded into the same structure the browser uses.
    let mut record = Replica::default();
    let mut before = None;
    let mut card_before = None;
    let mut gone = false;
    let facts = match entity {
        Entity::Event(event_id) => {
            let current = events::current(tx, op.account_id, event_id).await?;
            before.clone_from(&current);
            let subject = match (&current, &op.change) {
                (Some(e), _) => e.clone(),
                (None, Change::CreateEvent { event }) => {
                    // A stored row counts as existing even when it was removed from its series:
                    // a new event never takes over another row, in this account or another.
                    match events::stored_owner(tx, event_id).await? {
                        Some(owner) if owner != op.account_id => return forbidden,
                        Some(_) => return Ok(Outcome::Rejected(RejectReason::AlreadyExists)),
                        None => {}
                    }
                    // A series link must be to the account's own series, with the id that series
                    // gives the day; never to the company clock or another account's series.
                    if let Some(link) = event.series {
                        let def = series::load(tx, link.series_id).await?;
                        if !def.is_some_and(|def| link_fits(&def, event)) {
                            tracing::warn!(
                                person = viewer.id.0,
                                account = op.account_id.0,
                                "series link refused"
                            );
                            return forbidden;
                        }
                    }
                    event.clone()
                }
                (None, _) => return Ok(Outcome::Rejected(RejectReason::NotFound)),
            };
            // An operation cannot reach into another account through an event id.
            if subject.account_id != op.account_id {
                return forbidden;
            }
            record.events.extend(current.map(|e| (e.id, e)));
            edit_facts(
                tx,
                viewer,
                op.account_id,
                subject.site.as_ref(),
                subject.responsible.as_ref(),
            )
            .await?
        }
        Entity::Card(period) => {
            if let Some(card) = quality_cards::load(tx, op.account_id, period).await? {
                card_before = Some(card.light);
                record.put_card(card);
            }
            edit_facts(tx, viewer, op.account_id, None, None).await?
        }
        Entity::Series(series_id) => {
            if let Some(existing) = series::load(tx, series_id).await? {
                if existing.account_id != op.account_id {
                    return forbidden;
                }
                record.series.insert(existing.id, existing);
            }
            edit_facts(tx, viewer, op.account_id, None, None).await?
        }
        Entity::Record(_, id) => {
            if let Some(stored) = records::load(tx, id).await? {
                // An operation cannot reach into another account through a record id.
                if stored.account_id != op.account_id {
                    return forbidden;
                }
                match stored.record {
                    Some(doc) if !stored.deleted => record.put_record(doc),
                    // Deleted (or of a kind this build does not know): its id stays taken, and
                    // what is answered is decided once the editor's rights are checked below.
                    _ => gone = true,
                }
            }
            edit_facts(tx, viewer, op.account_id, None, None).await?
        }
        // Channel writes are decided by `channel_ops::decide`, never here.
        Entity::Post(_) => return Ok(Outcome::Rejected(RejectReason::Invalid("wrong_kind".into()))),
    };
    if !may_edit(viewer, &facts, &op.change) {
        tracing::warn!(person = viewer.id.0, account = op.account_id.0, "edit refused");
        return forbidden;
    }
    if gone {
        // A deleted record stays deleted and its id is never taken again.
        return Ok(match &op.change {
            Change::DeleteRecord { .. } => Outcome::Applied,
            Change::CreateRecord { .. } => Outcome::Rejected(RejectReason::AlreadyExists),
            _ => Outcome::Rejected(RejectReason::NotFound),
        });
    }
    if let Err(reason) = check_references(tx, op).await? {
        return Ok(Outcome::Rejected(reason));
    }

    let outcome = apply(&mut record, op, Mode::Authoritative);
    if outcome == Outcome::Applied {
        let year_start: i64 = sqlx::query_scalar("SELECT year_start_month FROM accounts WHERE id = ?")
            .bind(op.account_id.0)
            .fetch_one(&mut *tx)
            .await?;
        let year_start = year_start.clamp(1, 12) as u32;
        let deleted = match entity {
            Entity::Event(event_id) => match (record.event(event_id), before) {
                (Some(mut event), _) => {
                    if matches!(
                        &op.change,
                        Change::UpdateEvent {
                            value: FieldValue::Status(_),
                            ..
                        }
                    ) {
                        event.status_mark = Some(status_mark(tx, viewer).await?);
                    }
                    events::save(tx, &event, year_start).await?;
                    false
                }
                (None, Some(gone)) => {
                    events::delete(tx, &gone, year_start).await?;
                    true
                }
                (None, None) => true,
            },
            Entity::Card(period) => {
                let mut card = record
                    .card(op.account_id, period)
                    .ok_or_else(|| internal("card vanished"))?;
                if let Change::UpdateCard {
                    base: FieldValue::Light(_),
                    ..
                } = &op.change
                {
                    let mark = status_mark(tx, viewer).await?;
                    card.light_mark = Some(LightMark {
                        previous: light_before(tx, op.account_id, period, card_before).await?,
                        by: mark.by,
                        on: mark.on,
                    });
                }
                quality_cards::save(tx, &card).await?;
                false
            }
            Entity::Series(series_id) => {
                let def = record
                    .series(series_id)
                    .ok_or_else(|| internal("series vanished"))?;
                series::save(tx, &def).await?;
                false
            }
            Entity::Record(_, id) => match record.record(id) {
                Some(doc) => {
                    records::save(tx, &doc, viewer.id).await?;
                    false
                }
                None => {
                    records::delete(tx, id).await?;
                    true
                }
            },
            Entity::Post(_) => false,
        };
        change_log::record(tx, op.account_id, entity, deleted).await?;
    }
    Ok(outcome)
}

/// The editor and today's date in Finland, for "done by Päivi, 12.11.2026".
/// The light a card had before this edit: its own, or for a new card the account's previous
/// card's light.
async fn light_before(
    tx: &mut SqliteConnection,
    account: AccountId,
    period: crate::domain::dates::YearMonth,
    own: Option<TrafficLight>,
) -> Result<Option<TrafficLight>, AppError> {
    if own.is_some() {
        return Ok(own);
    }
    let earlier: Option<String> = sqlx::query_scalar(
        "SELECT light FROM quality_cards WHERE account_id = ? AND (year < ? OR (year = ? AND month < ?))
         ORDER BY year DESC, month DESC LIMIT 1",
    )
    .bind(account.0)
    .bind(period.year)
    .bind(period.year)
    .bind(period.month)
    .fetch_optional(&mut *tx)
    .await?;
    Ok(earlier.as_deref().and_then(TrafficLight::parse))
}

async fn status_mark(tx: &mut SqliteConnection, viewer: &Viewer) -> Result<StatusMark, AppError> {
    let name: String = sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
        .bind(viewer.id.0)
        .fetch_one(&mut *tx)
        .await?;
    Ok(StatusMark {
        by: PersonRef { id: viewer.id, name },
        on: chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Helsinki)
            .date_naive(),
    })
}

async fn edit_facts(
    tx: &mut SqliteConnection,
    viewer: &Viewer,
    account: AccountId,
    site: Option<&crate::domain::clock::SiteRef>,
    responsible: Option<&crate::domain::clock::PersonRef>,
) -> Result<EditFacts, AppError> {
    let is_account_director: bool = sqlx::query_scalar("SELECT director_id = ? FROM accounts WHERE id = ?")
        .bind(viewer.id.0)
        .bind(account.0)
        .fetch_optional(&mut *tx)
        .await?
        .unwrap_or(false);
    let runs_event_site = match site {
        Some(site) => sqlx::query_scalar::<_, bool>("SELECT supervisor_id = ? FROM sites WHERE id = ?")
            .bind(viewer.id.0)
            .bind(site.id.0)
            .fetch_optional(&mut *tx)
            .await?
            .unwrap_or(false),
        None => false,
    };
    Ok(EditFacts {
        is_account_director,
        runs_event_site,
        is_responsible: responsible.is_some_and(|p| p.id == viewer.id),
    })
}

/// A new event's site must belong to its account, and named people must exist.
/// The fields of documents that name one of our people.
const PERSON_FIELDS: [&str; 2] = ["counterpart", "person"];

async fn check_references(tx: &mut SqliteConnection, op: &Op) -> Result<Result<(), RejectReason>, AppError> {
    if let Change::CreateSeries { series } = &op.change {
        for site in &series.sites {
            let ok: Option<i64> = sqlx::query_scalar("SELECT 1 FROM sites WHERE id = ? AND account_id = ?")
                .bind(site.id.0)
                .bind(op.account_id.0)
                .fetch_optional(&mut *tx)
                .await?;
            if ok.is_none() {
                return Ok(Err(RejectReason::Invalid("unknown_site".into())));
            }
        }
    }
    let (site, person) = match &op.change {
        Change::CreateEvent { event } => (
            event.site.as_ref().map(|s| s.id.0),
            event.responsible.as_ref().map(|p| p.id.0),
        ),
        Change::UpdateEvent {
            value: crate::domain::sync::FieldValue::Responsible(p),
            ..
        } => (None, p.as_ref().map(|p| p.id.0)),
        // Our person a document names (a customer person's counterpart, a KAM's helper): one of
        // the company's active people, as for an event's responsible.
        Change::CreateRecord { record } => (
            None,
            PERSON_FIELDS
                .iter()
                .find_map(|f| record.body.get(*f).and_then(serde_json::Value::as_i64)),
        ),
        Change::EditRecord {
            value: crate::domain::sync::FieldValue::Doc(field, value),
            ..
        } if PERSON_FIELDS.contains(&field.as_str()) => (None, value.as_i64()),
        _ => (None, None),
    };
    if let Some(site) = site {
        let ok: Option<i64> = sqlx::query_scalar("SELECT 1 FROM sites WHERE id = ? AND account_id = ?")
            .bind(site)
            .bind(op.account_id.0)
            .fetch_optional(&mut *tx)
            .await?;
        if ok.is_none() {
            return Ok(Err(RejectReason::Invalid("unknown_site".into())));
        }
    }
    if let Some(person) = person {
        let ok: Option<i64> = sqlx::query_scalar("SELECT 1 FROM people WHERE id = ? AND active = 1")
            .bind(person)
            .fetch_optional(&mut *tx)
            .await?;
        if ok.is_none() {
            return Ok(Err(RejectReason::Invalid("unknown_person".into())));
        }
    }
    Ok(Ok(()))
}

/// Changes after `cursor` in the accounts the person may see, plus their open conflicts.
/// The work grows with the number of changes, not with the size of the data.
pub async fn pull(
    pool: &SqlitePool,
    viewer: &Viewer,
    cursor: i64,
    today: chrono::NaiveDate,
    email_on: bool,
) -> Result<PullAnswer, AppError> {
    let visible = access::visible_accounts(pool, viewer).await?;
    let visible_set: HashSet<i64> = visible.iter().map(|a| a.0).collect();
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT seq, account_id, entity_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
    )
    .bind(cursor)
    .bind(MAX_PULL_CHANGES as i64 + 1)
    .fetch_all(pool)
    .await?;
    let mut more = rows.len() > MAX_PULL_CHANGES;
    let rows = &rows[..rows.len().min(MAX_PULL_CHANGES)];
    let mut next_cursor = rows.last().map(|r| r.0).unwrap_or(cursor.max(0));

    // The newest state of each changed record once, in the order of its last change.
    let mut latest: BTreeMap<i64, (i64, Entity)> = BTreeMap::new();
    let mut seen: HashMap<(i64, Entity), i64> = HashMap::new();
    for (seq, account, key) in rows {
        if !visible_set.contains(account) {
            continue;
        }
        let Some(entity) = Entity::parse_key(key) else {
            continue;
        };
        if let Some(old) = seen.insert((*account, entity), *seq) {
            latest.remove(&old);
        }
        latest.insert(*seq, (*account, entity));
    }
    let mut conn = pool.acquire().await?;
    let mut changes = Vec::with_capacity(latest.len());
    let mut cards = Vec::new();
    let mut posts = Vec::new();
    let mut docs = Vec::new();
    let mut previous_seq = cursor.max(0);
    for (seq, (account, entity)) in latest {
        // The page is full once its events reach the budget: the rest comes on the next page,
        // from the last change sent (a record changed again later is sent then, newest).
        if changes.len() + cards.len() + posts.len() + docs.len() * DOC_WEIGHT >= MAX_PULL_EVENTS {
            more = true;
            next_cursor = previous_seq;
            break;
        }
        previous_seq = seq;
        let account_id = AccountId(account);
        match entity {
            Entity::Event(id) => {
                let event = events::load(&mut conn, id).await?;
                changes.push(EventChange {
                    event_id: id,
                    account_id,
                    // An event moved to an account the person cannot see reads as deleted here.
                    event: event.filter(|e| visible_set.contains(&e.account_id.0)),
                });
            }
            Entity::Series(series_id) => {
                // A new series reaches devices as its occurrences, computed here once.
                let defs: Vec<_> = series::load(&mut conn, series_id)
                    .await?
                    .into_iter()
                    .filter(|d| d.account_id == account_id)
                    .collect();
                for event in series::occurrences(&mut conn, &defs).await? {
                    changes.push(EventChange {
                        event_id: event.id,
                        account_id,
                        event: Some(event),
                    });
                }
            }
            Entity::Card(period) => {
                if let Some(card) = quality_cards::load(&mut conn, account_id, period).await? {
                    cards.push(CardChange {
                        account_id,
                        period,
                        card: quality_cards::with_facts(pool, card, today).await?,
                    });
                }
            }
            Entity::Post(id) => {
                posts.extend(crate::server::channel::posts::as_change(&mut conn, viewer, id).await?);
            }
            // A kind the person may not read is absent from their pulls, not even its id.
            Entity::Record(kind, id) if kind.rules().readable_by(viewer.role) => {
                let stored = records::load(&mut conn, id).await?;
                docs.push(RecordChange {
                    id,
                    account_id,
                    record: stored
                        .filter(|s| !s.deleted && s.account_id == account_id)
                        .and_then(|s| s.record),
                });
            }
            Entity::Record(..) => {}
        }
    }
    // The inbox follows reads too, which the change log does not carry: it comes whole, once
    // per pull, on the last page (at most the inbox's 200 latest items).
    let inbox = match more {
        false => Some(crate::server::channel::inbox::inbox(pool, viewer, email_on).await?),
        true => None,
    };
    Ok(PullAnswer {
        changes,
        cards,
        posts,
        records: docs,
        inbox,
        accounts: visible,
        cursor: next_cursor,
        more,
        conflicts: open_conflicts(pool, viewer, &visible_set).await?,
    })
}

#[derive(sqlx::FromRow)]
struct ConflictRow {
    op_id: String,
    account_id: i64,
    /// The entity's key (`Entity::key`): an event id or a card's month.
    event_id: String,
    winning: String,
    losing: String,
}

/// The person's conflicts they have not dismissed, as the notices their devices show: the
/// losing edit (re-applicable over the winning value) and both values.
/// `visible` is the accounts the person may see now: a conflict in a lost account stays hidden.
pub async fn open_conflicts(
    pool: &SqlitePool,
    viewer: &Viewer,
    visible: &HashSet<i64>,
) -> Result<Vec<Notice>, AppError> {
    let rows: Vec<ConflictRow> = sqlx::query_as(
        "SELECT op_id, account_id, event_id, winning, losing FROM sync_conflicts
         WHERE author_id = ? AND dismissed_at IS NULL ORDER BY created_at",
    )
    .bind(viewer.id.0)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|r| visible.contains(&r.account_id))
        .filter(|r| match Entity::parse_key(&r.event_id) {
            // A document's winning value is not shown to someone who may no longer read it.
            Some(Entity::Record(kind, _)) => kind.rules().readable_by(viewer.role),
            _ => true,
        })
        .filter_map(|r| {
            let winning: crate::domain::sync::FieldValue = serde_json::from_str(&r.winning).ok()?;
            let losing: crate::domain::sync::FieldValue = serde_json::from_str(&r.losing).ok()?;
            Some(Notice {
                op: Op {
                    id: Uuid::parse_str(&r.op_id).ok()?,
                    account_id: AccountId(r.account_id),
                    change: Change::field_edit(
                        Entity::parse_key(&r.event_id)?,
                        winning.clone(),
                        losing.clone(),
                    ),
                },
                outcome: Outcome::Conflict { winning, losing },
            })
        })
        .collect())
}

/// The author has seen a conflict and let the winning value stand (or re-applied theirs).
pub async fn dismiss_conflict(pool: &SqlitePool, viewer: &Viewer, op_id: Uuid) -> Result<(), AppError> {
    sqlx::query("UPDATE sync_conflicts SET dismissed_at = ? WHERE op_id = ? AND author_id = ?")
        .bind(chrono::Utc::now().to_rfc3339())
        .bind(op_id.to_string())
        .bind(viewer.id.0)
        .execute(pool)
        .await?;
    Ok(())
}
