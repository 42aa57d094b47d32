//! Reads a person's own occurrences across their accounts for "my week".

use crate::domain::clock::my_week::{group, window, MyItem, MyWeek};
use crate::domain::clock::{is_theirs, EventStatus};
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use crate::domain::sync::permission::{may_edit, EditFacts};
use crate::domain::sync::{Change, FieldValue};
use chrono::NaiveDate;
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};

use crate::server::access;
use crate::server::clock::events;

pub async fn my_week(pool: &SqlitePool, viewer: &Viewer, today: NaiveDate) -> Result<MyWeek, AppError> {
    let (from, to) = window(today);
    let visible: HashSet<i64> = access::visible_accounts(pool, viewer)
        .await?
        .into_iter()
        .map(|a| a.0)
        .collect();
    let own = access::own_work(pool, viewer).await?;
    let my_sites = &own.sites;
    let accounts: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM accounts")
        .fetch_all(pool)
        .await?;
    let names: HashMap<i64, String> = accounts.into_iter().collect();
    let directed = &own.directed;
    // Only accounts where something can be theirs: ones they direct, run sites in, or are named
    // on. The rule itself (`is_theirs`) decides each event.
    let named: HashSet<i64> =
        sqlx::query_scalar("SELECT DISTINCT account_id FROM clock_events WHERE responsible_id = ?")
            .bind(viewer.id.0)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let with_sites: HashSet<i64> =
        sqlx::query_scalar("SELECT DISTINCT account_id FROM sites WHERE supervisor_id = ?")
            .bind(viewer.id.0)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let mut candidates: Vec<i64> = directed
        .iter()
        .chain(&named)
        .chain(&with_sites)
        .copied()
        .filter(|a| visible.contains(a))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    candidates.sort();
    let mut items = Vec::new();
    for account in candidates {
        for event in events::of_account_during(pool, AccountId(account), from, to).await? {
            if is_theirs(&event, viewer.id, my_sites, directed.contains(&account)) {
                let facts = EditFacts {
                    is_account_director: directed.contains(&account),
                    runs_event_site: event.site.as_ref().is_some_and(|s| my_sites.contains(&s.id)),
                    is_responsible: event.responsible.as_ref().is_some_and(|p| p.id == viewer.id),
                };
                let mark_done = Change::UpdateEvent {
                    event_id: event.id,
                    base: FieldValue::Status(event.status),
                    value: FieldValue::Status(EventStatus::Done),
                };
                items.push(MyItem {
                    account_id: AccountId(account),
                    account_name: names.get(&account).cloned().unwrap_or_default(),
                    editable: may_edit(viewer, &facts, &mark_done),
                    event,
                });
            }
        }
    }
    Ok(group(items, today))
}
