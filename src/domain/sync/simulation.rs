//! Randomized tests of the sync protocol's rules: many people editing offline in random
//! interleavings — clock events, quality cards, contracts (documents) and channel posts, acknowledgements and
//! "answered" marks — with lost answers, retries, batches delivered twice, and access to an
//! account gained and lost mid-run, against a model of the server that answers with the shared
//! `apply` and the channel's own rules. After everything syncs, every device holds exactly what
//! its person may see (the server's records, posts as they read them), every losing value is
//! kept, and no conflict or rejection went unseen by its author.
//!
//! The model keeps the protocol's promises in memory; the SQLite server must keep the same
//! ones (its own tests come with the sync endpoint). Runs: `KAMU_SYNC_RUNS` (default 2000).

use super::apply::{apply, Mode, Replica, SyncStore};
use super::doc::{Doc, RecordKind};
use super::ops::{CardField, Change, Entity, EventField, FieldValue, Op, Outcome, RejectReason};
use super::record::Record;
use crate::domain::card::{QualityCard, TrafficLight};
use crate::domain::channel::ops::ChannelAction;
use crate::domain::channel::post::{may_moderate, may_post, NewPost, Post, PostKind, Urgency};
use crate::domain::channel::view::{ChannelView, PostChange};
use crate::domain::clock::{ClockEvent, EventKind, EventStatus, PersonRef};
use crate::domain::dates::YearMonth;
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::people::Role;
use crate::domain::workspace::contract::Contract;
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use uuid::Uuid;

/// A small deterministic generator, so a failing run can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The accounts of the run. Person 0 directs both and always sees both; everyone else sees
/// the first, and the second only while they run one of its sites (it changes mid-run).
const ACCOUNTS: [AccountId; 2] = [AccountId(1), AccountId(2)];

/// Who reads and writes documents (contracts): person 0 directs the accounts, person 1 is an
/// admin (both edit them), person 2 is in management (reads them, may not edit: their writes
/// are refused), everyone else runs sites (may not read contract terms: the records never reach
/// their devices and their writes are refused).
fn role_for_records(who: usize) -> Role {
    match who {
        0 => Role::AccountDirector,
        1 => Role::Admin,
        2 => Role::Management,
        _ => Role::Supervisor,
    }
}

fn reads_records(who: usize, kind: RecordKind) -> bool {
    kind.rules().readable_by(role_for_records(who))
}

/// `domain::access::edits_account` as the server applies it to documents (person 0 directs
/// both accounts).
fn edits_records(who: usize) -> bool {
    crate::domain::access::edits_account(
        &crate::domain::people::Viewer {
            id: PersonId(who as i64),
            role: role_for_records(who),
            region_id: None,
        },
        who == 0,
    )
}

/// What a pull answers: changed events (None = tombstone), changed cards, changed posts as the
/// person sees them, changed documents (None = tombstone), the accounts they may see now, the
/// new cursor.
struct Pulled {
    records: Vec<(Uuid, Option<Doc>)>,
    events: Vec<(Uuid, Option<ClockEvent>)>,
    cards: Vec<QualityCard>,
    posts: Vec<Post>,
    accounts: BTreeSet<AccountId>,
    cursor: u64,
}

#[derive(Default)]
struct Server {
    data: Replica,
    /// Channel posts as stored (`acknowledged` is per reader: see `post_for`).
    posts: BTreeMap<Uuid, Post>,
    acks: HashSet<(Uuid, usize)>,
    answers: HashMap<Uuid, Outcome>,
    /// The change log: (sequence, account, what changed). Pulls read what changed after a cursor.
    log: Vec<(u64, AccountId, Entity)>,
    /// Losing values, kept for their authors.
    conflicts: Vec<(Uuid, FieldValue)>,
    /// Who may see which account now.
    access: HashSet<(usize, AccountId)>,
    /// Documents deleted: their ids stay taken.
    deleted: HashSet<Uuid>,
    /// The channel's clock: posts are stored in the order they arrive.
    minute: i64,
}

fn person(n: usize) -> PersonRef {
    PersonRef {
        id: PersonId(n as i64),
        name: format!("Henkilö {n}"),
    }
}

impl Server {
    fn sees(&self, who: usize, account: AccountId) -> bool {
        self.access.contains(&(who, account))
    }

    fn log(&mut self, account: AccountId, entity: Entity) {
        let seq = self.log.len() as u64 + 1;
        self.log.push((seq, account, entity));
    }

    fn push(&mut self, who: usize, ops: &[Op]) -> Vec<(Uuid, Outcome)> {
        ops.iter()
            .map(|op| {
                if let Some(first) = self.answers.get(&op.id) {
                    // A retry changes nothing, but must not hide a conflict or rejection whose
                    // first answer was lost on the way.
                    return (op.id, first.clone().on_retry());
                }
                // Someone who lost the account, or may not edit documents, writes nothing to it.
                let record = match op.change.entity() {
                    Entity::Record(_, id) => Some(id),
                    _ => None,
                };
                let outcome = if !self.sees(who, op.account_id) || (record.is_some() && !edits_records(who)) {
                    Outcome::Rejected(RejectReason::Forbidden)
                } else if record.is_some_and(|id| self.deleted.contains(&id)) {
                    // A deleted record stays deleted and its id is never taken again.
                    match &op.change {
                        Change::DeleteRecord { .. } => Outcome::Applied,
                        Change::CreateRecord { .. } => Outcome::Rejected(RejectReason::AlreadyExists),
                        _ => Outcome::Rejected(RejectReason::NotFound),
                    }
                } else if let Change::Channel { action } = &op.change {
                    self.channel(who, op, action)
                } else {
                    // Only a stored record leaves a tombstone row (as in SQLite).
                    let stored = match &op.change {
                        Change::DeleteRecord { id, .. } => self.data.record(*id).map(|r| r.id),
                        _ => None,
                    };
                    let outcome = apply(&mut self.data, op, Mode::Authoritative);
                    if outcome == Outcome::Applied {
                        self.deleted.extend(stored);
                    }
                    match &outcome {
                        Outcome::Applied => self.log(op.account_id, op.change.entity()),
                        Outcome::Conflict { losing, .. } => self.conflicts.push((op.id, losing.clone())),
                        _ => {}
                    }
                    outcome
                };
                self.answers.insert(op.id, outcome.clone());
                (op.id, outcome)
            })
            .collect()
    }

    /// The channel's rules as the SQLite server keeps them (`server::channel::posts`).
    fn channel(&mut self, who: usize, op: &Op, action: &ChannelAction) -> Outcome {
        let invalid = |key: &str| Outcome::Rejected(RejectReason::Invalid(key.into()));
        let directs = who == 0;
        let role = if directs {
            Role::AccountDirector
        } else {
            Role::Supervisor
        };
        match action {
            ChannelAction::Post { post } => {
                if let Some(existing) = self.posts.get(&post.id) {
                    let retry = existing.author.id.0 == who as i64
                        && existing.body == post.body.trim()
                        && existing.account_id == op.account_id;
                    return match retry {
                        true => Outcome::Applied,
                        false => Outcome::Rejected(RejectReason::AlreadyExists),
                    };
                }
                if let Err(key) = may_post(role, directs, post) {
                    return invalid(key);
                }
                if let Some(q) = post.question_id {
                    let asked = self.posts.get(&q);
                    if !asked.is_some_and(|q| q.kind == PostKind::Question && q.account_id == op.account_id) {
                        return invalid("question_not_found");
                    }
                }
                self.minute += 1;
                let at = NaiveDate::from_ymd_opt(2026, 11, 1)
                    .and_then(|d| d.and_hms_opt(8, 0, 0))
                    .unwrap_or_default()
                    + Duration::minutes(self.minute);
                self.posts.insert(
                    post.id,
                    Post {
                        id: post.id,
                        account_id: op.account_id,
                        author: person(who),
                        kind: post.kind,
                        urgency: post.urgency,
                        question_id: post.question_id,
                        body: post.body.trim().to_string(),
                        at,
                        answered: false,
                        closed: false,
                        mentions: vec![],
                        acknowledged: false,
                    },
                );
                self.log(op.account_id, Entity::Post(post.id));
                Outcome::Applied
            }
            ChannelAction::Acknowledge { post_id } => {
                let Some(post) = self.posts.get(post_id) else {
                    return Outcome::Rejected(RejectReason::NotFound);
                };
                if !self.sees(who, post.account_id) {
                    return Outcome::Rejected(RejectReason::Forbidden);
                }
                if post.kind != PostKind::Bulletin || post.urgency != Urgency::Urgent {
                    return invalid("not_urgent");
                }
                let account = post.account_id;
                if self.acks.insert((*post_id, who)) {
                    self.log(account, Entity::Post(*post_id));
                }
                Outcome::Applied
            }
            ChannelAction::MarkAnswered { question_id } => {
                let Some(post) = self.posts.get_mut(question_id) else {
                    return Outcome::Rejected(RejectReason::NotFound);
                };
                if post.kind != PostKind::Question {
                    return invalid("not_a_question");
                }
                if !may_moderate(role, directs, post.author.id.0 == who as i64) {
                    return invalid("not_allowed");
                }
                let account = post.account_id;
                if !std::mem::replace(&mut post.answered, true) {
                    self.log(account, Entity::Post(*question_id));
                }
                Outcome::Applied
            }
        }
    }

    /// A post as `who` reads it.
    fn post_for(&self, who: usize, id: Uuid) -> Option<Post> {
        let mut post = self.posts.get(&id)?.clone();
        post.acknowledged = self.acks.contains(&(id, who));
        Some(post)
    }

    fn visible(&self, who: usize) -> BTreeSet<AccountId> {
        ACCOUNTS.into_iter().filter(|a| self.sees(who, *a)).collect()
    }

    /// Changes after `cursor` in the accounts `who` may see now: each changed event's current
    /// state or a tombstone (None), each changed card, each changed post.
    fn pull(&self, who: usize, cursor: u64) -> Pulled {
        let accounts = self.visible(who);
        let mut events: BTreeMap<Uuid, Option<ClockEvent>> = BTreeMap::new();
        let mut cards: BTreeMap<(AccountId, YearMonth), QualityCard> = BTreeMap::new();
        let mut posts: BTreeMap<Uuid, Post> = BTreeMap::new();
        let mut records: BTreeMap<Uuid, Option<Doc>> = BTreeMap::new();
        for (_, account, entity) in self.log.iter().filter(|(seq, ..)| *seq > cursor) {
            if !accounts.contains(account) {
                continue;
            }
            match entity {
                Entity::Event(id) => {
                    events.insert(*id, self.data.event(*id));
                }
                Entity::Card(period) => {
                    if let Some(card) = self.data.card(*account, *period) {
                        cards.insert((*account, *period), card);
                    }
                }
                Entity::Series(series) => {
                    for e in self.data.events.values() {
                        if e.series.is_some_and(|l| l.series_id == *series) {
                            events.insert(e.id, Some(e.clone()));
                        }
                    }
                }
                Entity::Post(id) => {
                    posts.extend(self.post_for(who, *id).map(|p| (p.id, p)));
                }
                Entity::Record(kind, id) if reads_records(who, *kind) => {
                    records.insert(*id, self.data.record(*id));
                }
                Entity::Record(..) => {}
            }
        }
        Pulled {
            records: records.into_iter().collect(),
            events: events.into_iter().collect(),
            cards: cards.into_values().collect(),
            posts: posts.into_values().collect(),
            accounts,
            cursor: self.log.len() as u64,
        }
    }

    /// An account's records as `who` reads them whole (an account page, a channel page): what
    /// a device keeps when it gains the account.
    fn read_account(&self, who: usize, account: AccountId) -> (Replica, ChannelView) {
        let mut data = Replica::default();
        for e in self.data.events.values().filter(|e| e.account_id == account) {
            data.put_event(e.clone());
        }
        for c in self.data.cards.values().filter(|c| c.account_id == account) {
            data.put_card(c.clone());
        }
        for r in self.data.records.values() {
            if r.account_id == account && reads_records(who, r.kind) {
                data.put_record(r.clone());
            }
        }
        let mut channel = empty_channel(who, account);
        for id in self.posts.keys() {
            if let Some(post) = self.post_for(who, *id) {
                channel.take(&PostChange { post, tally: None });
            }
        }
        (data, channel)
    }

    /// Everything `who` may see now, as a device of theirs should end up holding it.
    fn expected(&self, who: usize) -> (Replica, BTreeMap<AccountId, Vec<Post>>) {
        let mut data = Replica::default();
        let mut channels = BTreeMap::new();
        for account in self.visible(who) {
            let (records, channel) = self.read_account(who, account);
            data.events.extend(records.events);
            data.cards.extend(records.cards);
            data.records.extend(records.records);
            channels.insert(account, channel.posts);
        }
        (data, channels)
    }
}

fn empty_channel(who: usize, account: AccountId) -> ChannelView {
    ChannelView {
        account_id: account,
        account_name: String::new(),
        posts: vec![],
        members: vec![],
        me: person(who),
        may_bulletin: who == 0,
        may_moderate: who == 0,
        tallies: vec![],
        sync_cursor: 0,
    }
}

struct Client {
    who: usize,
    /// The server's state as last pulled, for the accounts the device keeps.
    confirmed: Replica,
    channels: BTreeMap<AccountId, ChannelView>,
    outbox: Vec<Op>,
    cursor: u64,
    /// Answers shown to the user (conflicts and rejections): never dropped.
    notices: HashSet<Uuid>,
    /// Accounts that left this device because the person lost them.
    lost: usize,
}

impl Client {
    fn new(who: usize, server: &Server) -> Client {
        let mut client = Client {
            who,
            confirmed: Replica::default(),
            channels: BTreeMap::new(),
            outbox: vec![],
            cursor: server.log.len() as u64,
            notices: HashSet::new(),
            lost: 0,
        };
        client.keep_new(server, &server.visible(who));
        client
    }

    /// What the user sees: the server's copy with their own waiting edits on top.
    fn view(&self) -> Replica {
        let mut view = self.confirmed.clone();
        for op in &self.outbox {
            apply(&mut view, op, Mode::Optimistic);
        }
        view
    }

    fn channel_view(&self, account: AccountId) -> Option<ChannelView> {
        let mut view = self.channels.get(&account)?.clone();
        let now = NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        self.outbox.iter().for_each(|op| view.apply_local(op, now));
        Some(view)
    }

    fn edit(&mut self, rng: &mut Rng, next_id: &mut u128) {
        let kept: Vec<AccountId> = self.channels.keys().copied().collect();
        if kept.is_empty() {
            return;
        }
        let account = kept[rng.below(kept.len())];
        let view = self.view();
        let mut ids: Vec<Uuid> = view
            .events
            .values()
            .filter(|e| e.account_id == account)
            .map(|e| e.id)
            .collect();
        ids.sort();
        *next_id += 1;
        let op_id = Uuid::from_u128(*next_id);
        // Contracts are written by those who edit them, now and then by someone refused.
        let writes_contracts = if edits_records(self.who) { 30 } else { 5 };
        let change = if rng.chance(writes_contracts) {
            contract_write(&view, account, rng, next_id)
        } else if rng.chance(30) {
            let channel = self
                .channel_view(account)
                .unwrap_or_else(|| empty_channel(self.who, account));
            channel_write(&channel, rng, next_id)
        } else if rng.chance(20) {
            // The quality card of one of two months, one field at a time.
            let period = YearMonth {
                year: 2026,
                month: 10 + rng.below(2) as u32,
            };
            let card = view
                .card(account, period)
                .unwrap_or_else(|| QualityCard::blank(account, period));
            let satisfaction = CardField::Figure(crate::domain::card::CardFigure::Satisfaction);
            let field = [CardField::Light, CardField::Summary, satisfaction][rng.below(3)];
            let value = match field {
                CardField::Light => FieldValue::Light(
                    [TrafficLight::Green, TrafficLight::Yellow, TrafficLight::Red][rng.below(3)],
                ),
                CardField::Summary => FieldValue::Summary(format!("tilanne {}", rng.below(4))),
                _ => FieldValue::Figure(
                    crate::domain::card::CardFigure::Satisfaction,
                    Some(60 + 10 * rng.below(3) as u32),
                ),
            };
            Change::UpdateCard {
                period,
                base: card.read(field),
                value,
            }
        } else if ids.is_empty() || rng.chance(15) {
            *next_id += 1;
            Change::CreateEvent {
                event: new_event(Uuid::from_u128(*next_id), account, rng),
            }
        } else {
            let id = ids[rng.below(ids.len())];
            if rng.chance(7) {
                Change::DeleteEvent { event_id: id }
            } else {
                let event = &view.events[&id];
                let field = [
                    EventField::Note,
                    EventField::Status,
                    EventField::Title,
                    EventField::StartsOn,
                ][rng.below(4)];
                let value = match field {
                    EventField::Note => FieldValue::Note(format!("muistiinpano {}", rng.below(5))),
                    EventField::Status => FieldValue::Status(
                        [EventStatus::Planned, EventStatus::Done, EventStatus::Moved][rng.below(3)],
                    ),
                    EventField::Title => FieldValue::Title(format!("otsikko {}", rng.below(5))),
                    _ => FieldValue::StartsOn(event.starts_on + Duration::days(rng.below(5) as i64)),
                };
                Change::UpdateEvent {
                    event_id: id,
                    base: event.read(field),
                    value,
                }
            }
        };
        // The edit goes to the outbox before anything else: that is what "saved" means offline.
        self.outbox.push(Op {
            id: op_id,
            account_id: account,
            change,
        });
    }

    fn take_answers(&mut self, answers: Vec<(Uuid, Outcome)>) {
        for (op_id, outcome) in answers {
            if outcome.needs_attention() {
                self.notices.insert(op_id);
            }
            // An edit leaves the outbox only when the server has answered it.
            self.outbox.retain(|op| op.id != op_id);
        }
    }

    fn push(&mut self, server: &mut Server, rng: &mut Rng) {
        if self.outbox.is_empty() {
            return;
        }
        let batch = 1 + rng.below(self.outbox.len());
        let answers = server.push(self.who, &self.outbox[..batch]);
        if rng.chance(10) {
            // The network delivered the batch twice: the second delivery changes nothing.
            let again = server.push(self.who, &self.outbox[..batch]);
            for ((_, first), (_, second)) in answers.iter().zip(&again) {
                assert_eq!(*second, first.clone().on_retry());
            }
        }
        if rng.chance(20) {
            return; // the answer was lost on the way: everything stays in the outbox
        }
        self.take_answers(answers);
    }

    fn pull(&mut self, server: &Server) {
        let page = server.pull(self.who, self.cursor);
        for (id, state) in page.events {
            match state {
                Some(event) => self.confirmed.put_event(event),
                None => self.confirmed.remove_event(id),
            }
        }
        for card in page.cards {
            self.confirmed.put_card(card);
        }
        for (id, state) in page.records {
            match state {
                Some(record) => self.confirmed.put_record(record),
                None => self.confirmed.remove_record(id),
            }
        }
        for post in page.posts {
            if let Some(channel) = self.channels.get_mut(&post.account_id) {
                channel.take(&PostChange { post, tally: None });
            }
        }
        self.cursor = page.cursor;
        // An account the person lost leaves the device with every kind of its records.
        let lost: Vec<AccountId> = self
            .channels
            .keys()
            .filter(|a| !page.accounts.contains(a))
            .copied()
            .collect();
        self.lost += lost.len();
        for account in lost {
            self.channels.remove(&account);
            self.confirmed.events.retain(|_, e| e.account_id != account);
            self.confirmed.cards.retain(|(a, _), _| *a != account);
            self.confirmed.records.retain(|_, r| r.account_id != account);
        }
        // One gained is read whole, as the device keeps an account ahead.
        self.keep_new(server, &page.accounts);
    }

    fn keep_new(&mut self, server: &Server, visible: &BTreeSet<AccountId>) {
        let gained: Vec<AccountId> = visible
            .iter()
            .filter(|a| !self.channels.contains_key(a))
            .copied()
            .collect();
        for account in gained {
            let (records, channel) = server.read_account(self.who, account);
            self.confirmed.events.extend(records.events);
            self.confirmed.cards.extend(records.cards);
            self.confirmed.records.extend(records.records);
            self.channels.insert(account, channel);
        }
    }
}

/// A post, an acknowledgement or an "answered" mark, as a person writes them on the channel
/// page (now and then one the server must refuse: an empty post, a supervisor's bulletin).
fn channel_write(channel: &ChannelView, rng: &mut Rng, next_id: &mut u128) -> Change {
    let urgent: Vec<Uuid> = channel
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Bulletin && p.urgency == Urgency::Urgent)
        .map(|p| p.id)
        .collect();
    let questions: Vec<Uuid> = channel
        .posts
        .iter()
        .filter(|p| p.kind == PostKind::Question)
        .map(|p| p.id)
        .collect();
    let action = match rng.below(7) {
        0 | 6 if !urgent.is_empty() => ChannelAction::Acknowledge {
            post_id: urgent[rng.below(urgent.len())],
        },
        1 if !questions.is_empty() => ChannelAction::MarkAnswered {
            question_id: questions[rng.below(questions.len())],
        },
        n => {
            *next_id += 1;
            let (kind, urgency, question_id) = match n {
                2 if !questions.is_empty() => (
                    PostKind::Answer,
                    Urgency::Normal,
                    Some(questions[rng.below(questions.len())]),
                ),
                3 | 4 => (PostKind::Bulletin, Urgency::Urgent, None),
                5 => (PostKind::Bulletin, Urgency::Normal, None),
                _ => (PostKind::Question, Urgency::Normal, None),
            };
            let body = match rng.chance(5) {
                true => "  ".to_string(),
                false => format!("viesti {}", rng.below(9)),
            };
            ChannelAction::Post {
                post: NewPost {
                    id: Uuid::from_u128(*next_id),
                    kind,
                    urgency,
                    question_id,
                    body,
                    email_after_hours: None,
                },
            }
        }
    };
    Change::Channel { action }
}

/// A contract made, one of its fields edited (now and then a value its rules refuse), or
/// deleted, as the contracts page does it.
fn contract_write(view: &Replica, account: AccountId, rng: &mut Rng, next_id: &mut u128) -> Change {
    let mut ids: Vec<Uuid> = view
        .records
        .values()
        .filter(|r| r.account_id == account)
        .map(|r| r.id)
        .collect();
    ids.sort();
    if ids.is_empty() || rng.chance(5) {
        *next_id += 1;
        let contract = Contract {
            title: format!("sopimus {}", rng.below(3)),
            signed_on: None,
            starts_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
            ends_on: None,
            notice_months: Some(6),
            annual_value_eur: None,
            scope: String::new(),
            document_url: String::new(),
        };
        return Change::CreateRecord {
            record: Doc::new(Uuid::from_u128(*next_id), account, &contract),
        };
    }
    let id = ids[rng.below(ids.len())];
    if rng.chance(8) {
        return Change::DeleteRecord {
            record_kind: RecordKind::Contract,
            id,
        };
    }
    let record = &view.records[&id];
    let (field, value) = match rng.below(6) {
        0..=2 => ("title", serde_json::json!(format!("sopimus {}", rng.below(9)))),
        3 => ("scope", serde_json::json!(format!("laajuus {}", rng.below(4)))),
        4 => ("annual_value_eur", serde_json::json!(100_000 * rng.below(4))),
        // An end before the start: the contract's own rule refuses it, on the server too.
        _ => (
            "ends_on",
            serde_json::json!(if rng.chance(50) {
                "2024-12-31"
            } else {
                "2027-12-31"
            }),
        ),
    };
    Change::EditRecord {
        record_kind: RecordKind::Contract,
        id,
        base: record.field(field),
        value: FieldValue::Doc(field.into(), value),
    }
}

fn new_event(id: Uuid, account: AccountId, rng: &mut Rng) -> ClockEvent {
    ClockEvent {
        id,
        account_id: account,
        kind: EventKind::CustomerMeeting,
        title: String::new(),
        starts_on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
            + Duration::days(rng.below(300) as i64),
        ends_on: None,
        time: None,
        owner_role: EventKind::CustomerMeeting.default_owner(),
        responsible: None,
        site: None,
        status: EventStatus::Planned,
        note: String::new(),
        series: None,
        status_mark: None,
    }
}

/// What the runs went through, so the test fails if the schedules stop reaching a case.
#[derive(Debug, Default)]
struct Seen {
    posts: usize,
    acknowledgements: usize,
    answered: usize,
    conflicts: usize,
    refused_after_losing_access: usize,
    accounts_left_devices: usize,
    contracts: usize,
    contract_conflicts: usize,
    contracts_refused_by_rules: usize,
}

fn run(seed: u64, seen: &mut Seen) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut server = Server::default();
    let people = 2 + rng.below(4);
    for who in 0..people {
        server.access.insert((who, ACCOUNTS[0]));
        if who == 0 || rng.chance(50) {
            server.access.insert((who, ACCOUNTS[1]));
        }
    }
    let mut next_id: u128 = 0;
    let mut clients: Vec<Client> = (0..people).map(|who| Client::new(who, &server)).collect();
    let steps = 20 + rng.below(60);
    for _ in 0..steps {
        let c = rng.below(clients.len());
        match rng.below(20) {
            0..=9 => clients[c].edit(&mut rng, &mut next_id),
            10..=15 => clients[c].push(&mut server, &mut rng),
            16..=18 => clients[c].pull(&server),
            _ => {
                // A site changes supervisor: someone gains or loses the second account mid-run.
                let who = 1 + rng.below(people - 1);
                if !server.access.remove(&(who, ACCOUNTS[1])) {
                    server.access.insert((who, ACCOUNTS[1]));
                }
            }
        }
    }
    // The network comes back for good: everyone sends everything, then reads.
    for client in &mut clients {
        let mut guard = 0;
        while !client.outbox.is_empty() {
            let answers = server.push(client.who, &client.outbox);
            client.take_answers(answers);
            guard += 1;
            assert!(guard < 5, "seed {seed}: outbox never empties");
        }
    }
    for client in &mut clients {
        client.pull(&server);
        let (data, channels) = server.expected(client.who);
        assert_eq!(
            client.view(),
            data,
            "seed {seed}: person {}'s copy differs from the server",
            client.who
        );
        let kept: BTreeMap<AccountId, Vec<Post>> = client
            .channels
            .iter()
            .map(|(a, c)| (*a, c.posts.clone()))
            .collect();
        assert_eq!(
            kept, channels,
            "seed {seed}: person {}'s channels differ from the server",
            client.who
        );
    }
    seen.posts += server.posts.len();
    seen.acknowledgements += server.acks.len();
    seen.answered += server.posts.values().filter(|p| p.answered).count();
    seen.accounts_left_devices += clients.iter().map(|c| c.lost).sum::<usize>();
    seen.contracts += server.data.records.len();
    for outcome in server.answers.values() {
        match outcome {
            Outcome::Conflict {
                winning: FieldValue::Doc(..),
                ..
            } => seen.contract_conflicts += 1,
            Outcome::Rejected(RejectReason::Invalid(rule)) if rule == "ends_before_start" => {
                seen.contracts_refused_by_rules += 1
            }
            Outcome::Conflict { .. } => seen.conflicts += 1,
            Outcome::Rejected(RejectReason::Forbidden) => seen.refused_after_losing_access += 1,
            _ => {}
        }
    }
    // Every conflict and rejection reached its author; every losing value is kept.
    let noticed: HashSet<Uuid> = clients.iter().flat_map(|c| c.notices.iter().copied()).collect();
    for (op_id, outcome) in &server.answers {
        if outcome.needs_attention() {
            assert!(
                noticed.contains(op_id),
                "seed {seed}: op {op_id} was refused silently"
            );
        }
        if let Outcome::Conflict { losing, .. } = outcome {
            assert!(
                server.conflicts.contains(&(*op_id, losing.clone())),
                "seed {seed}: losing value lost"
            );
        }
    }
}

#[test]
fn random_offline_schedules_converge_and_nothing_is_refused_silently() {
    let runs: u64 = std::env::var("KAMU_SYNC_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let mut seen = Seen::default();
    for seed in 1..=runs {
        run(seed, &mut seen);
    }
    // Every kind and every hard case came up, many times over.
    let counts = [
        seen.posts,
        seen.acknowledgements,
        seen.answered,
        seen.conflicts,
        seen.refused_after_losing_access,
        seen.accounts_left_devices,
        seen.contracts,
        seen.contract_conflicts,
        seen.contracts_refused_by_rules,
    ];
    assert!(counts.iter().all(|n| *n as u64 >= runs / 20), "{seen:?}");
    eprintln!("{runs} schedules: {seen:?}");
}
