//! The server process killed with SIGKILL at random moments while four clients push 1,000 edits
//! through the one sync door: after every restart each edit a client saw answered `applied` is
//! in the database exactly once, and re-sending the rest completes the set. A real `kamu`
//! process on a real SQLite file, over real HTTP.
#![cfg(feature = "ssr")]

use kamu::domain::clock::{ClockEvent, EventKind, EventStatus};
use kamu::domain::ids::AccountId;
use kamu::domain::sync::{Change, Op};
use reqwest::Client;
use sqlx::SqlitePool;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";
const CLIENTS: usize = 4;
const OPS_PER_CLIENT: usize = 250;
const BATCH: usize = 25;
const KILLS: usize = 6;

/// A small deterministic generator: the seed is printed, so a failing run can be repeated.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start_server(db: &Path, port: u16, demo: bool) -> Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kamu"));
    command
        .arg("--db")
        .arg(db)
        .arg("--listen")
        .arg(format!("127.0.0.1:{port}"))
        .arg("--today")
        .arg("23.11.2026")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    if demo {
        command.args(["--demo", "--demo-scale", "0.2"]);
    }
    command.spawn().expect("the kamu binary starts")
}

async fn wait_until_up(client: &Client, base: &str) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        if client.get(format!("{base}/kirjaudu")).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not come up in 120 s");
}

fn new_event(account: AccountId, n: usize) -> Op {
    let kind = EventKind::CustomerMeeting;
    let event = ClockEvent {
        id: Uuid::now_v7(),
        account_id: account,
        kind,
        title: format!("Kill9-tapaaminen {n}"),
        starts_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + chrono::Days::new((n % 28) as u64),
        ends_on: None,
        time: None,
        owner_role: kind.default_owner(),
        responsible: None,
        site: None,
        status: EventStatus::Planned,
        note: String::new(),
        series: None,
        status_mark: None,
    };
    Op {
        id: Uuid::now_v7(),
        account_id: account,
        change: Change::CreateEvent { event },
    }
}

/// Pushes one batch; `None` when the server was not there to answer (killed mid-request).
async fn push(client: &Client, base: &str, ops: &[Op]) -> Option<Vec<(Uuid, String)>> {
    let res = client
        .post(format!("{base}/api/sync/push"))
        .json(&serde_json::json!({ "ops": ops }))
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .ok()?;
    if !res.status().is_success() {
        return None;
    }
    let answers: serde_json::Value = res.json().await.ok()?;
    Some(
        answers
            .as_array()?
            .iter()
            .map(|a| {
                let id = Uuid::parse_str(a["op_id"].as_str().unwrap_or_default()).unwrap_or_default();
                (
                    id,
                    a["outcome"]["outcome"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect(),
    )
}

async fn sign_in(base: &str) -> Client {
    let client = Client::builder().cookie_store(true).build().unwrap();
    let status = client
        .post(format!("{base}/api/login"))
        .header("Accept", "application/json")
        .form(&[
            ("email", DIRECTOR),
            ("password", kamu::server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .expect("sign in")
        .status();
    assert!(status.is_success(), "sign in: {status}");
    client
}

/// Every event whose creation was answered `applied` is stored, once.
async fn check_applied_are_stored(db: &Path, applied: &HashMap<Uuid, Uuid>) {
    let pool = SqlitePool::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    for (op, event) in applied {
        let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE id = ?")
            .bind(event.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
        let answers: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_ops WHERE op_id = ?")
            .bind(op.to_string())
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!((events, answers), (1, 1), "operation {op} was answered applied");
    }
    pool.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_mid_push_loses_no_applied_edit_and_applies_none_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kamu.db");
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let seed = std::env::var("KAMU_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap();
            now.as_nanos() as u64 | 1
        });
    println!("kill -9 seed: {seed} (KAMU_KILL_SEED repeats it)");
    let mut dice = Dice(seed);

    let probe = Client::new();
    let mut server = start_server(&db, port, true);
    wait_until_up(&probe, &base).await;
    let accounts: Vec<AccountId> = {
        let pool = SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let ids: Vec<i64> = sqlx::query_scalar(
            "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id WHERE p.email = ? ORDER BY a.id",
        )
        .bind(DIRECTOR)
        .fetch_all(&pool)
        .await
        .unwrap();
        pool.close().await;
        ids.into_iter().map(AccountId).collect()
    };
    assert!(!accounts.is_empty());

    // Op id → event id of every op a client saw answered applied; and every op's answers.
    let applied: Arc<Mutex<HashMap<Uuid, Uuid>>> = Arc::default();
    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let client = sign_in(&base).await;
        let account = accounts[c % accounts.len()];
        let ops: Vec<Op> = (0..OPS_PER_CLIENT).map(|n| new_event(account, n)).collect();
        let (base, applied) = (base.clone(), applied.clone());
        clients.push(tokio::spawn(async move {
            // The device's outbox: an op leaves it only once answered.
            let mut outbox = ops;
            let mut duplicates = 0;
            while !outbox.is_empty() {
                let batch: Vec<Op> = outbox.iter().take(BATCH).cloned().collect();
                let Some(answers) = push(&client, &base, &batch).await else {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                };
                for (id, outcome) in answers {
                    let op = batch
                        .iter()
                        .find(|op| op.id == id)
                        .expect("an answer to a sent op");
                    match outcome.as_str() {
                        "applied" => {
                            let Change::CreateEvent { event } = &op.change else {
                                unreachable!()
                            };
                            assert!(
                                applied.lock().unwrap().insert(id, event.id).is_none(),
                                "applied twice"
                            );
                        }
                        // A re-send of an op whose first answer was lost with the process.
                        "duplicate" => duplicates += 1,
                        other => panic!("unexpected answer {other} to {id}"),
                    }
                    outbox.retain(|o| o.id != id);
                }
            }
            duplicates
        }));
    }

    // Kill the server at random moments while the clients push, and start it again.
    let mut kills = 0;
    while kills < KILLS && clients.iter().any(|c| !c.is_finished()) {
        tokio::time::sleep(Duration::from_millis(50 + dice.below(400))).await;
        server.kill().expect("SIGKILL");
        server.wait().unwrap();
        kills += 1;
        let seen: HashMap<Uuid, Uuid> = applied.lock().unwrap().clone();
        check_applied_are_stored(&db, &seen).await;
        server = start_server(&db, port, false);
        wait_until_up(&probe, &base).await;
    }

    let mut duplicates = 0;
    for c in clients {
        duplicates += c.await.expect("a client finished");
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let applied = applied.lock().unwrap().clone();
    println!(
        "{kills} kills; {} applied, {duplicates} re-sent after a lost answer",
        applied.len()
    );
    // Every op was applied exactly once, whatever answer its client saw last.
    let pool = SqlitePool::connect(&format!("sqlite://{}", db.display()))
        .await
        .unwrap();
    let answered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sync_ops WHERE person_id = (SELECT id FROM people WHERE email = ?)",
    )
    .bind(DIRECTOR)
    .fetch_one(&pool)
    .await
    .unwrap();
    let made: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE title LIKE 'Kill9-tapaaminen %'")
            .fetch_one(&pool)
            .await
            .unwrap();
    pool.close().await;
    assert_eq!(answered as usize, CLIENTS * OPS_PER_CLIENT);
    assert_eq!(made as usize, CLIENTS * OPS_PER_CLIENT);
    assert_eq!(applied.len() + duplicates, CLIENTS * OPS_PER_CLIENT);
    let distinct: HashSet<Uuid> = applied.values().copied().collect();
    assert_eq!(distinct.len(), applied.len());
    check_applied_are_stored(&db, &applied).await;
    assert!(kills >= 1, "the server was never killed mid-push");
}
