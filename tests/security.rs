//! What a careful attacker (or a bad network) tries, over real HTTP against a real server on a
//! temporary SQLite file. Each test is named after the attempt and fails on the code before
//! the fix (see SECURITY.md).
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::account::AccountDetail;
use kamu::server::demo::DEMO_PASSWORD;
use reqwest::{Client, StatusCode};
use serde_json::json;

const ADMIN: &str = "admin@kamu.example";
const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";
const SUPERVISOR: &str = "esimies@kamu.example";
/// The CSP hash of an empty script.
const EMPTY_SCRIPT_HASH: &str = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/// Another director than the demo one, with an account of their own.
async fn other_director(server: &TestServer) -> (String, i64) {
    sqlx::query_as(
        "SELECT p.email, MIN(a.id) FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE p.email <> ? GROUP BY p.id ORDER BY p.id LIMIT 1",
    )
    .bind(DIRECTOR)
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

fn outcome(answers: &serde_json::Value) -> (String, String) {
    (
        answers[0]["outcome"]["outcome"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
        answers[0]["outcome"]["reason"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

async fn detail(server: &TestServer, client: &Client, account: i64) -> AccountDetail {
    let (status, body) = server.account(client, account).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn a_director_tries_to_overwrite_and_delete_the_company_clock_through_sync() {
    let server = start().await;
    let admin = signed_in(&server, ADMIN).await;
    let director = signed_in(&server, DIRECTOR).await;
    let (other_email, other_account) = other_director(&server).await;
    let other = signed_in(&server, &other_email).await;
    let activity = [
        ("title", "Johtoryhmä"),
        ("first", "2026-12-01"),
        ("last", ""),
        ("repeat", "once"),
        ("time", "09:00"),
    ];
    let (status, body) = call(&server, &admin, "clock/company/add", &activity).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let account = directors_account(&server, DIRECTOR).await;
    let company = detail(&server, &director, account).await.company;
    let meeting = company.iter().find(|e| e.title == "Johtoryhmä").unwrap().clone();
    assert!(
        meeting.series.is_some(),
        "a company occurrence links to its series"
    );

    // The occurrence's id and series link, re-created in the director's own account.
    let mut hijack = meeting.clone();
    hijack.account_id = kamu::domain::ids::AccountId(account);
    hijack.title = "Peruttu – ei palaveria".into();
    let op = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
                      "change": { "kind": "create_event", "event": hijack } }]);
    let (status, answers) = push(&server, &director, &op).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(outcome(&answers).0, "rejected", "{answers}");
    assert_eq!(outcome(&answers).1, "forbidden", "{answers}");

    // ... and the delete that would follow.
    let op = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
                      "change": { "kind": "delete_event", "event_id": meeting.id } }]);
    let (_, answers) = push(&server, &director, &op).await;
    assert_eq!(outcome(&answers).0, "rejected", "{answers}");

    // Every other account still shows the company's meeting as the admin made it.
    let seen_elsewhere = detail(&server, &other, other_account).await.company;
    let kept = seen_elsewhere.iter().find(|e| e.id == meeting.id);
    assert_eq!(
        kept.map(|e| e.title.as_str()),
        Some("Johtoryhmä"),
        "{seen_elsewhere:?}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE id = ?")
        .bind(meeting.id.to_string())
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing was stored for the company occurrence");
}

#[tokio::test]
async fn a_director_reuses_a_removed_occurrence_id_of_another_account() {
    use kamu::domain::clock::series::occurrence_id;
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let (other_email, other_account) = other_director(&server).await;
    let other = signed_in(&server, &other_email).await;
    let account = directors_account(&server, DIRECTOR).await;

    // The demo director's monthly meeting, and one occurrence removed from it.
    let series = uuid::Uuid::now_v7();
    let ops = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
        "change": { "kind": "create_series", "series": {
            "id": series, "account_id": account, "kind": "steering_group", "title": "Ohjausryhmä",
            "series": { "rule": { "every": "monthly", "day": 10 }, "starts_on": "2026-01-10",
                        "until": "2026-12-31" },
            "time": null, "owner_role": "account_director", "sites": [] } } }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(outcome(&answers).0, "applied", "{answers}");
    let june = occurrence_id(
        series,
        chrono::NaiveDate::from_ymd_opt(2026, 6, 10).unwrap(),
        None,
    );
    let ops = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
                       "change": { "kind": "delete_event", "event_id": june } }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(outcome(&answers).0, "applied", "{answers}");

    // Another director creates an event with that id in their own account.
    let event = json!({ "id": june, "account_id": other_account, "kind": "custom",
        "title": "Kaapattu", "starts_on": "2026-06-10", "ends_on": null, "time": null,
        "owner_role": "account_director", "responsible": null, "site": null, "status": "planned",
        "note": "", "series": null, "status_mark": null });
    let ops = json!([{ "id": uuid::Uuid::now_v7(), "account_id": other_account,
                       "change": { "kind": "create_event", "event": event } }]);
    let (_, answers) = push(&server, &other, &ops).await;
    assert_eq!(
        outcome(&answers),
        ("rejected".into(), "forbidden".into()),
        "{answers}"
    );
    let (owner, title, removed): (i64, String, bool) =
        sqlx::query_as("SELECT account_id, title, removed FROM clock_events WHERE id = ?")
            .bind(june.to_string())
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        (owner, removed),
        (account, true),
        "the removed row stays where it was"
    );
    assert_ne!(title, "Kaapattu");

    // The director's own account: a removed occurrence is not brought back by a create.
    let mut own = event.clone();
    own["account_id"] = json!(account);
    let ops = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
                       "change": { "kind": "create_event", "event": own } }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(
        outcome(&answers),
        ("rejected".into(), "already_exists".into()),
        "{answers}"
    );
}

#[tokio::test]
async fn someone_else_replays_a_known_operation_id() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    // A card edit that ends in a conflict: its stored answer holds the director's values.
    let edit = |base: &str, value: &str| {
        json!({ "kind": "update_card", "period": { "year": 2027, "month": 3 },
                "base": { "field": "summary", "value": base },
                "value": { "field": "summary", "value": value } })
    };
    let first = uuid::Uuid::now_v7();
    let ops = json!([{ "id": first, "account_id": account, "change": edit("", "Luottamuksellinen arvio") }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(outcome(&answers).0, "applied", "{answers}");
    let second = uuid::Uuid::now_v7();
    let ops = json!([{ "id": second, "account_id": account, "change": edit("", "Toinen salainen teksti") }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(outcome(&answers).0, "conflict", "{answers}");

    // Management may edit the card too, so access is not what stops them here.
    let other = signed_in(&server, "johtoryhma@kamu.example").await;
    for id in [first, second] {
        let ops = json!([{ "id": id, "account_id": account, "change": edit("x", "y") }]);
        let (status, answers) = push(&server, &other, &ops).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            outcome(&answers),
            ("rejected".into(), "already_exists".into()),
            "{answers}"
        );
        let text = answers.to_string();
        assert!(
            !text.contains("salainen") && !text.contains("Luottamuksellinen"),
            "{text}"
        );
    }
    // The author's own retry still gets the stored answer.
    let ops = json!([{ "id": second, "account_id": account, "change": edit("", "Toinen salainen teksti") }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(outcome(&answers).0, "conflict", "{answers}");
}

#[tokio::test]
async fn far_future_dates_and_huge_date_lists_are_refused_without_a_panic() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    let series = |starts: &str, until: &str, rule: serde_json::Value| {
        json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
            "change": { "kind": "create_series", "series": {
                "id": uuid::Uuid::now_v7(), "account_id": account, "kind": "steering_group",
                "title": "x", "series": { "rule": rule, "starts_on": starts, "until": until },
                "time": null, "owner_role": "account_director", "sites": [] } } }])
    };
    let weekly = json!({ "every": "every_n_weeks", "weeks": 1 });
    for ops in [
        series("+262142-12-01", "+262142-12-31", weekly.clone()),
        series("2026-12-01", "+262142-12-31", weekly.clone()),
        series("-262000-01-01", "-262000-01-31", weekly.clone()),
        series("2101-01-01", "2101-02-01", weekly.clone()),
    ] {
        let (status, answers) = push(&server, &director, &ops).await;
        assert_eq!(status, StatusCode::OK, "{answers}");
        assert_eq!(
            outcome(&answers),
            ("rejected".into(), "invalid".into()),
            "{answers}"
        );
        assert_eq!(answers[0]["outcome"]["detail"], "date_out_of_range", "{answers}");
    }
    let many: Vec<String> = (0..400)
        .map(|i| {
            (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i)).to_string()
        })
        .collect();
    let (_, answers) = push(
        &server,
        &director,
        &series(
            "2026-01-01",
            "2027-01-31",
            json!({ "every": "dates", "dates": many }),
        ),
    )
    .await;
    assert_eq!(answers[0]["outcome"]["detail"], "too_many_dates", "{answers}");

    let event = json!({ "id": uuid::Uuid::now_v7(), "account_id": account, "kind": "custom",
        "title": "x", "starts_on": "+262142-12-01", "ends_on": null, "time": null,
        "owner_role": "account_director", "responsible": null, "site": null, "status": "planned",
        "note": "", "series": null, "status_mark": null });
    let ops = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
                       "change": { "kind": "create_event", "event": event } }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(answers[0]["outcome"]["detail"], "date_out_of_range", "{answers}");

    // The server is still there.
    assert_eq!(server.accounts(&director).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_pull_page_is_budgeted_by_the_events_its_series_expand_to() {
    use kamu::domain::sync::wire::MAX_PULL_EVENTS;
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    let (status, first) = json_call(&server, &director, "sync/pull", json!({ "cursor": 0 })).await;
    assert_eq!(status, StatusCode::OK);
    let mut cursor = first["cursor"].as_i64().unwrap();
    let mut more = first["more"].as_bool().unwrap();
    while more {
        let (_, page) = json_call(&server, &director, "sync/pull", json!({ "cursor": cursor })).await;
        cursor = page["cursor"].as_i64().unwrap();
        more = page["more"].as_bool().unwrap();
    }
    // 20 series of 366 chosen days each: 7,320 occurrences from 20 change rows.
    let days: Vec<String> = (0..366)
        .map(|i| {
            (chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Duration::days(i)).to_string()
        })
        .collect();
    let ops: Vec<serde_json::Value> = (0..20)
        .map(|_| {
            json!({ "id": uuid::Uuid::now_v7(), "account_id": account,
                "change": { "kind": "create_series", "series": {
                    "id": uuid::Uuid::now_v7(), "account_id": account, "kind": "steering_group",
                    "title": "Päivittäin", "series": { "rule": { "every": "dates", "dates": days },
                    "starts_on": "2026-01-01", "until": "2027-01-01" },
                    "time": null, "owner_role": "account_director", "sites": [] } } })
        })
        .collect();
    let (_, answers) = push(&server, &director, &json!(ops)).await;
    assert!(
        answers
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["outcome"]["outcome"] == "applied"),
        "{answers}"
    );
    let mut pages = Vec::new();
    loop {
        let (_, page) = json_call(&server, &director, "sync/pull", json!({ "cursor": cursor })).await;
        let events = page["changes"].as_array().unwrap().len();
        assert!(events <= MAX_PULL_EVENTS + 366, "a page of {events} events");
        pages.push(events);
        cursor = page["cursor"].as_i64().unwrap();
        if !page["more"].as_bool().unwrap() {
            break;
        }
    }
    assert!(pages.len() >= 2, "the expansion is split over pages: {pages:?}");
    assert_eq!(
        pages.iter().sum::<usize>(),
        20 * 366,
        "every occurrence arrives once: {pages:?}"
    );
}

#[tokio::test]
async fn sign_in_next_tries_to_leave_the_site_or_break_the_header() {
    let server = start().await;
    for next in [
        "/\t/evil.example",
        "/\n",
        "/\r\nSet-Cookie: x=1",
        "//evil.example",
        "/\\evil.example",
    ] {
        let client = browser();
        let res = client
            .post(format!("{}/api/login", server.base))
            .form(&[("email", DIRECTOR), ("password", DEMO_PASSWORD), ("next", next)])
            .send()
            .await
            .expect("the server answers (no dropped connection)");
        assert!(
            res.status().is_success() || res.status().is_redirection(),
            "{next:?}: {}",
            res.status()
        );
        assert_eq!(res.headers()["location"], "/", "{next:?}");
    }
    let client = browser();
    let res = client
        .post(format!("{}/api/login", server.base))
        .form(&[
            ("email", DIRECTOR),
            ("password", DEMO_PASSWORD),
            ("next", "/omat"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.headers()["location"],
        "/omat",
        "a plain local path is followed"
    );
}

async fn login_from(server: &TestServer, address: &str, email: &str, password: &str) -> reqwest::Response {
    browser()
        .post(format!("{}/api/login", server.base))
        .header("Accept", "application/json")
        .header("X-Forwarded-For", address)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn thirty_wrong_passwords_in_a_row_are_throttled() {
    let server = start_with(|c| c.client_ip_header = Some("X-Forwarded-For".into())).await;
    let mut statuses = Vec::new();
    for _ in 0..30 {
        statuses.push(
            login_from(&server, "203.0.113.9", DIRECTOR, "arvaus")
                .await
                .status(),
        );
    }
    assert!(
        statuses[..5].iter().all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?}"
    );
    assert!(
        statuses[5..].iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // The right password from the attacker's address waits too, and is told how long.
    let res = login_from(&server, "203.0.113.9", DIRECTOR, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // The real user, elsewhere, is not locked out by it.
    let res = login_from(&server, "198.51.100.7", DIRECTOR, DEMO_PASSWORD).await;
    assert_eq!(res.status(), StatusCode::OK);

    // Unknown email, wrong password and a person with no password yet answer alike.
    sqlx::query("UPDATE people SET password_hash = ? WHERE email = ?")
        .bind(kamu::server::people::sign_in_links::NO_PASSWORD)
        .bind(SUPERVISOR)
        .execute(&server.pool)
        .await
        .unwrap();
    let mut bodies = Vec::new();
    for (email, password) in [("ei.ole@kamu.example", "x"), (ADMIN, "x"), (SUPERVISOR, "x")] {
        let res = login_from(&server, "192.0.2.1", email, password).await;
        bodies.push((res.status(), res.text().await.unwrap()));
    }
    assert!(bodies.iter().all(|b| *b == bodies[0]), "{bodies:?}");
    assert_eq!(bodies[0].0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn another_site_posts_with_the_victims_cookie() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    let op = json!({ "ops": [{ "id": uuid::Uuid::now_v7(), "account_id": account,
        "change": { "kind": "update_card", "period": { "year": 2026, "month": 11 },
                    "base": { "field": "summary", "value": "" },
                    "value": { "field": "summary", "value": "Väärennetty" } } }] });
    for (name, value) in [
        ("Origin", "https://evil.example"),
        ("Sec-Fetch-Site", "cross-site"),
        ("Origin", "null"),
    ] {
        let res = director
            .post(format!("{}/api/sync/push", server.base))
            .header(name, value)
            .json(&op)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{name}: {value}");
    }
    let written: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM quality_cards WHERE summary = 'Väärennetty'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(written, 0);
    // So is a plain form another site sends (the inbox's e-mail choice).
    let res = director
        .post(format!("{}/saapuneet/sahkoposti", server.base))
        .header("Origin", "https://evil.example")
        .form(&[("on", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Sign-in from another site is refused too (login CSRF).
    let res = browser()
        .post(format!("{}/api/login", server.base))
        .header("Origin", "https://evil.example")
        .form(&[("email", DIRECTOR), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // This site's own pages still write.
    let host = server.base.trim_start_matches("http://").to_string();
    let res = director
        .post(format!("{}/api/sync/push", server.base))
        .header("Origin", server.base.as_str())
        .header("Host", host)
        .header("Sec-Fetch-Site", "same-origin")
        .json(&op)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn pages_carry_security_headers_and_a_csp_naming_their_script_nonce() {
    let server = start().await;
    let res = browser()
        .get(format!("{}/kirjaudu", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let h = res.headers().clone();
    let html = res.text().await.unwrap();
    let csp = h["content-security-policy"].to_str().unwrap().to_string();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    let scripts = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(
        !scripts.contains("'unsafe-inline'") && !scripts.contains("'unsafe-eval'"),
        "{scripts}"
    );
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the page's CSP names a nonce");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries it"
    );
    // Every inline script carries the nonce; the one empty script (leptos_i18n's placeholder)
    // is allowed by the hash of nothing.
    for script in html.split("<script").skip(1) {
        let (tag, rest) = script.split_once('>').unwrap_or_default();
        let empty = rest.starts_with("</script>");
        assert!(
            tag.contains("nonce=") || tag.contains("src=") || empty,
            "an inline script without nonce: {tag}"
        );
    }
    assert!(csp.contains(EMPTY_SCRIPT_HASH), "{csp}");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["referrer-policy"], "same-origin");
    assert!(h["cache-control"].to_str().unwrap().contains("no-store"));
    assert!(
        h.get("strict-transport-security").is_none(),
        "no HSTS over plain HTTP"
    );
    // A second page gets a new nonce.
    let again = browser()
        .get(format!("{}/kirjaudu", server.base))
        .send()
        .await
        .unwrap();
    assert_ne!(again.headers()["content-security-policy"].to_str().unwrap(), csp);

    // The service worker runs under a policy that lets it fetch this site.
    let sw = browser()
        .get(format!("{}/sw.js", server.base))
        .send()
        .await
        .unwrap();
    let sw_csp = sw.headers()["content-security-policy"].to_str().unwrap();
    assert!(sw_csp.contains("connect-src 'self'"), "{sw_csp}");

    let secure = start_with(|c| c.secure_cookies = true).await;
    let res = browser()
        .get(format!("{}/kirjaudu", secure.base))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
}

#[tokio::test]
async fn a_stranger_sends_a_twenty_megabyte_sign_in() {
    let server = start().await;
    let big = "a".repeat(20 * 1024 * 1024);
    let res = browser()
        .post(format!("{}/api/login", server.base))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(format!("email=x%40y.fi&password={big}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // Only admins may send a large file to an import door, and only they make Kamu read it.
    let file = json!({ "text": "a".repeat(3 * 1024 * 1024) });
    let res = browser()
        .post(format!("{}/api/sites/preview", server.base))
        .json(&file)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let director = signed_in(&server, DIRECTOR).await;
    let res = director
        .post(format!("{}/api/sites/preview", server.base))
        .json(&file)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // A signed-in person's other doors take small bodies only.
    let res = director
        .post(format!("{}/api/channel/post", server.base))
        .json(&json!({ "text": "a".repeat(200_000) }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    // The server still answers.
    assert_eq!(server.accounts(&director).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_carriage_return_in_a_title_tries_to_write_its_own_calendar_lines() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    let event = json!({ "id": uuid::Uuid::now_v7(), "account_id": account, "kind": "custom",
        "title": "Palaveri\rATTENDEE:mailto:evil@example.com\rX-INJECTED:1", "starts_on": "2026-12-03",
        "ends_on": null, "time": null, "owner_role": "account_director", "responsible": null,
        "site": null, "status": "planned", "note": "rivi\r\nBEGIN:VALARM", "series": null,
        "status_mark": null });
    let ops = json!([{ "id": uuid::Uuid::now_v7(), "account_id": account,
                       "change": { "kind": "create_event", "event": event } }]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert_eq!(outcome(&answers).0, "applied", "{answers}");
    let ics = director
        .get(format!("{}/asiakkuus/{account}/vuosikello.ics", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ics.contains("Palaveri"), "the event is in the feed");
    for line in ics.split("\r\n") {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "a bare line break: {line:?}"
        );
        assert!(
            !line.starts_with("ATTENDEE") && !line.starts_with("X-INJECTED"),
            "{line}"
        );
        assert!(!line.starts_with("BEGIN:VALARM"), "{line}");
    }
}

#[tokio::test]
async fn a_fresh_database_starts_without_the_published_demo_logins() {
    use kamu::server::config::Config;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kamu.db");
    let config = Config::for_tests(db.clone());
    let (_, state) = kamu::server::router::build(&config).await.unwrap();
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(&state.pool)
        .await
        .unwrap();
    assert_eq!(people, 0, "no demo people, no published admin password");

    // The first administrator comes from the command line, with a one-time link.
    let link = kamu::server::people::sign_in_links::add_admin(
        &state.pool,
        "paivi.paakayttaja@yritys.fi",
        "Päivi",
        0,
    )
    .await
    .unwrap();
    assert!(link.path.starts_with("/aseta-salasana/"));
    state.pool.close().await;

    // --demo refuses to wipe that real data ...
    let mut demo = Config::for_tests(db.clone());
    demo.demo = true;
    demo.demo_scale = 0.2;
    let refused = kamu::server::router::build(&demo).await;
    let message = refused.err().expect("refused").to_string();
    assert!(message.contains("--wipe-real-data"), "{message}");
    let pool = kamu::server::db::open(&db).await.unwrap();
    let kept: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE email = 'paivi.paakayttaja@yritys.fi'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(kept, 1, "nothing was wiped");
    pool.close().await;

    // ... unless told twice; and a demo database may be made again with --demo alone.
    demo.wipe_real_data = true;
    let (_, state) = kamu::server::router::build(&demo).await.unwrap();
    state.pool.close().await;
    demo.wipe_real_data = false;
    let (_, state) = kamu::server::router::build(&demo).await.unwrap();
    let admins: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE email = 'admin@kamu.example'")
        .fetch_one(&state.pool)
        .await
        .unwrap();
    assert_eq!(admins, 1);

    // A demo database someone started using for real (a real administrator added) is real data
    // now: --demo refuses it too, whatever the demo mark says.
    kamu::server::people::sign_in_links::add_admin(&state.pool, "oikea.ihminen@yritys.fi", "Olli", 0)
        .await
        .unwrap();
    state.pool.close().await;
    let refused = kamu::server::router::build(&demo).await;
    let message = refused
        .err()
        .expect("a real person in a demo database is not wiped")
        .to_string();
    assert!(message.contains("--wipe-real-data"), "{message}");
    let pool = kamu::server::db::open(&db).await.unwrap();
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE email = 'oikea.ihminen@yritys.fi'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(kept, 1, "nothing was wiped");
}

#[tokio::test]
async fn a_password_set_through_a_link_ends_the_persons_other_sessions() {
    let server = start().await;
    let admin = signed_in(&server, ADMIN).await;
    let lost_phone = signed_in(&server, SUPERVISOR).await;
    assert_eq!(server.accounts(&lost_phone).await.0, StatusCode::OK);
    let person: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = ?")
        .bind(SUPERVISOR)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let (status, body) = call(&server, &admin, "people/link", &[("person", &person.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let link: serde_json::Value = serde_json::from_str(&body).unwrap();
    let token = link["path"]
        .as_str()
        .unwrap()
        .trim_start_matches("/aseta-salasana/")
        .to_string();
    let new_phone = browser();
    let res = new_phone
        .post(format!("{}/api/link/use", server.base))
        .header("Accept", "application/json")
        .form(&[
            ("token", token.as_str()),
            ("password", "uusi-salasana-2026"),
            ("again", "uusi-salasana-2026"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        server.accounts(&new_phone).await.0,
        StatusCode::OK,
        "the new sign-in works"
    );
    assert_eq!(
        server.accounts(&lost_phone).await.0,
        StatusCode::UNAUTHORIZED,
        "the old sign-in has ended"
    );
}

#[tokio::test]
async fn a_backup_is_a_working_copy_and_migrations_take_one_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kamu.db");
    let pool = kamu::server::db::open(&db).await.unwrap();
    kamu::server::people::sign_in_links::add_admin(&pool, "a@yritys.fi", "A", 0)
        .await
        .unwrap();
    let copy = dir.path().join("varmuuskopio.db");
    kamu::server::db::backup(&pool, &copy).await.unwrap();
    assert!(
        kamu::server::db::backup(&pool, &copy).await.is_err(),
        "an existing file is never overwritten"
    );
    let restored = kamu::server::db::open(&copy).await.unwrap();
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(&restored)
        .await
        .unwrap();
    assert_eq!(people, 1);
    restored.close().await;

    // A database one migration behind is copied aside before it is migrated.
    sqlx::query("ALTER TABLE people DROP COLUMN sessions_valid_after")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = 8")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let pool = kamu::server::db::open(&db).await.unwrap();
    let copies: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("before-migration-0008"))
        .collect();
    assert_eq!(copies.len(), 1, "one copy before the migration");
    let people: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE sessions_valid_after = 0")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(people, 1, "and the migration ran");
}

/// Someone on a shared phone (or who copied another person's subscription) subscribes the same
/// push endpoint as theirs: the subscription stays with the person who made it.
#[tokio::test]
async fn a_push_subscription_never_moves_to_another_person() {
    let server = start_with(|c| c.push_allow_http = true).await;
    let endpoint = "http://127.0.0.1:9/push/one-phone";
    let srv = &server;
    let subscribe = |client: Client| async move {
        json_call(
            srv,
            &client,
            "push/subscribe",
            json!({ "endpoint": endpoint, "p256dh": "key", "auth": "secret" }),
        )
        .await
    };
    let (status, _) = subscribe(signed_in(&server, SUPERVISOR).await).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = subscribe(signed_in(&server, DIRECTOR).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.to_string().contains("push_subscription_taken"), "{body}");
    let owner: String = sqlx::query_scalar(
        "SELECT p.email FROM push_subscriptions s JOIN people p ON p.id = s.person_id WHERE s.endpoint = ?",
    )
    .bind(endpoint)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(owner, SUPERVISOR);
    // Its owner may renew it (new keys from the browser).
    let (status, _) = subscribe(signed_in(&server, SUPERVISOR).await).await;
    assert_eq!(status, StatusCode::OK);
}

/// An edit answered `applied` has left the phone's outbox: the database must have it on disk,
/// not only in the operating system's cache, when the answer goes out.
#[tokio::test]
async fn the_database_is_written_through_before_an_edit_is_answered() {
    let server = start().await;
    let mut conn = server.pool.acquire().await.unwrap();
    let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    let journal: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(synchronous, 2, "FULL");
    assert_eq!(journal, "wal");
}

/// An account name (from the billing system's import) that closes the page's `<title>` and
/// opens markup stays text in the title of every page that names the account.
#[tokio::test]
async fn an_account_name_that_closes_the_title_stays_text() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    sqlx::query("UPDATE accounts SET name = '</title><img src=x>Oy' WHERE id = ?")
        .bind(account)
        .execute(&server.pool)
        .await
        .unwrap();
    for page in ["kanava", "ennuste"] {
        let (status, html) = server
            .page(&director, &format!("/asiakkuus/{account}/{page}"))
            .await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(!html.contains("<img src=x>"), "{page}: the name became markup");
        assert!(
            html.contains("<title>&lt;/title&gt;&lt;img src=x&gt;Oy"),
            "{page}: the name is in the title as text"
        );
    }
}
