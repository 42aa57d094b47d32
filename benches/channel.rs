//! Account channel benchmark on a real SQLite file:
//! 1. the billing-system site import at scale ×10 — a 30,000-row file in which 3,000 sites get
//!    another supervisor — preview plus apply in one transaction: time and peak memory;
//! 2. full-text search latency over 100,000 posts (one account holding 20,000 of them). The
//!    posts are drawn from a 30-word vocabulary, so a common word is in most posts: the worst
//!    case for ranking; a rare word shows the usual case.
//!
//! Run: `cargo bench --features ssr --bench channel` (release build).
#![recursion_limit = "512"]

use kamu::domain::ids::{AccountId, PersonId};
use kamu::domain::people::{Role, Viewer};
use kamu::server::config::Config;
use std::time::{Duration, Instant};

/// Resets this process's peak resident memory (Linux: `clear_refs` 5), so the next reading of
/// VmHWM is the peak of what follows only.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A memory figure of this process from /proc/self/status, in MiB ("VmHWM" = peak, "VmRSS").
fn status_mib(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() - 1) as f64 * p).round() as usize]
}

const WORDS: &[&str] = &[
    "avaimet",
    "siivous",
    "kohde",
    "esimies",
    "asiakas",
    "palaveri",
    "laatukierros",
    "vesikatko",
    "lattianhoito",
    "ikkunanpesu",
    "sijainen",
    "vuoro",
    "kulkukortti",
    "hälytys",
    "jäte",
    "kierrätys",
    "auditointi",
    "reklamaatio",
    "kiitos",
    "aikataulu",
    "maanantaina",
    "huomenna",
    "porraskäytävä",
    "aula",
    "neuvotteluhuone",
    "tarvikkeet",
    "tilaus",
    "koulutus",
    "perehdytys",
    "turvallisuus",
];

async fn import(scale: f64) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_tests(dir.path().join("bench.db"));
    config.demo = true;
    config.demo_scale = scale;
    config.today = Some("23.11.2026".into());
    let (_, state) = kamu::server::router::build(&config).await.unwrap();
    let pool = state.pool.clone();
    let text = kamu::server::channel::site_import::export(&pool).await.unwrap();
    let rows = text.lines().count() - 1;
    // Every tenth site gets the supervisor of the site before it (a realistic monthly churn).
    let lines: Vec<&str> = text.lines().collect();
    let mut changed = vec![lines[0].to_string()];
    for (i, line) in lines.iter().enumerate().skip(1) {
        let mut fields: Vec<String> = line.split(';').map(str::to_string).collect();
        if i % 10 == 0 {
            let previous: Vec<&str> = lines[i - 1].split(';').collect();
            fields[6] = previous[6].to_string();
            fields[7] = previous[7].to_string();
        }
        changed.push(fields.join(";"));
    }
    let file = changed.join("\n");
    let bytes = file.len();
    drop(lines);
    let baseline = status_mib("VmRSS:");
    reset_peak();
    let started = Instant::now();
    let result = kamu::server::channel::site_import::apply_as(&pool, None, "bench.csv", &file, state.today())
        .await
        .unwrap();
    let time = started.elapsed();
    let peak = status_mib("VmHWM:");
    let started = Instant::now();
    let again = kamu::server::channel::site_import::apply_as(&pool, None, "bench.csv", &file, state.today())
        .await
        .unwrap();
    let again_time = started.elapsed();
    assert!(again.import_id.is_none());
    println!(
        "site import ×{scale}: {rows} rows ({:.1} MB), {} changed, +{} / −{} access: {:.2} s, peak RSS {:.0} MiB (resident before {:.0} MiB); the same file again (no change): {:.2} s",
        bytes as f64 / 1e6,
        result.changed,
        result.access_gained,
        result.access_lost,
        time.as_secs_f64(),
        peak,
        baseline,
        again_time.as_secs_f64()
    );
}

async fn search() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config::for_tests(dir.path().join("bench.db"));
    config.demo = true;
    config.demo_scale = 1.0;
    config.today = Some("23.11.2026".into());
    let (_, state) = kamu::server::router::build(&config).await.unwrap();
    let pool = state.pool.clone();
    let author: i64 = sqlx::query_scalar("SELECT id FROM people WHERE role = 'admin' LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    let accounts: Vec<i64> = sqlx::query_scalar("SELECT id FROM accounts ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let started = Instant::now();
    let mut tx = pool.begin().await.unwrap();
    let mut seed: u64 = 2026;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..100_000u64 {
        // A fifth of all posts in account 1, the rest spread over the others.
        let account = if i % 5 == 0 {
            accounts[0]
        } else {
            accounts[(next() as usize) % accounts.len()]
        };
        let words = 8 + (next() % 30) as usize;
        let mut body: Vec<&str> = (0..words)
            .map(|_| WORDS[(next() as usize) % WORDS.len()])
            .collect();
        // A word as rare as real topics are: in one post of a thousand.
        if i % 1000 == 7 {
            body.push("vuotovahinko");
        }
        sqlx::query(
            "INSERT INTO channel_posts (id, account_id, author_id, kind, urgency, body, created_at)
             VALUES (?, ?, ?, 'question', 'normal', ?, ?)",
        )
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(account)
        .bind(author)
        .bind(body.join(" "))
        .bind(format!("2026-{:02}-{:02}T08:00:00+00:00", 1 + i % 11, 1 + i % 28))
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let insert_time = started.elapsed();
    let viewer = Viewer {
        id: PersonId(author),
        role: Role::Admin,
        region_id: None,
    };
    for (label, query, account) in [
        ("one word, big account (20,000 posts)", "vesikatko", accounts[0]),
        ("prefix of two words, big account", "avai maan", accounts[0]),
        (
            "one word, typical account (~800 posts)",
            "vesikatko",
            accounts[50],
        ),
        (
            "a rare word (0.1% of posts), big account",
            "vuotovahinko",
            accounts[0],
        ),
        ("no match", "zyxwv", accounts[0]),
    ] {
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..50 {
            let started = Instant::now();
            hits = kamu::server::channel::posts::search(&pool, &viewer, AccountId(account), query)
                .await
                .unwrap()
                .len();
            times.push(started.elapsed());
        }
        println!(
            "search over 100,000 posts, {label}: median {:.1} ms, p95 {:.1} ms ({hits} results shown, best 50)",
            percentile(times.clone(), 0.5).as_secs_f64() * 1000.0,
            percentile(times, 0.95).as_secs_f64() * 1000.0
        );
    }
    println!(
        "(inserting 100,000 posts with their search index: {:.1} s)",
        insert_time.as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    import(10.0).await;
    search().await;
}
