//! Randomized tests of offline sync against the real server code and a real SQLite file:
//! several devices (a director on two phones, an admin, a supervisor) edit one account offline
//! in random interleavings, lose answers and retry, pull, and lose and regain access when a site
//! changes supervisor. After everything syncs, every device that may still see the account has
//! exactly the server's copy, a device that may not has nothing, every refused edit reached its
//! author, every losing value is kept, and every applied edit is in the change log. Recurring
//! series are created too, and their computed occurrences edited and removed one by one.
//! Runs: `KAMU_SYNC_SERVER_RUNS` (default 150); e.g. 5000 for a longer run.
#![cfg(feature = "ssr")]

use chrono::{Duration, NaiveDate};
use kamu::domain::card::{QualityCard, TrafficLight};
use kamu::domain::clock::recurrence::{Rule, Series};
use kamu::domain::clock::series::SeriesDef;
use kamu::domain::clock::{ClockEvent, EventKind, EventStatus};
use kamu::domain::dates::YearMonth;
use kamu::domain::ids::{AccountId, PersonId, RegionId};
use kamu::domain::people::{Role, Viewer};
use kamu::domain::sync::{
    apply, CardField, Change, EventField, FieldValue, Mode, Op, Outcome, Record, Replica, SyncStore,
};
use kamu::server::card::quality_cards;
use kamu::server::clock::events;
use kamu::server::config::Config;
use kamu::server::sync::{change_log, push_pull};
use sqlx::SqlitePool;
use std::collections::HashSet;
use uuid::Uuid;

const ACCOUNT: AccountId = AccountId(1);
/// Two months without a card yet (the demo's cards up to October are sent, so frozen): the
/// first edit creates a draft, later ones change it.
const CARD_MONTHS: [YearMonth; 2] = [
    YearMonth {
        year: 2026,
        month: 11,
    },
    YearMonth {
        year: 2026,
        month: 12,
    },
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

struct Device {
    viewer: Viewer,
    confirmed: Replica,
    outbox: Vec<Op>,
    cursor: i64,
    notices: HashSet<Uuid>,
    sent: HashSet<Uuid>,
    /// The account was removed from this device when access was lost.
    dropped: bool,
}

/// Names the events and cards where two copies differ, instead of printing both copies whole.
fn differences(a: &Replica, b: &Replica) -> Vec<String> {
    let keys: HashSet<&Uuid> = a.events.keys().chain(b.events.keys()).collect();
    let events = keys
        .into_iter()
        .filter(|k| a.events.get(k) != b.events.get(k))
        .map(|k| format!("{k}: device {:?} / server {:?}", a.events.get(k), b.events.get(k)));
    let cards: HashSet<_> = a.cards.keys().chain(b.cards.keys()).collect();
    let cards = cards
        .into_iter()
        .filter(|k| a.cards.get(k) != b.cards.get(k))
        .map(|k| {
            format!(
                "card {k:?}: device {:?} / server {:?}",
                a.cards.get(k),
                b.cards.get(k)
            )
        });
    events.chain(cards).take(3).collect()
}

impl Device {
    fn view(&self) -> Replica {
        let mut view = self.confirmed.clone();
        for op in &self.outbox {
            apply(&mut view, op, Mode::Optimistic);
        }
        view
    }

    fn edit(&mut self, rng: &mut Rng) {
        let view = self.view();
        let mut ids: Vec<Uuid> = view.events.keys().copied().collect();
        ids.sort();
        let may_create = matches!(self.viewer.role, Role::AccountDirector | Role::Admin);
        // Everyone tries card edits now and then: the supervisor's are refused, and must be seen.
        let change = if rng.chance(15) {
            let period = CARD_MONTHS[rng.below(CARD_MONTHS.len())];
            let card = view
                .card(ACCOUNT, period)
                .unwrap_or_else(|| QualityCard::blank(ACCOUNT, period));
            let (field, value) = if rng.chance(50) {
                let light = [TrafficLight::Green, TrafficLight::Yellow, TrafficLight::Red][rng.below(3)];
                (CardField::Light, FieldValue::Light(light))
            } else {
                (
                    CardField::Summary,
                    FieldValue::Summary(format!("tilanne {}", rng.below(4))),
                )
            };
            Change::UpdateCard {
                period,
                base: card.read(field),
                value,
            }
        } else if may_create && rng.chance(4) {
            // A recurring event: stored as a rule, its occurrences then edited one by one.
            let first = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Duration::days(rng.below(300) as i64);
            let rule = [
                Rule::Monthly { day: 31 },
                Rule::Quarterly { day: 15 },
                Rule::EveryNWeeks { weeks: 6 },
                Rule::NthWeekday {
                    nth: 2,
                    weekday: chrono::Weekday::Tue,
                },
            ][rng.below(4)]
            .clone();
            Change::CreateSeries {
                series: SeriesDef {
                    id: Uuid::now_v7(),
                    account_id: ACCOUNT,
                    kind: EventKind::SteeringGroup,
                    title: format!("sarja {}", rng.below(100)),
                    series: Series {
                        rule,
                        starts_on: first,
                        until: NaiveDate::from_ymd_opt(2026, 12, 31),
                    },
                    time: None,
                    owner_role: Role::AccountDirector,
                    sites: Vec::new(),
                    days: 1 + rng.below(3) as u32,
                },
            }
        } else if may_create && (ids.is_empty() || rng.chance(10)) {
            Change::CreateEvent {
                event: ClockEvent {
                    id: Uuid::now_v7(),
                    account_id: ACCOUNT,
                    kind: EventKind::CustomerMeeting,
                    title: format!("tapaaminen {}", rng.below(100)),
                    starts_on: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()
                        + Duration::days(rng.below(300) as i64),
                    ends_on: None,
                    time: None,
                    owner_role: Role::AccountDirector,
                    responsible: None,
                    site: None,
                    status: EventStatus::Planned,
                    note: String::new(),
                    series: None,
                    status_mark: None,
                },
            }
        } else if ids.is_empty() {
            return;
        } else {
            // Edits crowd onto a few events so that conflicts happen often, always including
            // a few computed occurrences of series when there are any (which ones are lowest by
            // id changes from run to run, so they are picked on purpose, not left to chance).
            let mut occurrences: Vec<Uuid> = view
                .events
                .values()
                .filter(|e| e.series.is_some())
                .map(|e| e.id)
                .collect();
            occurrences.sort();
            let mut crowd: Vec<Uuid> = ids.iter().take(6).copied().collect();
            crowd.extend(
                occurrences
                    .into_iter()
                    .filter(|id| !crowd.contains(id))
                    .take(3)
                    .collect::<Vec<_>>(),
            );
            let id = crowd[rng.below(crowd.len())];
            if may_create && rng.chance(5) {
                Change::DeleteEvent { event_id: id }
            } else {
                let event = &view.events[&id];
                let field = [EventField::Note, EventField::Status, EventField::Title][rng.below(3)];
                let value = match field {
                    EventField::Note => FieldValue::Note(format!("huomio {}", rng.below(4))),
                    EventField::Status => {
                        FieldValue::Status([EventStatus::Planned, EventStatus::Done][rng.below(2)])
                    }
                    _ => FieldValue::Title(format!("otsikko {}", rng.below(4))),
                };
                Change::UpdateEvent {
                    event_id: id,
                    base: event.read(field),
                    value,
                }
            }
        };
        self.outbox.push(Op {
            id: Uuid::now_v7(),
            account_id: ACCOUNT,
            change,
        });
    }

    async fn push(&mut self, pool: &SqlitePool, rng: &mut Rng, lose_answer: bool) {
        if self.outbox.is_empty() {
            return;
        }
        let batch = 1 + rng.below(self.outbox.len());
        let answers = push_pull::push(pool, &self.viewer, &self.outbox[..batch])
            .await
            .expect("push");
        self.sent.extend(self.outbox[..batch].iter().map(|op| op.id));
        if lose_answer {
            return;
        }
        for answer in answers {
            if answer.outcome.needs_attention() {
                self.notices.insert(answer.op_id);
            }
            self.outbox.retain(|op| op.id != answer.op_id);
        }
    }

    async fn pull(&mut self, pool: &SqlitePool) {
        loop {
            let answer = push_pull::pull(
                pool,
                &self.viewer,
                self.cursor,
                chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
                false,
            )
            .await
            .expect("pull");
            if !answer.accounts.contains(&ACCOUNT) {
                // Access lost: the account's data leaves the device.
                self.confirmed = Replica::default();
                self.dropped = true;
            } else if self.dropped {
                // Access came back: the change log only has what changed, so read it whole again.
                self.dropped = false;
                self.open_account(pool).await;
                continue;
            }
            for change in answer.changes {
                match change.event {
                    Some(event) => self.confirmed.put_event(event),
                    None => self.confirmed.remove_event(change.event_id),
                }
            }
            for change in answer.cards {
                // A draft's figures are computed on each read; the sync compares what was edited.
                let mut card = change.card;
                card.facts = None;
                self.confirmed.put_card(card);
            }
            self.cursor = answer.cursor;
            if !answer.more {
                break;
            }
        }
    }

    /// Opening the account online: a fresh copy and the cursor it is current to.
    async fn open_account(&mut self, pool: &SqlitePool) {
        let cursor = change_log::current_cursor(pool).await.unwrap();
        self.confirmed = server_copy(pool).await;
        self.cursor = cursor;
    }
}

async fn viewer(pool: &SqlitePool, email: &str) -> Viewer {
    let (id, role, region): (i64, String, Option<i64>) =
        sqlx::query_as("SELECT id, role, region_id FROM people WHERE email = ?")
            .bind(email)
            .fetch_one(pool)
            .await
            .unwrap();
    Viewer {
        id: PersonId(id),
        role: Role::parse(&role).unwrap(),
        region_id: region.map(RegionId),
    }
}

async fn server_copy(pool: &SqlitePool) -> Replica {
    Replica::new(
        events::of_account_year(pool, ACCOUNT, 2026, None).await.unwrap(),
        quality_cards::of_account(pool, ACCOUNT, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
            .await
            .unwrap()
            .into_iter()
            .map(|mut card| {
                card.facts = None;
                card
            }),
    )
}

async fn setup() -> (tempfile::TempDir, SqlitePool) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_tests(dir.path().join("sync.db"));
    config.demo = true;
    config.demo_scale = 0.03;
    config.today = Some("23.11.2026".into());
    let (_, state) = kamu::server::router::build(&config).await.unwrap();
    (dir, state.pool)
}

#[tokio::test]
async fn random_offline_schedules_against_the_server_converge() {
    let (_dir, pool) = setup().await;
    let runs: u64 = std::env::var("KAMU_SYNC_SERVER_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let director = viewer(&pool, "asiakkuusjohtaja@kamu.example").await;
    let admin = viewer(&pool, "admin@kamu.example").await;
    let supervisor = viewer(&pool, "esimies@kamu.example").await;
    let director_of_1: i64 = sqlx::query_scalar("SELECT director_id FROM accounts WHERE id = 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(director_of_1, director.id.0, "the demo director owns account 1");
    let (site, other_supervisor): (i64, i64) = sqlx::query_as(
        "SELECT s.id, (SELECT id FROM people WHERE role = 'supervisor' AND id <> ?1 LIMIT 1)
         FROM sites s WHERE s.account_id = 1 AND s.supervisor_id = ?1 ORDER BY s.id LIMIT 1",
    )
    .bind(supervisor.id.0)
    .fetch_one(&pool)
    .await
    .unwrap();

    for seed in 1..=runs {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        // The supervisor runs only this one site of account 1; moving it moves their access.
        sqlx::query(
            "UPDATE site_records SET supervisor_id = ? WHERE account_id = 1 AND supervisor_id = ? AND id <> ?",
        )
        .bind(other_supervisor)
        .bind(supervisor.id.0)
        .bind(site)
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query("UPDATE site_records SET supervisor_id = ? WHERE id = ?")
            .bind(supervisor.id.0)
            .bind(site)
            .execute(&pool)
            .await
            .unwrap();
        let mut devices: Vec<Device> = [director, director, admin, supervisor]
            .into_iter()
            .map(|viewer| Device {
                viewer,
                confirmed: Replica::default(),
                outbox: Vec::new(),
                cursor: 0,
                notices: HashSet::new(),
                sent: HashSet::new(),
                dropped: false,
            })
            .collect();
        for d in &mut devices {
            d.open_account(&pool).await;
        }
        let mut supervisor_has_access = true;
        for _ in 0..(15 + rng.below(40)) {
            let i = rng.below(devices.len());
            match rng.below(12) {
                0..=5 => devices[i].edit(&mut rng),
                6..=8 => {
                    let lose = rng.chance(15);
                    devices[i].push(&pool, &mut rng, lose).await
                }
                9..=10 => devices[i].pull(&pool).await,
                _ => {
                    // The billing system moves the supervisor's site to someone else, or back.
                    supervisor_has_access = !supervisor_has_access;
                    let to = if supervisor_has_access {
                        supervisor.id.0
                    } else {
                        other_supervisor
                    };
                    sqlx::query("UPDATE site_records SET supervisor_id = ? WHERE id = ?")
                        .bind(to)
                        .bind(site)
                        .execute(&pool)
                        .await
                        .unwrap();
                }
            }
        }
        // Back online for good: everything is sent (answers arrive now), then read.
        for d in &mut devices {
            let mut rounds = 0;
            while !d.outbox.is_empty() {
                d.push(&pool, &mut rng, false).await;
                rounds += 1;
                assert!(rounds < 100, "seed {seed}: an outbox never empties");
            }
        }
        let server = server_copy(&pool).await;
        for d in &mut devices {
            d.pull(&pool).await;
            let sees = d.viewer.role != Role::Supervisor || supervisor_has_access;
            if sees {
                let diff = differences(&d.view(), &server);
                assert!(
                    diff.is_empty(),
                    "seed {seed}: a device's copy differs from the server's: {diff:#?}"
                );
            } else {
                assert!(
                    d.view() == Replica::default(),
                    "seed {seed}: a device kept an account it lost"
                );
            }
        }
        // Every refused or conflicting edit reached the device that made it; losers are kept.
        let answers: Vec<(String, String)> = sqlx::query_as("SELECT op_id, outcome FROM sync_ops")
            .fetch_all(&pool)
            .await
            .unwrap();
        let conflicts: HashSet<String> = sqlx::query_scalar("SELECT op_id FROM sync_conflicts")
            .fetch_all(&pool)
            .await
            .unwrap()
            .into_iter()
            .collect();
        let mut applied = 0i64;
        for (op_id, outcome) in &answers {
            let outcome: Outcome = serde_json::from_str(outcome).unwrap();
            let id = Uuid::parse_str(op_id).unwrap();
            if outcome == Outcome::Applied {
                applied += 1;
            }
            let Some(author) = devices.iter().find(|d| d.sent.contains(&id)) else {
                continue; // an earlier run's operation
            };
            if outcome.needs_attention() {
                assert!(
                    author.notices.contains(&id),
                    "seed {seed}: {op_id} was refused silently"
                );
            }
            if matches!(outcome, Outcome::Conflict { .. }) {
                assert!(
                    conflicts.contains(op_id),
                    "seed {seed}: a losing value was not kept"
                );
            }
        }
        let logged: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM change_log")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(
            logged, applied,
            "seed {seed}: an applied edit is missing from the change log"
        );
    }
    // The schedules did reach the interesting case: computed occurrences of series edited or
    // removed on the server, and stored as single exceptions.
    let exceptions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE series_id IS NOT NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        runs < 20 || exceptions > 0,
        "no series occurrence was ever changed on the server"
    );
}
