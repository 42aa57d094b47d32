//! Randomized tests of the sync protocol's rules: many clients editing offline in random
//! interleavings, lost answers and retries, against a model of the server that answers with
//! the shared `apply`. After everything syncs, every copy equals the server's, and no conflict
//! or rejection went unseen by its author.
//!
//! The model keeps the protocol's promises in memory; the SQLite server must keep the same
//! ones (its own tests come with the sync endpoint). Runs: `KAMU_SYNC_RUNS` (default 2000).

use super::apply::{apply, Mode, Replica, SyncStore};
use super::ops::{CardField, Change, Entity, EventField, FieldValue, Op, Outcome};
use crate::domain::card::{QualityCard, TrafficLight};
use crate::domain::clock::{ClockEvent, EventKind, EventStatus};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, HashMap, HashSet};
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

/// What a pull answers: changed events (None = tombstone), changed cards, the new cursor.
type Pulled = (Vec<(Uuid, Option<ClockEvent>)>, Vec<QualityCard>, u64);

#[derive(Default)]
struct Server {
    data: Replica,
    answers: HashMap<Uuid, Outcome>,
    /// The change log: (sequence, what changed). Pulls read what changed after a cursor.
    log: Vec<(u64, Entity)>,
    /// Losing values, kept for their authors.
    conflicts: Vec<(Uuid, FieldValue)>,
}

impl Server {
    fn push(&mut self, ops: &[Op]) -> Vec<(Uuid, Outcome)> {
        ops.iter()
            .map(|op| {
                if let Some(first) = self.answers.get(&op.id) {
                    // A retry changes nothing, but must not hide a conflict or rejection whose
                    // first answer was lost on the way.
                    return (op.id, first.clone().on_retry());
                }
                let outcome = apply(&mut self.data, op, Mode::Authoritative);
                match &outcome {
                    Outcome::Applied => {
                        let seq = self.log.len() as u64 + 1;
                        self.log.push((seq, op.change.entity()));
                    }
                    Outcome::Conflict { losing, .. } => self.conflicts.push((op.id, losing.clone())),
                    _ => {}
                }
                self.answers.insert(op.id, outcome.clone());
                (op.id, outcome)
            })
            .collect()
    }

    /// Changes after `cursor`: each changed event's current state or a tombstone (None), and
    /// each changed card.
    fn pull(&self, cursor: u64) -> Pulled {
        let mut events: BTreeMap<Uuid, Option<ClockEvent>> = BTreeMap::new();
        let mut cards: BTreeMap<YearMonth, QualityCard> = BTreeMap::new();
        for (_, entity) in self.log.iter().filter(|(seq, _)| *seq > cursor) {
            match entity {
                Entity::Event(id) => {
                    events.insert(*id, self.data.event(*id));
                }
                Entity::Card(period) => {
                    if let Some(card) = self.data.card(AccountId(1), *period) {
                        cards.insert(*period, card);
                    }
                }
                Entity::Series(series) => {
                    for e in self.data.events.values() {
                        if e.series.is_some_and(|l| l.series_id == *series) {
                            events.insert(e.id, Some(e.clone()));
                        }
                    }
                }
                Entity::Post(_) => {}
            }
        }
        (
            events.into_iter().collect(),
            cards.into_values().collect(),
            self.log.len() as u64,
        )
    }
}

#[derive(Default)]
struct Client {
    /// The server's state as last pulled.
    confirmed: Replica,
    outbox: Vec<Op>,
    cursor: u64,
    /// Answers shown to the user (conflicts and rejections): never dropped.
    notices: HashSet<Uuid>,
}

impl Client {
    /// What the user sees: the server's copy with their own waiting edits on top.
    fn view(&self) -> Replica {
        let mut view = self.confirmed.clone();
        for op in &self.outbox {
            apply(&mut view, op, Mode::Optimistic);
        }
        view
    }

    fn edit(&mut self, rng: &mut Rng, next_id: &mut u128) {
        let view = self.view();
        let mut ids: Vec<Uuid> = view.events.keys().copied().collect();
        ids.sort();
        *next_id += 1;
        let op_id = Uuid::from_u128(*next_id);
        let change = if rng.chance(20) {
            // The quality card of one of two months, one field at a time.
            let period = YearMonth {
                year: 2026,
                month: 10 + rng.below(2) as u32,
            };
            let card = view
                .card(AccountId(1), period)
                .unwrap_or_else(|| QualityCard::blank(AccountId(1), period));
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
                base: FieldValue::read_card(&card, field),
                value,
            }
        } else if ids.is_empty() || rng.chance(15) {
            *next_id += 1;
            Change::CreateEvent {
                event: new_event(Uuid::from_u128(*next_id), rng),
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
                    base: FieldValue::read(event, field),
                    value,
                }
            }
        };
        // The edit goes to the outbox before anything else: that is what "saved" means offline.
        self.outbox.push(Op {
            id: op_id,
            account_id: AccountId(1),
            change,
        });
    }

    fn push(&mut self, server: &mut Server, rng: &mut Rng) {
        if self.outbox.is_empty() {
            return;
        }
        let batch = 1 + rng.below(self.outbox.len());
        let answers = server.push(&self.outbox[..batch]);
        if rng.chance(20) {
            return; // the answer was lost on the way: everything stays in the outbox
        }
        for (op_id, outcome) in answers {
            if outcome.needs_attention() {
                self.notices.insert(op_id);
            }
            // An edit leaves the outbox only when the server has answered it.
            self.outbox.retain(|op| op.id != op_id);
        }
    }

    fn pull(&mut self, server: &Server) {
        let (events, cards, cursor) = server.pull(self.cursor);
        for (id, state) in events {
            match state {
                Some(event) => self.confirmed.put_event(event),
                None => self.confirmed.remove_event(id),
            }
        }
        for card in cards {
            self.confirmed.put_card(card);
        }
        self.cursor = cursor;
    }
}

fn new_event(id: Uuid, rng: &mut Rng) -> ClockEvent {
    ClockEvent {
        id,
        account_id: AccountId(1),
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

fn run(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut server = Server::default();
    let mut next_id: u128 = 0;
    let mut clients: Vec<Client> = (0..2 + rng.below(4)).map(|_| Client::default()).collect();
    let steps = 20 + rng.below(60);
    for _ in 0..steps {
        let c = rng.below(clients.len());
        match rng.below(10) {
            0..=4 => clients[c].edit(&mut rng, &mut next_id),
            5..=7 => clients[c].push(&mut server, &mut rng),
            _ => clients[c].pull(&server),
        }
    }
    // The network comes back for good: everyone sends everything, then reads.
    for client in &mut clients {
        let mut guard = 0;
        while !client.outbox.is_empty() {
            let answers = server.push(&client.outbox);
            for (op_id, outcome) in answers {
                if outcome.needs_attention() {
                    client.notices.insert(op_id);
                }
                client.outbox.retain(|op| op.id != op_id);
            }
            guard += 1;
            assert!(guard < 5, "seed {seed}: outbox never empties");
        }
    }
    for client in &mut clients {
        client.pull(&server);
        assert_eq!(
            client.view(),
            server.data,
            "seed {seed}: a copy differs from the server"
        );
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
    for seed in 1..=runs {
        run(seed);
    }
}
