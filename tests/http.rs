//! Server tests over real HTTP against a temporary SQLite database with demo data:
//! sign-in, sessions, and who may see which account.
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::account::{AccountDetail, AccountSummary};
use kamu::domain::clock::{EventKind, EventStatus};
use kamu::server::demo::DEMO_PASSWORD;
use reqwest::{Client, StatusCode};
use std::collections::HashSet;

fn ids(list: &[AccountSummary]) -> HashSet<i64> {
    list.iter().map(|a| a.id.0).collect()
}

#[tokio::test]
async fn sign_in_works_and_wrong_passwords_fail() {
    let server = start().await;
    let client = browser();
    assert_eq!(
        server.login(&client, "esimies@kamu.example", "väärä").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.login(&client, "nobody@kamu.example", DEMO_PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.accounts(&client).await.0,
        StatusCode::UNAUTHORIZED,
        "no session after failures"
    );

    assert!(server
        .login(&client, "ESIMIES@kamu.example ", DEMO_PASSWORD)
        .await
        .is_success());
    let (status, list) = server.accounts(&client).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !list.unwrap_or_default().is_empty(),
        "the demo supervisor runs sites"
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let server = start().await;
    let res = browser()
        .post(format!("{}/api/login", server.base))
        .form(&[("email", "esimies@kamu.example"), ("password", DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("kamu_session="))
        .expect("a session cookie")
        .to_lowercase();
    assert!(cookie.contains("httponly"), "{cookie}");
    assert!(cookie.contains("samesite=lax"), "{cookie}");
}

#[tokio::test]
async fn oversize_or_empty_sign_in_input_is_refused_clearly() {
    let server = start().await;
    let client = browser();
    let long = format!("{}@kamu.example", "a".repeat(400));
    assert_eq!(
        server.login(&client, &long, DEMO_PASSWORD).await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(server.login(&client, "", "").await, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_supervisor_of_account_a_gets_403_for_account_b() {
    let server = start().await;
    let client = browser();
    server.login(&client, "esimies@kamu.example", DEMO_PASSWORD).await;
    let mine = ids(&server.accounts(&client).await.1.expect("own accounts"));
    let all = server.account_names().await;
    let (a_id, a_name) = all
        .iter()
        .find(|(id, _)| mine.contains(id))
        .cloned()
        .expect("account A");
    let (b_id, b_name) = all
        .iter()
        .find(|(id, _)| !mine.contains(id))
        .cloned()
        .expect("account B");

    let (status, body) = server.account(&client, a_id).await;
    assert_eq!(status, StatusCode::OK);
    let detail: AccountDetail = serde_json::from_str(&body).expect("account detail");
    assert_eq!(detail.name, a_name);
    assert!(!detail.events.is_empty() && !detail.sites.is_empty() && detail.latest_card().is_some());

    let (status, body) = server.account(&client, b_id).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains(&b_name), "nothing of account B leaks: {body}");

    let (status, html) = server.page(&client, &format!("/asiakkuus/{b_id}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains(&b_name));
    let (status, html) = server.page(&client, &format!("/asiakkuus/{a_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&a_name));

    // An id that does not exist answers the same as one that is not yours.
    assert_eq!(server.account(&client, 999_999).await.0, StatusCode::FORBIDDEN);
}

/// The account page's HTML carries its first screen (issue 15: at demo scale the year's site
/// visits were most of its bytes); the whole copy, clock and all, is one request away, and both
/// doors check who may see the account.
#[tokio::test]
async fn an_account_page_carries_its_first_screen_and_the_clock_follows() {
    use kamu::domain::clock::for_me::{for_me, may_show};
    let server = start().await;
    let supervisor = signed_in(&server, "esimies@kamu.example").await;
    let account = server.accounts(&supervisor).await.1.expect("accounts")[0].id.0;
    let id = account.to_string();
    let (status, body) = call(&server, &supervisor, "account-page", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::OK);
    let first: AccountDetail = serde_json::from_str(&body).expect("first screen");
    let whole: AccountDetail =
        serde_json::from_str(&server.account(&supervisor, account).await.1).expect("whole");
    assert!(first.clock_follows && !whole.clock_follows);
    let mine = &whole.rights.my_sites;
    assert!(!mine.is_empty() && !first.events.is_empty());
    assert!(
        first.events.len() * 2 < whole.events.len(),
        "only my sites' events ride along"
    );
    assert!(first.events.iter().all(|e| may_show(e, mine)));
    assert!(
        first.company.is_empty(),
        "the company ring follows with the wheel"
    );
    assert_eq!(
        for_me(&first.events, mine, first.today),
        for_me(&whole.events, mine, whole.today),
        "the supervisor's block is the same on the first screen"
    );
    assert_eq!((&first.cards, &first.sites), (&whole.cards, &whole.sites));

    // The page the server renders holds none of the other sites' visits.
    let (status, html) = server.page(&supervisor, &format!("/asiakkuus/{account}")).await;
    assert_eq!(status, StatusCode::OK);
    let others: Vec<String> = whole
        .events
        .iter()
        .filter(|e| !may_show(e, mine))
        .map(|e| e.id.to_string())
        .collect();
    assert!(!others.is_empty());
    assert!(
        others.iter().all(|id| !html.contains(id.as_str())),
        "another site's visit in the HTML"
    );
    assert!(
        html.contains(&first.events[0].id.to_string()),
        "my own visits are in it"
    );

    // A director's first screen carries no events at all; someone else's account is 403.
    let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
    let own = server.accounts(&director).await.1.expect("accounts")[0]
        .id
        .0
        .to_string();
    let (status, body) = call(&server, &director, "account-page", &[("id", &own)]).await;
    assert_eq!(status, StatusCode::OK);
    let first: AccountDetail = serde_json::from_str(&body).expect("first screen");
    assert!(first.events.is_empty() && first.clock_follows);
    let management = signed_in(&server, "johtoryhma@kamu.example").await;
    let visible_to_director = ids(&server.accounts(&director).await.1.expect("accounts"));
    let other = server.accounts(&management).await.1.expect("accounts");
    let other = other
        .iter()
        .find(|a| !visible_to_director.contains(&a.id.0))
        .expect("another director's account");
    let (status, body) = call(
        &server,
        &director,
        "account-page",
        &[("id", &other.id.0.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains(&other.name), "nothing of it leaks: {body}");
    let (status, _) = call(&server, &browser(), "account-page", &[("id", &id)]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_director_sees_only_their_own_accounts() {
    let server = start().await;
    let client = browser();
    server
        .login(&client, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let listed = ids(&server.accounts(&client).await.1.expect("accounts"));
    let own: Vec<(i64,)> = sqlx::query_as(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example'",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let own: HashSet<i64> = own.into_iter().map(|(id,)| id).collect();
    assert!(!own.is_empty());
    assert_eq!(listed, own);
    let other = server
        .account_names()
        .await
        .into_iter()
        .find(|(id, _)| !own.contains(id))
        .expect("someone else's account");
    assert_eq!(server.account(&client, other.0).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn management_sees_every_account_and_regional_directors_their_region() {
    let server = start().await;
    let all = server.account_names().await.len();
    let management = browser();
    server
        .login(&management, "johtoryhma@kamu.example", DEMO_PASSWORD)
        .await;
    assert_eq!(server.accounts(&management).await.1.unwrap().len(), all);

    let regional = browser();
    server
        .login(&regional, "aluejohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let listed = ids(&server.accounts(&regional).await.1.unwrap());
    let in_region: Vec<(i64,)> = sqlx::query_as(
        "SELECT DISTINCT s.account_id FROM sites s JOIN accounts a ON a.id = s.account_id
         WHERE a.confidential = 0 AND s.region_id =
             (SELECT region_id FROM people WHERE email = 'aluejohtaja@kamu.example')",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let in_region: HashSet<i64> = in_region.into_iter().map(|(id,)| id).collect();
    assert!(!in_region.is_empty());
    assert!(in_region.is_subset(&listed));
    assert!(listed.len() < all);
}

#[tokio::test]
async fn pages_send_strangers_to_sign_in_and_sign_out_ends_the_session() {
    let server = start().await;
    let client = browser();
    let res = client.get(format!("{}/", server.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(res.headers()["location"], "/kirjaudu?next=/");
    assert_eq!(server.accounts(&client).await.0, StatusCode::UNAUTHORIZED);

    server.login(&client, "esimies@kamu.example", DEMO_PASSWORD).await;
    assert_eq!(server.page(&client, "/").await.0, StatusCode::OK);
    let res = client
        .post(format!("{}/api/logout", server.base))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success() || res.status().is_redirection());
    assert_eq!(server.accounts(&client).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_expired_session_answers_401() {
    // Sessions that last zero days expire at once: the next request is not signed in.
    let server = start_with(|c| c.session_days = 0).await;
    let client = browser();
    server.login(&client, "esimies@kamu.example", DEMO_PASSWORD).await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(server.accounts(&client).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_pwa_files_are_served() {
    let server = start_with(|c| c.site_root = "public".into()).await;
    let client = browser();
    let (status, manifest) = server.page(&client, "/manifest.webmanifest").await;
    assert_eq!(status, StatusCode::OK);
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["start_url"], "/");
    let sizes: Vec<&str> = manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["sizes"].as_str())
        .collect();
    assert!(sizes.contains(&"192x192") && sizes.contains(&"512x512"));
    let res = client.get(format!("{}/sw.js", server.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["cache-control"], "no-cache");
    let sw = res.text().await.unwrap();
    assert!(sw.contains("addEventListener(\"fetch\""));
    // Each build is a new worker: the build id is written in.
    assert!(!sw.contains("__KAMU_BUILD__"));
    assert!(sw.contains("const VERSION = \""));
}

/// Sends a push as the browser does: JSON, with the session cookie.
#[tokio::test]
async fn a_replayed_push_is_a_no_op_and_the_change_reaches_another_person() {
    let server = start().await;
    let director = browser();
    server
        .login(&director, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let (account, event_id, note): (i64, String, String) = sqlx::query_as(
        "SELECT e.account_id, e.id, e.note FROM clock_events e JOIN accounts a ON a.id = e.account_id
         JOIN people p ON p.id = a.director_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' AND e.site_id IS NULL LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let op = serde_json::json!([{
        "id": uuid::Uuid::now_v7(),
        "account_id": account,
        "change": { "kind": "update_event", "event_id": event_id,
                    "base": { "field": "note", "value": note },
                    "value": { "field": "note", "value": "Avaimet vahtimestarilta" } }
    }]);
    let (status, first) = push(&server, &director, &op).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first[0]["outcome"]["outcome"], "applied");
    let log_after_first: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM change_log")
        .fetch_one(&server.pool)
        .await
        .unwrap();

    let (_, again) = push(&server, &director, &op).await;
    assert_eq!(again[0]["outcome"]["outcome"], "duplicate");
    let log_after_replay: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM change_log")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(log_after_first, log_after_replay, "a replay changes nothing");

    // Management reads every account: its pull from the start carries the new note.
    let management = browser();
    server
        .login(&management, "johtoryhma@kamu.example", DEMO_PASSWORD)
        .await;
    let pulled: serde_json::Value = management
        .post(format!("{}/api/sync/pull", server.base))
        .json(&serde_json::json!({ "cursor": 0 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let change = pulled["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["event_id"] == event_id.as_str())
        .expect("the edited event is pulled");
    assert_eq!(change["event"]["note"], "Avaimet vahtimestarilta");
}

#[tokio::test]
async fn a_push_for_an_account_the_person_cannot_see_is_rejected() {
    let server = start().await;
    let supervisor = browser();
    server
        .login(&supervisor, "esimies@kamu.example", DEMO_PASSWORD)
        .await;
    let mine = ids(&server.accounts(&supervisor).await.1.unwrap());
    let (account, event_id): (i64, String) =
        sqlx::query_as("SELECT account_id, id FROM clock_events ORDER BY account_id DESC")
            .fetch_all(&server.pool)
            .await
            .unwrap()
            .into_iter()
            .find(|(a, _): &(i64, String)| !mine.contains(a))
            .expect("an account that is not theirs");
    let op = serde_json::json!([{
        "id": uuid::Uuid::now_v7(),
        "account_id": account,
        "change": { "kind": "delete_event", "event_id": event_id }
    }]);
    let (status, answers) = push(&server, &supervisor, &op).await;
    assert_eq!(status, StatusCode::OK, "the batch is answered op by op");
    assert_eq!(answers[0]["outcome"]["outcome"], "rejected");
    assert_eq!(answers[0]["outcome"]["reason"], "forbidden");
    let still_there: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE id = ?")
        .bind(&event_id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(still_there, 1);

    // A malformed push is refused as a whole with 400 and changes nothing.
    let res = supervisor
        .post(format!("{}/api/sync/push", server.base))
        .header("content-type", "application/json")
        .body("{\"ops\": [{\"id\": \"not-a-uuid\"}]}")
        .send()
        .await
        .unwrap();
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test]
async fn a_card_edit_reaches_management_a_supervisors_is_refused_and_conflicts_follow_their_author() {
    let server = start().await;
    let director = browser();
    server
        .login(&director, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let account: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         JOIN sites s ON s.account_id = a.id JOIN people sp ON sp.id = s.supervisor_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' AND sp.email = 'esimies@kamu.example' LIMIT 1",
    )
    .fetch_optional(&server.pool)
    .await
    .unwrap()
    .expect("the demo supervisor runs a site of the demo director's account");
    let card_edit = |base: &str, value: &str| {
        serde_json::json!([{
            "id": uuid::Uuid::now_v7(),
            "account_id": account,
            "change": { "kind": "update_card", "period": { "year": 2026, "month": 11 },
                        "base": { "field": "light", "value": base },
                        "value": { "field": "light", "value": value } }
        }])
    };
    // November has no card yet: the first edit creates it.
    let (status, answers) = push(&server, &director, &card_edit("green", "red")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answers[0]["outcome"]["outcome"], "applied");
    let light: String = sqlx::query_scalar(
        "SELECT light FROM quality_cards WHERE account_id = ? AND year = 2026 AND month = 11",
    )
    .bind(account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(light, "red");

    // The supervisor reads the account but may not change its card.
    let supervisor = browser();
    server
        .login(&supervisor, "esimies@kamu.example", DEMO_PASSWORD)
        .await;
    let (_, refused) = push(&server, &supervisor, &card_edit("red", "green")).await;
    assert_eq!(refused[0]["outcome"]["reason"], "forbidden");

    // Management pulls the new card.
    let management = browser();
    server
        .login(&management, "johtoryhma@kamu.example", DEMO_PASSWORD)
        .await;
    let pull = |client: Client| {
        let url = format!("{}/api/sync/pull", server.base);
        async move {
            client
                .post(url)
                .json(&serde_json::json!({ "cursor": 0 }))
                .send()
                .await
                .unwrap()
                .json::<serde_json::Value>()
                .await
                .unwrap()
        }
    };
    let pulled = pull(management.clone()).await;
    let card = pulled["cards"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["account_id"] == account)
        .expect("the edited card is pulled");
    assert_eq!(card["card"]["light"], "red");

    // The director's second phone, offline since the card was green, sets yellow: it loses.
    let second_phone = browser();
    server
        .login(&second_phone, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let late = card_edit("green", "yellow");
    let (_, lost) = push(&server, &second_phone, &late).await;
    assert_eq!(lost[0]["outcome"]["outcome"], "conflict");
    // The first phone learns of it on its next pull, with both values...
    let conflicts = pull(director.clone()).await["conflicts"].clone();
    let conflict = conflicts
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["op"]["id"] == late[0]["id"])
        .expect("the conflict reaches the author's other device");
    assert_eq!(conflict["outcome"]["winning"]["value"], "red");
    assert_eq!(conflict["outcome"]["losing"]["value"], "yellow");
    assert_eq!(conflict["op"]["change"]["kind"], "update_card");
    // ...and once dismissed on one device it is gone from all.
    let res = director
        .post(format!("{}/api/sync/dismiss", server.base))
        .json(&serde_json::json!({ "op_id": late[0]["id"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let after = pull(second_phone.clone()).await["conflicts"].clone();
    assert!(after.as_array().unwrap().is_empty(), "{after}");
}

/// Parses iCalendar text with an independent parser (Python's `icalendar` from PyPI) and
/// answers each event's uid, summary, start (as Helsinki wall-clock time or a date) and status.
fn parse_ics_with_python(ics: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, ics).unwrap();
    let script = r#"
import icalendar, json, sys, zoneinfo
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    if hasattr(start, 'hour'):
        start = start.astimezone(zoneinfo.ZoneInfo('Europe/Helsinki')).strftime('%Y-%m-%d %H:%M')
    else:
        start = start.isoformat()
    out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'start': start, 'status': str(e.get('STATUS', ''))})
print(json.dumps(out))
"#;
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs (scripts/install-tools.sh installs its icalendar package)");
    assert!(
        output.status.success(),
        "the feed does not parse: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Expands the feed's repeating events as a calendar app does, with independent code
/// (Python's `recurring-ical-events` over `icalendar`), for the year 2026.
fn expand_ics_with_python(ics: &str) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.ics");
    std::fs::write(&path, ics).unwrap();
    let script = r#"
import icalendar, recurring_ical_events, json, sys, zoneinfo, datetime
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
for e in recurring_ical_events.of(cal).between(datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)):
    start = e.decoded('DTSTART')
    if hasattr(start, 'hour'):
        start = start.astimezone(zoneinfo.ZoneInfo('Europe/Helsinki')).strftime('%Y-%m-%d %H:%M')
    else:
        start = start.isoformat()
    out.append({'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'start': start,
                'status': str(e.get('STATUS', '')), 'description': str(e.get('DESCRIPTION', ''))})
out.sort(key=lambda x: x['start'])
print(json.dumps(out))
"#;
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 runs (scripts/install-tools.sh installs recurring-ical-events)");
    assert!(
        output.status.success(),
        "the feed does not expand: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[tokio::test]
async fn a_recurring_series_reaches_calendar_apps_as_one_rule_with_its_exceptions() {
    use kamu::domain::clock::series::occurrence_id;
    let server = start().await;
    let director = browser();
    server
        .login(&director, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let account: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' AND a.year_start_month = 1 ORDER BY a.id LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    // A steering group on every month's last day (the 31st, or earlier in short months) at
    // 14.30, across both daylight-saving changes of 2026.
    let series = uuid::Uuid::now_v7();
    let ops = serde_json::json!([{
        "id": uuid::Uuid::now_v7(), "account_id": account,
        "change": { "kind": "create_series", "series": {
            "id": series, "account_id": account, "kind": "steering_group", "title": "Ohjausryhmä Ä",
            "series": { "rule": { "every": "monthly", "day": 31 }, "starts_on": "2026-01-31",
                        "until": "2026-12-31" },
            "time": "14:30:00", "owner_role": "account_director", "sites": [] } }
    }]);
    let (status, answers) = push(&server, &director, &ops).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answers[0]["outcome"]["outcome"], "applied", "{answers}");
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE series_id = ?")
        .bind(series.to_string())
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "a new series stores its rule, not its occurrences");

    // February's is moved to 3.3. and marked done; June's is removed.
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let feb = occurrence_id(series, day(2, 28), None);
    let jun = occurrence_id(series, day(6, 30), None);
    let edit = |id: uuid::Uuid, field: &str, base: serde_json::Value, value: serde_json::Value| {
        serde_json::json!({ "id": uuid::Uuid::now_v7(), "account_id": account,
            "change": { "kind": "update_event", "event_id": id,
                "base": { "field": field, "value": base }, "value": { "field": field, "value": value } } })
    };
    let ops = serde_json::json!([
        edit(feb, "starts_on", "2026-02-28".into(), "2026-03-03".into()),
        edit(feb, "status", "planned".into(), "done".into()),
        { "id": uuid::Uuid::now_v7(), "account_id": account,
          "change": { "kind": "delete_event", "event_id": jun } },
    ]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert!(
        answers
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["outcome"]["outcome"] == "applied"),
        "{answers}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM clock_events WHERE series_id = ?")
        .bind(series.to_string())
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 2, "only the two changed occurrences are stored");

    // The account page shows the computed year with the exceptions.
    let (status, body) = server.account(&director, account).await;
    assert_eq!(status, StatusCode::OK);
    let detail: AccountDetail = serde_json::from_str(&body).expect("account detail");
    let ours: Vec<_> = detail
        .events
        .iter()
        .filter(|e| e.series.is_some_and(|l| l.series_id == series))
        .collect();
    assert_eq!(ours.len(), 11);
    assert_eq!(ours[1].starts_on, day(3, 3));
    let director_name: String =
        sqlx::query_scalar("SELECT name FROM people WHERE email = 'asiakkuusjohtaja@kamu.example'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert_eq!(
        ours[1].status_mark.as_ref().map(|m| m.by.name.clone()),
        Some(director_name),
        "who marked it done is recorded"
    );
    assert!(ours[2].status_mark.is_none());
    assert_eq!(ours[2].starts_on, day(3, 31));
    assert!(ours.iter().all(|e| e.starts_on != day(6, 30)));

    // The download has one repeating event; a calendar app expands it to the same days.
    let ics = director
        .get(format!("{}/asiakkuus/{account}/vuosikello.ics", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains("RRULE:FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1;UNTIL="),
        "{ics}"
    );
    assert!(ics.contains("BEGIN:VTIMEZONE"));
    let expanded: Vec<serde_json::Value> = expand_ics_with_python(&ics)
        .into_iter()
        .filter(|e| e["uid"] == format!("{series}@kamu").as_str())
        .collect();
    let starts: Vec<&str> = expanded.iter().map(|e| e["start"].as_str().unwrap()).collect();
    assert_eq!(
        starts,
        vec![
            "2026-01-31 14:30",
            "2026-03-03 14:30",
            "2026-03-31 14:30",
            "2026-04-30 14:30",
            "2026-05-31 14:30",
            "2026-07-31 14:30",
            "2026-08-31 14:30",
            "2026-09-30 14:30",
            "2026-10-31 14:30",
            "2026-11-30 14:30",
            "2026-12-31 14:30",
        ],
        "month ends, the moved one, none in June, 14.30 on both sides of DST"
    );
    assert!(expanded.iter().all(|e| e["summary"] == "Ohjausryhmä Ä"));
    assert!(expanded[1]["description"].as_str().unwrap().contains("Tehty"));
}

#[tokio::test]
async fn the_calendar_feed_parses_elsewhere_round_trips_events_and_dies_when_revoked() {
    let server = start().await;
    let director = browser();
    server
        .login(&director, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    let account: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' ORDER BY a.id LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    // A meeting at 14.30 on each side of the spring DST change, one titled, one cancelled.
    let meeting = |day: &str, title: &str, status: &str| {
        serde_json::json!({
            "id": uuid::Uuid::now_v7(), "account_id": account,
            "change": { "kind": "create_event", "event": {
                "id": uuid::Uuid::now_v7(), "account_id": account, "kind": "customer_meeting",
                "title": title, "starts_on": day, "ends_on": null, "time": "14:30:00",
                "owner_role": "account_director", "responsible": null, "site": null,
                "status": status, "note": "" } }
        })
    };
    let ops = serde_json::json!([
        meeting("2026-03-27", "Kvartaalipalaveri Å", "planned"),
        meeting("2026-03-30", "Kvartaalipalaveri Ö", "cancelled"),
    ]);
    let (_, answers) = push(&server, &director, &ops).await;
    assert!(
        answers
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["outcome"]["outcome"] == "applied"),
        "{answers}"
    );

    // The one-off download.
    let res = director
        .get(format!("{}/asiakkuus/{account}/vuosikello.ics", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let parsed = parse_ics_with_python(&res.text().await.unwrap());
    let expected: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, starts_on FROM clock_events WHERE account_id = ? AND year IN (2026, 2027)",
    )
    .bind(account)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        parsed.len(),
        expected.len(),
        "every event of the year is in the feed"
    );
    for (id, day) in &expected {
        let e = parsed
            .iter()
            .find(|p| p["uid"] == format!("{id}@kamu").as_str())
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(
            e["start"].as_str().unwrap().starts_with(day.as_str()),
            "{e} vs {day}"
        );
    }
    let find = |title: &str| parsed.iter().find(|p| p["summary"] == title).cloned().unwrap();
    // Titles with Å and Ö survive, and 14.30 stays 14.30 on both sides of the DST change.
    assert_eq!(find("Kvartaalipalaveri Å")["start"], "2026-03-27 14:30");
    assert_eq!(find("Kvartaalipalaveri Ö")["start"], "2026-03-30 14:30");
    assert_eq!(find("Kvartaalipalaveri Ö")["status"], "CANCELLED");

    // A subscription: fetched without a session, then revoked.
    let feed: serde_json::Value = director
        .post(format!("{}/api/calendar/create", server.base))
        .form(&[("account", account.to_string())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = format!(
        "{}/kalenteri/{}.ics",
        server.base,
        feed["token"].as_str().unwrap()
    );
    let calendar_app = Client::new();
    let res = calendar_app.get(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        parse_ics_with_python(&res.text().await.unwrap()).len(),
        expected.len()
    );
    // Another person cannot revoke it; its owner can, and then it is gone.
    let stranger = browser();
    server
        .login(&stranger, "esimies@kamu.example", DEMO_PASSWORD)
        .await;
    let token = feed["token"].as_str().unwrap().to_string();
    let res = stranger
        .post(format!("{}/api/calendar/revoke", server.base))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        calendar_app.get(&url).send().await.unwrap().status(),
        StatusCode::OK
    );
    let res = director
        .post(format!("{}/api/calendar/revoke", server.base))
        .form(&[("token", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        calendar_app.get(&url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    // Guessing tokens or downloading someone else's clock gets nothing.
    let res = calendar_app
        .get(format!("{}/kalenteri/{}.ics", server.base, "0".repeat(64)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let other: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM sites s JOIN people p ON p.id = s.supervisor_id
         WHERE s.account_id = a.id AND p.email = 'esimies@kamu.example') AND a.confidential = 0 LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let res = stranger
        .get(format!("{}/asiakkuus/{other}/vuosikello.ics", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_supervisors_own_feed_has_their_sites_visits_and_nothing_else() {
    let server = start().await;
    let supervisor = browser();
    server
        .login(&supervisor, "esimies@kamu.example", DEMO_PASSWORD)
        .await;
    let feed: serde_json::Value = supervisor
        .post(format!("{}/api/calendar/create", server.base))
        .form::<[(&str, &str); 0]>(&[])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let body = Client::new()
        .get(format!(
            "{}/kalenteri/{}.ics",
            server.base,
            feed["token"].as_str().unwrap()
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let parsed = parse_ics_with_python(&body);
    let theirs: Vec<String> = sqlx::query_scalar(
        "SELECT e.id FROM clock_events e JOIN sites s ON s.id = e.site_id JOIN people p ON p.id = s.supervisor_id
         WHERE p.email = 'esimies@kamu.example' AND e.starts_on BETWEEN '2026-08-23' AND '2027-11-24'",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap();
    assert!(!theirs.is_empty());
    let uids: HashSet<String> = parsed
        .iter()
        .map(|p| p["uid"].as_str().unwrap().to_string())
        .collect();
    let expected: HashSet<String> = theirs.iter().map(|id| format!("{id}@kamu")).collect();
    assert_eq!(uids, expected, "exactly the visits to the sites they run");
}

#[tokio::test]
async fn my_week_shows_a_supervisor_only_their_own_visits_overdue_first() {
    let server = start().await;
    let supervisor = browser();
    server
        .login(&supervisor, "esimies@kamu.example", DEMO_PASSWORD)
        .await;
    let week: serde_json::Value = supervisor
        .post(format!("{}/api/my-week", server.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let my_sites: HashSet<i64> = sqlx::query_scalar(
        "SELECT s.id FROM sites s JOIN people p ON p.id = s.supervisor_id WHERE p.email = 'esimies@kamu.example'",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap()
    .into_iter()
    .collect();
    // Today is Monday 23.11.2026 (week 48): this week ends 29.11., next week 6.12.
    let mut seen = 0;
    for (group, from, to) in [
        ("this_week", "2026-11-23", "2026-11-29"),
        ("next_week", "2026-11-30", "2026-12-06"),
        ("overdue", "2026-08-23", "2026-11-22"),
    ] {
        for item in week[group].as_array().unwrap() {
            let e = &item["event"];
            let site = e["site"]["id"]
                .as_i64()
                .expect("a supervisor's own events are site visits");
            assert!(my_sites.contains(&site), "{e}");
            let day = e["starts_on"].as_str().unwrap();
            assert!((from..=to).contains(&day), "{group}: {day}");
            if group == "overdue" {
                assert_eq!(e["status"], "planned");
            }
            assert_eq!(item["editable"], true);
            seen += 1;
        }
    }
    let expected: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM clock_events e JOIN sites s ON s.id = e.site_id JOIN people p ON p.id = s.supervisor_id
         WHERE p.email = 'esimies@kamu.example' AND e.status <> 'cancelled' AND (
             e.starts_on BETWEEN '2026-11-23' AND '2026-12-06'
             OR (e.status = 'planned' AND e.starts_on BETWEEN '2026-08-23' AND '2026-11-22'))",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert!(expected > 0);
    assert_eq!(seen, expected);
}

/// Posts a form to a server function and answers its status and body.
#[tokio::test]
async fn next_year_is_planned_once_from_this_years_clock_and_the_admins_template() {
    let server = start().await;
    let (director, admin, supervisor) = (browser(), browser(), browser());
    server
        .login(&director, "asiakkuusjohtaja@kamu.example", DEMO_PASSWORD)
        .await;
    server.login(&admin, "admin@kamu.example", DEMO_PASSWORD).await;
    server
        .login(&supervisor, "esimies@kamu.example", DEMO_PASSWORD)
        .await;
    let account: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' ORDER BY a.id LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let account_s = account.to_string();

    // The admin keeps the company clock: a quick webinar in the template (the demo clock has
    // none), and a management-team meeting every account's wheel shows.
    let template_entry = [
        ("kind", "quick_webinar"),
        ("title", "Pikawebinaari"),
        ("month", "3"),
        ("day", "10"),
        ("repeat", "quarterly"),
        ("time", ""),
    ];
    let (status, _) = call(&server, &director, "clock/template/add", &template_entry).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only admins change the template");
    let (status, body) = call(&server, &admin, "clock/template/add", &template_entry).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let activity = [
        ("title", "Johtoryhmä"),
        ("first", "2026-12-01"),
        ("last", ""),
        ("repeat", "once"),
        ("time", "09:00"),
    ];
    let (status, _) = call(&server, &supervisor, "clock/company/add", &activity).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = call(&server, &admin, "clock/company/add", &activity).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let season = [
        ("title", "Auditointikausi"),
        ("first", "2026-09-01"),
        ("last", "2026-10-31"),
        ("repeat", "once"),
        ("time", ""),
    ];
    let (status, body) = call(&server, &admin, "clock/company/add", &season).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut backwards = season;
    backwards[2] = ("last", "2026-08-01");
    let (status, _) = call(&server, &admin, "clock/company/add", &backwards).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "a period cannot end before it starts"
    );
    let (_, body) = server.account(&supervisor, account).await;
    let detail: AccountDetail = serde_json::from_str(&body).unwrap();
    assert!(
        detail.company.iter().any(|e| e.title == "Johtoryhmä"),
        "the company activity reaches every account's wheel"
    );
    let season = detail
        .company
        .iter()
        .find(|e| e.title == "Auditointikausi")
        .unwrap();
    assert_eq!(
        season.ends_on,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 31),
        "a company period keeps its last day"
    );

    // A supervisor cannot plan; the director can, once.
    let plan = [("account", account_s.as_str()), ("year", "2026")];
    let (status, _) = call(&server, &supervisor, "clock/plan-next-year", &plan).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = call(&server, &director, "clock/plan-next-year", &plan).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let made: usize = body.trim().parse().unwrap();
    let (status, _) = call(&server, &director, "clock/plan-next-year", &plan).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "planning twice is refused");

    let this_year: AccountDetail = serde_json::from_str(&server.account(&director, account).await.1).unwrap();
    let res = director
        .post(format!("{}/api/account", server.base))
        .form(&[("id", account_s.as_str()), ("year", "2027")])
        .send()
        .await
        .unwrap();
    let next: AccountDetail = res.json().await.unwrap();
    assert!(
        next.events.len() >= 12 && next.events.len() == made,
        "{} vs {made}",
        next.events.len()
    );
    let count = |d: &AccountDetail, kind: EventKind| d.events.iter().filter(|e| e.kind == kind).count();
    for kind in [
        EventKind::CustomerMeeting,
        EventKind::QualityVisit,
        EventKind::Webinar,
    ] {
        let cancelled = this_year
            .events
            .iter()
            .filter(|e| e.kind == kind && e.status == EventStatus::Cancelled)
            .count();
        assert_eq!(
            count(&next, kind),
            count(&this_year, kind) - cancelled,
            "{kind:?}"
        );
    }
    assert_eq!(
        count(&next, EventKind::QuickWebinar),
        4,
        "the template filled what was missing"
    );
    assert!(next
        .events
        .iter()
        .all(|e| e.status == EventStatus::Planned && e.note.is_empty()));
    let birthday = |d: &AccountDetail| {
        d.events
            .iter()
            .find(|e| e.kind == EventKind::BirthdayMeeting)
            .map(|e| e.starts_on)
            .unwrap()
    };
    assert_eq!(
        birthday(&next),
        kamu::domain::clock::next_year::a_year_later(birthday(&this_year)),
        "the birthday meeting stays on its anniversary"
    );
    assert!(next
        .events
        .iter()
        .all(|e| e.starts_on.format("%Y").to_string() == "2027"));
    assert!(this_year.next_year_planned);
}

/// What a phone keeps for offline use before anything is opened on it: a supervisor's own
/// accounts (all of them), a director's own, and for management the red ones, bounded.
#[tokio::test]
async fn a_phone_keeps_the_accounts_the_person_works_on_and_managements_reds() {
    let server = common::start().await;
    let keep = |client: Client| {
        let base = server.base.clone();
        async move {
            let res = client
                .post(format!("{base}/api/keep-on-device"))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            let mut ids: Vec<i64> = res.json().await.unwrap();
            ids.sort();
            ids
        }
    };
    for email in ["esimies@kamu.example", "asiakkuusjohtaja@kamu.example"] {
        let client = common::signed_in(&server, email).await;
        let (_, visible) = server.accounts(&client).await;
        let mut visible: Vec<i64> = visible.unwrap().iter().map(|a| a.id.0).collect();
        visible.sort();
        assert!(!visible.is_empty());
        assert_eq!(
            keep(client).await,
            visible,
            "{email} keeps every account of their own"
        );
    }
    let management = common::signed_in(&server, "johtoryhma@kamu.example").await;
    let (_, all) = server.accounts(&management).await;
    let mut reds: Vec<i64> = all
        .unwrap()
        .iter()
        .filter(|a| a.latest_light == Some(kamu::domain::card::TrafficLight::Red))
        .map(|a| a.id.0)
        .collect();
    reds.sort();
    assert!(!reds.is_empty() && reds.len() <= kamu::domain::access::KEEP_AHEAD_MAX);
    assert_eq!(
        keep(management).await,
        reds,
        "management keeps the reds, not all 100"
    );
    // Signed out: nothing.
    let stranger = common::browser();
    let res = stranger
        .post(format!("{}/api/keep-on-device", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
