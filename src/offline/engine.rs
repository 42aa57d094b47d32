//! The sync loop. It runs when the app opens, when the network returns (`online`), when the
//! page becomes visible again, after each local edit, and every minute while open; errors back
//! off exponentially. Background Sync is not used: Safari and Firefox lack it. One tab at a time
//! syncs (a lease in IndexedDB); within a tab, a second request while syncing runs once after.

use super::store::{self, StoreError};
use crate::api::sync::{dismiss_conflict, pull, push};
use crate::domain::account::AccountDetail;
use crate::domain::channel::view::ChannelView;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::sync::doc::{AccountRecords, RecordKind};
use crate::domain::sync::{apply, Entity, Mode, Notice, Op, Outcome, Replica};
use crate::offline::state::{set_if_changed, StoreProblem, SyncState};
use leptos::prelude::*;
use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Duration;

const PUSH_BATCH: usize = 100;
/// A lease outlives a tab that closed mid-sync only this long. A sync takes well under a second
/// (1,000 edits: 0.5 s); if one ever overran it, the server's exactly-once push keeps a second
/// tab's overlap harmless.
const LEASE_MS: f64 = 10_000.0;
/// How soon to try again when another tab holds the lease.
const BUSY_RETRY: Duration = Duration::from_secs(3);
const PERIOD: Duration = Duration::from_secs(60);
const MAX_BACKOFF_SECS: u64 = 300;
const MAX_NETWORK_RETRY_SECS: u64 = 30;
/// What Kamu lets itself store on a phone for use without a network (copies of accounts and
/// their pages). Past it, no more accounts are fetched ahead; opened ones are still kept.
pub const OFFLINE_BUDGET_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

struct Engine {
    state: SyncState,
    tab: String,
    busy: Cell<bool>,
    again: Cell<bool>,
    failures: Cell<u32>,
    /// Requests that failed at the network while the browser said it was online (a network
    /// that has just come back, a weak signal): retried soon, not at the next minute.
    network_failures: Cell<u32>,
    /// The start-up already asked whose copy this is; the first sync, a moment later in the same
    /// page, need not ask again (every later one does: someone else may have signed in).
    claimed_at_start: Cell<bool>,
    /// The kept channels and documents were read whole once in this app start (`keep_ahead`).
    copies_read: Cell<bool>,
}

/// Starts the engine for this tab: loads the device's copy into the state and sets the triggers.
pub fn start(state: SyncState) {
    let engine = Rc::new(Engine {
        state,
        tab: uuid::Uuid::new_v4().to_string(),
        busy: Cell::new(false),
        again: Cell::new(false),
        failures: Cell::new(0),
        network_failures: Cell::new(0),
        claimed_at_start: Cell::new(false),
        copies_read: Cell::new(false),
    });
    state.online.set(super::network::is_online());
    super::storage::protect(state);

    let first = engine.clone();
    leptos::task::spawn_local(async move {
        // Channel writes an older app queued in an outbox of their own join the one outbox
        // before anything counts or shows what waits.
        match store::move_old_channel_writes().await {
            Ok(0) => {}
            Ok(n) => leptos::logging::log!("sync: {n} channel writes moved into the outbox"),
            Err(e) => SyncError::Store(e).log(),
        }
        // Online, whose copy this is is settled before any of it is shown: another person's
        // waiting edits never appear on the screen of whoever signed in after them.
        if super::network::is_online() {
            first.claimed_at_start.set(first.claim_copy().await.is_ok());
        }
        first.reload_from_store().await;
        Engine::run(first);
    });

    let on_request = engine.clone();
    Effect::new(move |previous: Option<u64>| {
        let n = on_request.state.requests.get();
        if previous.is_some() {
            Engine::run(on_request.clone());
        }
        n
    });
    let on_online = engine.clone();
    let _ = window_event_listener(leptos::ev::online, move |_| {
        // The network is back: send at once, whatever back-off was running.
        on_online.state.online.set(true);
        on_online.failures.set(0);
        on_online.network_failures.set(0);
        Engine::run(on_online.clone());
    });
    let _ = window_event_listener(leptos::ev::offline, move |_| state.online.set(false));
    let on_visible = engine.clone();
    let _ = window_event_listener(leptos::ev::visibilitychange, move |_| {
        // Visible again: catch up. Hidden (the app is put away or closed): a last chance to
        // send what waits, while the page still runs.
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if !hidden || on_visible.state.waiting() > 0 {
            Engine::run(on_visible.clone());
        }
    });
    let periodic = engine.clone();
    let _ = set_interval_with_handle(move || Engine::run(periodic.clone()), PERIOD);
}

impl Engine {
    fn run(engine: Rc<Engine>) {
        if engine.busy.get() {
            engine.again.set(true);
            return;
        }
        engine.busy.set(true);
        leptos::task::spawn_local(async move {
            loop {
                engine.again.set(false);
                let result = engine.sync_once().await;
                engine.after(result);
                if !engine.again.get() {
                    break;
                }
            }
            engine.busy.set(false);
        });
    }

    fn after(self: &Rc<Self>, result: Result<(), SyncError>) {
        if let Err(e) = &result {
            e.log();
        }
        match result {
            Ok(()) => {
                self.failures.set(0);
                self.network_failures.set(0);
            }
            Err(SyncError::Offline) if super::network::is_online() && self.state.waiting() > 0 => {
                // The browser says online but the request did not get through: try again in
                // 1, 2, 4 … 30 s, so an edit never sits a minute after the network returned.
                let n = self.network_failures.get();
                self.network_failures.set(n + 1);
                let secs = 2u64.saturating_pow(n).min(MAX_NETWORK_RETRY_SECS);
                let engine = self.clone();
                set_timeout(move || Engine::run(engine), Duration::from_secs(secs));
            }
            Err(SyncError::Offline | SyncError::NotTheOwner | SyncError::OutOfDate) => {}
            Err(SyncError::Busy) => {
                let engine = self.clone();
                set_timeout(move || Engine::run(engine), BUSY_RETRY);
            }
            Err(SyncError::SignedOut) => self.state.signed_out.set(true),
            Err(SyncError::Store(StoreError::QuotaExceeded)) => {
                self.state.store_problem.set(Some(StoreProblem::Full))
            }
            Err(SyncError::Store(StoreError::Other(_))) => {
                self.state.store_problem.set(Some(StoreProblem::Unavailable))
            }
            Err(SyncError::Server) => {
                // Try again later, waiting twice as long each time (2 s … 5 min).
                let n = self.failures.get() + 1;
                self.failures.set(n);
                let secs = 2u64.saturating_pow(n).min(MAX_BACKOFF_SECS);
                let engine = self.clone();
                set_timeout(move || Engine::run(engine), Duration::from_secs(secs));
            }
        }
    }

    async fn reload_from_store(&self) {
        // Another person's copy is on this device: none of it is shown (see `offline::owner`).
        if self.state.previous_owner.with_untracked(Option::is_some) {
            return;
        }
        match store::outbox().await {
            Ok(ops) => set_if_changed(self.state.outbox, ops),
            Err(_) => self.state.store_problem.set(Some(StoreProblem::Unavailable)),
        }
        if let Ok(n) = store::notices().await {
            set_if_changed(self.state.notices, n);
        }
        super::channel::load_into(self.state).await;
    }

    async fn sync_once(&self) -> Result<(), SyncError> {
        if !super::network::is_online() {
            self.state.online.set(false);
            return Err(SyncError::Offline);
        }
        self.state.online.set(true);
        if !self.claimed_at_start.replace(false) {
            self.claim_copy().await?;
        }
        let now = js_sys::Date::now();
        if !store::take_sync_lease(&self.tab, now, LEASE_MS).await? {
            // Another tab is syncing, or one closed mid-sync: show what is done, try again soon.
            self.reload_from_store().await;
            return Err(SyncError::Busy);
        }
        self.state
            .sending
            .set(!self.state.outbox.with_untracked(Vec::is_empty));
        let result = self.push_all().await;
        let result = match result {
            Ok(()) => self.send_dismissals().await,
            Err(e) => Err(e),
        };
        let result = match result {
            Ok(()) => self.pull_all().await,
            Err(e) => Err(e),
        };
        if result.is_ok() {
            // Fetching accounts ahead is extra: a failure there (the network went away in the
            // middle, an account just closed to this person) does not make the sync a failure.
            if let Err(e) = self.keep_ahead().await {
                e.log();
            }
        }
        self.state.sending.set(false);
        // A lease that could not be released runs out by itself (`LEASE_MS`).
        if let Err(e) = store::release_sync_lease(&self.tab).await {
            SyncError::Store(e).log();
        }
        self.reload_from_store().await;
        if result.is_ok() {
            self.state.signed_out.set(false);
            let time = js_sys::Date::new_0();
            self.state
                .last_synced
                .set(Some(format!("{}.{:02}", time.get_hours(), time.get_minutes())));
        }
        result
    }

    /// Only the copy's owner sends it: is the signed-in person the one who wrote it?
    async fn claim_copy(&self) -> Result<(), SyncError> {
        match crate::api::auth::me().await {
            Ok(Some(me)) => match super::owner::claim(self.state, &me).await? {
                true => Ok(()),
                false => Err(SyncError::NotTheOwner),
            },
            Ok(None) => Err(SyncError::SignedOut),
            Err(e) => Err(SyncError::from_app(e)),
        }
    }

    async fn push_all(&self) -> Result<(), SyncError> {
        loop {
            // An edit of a kind this app does not know was queued by a newer app in another tab:
            // that tab sends it (sent from here, its kind would be lost).
            let ops: Vec<Op> = store::outbox()
                .await?
                .into_iter()
                .filter(|op| !matches!(op.change.entity(), Entity::Record(RecordKind::Unknown, _)))
                .collect();
            if ops.is_empty() {
                return Ok(());
            }
            let batch: Vec<Op> = ops.into_iter().take(PUSH_BATCH).collect();
            let answers = push(batch.clone()).await.map_err(SyncError::from_app)?;
            let mut notices = store::notices().await?;
            let mut answered = Vec::new();
            for answer in &answers {
                if answer.outcome.needs_attention() {
                    if let Some(op) = batch.iter().find(|op| op.id == answer.op_id) {
                        notices.push(Notice {
                            op: op.clone(),
                            outcome: answer.outcome.clone(),
                        });
                    }
                }
                answered.push(answer.op_id);
            }
            // The notices are written before the edits leave the outbox: nothing can vanish between.
            store::set_notices(&notices).await?;
            // What the server took goes into the device's copy now, so it stays on the screen
            // between leaving the outbox and the pull that brings the server's own version.
            let taken: Vec<&Op> = batch
                .iter()
                .filter(|op| {
                    answers
                        .iter()
                        .any(|a| a.op_id == op.id && a.outcome == Outcome::Applied)
                })
                .collect();
            keep_taken(&taken).await?;
            // Pages re-read their copy (which now holds what was taken) before the edits leave
            // the outbox the pages draw with: the outbox on screen is refreshed from the store at
            // the end of this sync (`reload_from_store`), well after that quick read. Dropping
            // them from the screen's outbox here made a just-sent series blink out of the list
            // until the pull (seen once in CI). Applying an edit twice is harmless: by id.
            store::remove_from_outbox(&answered).await?;
            self.state.revision.update(|r| *r += 1);
            if answered.is_empty() {
                return Err(SyncError::Server);
            }
        }
    }

    async fn send_dismissals(&self) -> Result<(), SyncError> {
        let pending = store::dismissals().await?;
        if pending.is_empty() {
            return Ok(());
        }
        for op_id in &pending {
            dismiss_conflict(*op_id).await.map_err(SyncError::from_app)?;
        }
        store::remove_dismissals(&pending).await?;
        Ok(())
    }

    async fn pull_all(&self) -> Result<(), SyncError> {
        loop {
            let seen = store::cursor().await?;
            // A device with nothing stored needs no history: it asks for nothing older than "now"
            // (the server answers with no changes), and `keep` lowers the cursor to the
            // first account it keeps.
            let from = match seen {
                Some(c) => c.at,
                None => {
                    let accounts = store::all_kept::<AccountDetail>()
                        .await?
                        .into_iter()
                        .map(|a| a.sync_cursor);
                    let channels = store::all_kept::<ChannelView>()
                        .await?
                        .into_iter()
                        .map(|c| c.sync_cursor);
                    let records = store::all_kept::<AccountRecords>()
                        .await?
                        .into_iter()
                        .map(|r| r.sync_cursor);
                    accounts.chain(channels).chain(records).min().unwrap_or(i64::MAX)
                }
            };
            let answer = pull(from).await.map_err(SyncError::from_app)?;
            // The server has kinds of records this app does not know: it is out of date, and
            // keeps nothing of this pull (the cursor stays) until it is reloaded.
            if answer
                .records
                .iter()
                .any(|c| c.record.as_ref().is_some_and(from_newer_app))
            {
                return Err(SyncError::OutOfDate);
            }
            // Read after the answer, not before: an account kept while the pull was on its way
            // gets the page's changes too (they are each event's current state).
            let mut stored: Vec<AccountDetail> = store::all_kept::<AccountDetail>().await?;
            let changed = apply_page(&mut stored, &answer);
            let channels_changed = super::channel::take_page(self.state, &answer).await?;
            let records_changed = take_records(&answer).await?;
            // Accounts this person may no longer see leave the device, every kind of their
            // records with them (the inbox came filtered by the server).
            let lost: Vec<AccountId> = store::accounts_on_device()
                .await?
                .into_iter()
                .filter(|id| !answer.accounts.contains(id))
                .collect();
            if !lost.is_empty() {
                store::forget_accounts(&lost).await?;
                stored.retain(|a| !lost.contains(&a.id));
            }
            for account in stored.iter_mut().filter(|a| changed.contains(&a.id)) {
                account.sync_cursor = answer.cursor;
                store::keep(account).await?;
            }
            let moved = store::advance_cursor(seen, answer.cursor).await?;
            self.take_conflicts(&answer.conflicts).await?;
            if !lost.is_empty() || !changed.is_empty() || channels_changed || records_changed {
                self.state.revision.update(|r| *r += 1);
            }
            // Not moved: an account was kept meanwhile, and what changed after its copy is
            // pulled from the cursor it left.
            if moved && !answer.more {
                return Ok(());
            }
        }
    }
}

impl Engine {
    /// Keeps on this device the accounts the person works on, and their channels, before they
    /// open them (a supervisor's first visit to a site often has no network), within the storage budget;
    /// asks the service worker for their pages, "Omat" and the inbox; and says what is kept.
    async fn keep_ahead(&self) -> Result<(), SyncError> {
        let wanted = crate::api::accounts::accounts_to_keep()
            .await
            .map_err(SyncError::from_app)?;
        // Their channels too: an urgent bulletin is read on site, often without a network. Once
        // per app start every wanted channel is read whole again (members, who may post and
        // moderate change with the billing system's site list; a copy kept by an older app has
        // no change-log cursor); after that only missing ones, and posts come by the pull.
        let read_whole = !self.copies_read.replace(true);
        let accounts: HashSet<AccountId> = store::kept_ids::<AccountDetail>().await?.into_iter().collect();
        let channels: HashSet<AccountId> = store::kept_ids::<ChannelView>().await?.into_iter().collect();
        let records: HashSet<AccountId> = store::kept_ids::<AccountRecords>().await?.into_iter().collect();
        for id in &wanted {
            if !accounts.contains(id) {
                if !within_budget().await {
                    break;
                }
                let detail = crate::api::accounts::account(id.0, None)
                    .await
                    .map_err(SyncError::from_app)?;
                keep(detail, self.state).await;
            }
            if read_whole || !channels.contains(id) {
                if !within_budget().await {
                    break;
                }
                match crate::api::channel::open_channel(id.0).await {
                    Ok(view) => {
                        keep(view, self.state).await;
                    }
                    // Lost just now: the next pull removes the account; the others are still kept.
                    Err(AppError::Forbidden | AppError::NotFound) => {}
                    Err(e) => return Err(SyncError::from_app(e)),
                }
            }
            // Its documents, read whole once per app start like the channels (which kinds a
            // person may read follows their role, which can change); later changes by the pull.
            if read_whole || !records.contains(id) {
                match crate::api::sync::account_records(id.0).await {
                    Ok(copy) if copy.records.iter().any(from_newer_app) => return Err(SyncError::OutOfDate),
                    Ok(copy) => {
                        keep(copy, self.state).await;
                    }
                    Err(AppError::Forbidden | AppError::NotFound) => {}
                    Err(e) => return Err(SyncError::from_app(e)),
                }
            }
        }
        let mut pages = vec!["/".to_string(), "/omat".to_string(), "/saapuneet".to_string()];
        pages.extend(wanted.iter().map(|id| format!("/asiakkuus/{}", id.0)));
        pages.extend(wanted.iter().map(|id| format!("/asiakkuus/{}/kanava", id.0)));
        super::service_worker::keep_pages_ahead(pages);
        let accounts = store::kept_ids::<AccountDetail>().await?.len();
        let bytes = super::storage::estimate().await.map_or(0.0, |(used, _)| used);
        set_if_changed(
            self.state.kept,
            Some(crate::offline::state::KeptOnDevice {
                accounts,
                bytes,
                budget: OFFLINE_BUDGET_BYTES,
            }),
        );
        Ok(())
    }
}

/// Whether the device still has room, by Kamu's own budget, to keep one more copy.
async fn within_budget() -> bool {
    super::storage::estimate().await.map_or(0.0, |(used, _)| used) <= OFFLINE_BUDGET_BYTES
}

/// Applies edits the server took to the device's copies of their accounts (its clock and
/// cards, its documents).
async fn keep_taken(ops: &[&Op]) -> Result<(), SyncError> {
    let accounts: HashSet<AccountId> = ops.iter().map(|op| op.account_id).collect();
    for id in accounts {
        let mut account = store::kept::<AccountDetail>(id).await?;
        // A copy holding a newer app's kinds (written by it in another tab) is left to that app.
        let mut records = store::kept::<AccountRecords>(id)
            .await?
            .filter(|r| !r.records.iter().any(from_newer_app));
        if account.is_none() && records.is_none() {
            continue;
        }
        let mut copy = match account.as_mut() {
            Some(a) => Replica::new(a.events.drain(..), a.cards.drain(..)),
            None => Replica::default(),
        };
        if let Some(r) = records.as_mut() {
            copy.records.extend(r.records.drain(..).map(|d| (d.id, d)));
        }
        for op in ops.iter().filter(|op| op.account_id == id) {
            apply(&mut copy, op, Mode::Optimistic);
        }
        if let Some(r) = records.as_mut() {
            r.records = std::mem::take(&mut copy.records).into_values().collect();
            store::keep(r).await?;
        }
        if let Some(a) = account.as_mut() {
            (a.events, a.cards) = copy.into_lists();
            store::keep(a).await?;
        }
    }
    Ok(())
}

/// Puts one pull page's documents into the device's copies of their accounts; answers whether
/// any changed.
async fn take_records(answer: &crate::domain::sync::PullAnswer) -> Result<bool, SyncError> {
    let accounts: HashSet<AccountId> = answer.records.iter().map(|c| c.account_id).collect();
    let mut changed = false;
    for id in accounts {
        let Some(mut copy) = store::kept::<AccountRecords>(id).await? else {
            continue;
        };
        if copy.records.iter().any(from_newer_app) {
            continue;
        }
        for change in answer.records.iter().filter(|c| c.account_id == id) {
            copy.take(change.id, change.record.as_ref());
        }
        copy.sync_cursor = copy.sync_cursor.max(answer.cursor);
        store::keep(&copy).await?;
        changed = true;
    }
    Ok(changed)
}

/// Puts one pull page's cards and events into the device's accounts; answers which changed.
fn apply_page(stored: &mut [AccountDetail], answer: &crate::domain::sync::PullAnswer) -> HashSet<AccountId> {
    let mut changed = HashSet::new();
    for change in &answer.cards {
        if let Some(account) = stored.iter_mut().find(|a| a.id == change.account_id) {
            account.cards.retain(|c| c.period != change.period);
            account.cards.push(change.card.clone());
            account.cards.sort_by_key(|c| c.period);
            changed.insert(account.id);
        }
    }
    for change in &answer.changes {
        if let Some(account) = stored.iter_mut().find(|a| a.id == change.account_id) {
            account.events.retain(|e| e.id != change.event_id);
            if let Some(event) = &change.event {
                let year = crate::domain::clock::account_year_of(event.starts_on, account.year_start_month);
                if year == account.clock_year {
                    account.events.push(event.clone());
                }
            }
            changed.insert(account.id);
        }
    }
    for account in stored.iter_mut().filter(|a| changed.contains(&a.id)) {
        account.events.sort_by_key(|e| (e.starts_on, e.time));
    }
    changed
}

impl Engine {
    /// The server's list of the person's open conflicts is the truth for conflicts: one met on
    /// another device appears here, one dismissed elsewhere goes away. Refusals stay device-only.
    async fn take_conflicts(&self, open: &[Notice]) -> Result<(), SyncError> {
        let mut notices = store::notices().await?;
        let dismissed = store::dismissals().await?;
        let before = notices.clone();
        notices.retain(|n| {
            !matches!(n.outcome, crate::domain::sync::Outcome::Conflict { .. })
                || open.iter().any(|o| o.op.id == n.op.id)
        });
        for notice in open {
            if !dismissed.contains(&notice.op.id) && !notices.iter().any(|n| n.op.id == notice.op.id) {
                notices.push(notice.clone());
            }
        }
        if notices != before {
            store::set_notices(&notices).await?;
            self.state.notices.set(notices);
        }
        Ok(())
    }
}

/// Keeps a freshly read copy (an account, a channel) on the device, unless the device has a
/// later state of it; answers the copy to show.
pub async fn keep<K: store::KeptPerAccount>(fresh: K, sync: SyncState) -> K {
    if let Ok(Some(kept)) = store::kept::<K>(fresh.account()).await {
        if kept.newer_than(&fresh) {
            return kept;
        }
    }
    if let Err(e) = store::keep(&fresh).await {
        // Not kept: the page still shows, but would not open offline. A full storage is said on
        // screen, as for an edit that could not be saved.
        if e == store::StoreError::QuotaExceeded {
            sync.store_problem.set(Some(StoreProblem::Full));
        }
        SyncError::Store(e).log();
        return fresh;
    }
    // Changes after this copy's cursor must be pulled, even if the device's cursor is past it,
    // and even if a pull is on its way right now (see `store::advance_cursor`).
    if let Ok(true) = store::cursor_kept_at(fresh.sync_cursor()).await {
        sync.request_sync();
    }
    fresh
}

/// A record of a kind this app does not know: a newer app or server wrote it.
fn from_newer_app(doc: &crate::domain::sync::doc::Doc) -> bool {
    doc.kind == RecordKind::Unknown
}

enum SyncError {
    /// The server or another tab runs a newer app (kinds of records this one does not know):
    /// nothing more is synced from this tab until it is reloaded.
    OutOfDate,
    Offline,
    /// Another tab holds the sync lease.
    Busy,
    SignedOut,
    /// The device holds another person's unsent edits; the signed-in person decides.
    NotTheOwner,
    Server,
    Store(StoreError),
}

impl SyncError {
    /// A line in the browser's console, for whoever debugs a device that does not sync.
    fn log(&self) {
        match self {
            SyncError::Offline | SyncError::Busy | SyncError::NotTheOwner => {}
            SyncError::OutOfDate => {
                leptos::logging::warn!("sync: a newer app is out; reload to go on syncing")
            }
            SyncError::SignedOut => leptos::logging::warn!("sync: signed out"),
            SyncError::Server => leptos::logging::warn!("sync: the server refused or failed; retrying later"),
            SyncError::Store(e) => leptos::logging::warn!("sync: device storage: {e:?}"),
        }
    }

    fn from_app(e: AppError) -> SyncError {
        match e {
            AppError::Unauthorized => SyncError::SignedOut,
            e if e.is_network() => SyncError::Offline,
            _ => SyncError::Server,
        }
    }
}

impl From<StoreError> for SyncError {
    fn from(e: StoreError) -> Self {
        SyncError::Store(e)
    }
}
