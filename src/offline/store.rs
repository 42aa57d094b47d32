//! The browser's own copy (IndexedDB, via indexed_db_futures): the copies kept per account (its
//! clock and cards, its channel — each kind declared once, `KeptPerAccount`), the inbox, the one
//! outbox of edits not yet answered by the server, and the sync cursor. Values are stored as JSON
//! text so that what the server sends is kept exactly.

use crate::domain::account::AccountDetail;
use crate::domain::channel::inbox::Inbox;
use crate::domain::channel::ops::ChannelAction;
use crate::domain::channel::view::ChannelView;
use crate::domain::ids::AccountId;
use crate::domain::sync::doc::AccountRecords;
use crate::domain::sync::{Notice, Op};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use serde::Serialize;

const DB_NAME: &str = "kamu";
const DB_VERSION: u8 = 3;
const ACCOUNTS: &str = "accounts";
const OUTBOX: &str = "outbox";
const META: &str = "meta";
/// Accounts' channels (latest posts), keyed by account id.
const CHANNELS: &str = "channels";
/// Accounts' documents of every declared kind (`domain::sync::doc`), keyed by account id.
const RECORDS: &str = "records";
/// Where channel writes were queued before every kind of edit shared `OUTBOX`. A device that
/// still has some there gets them moved at start (`move_old_channel_writes`); the store stays,
/// empty, so that no schema upgrade has to wait for an old tab to close.
const OLD_CHANNEL_OUTBOX: &str = "channel_outbox";

/// Why the store failed, in words the UI can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The device's storage for this site is full.
    QuotaExceeded,
    Other(String),
}

impl StoreError {
    fn from_debug(e: impl std::fmt::Debug) -> Self {
        let text = format!("{e:?}");
        if text.contains("QuotaExceeded") {
            StoreError::QuotaExceeded
        } else {
            StoreError::Other(text)
        }
    }
}

/// For code that answers with the app's error: the device's storage failing is not the
/// network, and it is said, not swallowed.
impl From<StoreError> for crate::domain::error::AppError {
    fn from(e: StoreError) -> Self {
        crate::domain::error::AppError::Internal(format!("device storage: {e:?}"))
    }
}

impl From<indexed_db_futures::error::Error> for StoreError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        StoreError::from_debug(e)
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StoreError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StoreError::from_debug(e)
    }
}

thread_local! {
    /// The open database, kept for the page's life: opening IndexedDB on every read and write
    /// (a pull saves each changed account) was repeated work.
    static DB: std::cell::RefCell<Option<Database>> = const { std::cell::RefCell::new(None) };
}

async fn open() -> Result<Database, StoreError> {
    if let Some(db) = DB.with(|cell| cell.borrow().clone()) {
        return Ok(db);
    }
    let db = Database::open(DB_NAME)
        .with_version(DB_VERSION)
        .with_on_upgrade_needed(|event, db| {
            if event.old_version() < 1.0 {
                db.create_object_store(ACCOUNTS).build()?;
                db.create_object_store(OUTBOX).build()?;
                db.create_object_store(META).build()?;
            }
            if event.old_version() < 2.0 {
                db.create_object_store(CHANNELS).build()?;
                db.create_object_store(OLD_CHANNEL_OUTBOX).build()?;
            }
            // Version 3 only adds a store: an older copy (and its outbox) is kept as it is.
            if event.old_version() < 3.0 {
                db.create_object_store(RECORDS).build()?;
            }
            Ok(())
        })
        .with_on_blocked(|_| {
            // A tab still running an older app holds the database open at its version; the
            // upgrade waits until that tab closes or reloads (apps from this one on let go).
            leptos::logging::warn!("device storage: waiting for another Kamu tab to close");
            Ok(())
        })
        .await?;
    // Reads and writes at start race to open the database: one connection per tab, the others
    // closed at once (an open one left behind would block the next upgrade).
    if let Some(first) = DB.with(|cell| cell.borrow().clone()) {
        db.close();
        return Ok(first);
    }
    // A newer app in another tab asks for a higher version: let go of the database, so its
    // upgrade is not blocked by this tab. This tab's next store access then fails and says so.
    if let Ok(mut changes) = db.version_changes() {
        let connection = db.clone();
        leptos::task::spawn_local(async move {
            if changes.recv().await.is_some() {
                DB.with(|cell| cell.borrow_mut().take());
                connection.close();
            }
        });
    }
    DB.with(|cell| *cell.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn put(store_name: &str, key: &str, value: String) -> Result<(), StoreError> {
    let db = open().await?;
    let tx = db
        .transaction(store_name)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(store_name)?;
    store.put(value).with_key(key.to_string()).primitive()?;
    tx.commit().await?;
    Ok(())
}

async fn get(store_name: &str, key: &str) -> Result<Option<String>, StoreError> {
    let db = open().await?;
    let tx = db.transaction(store_name).build()?;
    let store = tx.object_store(store_name)?;
    let value: Option<String> = store.get(key.to_string()).primitive()?.await?;
    Ok(value)
}

async fn all(store_name: &str) -> Result<Vec<String>, StoreError> {
    let db = open().await?;
    let tx = db.transaction(store_name).build()?;
    let store = tx.object_store(store_name)?;
    let values = store.get_all::<String>().primitive()?.await?;
    Ok(values.filter_map(Result::ok).collect())
}

async fn delete(store_name: &str, keys: &[String]) -> Result<(), StoreError> {
    if keys.is_empty() {
        return Ok(());
    }
    let db = open().await?;
    let tx = db
        .transaction(store_name)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(store_name)?;
    for key in keys {
        store.delete(key.clone()).primitive()?;
    }
    tx.commit().await?;
    Ok(())
}

fn to_json<T: Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Other(e.to_string()))
}

// --- copies kept per account ------------------------------------------------------------------

/// A copy the device keeps for each account, in an IndexedDB store of its own. Declaring the
/// store is all a kind of copy needs to be kept, read, listed, and dropped with the rest when the
/// person loses the account (`forget_accounts`).
pub trait KeptPerAccount: Serialize + serde::de::DeserializeOwned {
    const STORE: &'static str;
    fn account(&self) -> AccountId;
    /// The change-log position the copy is current to; later changes come by the pull.
    fn sync_cursor(&self) -> i64;
    /// Whether this kept copy is a later state of the same copy as `fresh` (a page served from
    /// the offline cache is older than what the last sync stored), so `fresh` must not replace it.
    fn newer_than(&self, fresh: &Self) -> bool {
        self.sync_cursor() > fresh.sync_cursor()
    }
}

/// The account's clock, cards and sites (of one clock year).
impl KeptPerAccount for AccountDetail {
    const STORE: &'static str = ACCOUNTS;
    fn account(&self) -> AccountId {
        self.id
    }
    fn sync_cursor(&self) -> i64 {
        self.sync_cursor
    }
    fn newer_than(&self, fresh: &Self) -> bool {
        self.clock_year == fresh.clock_year && self.sync_cursor > fresh.sync_cursor
    }
}

/// The account's channel (its latest posts).
impl KeptPerAccount for ChannelView {
    const STORE: &'static str = CHANNELS;
    fn account(&self) -> AccountId {
        self.account_id
    }
    fn sync_cursor(&self) -> i64 {
        self.sync_cursor
    }
}

/// The account's documents of every declared kind.
impl KeptPerAccount for AccountRecords {
    const STORE: &'static str = RECORDS;
    fn account(&self) -> AccountId {
        self.account_id
    }
    fn sync_cursor(&self) -> i64 {
        self.sync_cursor
    }
}

/// Every store kept per account: a lost account leaves all of them.
const PER_ACCOUNT: [&str; 3] = [
    <AccountDetail as KeptPerAccount>::STORE,
    <ChannelView as KeptPerAccount>::STORE,
    <AccountRecords as KeptPerAccount>::STORE,
];

pub async fn keep<K: KeptPerAccount>(copy: &K) -> Result<(), StoreError> {
    put(K::STORE, &copy.account().to_string(), to_json(copy)?).await
}

pub async fn kept<K: KeptPerAccount>(id: AccountId) -> Result<Option<K>, StoreError> {
    Ok(get(K::STORE, &id.to_string())
        .await?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

pub async fn all_kept<K: KeptPerAccount>() -> Result<Vec<K>, StoreError> {
    Ok(all(K::STORE)
        .await?
        .into_iter()
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect())
}

/// The accounts with a copy of this kind on the device, by id only (copies can be large).
pub async fn kept_ids<K: KeptPerAccount>() -> Result<Vec<AccountId>, StoreError> {
    ids_in(K::STORE).await
}

/// Every account with any copy on the device.
pub async fn accounts_on_device() -> Result<Vec<AccountId>, StoreError> {
    let mut ids = Vec::new();
    for store in PER_ACCOUNT {
        ids.extend(ids_in(store).await?);
    }
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// The accounts leave the device with every kind of copy kept for them.
pub async fn forget_accounts(ids: &[AccountId]) -> Result<(), StoreError> {
    let keys: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    for store in PER_ACCOUNT {
        delete(store, &keys).await?;
    }
    Ok(())
}

/// The keys of a store kept by account id.
async fn ids_in(store_name: &str) -> Result<Vec<AccountId>, StoreError> {
    let db = open().await?;
    let tx = db.transaction(store_name).build()?;
    let store = tx.object_store(store_name)?;
    let keys = store.get_all_keys::<String>().primitive()?.await?;
    Ok(keys
        .filter_map(Result::ok)
        .filter_map(|k| k.parse::<i64>().ok())
        .map(AccountId)
        .collect())
}

// --- outbox ---------------------------------------------------------------------------------

/// Writes an edit to the outbox. Only when this has succeeded is the edit "saved".
/// Keys are UUIDv7 text, which sorts by time, so the outbox reads back in the order of editing.
pub async fn enqueue(op: &Op) -> Result<(), StoreError> {
    put(OUTBOX, &op.id.to_string(), to_json(op)?).await
}

pub async fn outbox() -> Result<Vec<Op>, StoreError> {
    Ok(all(OUTBOX)
        .await?
        .into_iter()
        .filter_map(|json| serde_json::from_str(&json).ok())
        .collect())
}

pub async fn remove_from_outbox(ids: &[uuid::Uuid]) -> Result<(), StoreError> {
    let keys: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    delete(OUTBOX, &keys).await
}

// --- the inbox ------------------------------------------------------------------------------

/// The person's inbox as last read from the server.
pub async fn inbox() -> Result<Option<Inbox>, StoreError> {
    Ok(get(META, "inbox")
        .await?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

pub async fn set_inbox(inbox: &Inbox) -> Result<(), StoreError> {
    put(META, "inbox", to_json(inbox)?).await
}

// --- the channel outbox of version 2 ----------------------------------------------------------

/// A channel write as version 2 queued it.
#[derive(serde::Deserialize)]
struct OldChannelWrite {
    id: uuid::Uuid,
    account_id: AccountId,
    action: ChannelAction,
}

impl OldChannelWrite {
    fn into_op(self) -> Op {
        Op {
            id: self.id,
            account_id: self.account_id,
            change: crate::domain::sync::Change::Channel { action: self.action },
        }
    }
}

/// Moves what an older app left in the channel outbox into the one outbox, with the same ids
/// (a write whose answer was lost gets it again from the server, not applied twice), and its
/// kept refusals into the notices. Nothing unsent is lost: a write leaves the old store only
/// after it is in the new one. Answers how many writes moved.
pub async fn move_old_channel_writes() -> Result<usize, StoreError> {
    let old: Vec<String> = all(OLD_CHANNEL_OUTBOX).await?;
    // Each write is parsed once: moved into the outbox, then its key leaves the old store.
    let mut moved = Vec::new();
    for json in &old {
        match serde_json::from_str::<OldChannelWrite>(json) {
            Ok(write) => {
                let op = write.into_op();
                enqueue(&op).await?;
                moved.push(op.id.to_string());
            }
            Err(e) => leptos::logging::warn!("store: an old channel write could not be read: {e}"),
        }
    }
    delete(OLD_CHANNEL_OUTBOX, &moved).await?;
    // Only a device that had refusals there pays for rewriting the notices.
    if let Some(json) = get(META, "channel_refusals").await? {
        let refused: Vec<(OldChannelWrite, String)> = serde_json::from_str(&json).unwrap_or_default();
        let mut list = notices().await?;
        list.extend(refused.into_iter().map(|(write, reason)| Notice {
            op: write.into_op(),
            outcome: crate::domain::sync::Outcome::Rejected(crate::domain::sync::RejectReason::Invalid(
                reason,
            )),
        }));
        set_notices(&list).await?;
        delete(META, &["channel_refusals".to_string()]).await?;
    }
    Ok(moved.len())
}

// --- meta -----------------------------------------------------------------------------------

/// How far this device has pulled, and how many times an account was kept since: a pull may
/// move the cursor on only if no account was kept while it was on its way (that account's copy
/// may be older than the page the pull brought, and its changes must be pulled again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub at: i64,
    pub kept: u64,
}

impl Cursor {
    /// "at|kept"; a device that stored only "at" (before `kept` existed) reads as kept = 0.
    fn parse(text: &str) -> Option<Cursor> {
        let (at, kept) = text.split_once('|').unwrap_or((text, "0"));
        Some(Cursor {
            at: at.parse().ok()?,
            kept: kept.parse().ok()?,
        })
    }

    fn text(&self) -> String {
        format!("{}|{}", self.at, self.kept)
    }
}

pub async fn cursor() -> Result<Option<Cursor>, StoreError> {
    Ok(get(META, "cursor").await?.as_deref().and_then(Cursor::parse))
}

/// The cursor's read-modify-write (see `update_meta`), so a kept account and a finished pull
/// cannot overwrite each other.
async fn update_cursor(
    change: impl FnOnce(Option<Cursor>) -> Option<Cursor>,
) -> Result<Option<Cursor>, StoreError> {
    update_meta("cursor", |text| {
        let current = text.as_deref().and_then(Cursor::parse);
        let next = change(current);
        (next.filter(|n| Some(*n) != current).map(|n| n.text()), next)
    })
    .await
}

/// Reads a `meta` value and writes what `change` makes of it (`None`: leave it) in one
/// read-write transaction. IndexedDB runs those one at a time, across tabs too, so nothing
/// else is written in between.
async fn update_meta<T>(
    key: &str,
    change: impl FnOnce(Option<String>) -> (Option<String>, T),
) -> Result<T, StoreError> {
    let db = open().await?;
    let tx = db
        .transaction(META)
        .with_mode(TransactionMode::Readwrite)
        .build()?;
    let store = tx.object_store(META)?;
    let current: Option<String> = store.get(key.to_string()).primitive()?.await?;
    let (write, answer) = change(current);
    if let Some(value) = write {
        store.put(value).with_key(key.to_string()).primitive()?;
    }
    tx.commit().await?;
    Ok(answer)
}

/// An account was kept with the server's state at `at`: changes after it must be pulled, and a
/// pull on its way now must not move the cursor past them. Answers whether the cursor went back.
pub async fn cursor_kept_at(at: i64) -> Result<bool, StoreError> {
    let mut lowered = false;
    update_cursor(|current| {
        let kept = current.map_or(0, |c| c.kept) + 1;
        let next = current.map_or(at, |c| c.at.min(at));
        lowered = current.is_none_or(|c| next < c.at);
        Some(Cursor { at: next, kept })
    })
    .await?;
    Ok(lowered)
}

/// Moves the cursor to `to` after a pull page that started at `seen`, unless an account was kept
/// meanwhile. Answers whether it moved; if not, the caller pulls again from the stored cursor.
pub async fn advance_cursor(seen: Option<Cursor>, to: i64) -> Result<bool, StoreError> {
    let mut moved = false;
    update_cursor(|current| {
        if current != seen {
            return current;
        }
        moved = true;
        Some(Cursor {
            at: to,
            kept: seen.map_or(0, |c| c.kept),
        })
    })
    .await?;
    Ok(moved)
}

pub async fn notices() -> Result<Vec<Notice>, StoreError> {
    Ok(get(META, "notices")
        .await?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub async fn set_notices(notices: &[Notice]) -> Result<(), StoreError> {
    put(META, "notices", to_json(&notices)?).await
}

/// Whose copy this device holds: the person who signed in when it was written. Another person
/// signing in on the same phone never sends or sees it (see `offline::owner`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Owner {
    pub id: i64,
    pub name: String,
}

pub async fn owner() -> Result<Option<Owner>, StoreError> {
    Ok(get(META, "owner")
        .await?
        .and_then(|json| serde_json::from_str(&json).ok()))
}

pub async fn set_owner(owner: &Owner) -> Result<(), StoreError> {
    put(META, "owner", to_json(owner)?).await
}

/// Conflicts the person dismissed on this device that the server has not heard of yet.
pub async fn dismissals() -> Result<Vec<uuid::Uuid>, StoreError> {
    Ok(get(META, "dismissals")
        .await?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub async fn add_dismissal(op_id: uuid::Uuid) -> Result<(), StoreError> {
    let mut all = dismissals().await?;
    if !all.contains(&op_id) {
        all.push(op_id);
    }
    put(META, "dismissals", to_json(&all)?).await
}

pub async fn remove_dismissals(sent: &[uuid::Uuid]) -> Result<(), StoreError> {
    let mut all = dismissals().await?;
    all.retain(|id| !sent.contains(id));
    put(META, "dismissals", to_json(&all)?).await
}

/// A lease that lets one tab sync at a time, taken through `update_meta`, so two tabs cannot
/// both take it.
pub async fn take_sync_lease(tab: &str, now_ms: f64, ttl_ms: f64) -> Result<bool, StoreError> {
    update_meta("lease", |current| {
        let free = match current.as_deref().and_then(|s| s.split_once('|')) {
            Some((holder, until)) => {
                holder == tab || until.parse::<f64>().map(|u| u < now_ms).unwrap_or(true)
            }
            None => true,
        };
        (free.then(|| format!("{tab}|{}", now_ms + ttl_ms)), free)
    })
    .await
}

pub async fn release_sync_lease(tab: &str) -> Result<(), StoreError> {
    let current = get(META, "lease").await?;
    if current
        .as_deref()
        .and_then(|s| s.split_once('|'))
        .map(|(h, _)| h == tab)
        == Some(true)
    {
        delete(META, &["lease".to_string()]).await?;
    }
    Ok(())
}

/// Empties everything (signing out: the next person on this device sees nothing of it).
pub async fn clear_all() -> Result<(), StoreError> {
    let db = open().await?;
    for name in [ACCOUNTS, OUTBOX, META, CHANNELS, OLD_CHANNEL_OUTBOX, RECORDS] {
        let tx = db
            .transaction(name)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(name)?.clear()?;
        tx.commit().await?;
    }
    Ok(())
}
