//! Sync benchmark over real HTTP against the real server and a real SQLite file:
//! bytes and time of a first sync of one account, of an incremental pull after one change
//! (at demo scale ×1 and ×10: it must not grow with the data), and of pushing 1,000 queued edits.
//! Run: `cargo bench --features ssr --bench sync` (release build).
// The app's page types are deep; release builds without type erasure need the room.
#![recursion_limit = "512"]

use kamu::server::config::Config;
use kamu::server::demo::DEMO_PASSWORD;
use std::time::{Duration, Instant};

struct Measure {
    bytes: usize,
    time: Duration,
}

async fn post_json(
    client: &reqwest::Client,
    url: &str,
    body: serde_json::Value,
) -> (serde_json::Value, Measure) {
    let start = Instant::now();
    let res = client.post(url).json(&body).send().await.expect("request");
    let bytes = res.bytes().await.expect("body");
    let time = start.elapsed();
    (
        serde_json::from_slice(&bytes).unwrap_or_default(),
        Measure {
            bytes: bytes.len(),
            time,
        },
    )
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn run(scale: f64) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_tests(dir.path().join("bench.db"));
    config.demo = true;
    config.demo_scale = scale;
    config.today = Some("23.11.2026".into());
    let started = Instant::now();
    let (app, state) = kamu::server::router::build(&config).await.unwrap();
    let demo_time = started.elapsed();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    client
        .post(format!("{base}/api/login"))
        .form(&[
            ("email", "asiakkuusjohtaja@kamu.example"),
            ("password", DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    let (account, sites): (i64, i64) = sqlx::query_as(
        "SELECT a.id, COUNT(s.id) FROM accounts a JOIN people p ON p.id = a.director_id
         JOIN sites s ON s.account_id = a.id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' GROUP BY a.id ORDER BY COUNT(s.id) DESC LIMIT 1",
    )
    .fetch_one(&state.pool)
    .await
    .unwrap();

    // First sync of one account: the whole account as the device stores it.
    let mut first = Vec::new();
    let mut first_bytes = 0;
    let mut detail = serde_json::Value::Null;
    for _ in 0..5 {
        let start = Instant::now();
        let res = client
            .post(format!("{base}/api/account"))
            .form(&[("id", account.to_string())])
            .send()
            .await
            .unwrap();
        let bytes = res.bytes().await.unwrap();
        first.push(start.elapsed());
        first_bytes = bytes.len();
        detail = serde_json::from_slice(&bytes).unwrap();
    }
    let events = detail["events"].as_array().map(Vec::len).unwrap_or(0);

    // One change, then an incremental pull from the cursor the device had.
    let cursor = detail["sync_cursor"].as_i64().unwrap_or(0);
    let event = &detail["events"][0];
    let op = serde_json::json!({ "ops": [{
        "id": uuid::Uuid::now_v7(), "account_id": account,
        "change": { "kind": "update_event", "event_id": event["id"],
                    "base": { "field": "note", "value": event["note"] },
                    "value": { "field": "note", "value": "benchmark" } } }] });
    post_json(&client, &format!("{base}/api/sync/push"), op).await;
    let mut incremental = Vec::new();
    let mut incremental_bytes = 0;
    for _ in 0..5 {
        let (_, m) = post_json(
            &client,
            &format!("{base}/api/sync/pull"),
            serde_json::json!({ "cursor": cursor }),
        )
        .await;
        incremental.push(m.time);
        incremental_bytes = m.bytes;
    }

    // 1,000 queued edits, sent in batches of 100 as the browser does.
    let ids: Vec<serde_json::Value> = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].clone())
        .collect();
    let start = Instant::now();
    let mut applied = 0;
    for batch in 0..10 {
        let ops: Vec<serde_json::Value> = (0..100)
            .map(|i| {
                let n = batch * 100 + i;
                serde_json::json!({
                    "id": uuid::Uuid::now_v7(), "account_id": account,
                    "change": { "kind": "update_event", "event_id": ids[n % ids.len()],
                                "base": { "field": "status", "value": "planned" },
                                "value": { "field": "status", "value": "planned" } } })
            })
            .collect();
        let (answers, _) = post_json(
            &client,
            &format!("{base}/api/sync/push"),
            serde_json::json!({ "ops": ops }),
        )
        .await;
        applied += answers.as_array().map(Vec::len).unwrap_or(0);
    }
    let push_time = start.elapsed();

    println!(
        "scale ×{scale}: demo made in {:.1} s; account {account} ({sites} sites, {events} events)",
        demo_time.as_secs_f64()
    );
    println!(
        "  first sync of one account:     {:>9} bytes, median {:>7.1} ms",
        first_bytes,
        median(first).as_secs_f64() * 1000.0
    );
    println!(
        "  incremental pull, one change:  {:>9} bytes, median {:>7.1} ms",
        incremental_bytes,
        median(incremental).as_secs_f64() * 1000.0
    );
    println!(
        "  push of 1,000 edits (10 × 100): {} answered in {:.0} ms ({:.2} ms per edit)",
        applied,
        push_time.as_secs_f64() * 1000.0,
        push_time.as_secs_f64() * 1000.0 / 1000.0
    );
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for scale in [1.0, 10.0] {
        runtime.block_on(run(scale));
    }
}
