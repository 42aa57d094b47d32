//! The account channel over real HTTP: the billing-system site import (clean, broken, twice),
//! access moving with a supervisor change, acknowledgement counts as members come and go,
//! that no one reads or writes another account's channel (through search neither), and a Web
//! Push message that the test decrypts with the subscription's own keys.
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::channel::acks::AckTally;
use kamu::domain::channel::billing::{BillingPreview, SiteChange, SiteImportResult};
use kamu::domain::channel::inbox::Inbox;
use kamu::domain::channel::view::ChannelView;
use kamu::domain::sync::PullAnswer;
use reqwest::{Client, StatusCode};
use serde_json::json;
use uuid::Uuid;

const ADMIN: &str = "admin@kamu.example";
const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";
const SUPERVISOR: &str = "esimies@kamu.example";

async fn export(server: &TestServer, admin: &Client) -> String {
    let (status, body) = call(server, admin, "sites/export", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn preview(server: &TestServer, admin: &Client, text: &str) -> BillingPreview {
    let (status, body) = json_call(server, admin, "sites/preview", json!({ "text": text })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn apply(server: &TestServer, admin: &Client, text: &str) -> (StatusCode, serde_json::Value) {
    json_call(
        server,
        admin,
        "sites/apply",
        json!({ "file_name": "laskutus.csv", "text": text }),
    )
    .await
}

/// Every stored site with everything an import may change, to prove that nothing changed.
async fn site_snapshot(server: &TestServer) -> Vec<(i64, i64, String, i64, Option<i64>, Option<String>)> {
    sqlx::query_as(
        "SELECT id, account_id, name, region_id, supervisor_id, removed_on FROM site_records ORDER BY id",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap()
}

async fn count(server: &TestServer, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&server.pool).await.unwrap()
}

/// Replaces one field of the row of `site` in a `;` file (the export has no quoted fields).
fn with_field(text: &str, site: i64, column: usize, value: &str) -> String {
    text.lines()
        .map(|line| {
            let mut fields: Vec<String> = line.split(';').map(str::to_string).collect();
            if fields[0] == site.to_string() {
                fields[column] = value.to_string();
            }
            fields.join(";")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn row_of(text: &str, site: i64) -> Vec<String> {
    text.lines()
        .find(|l| l.starts_with(&format!("{site};")))
        .unwrap()
        .split(';')
        .map(str::to_string)
        .collect()
}

#[tokio::test]
async fn the_site_import_previews_refuses_broken_files_whole_and_changes_nothing_the_second_time() {
    let server = start().await;
    let admin = signed_in(&server, ADMIN).await;

    // Kamu's own export is a valid file that changes nothing.
    let text = export(&server, &admin).await;
    let same = preview(&server, &admin, &text).await;
    assert!(same.errors.is_empty(), "{:?}", same.errors.first());
    assert!(same.changes_nothing());
    let (status, body) = apply(&server, &admin, &text).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_value::<SiteImportResult>(body)
            .unwrap()
            .import_id,
        None
    );

    // A supervisor change, a new site, and a site the file no longer lists.
    let sites: Vec<i64> = sqlx::query_scalar("SELECT id FROM sites ORDER BY id")
        .fetch_all(&server.pool)
        .await
        .unwrap();
    let (changed_site, removed_site) = (sites[1], *sites.last().unwrap());
    // The new supervisor is someone Kamu does not know yet.
    let other = (
        "Uusi Esimies".to_string(),
        "uusi.esimies@kamu.example".to_string(),
    );
    let mut file = with_field(&text, changed_site, 6, &other.0);
    file = with_field(&file, changed_site, 7, &other.1);
    file = file
        .lines()
        .filter(|l| !l.starts_with(&format!("{removed_site};")))
        .collect::<Vec<_>>()
        .join("\n");
    let mut new_row = row_of(&text, sites[0]);
    new_row[0] = "990001".into();
    new_row[1] = "Uusi kohde".into();
    file.push('\n');
    file.push_str(&new_row.join(";"));

    let plan = preview(&server, &admin, &file).await;
    assert!(plan.can_apply());
    let changes_of = |id: i64| {
        plan.sites
            .iter()
            .find(|s| s.row.site_id == id)
            .unwrap()
            .changes
            .clone()
    };
    assert_eq!(changes_of(990001), [SiteChange::New]);
    assert!(matches!(
        changes_of(changed_site)[..],
        [SiteChange::SupervisorChanged { .. }]
    ));
    assert_eq!(
        plan.removed.iter().map(|s| s.site_id).collect::<Vec<_>>(),
        [removed_site]
    );
    assert_eq!(
        plan.unknown_people
            .iter()
            .map(|(_, e)| e.as_str())
            .collect::<Vec<_>>(),
        [other.1.as_str()]
    );

    let (status, body) = apply(&server, &admin, &file).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let result: SiteImportResult = serde_json::from_value(body).unwrap();
    assert!(result.import_id.is_some());
    assert_eq!((result.new_sites, result.changed, result.removed), (1, 1, 1));
    assert_eq!(result.people_added, 1);
    // The new person is a supervisor who runs the site; they cannot sign in before an admin
    // gives them a password.
    let (role, runs): (String, i64) = sqlx::query_as(
        "SELECT p.role, s.id FROM people p JOIN sites s ON s.supervisor_id = p.id WHERE p.email = ?",
    )
    .bind(&other.1)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!((role.as_str(), runs), ("supervisor", changed_site));
    assert_eq!(
        server.login(&browser(), &other.1, "x").await,
        StatusCode::UNAUTHORIZED
    );
    // The removed site keeps its record (and clock history) but no longer counts.
    assert_eq!(
        count(
            &server,
            &format!("SELECT COUNT(*) FROM sites WHERE id = {removed_site}")
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &server,
            &format!(
                "SELECT COUNT(*) FROM site_records WHERE id = {removed_site} AND removed_on IS NOT NULL"
            )
        )
        .await,
        1
    );

    // The same file again changes nothing, not even the import log.
    let before = site_snapshot(&server).await;
    let imports = count(&server, "SELECT COUNT(*) FROM site_imports").await;
    let log = count(&server, "SELECT COUNT(*) FROM membership_log").await;
    let (status, body) = apply(&server, &admin, &file).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        serde_json::from_value::<SiteImportResult>(body).unwrap(),
        SiteImportResult::default()
    );
    assert_eq!(site_snapshot(&server).await, before);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM site_imports").await, imports);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM membership_log").await, log);

    // A broken file: every bad row named with its line and reason, and nothing applied.
    let header = text.lines().next().unwrap();
    let good = row_of(&file, sites[0]);
    let variant = |col: usize, value: &str, id: &str| {
        let mut r = good.clone();
        r[0] = id.into();
        r[col] = value.into();
        r.join(";")
    };
    let broken = [
        header.to_string(),
        good.join(";"),
        variant(0, "x12", "x12"),
        variant(7, "ei-sahkopostia", "990002"),
        variant(4, "999999", "990003"),
        variant(8, "Tuntematon Aluejohtaja", "990004"),
        good.join(";"),
    ]
    .join("\n");
    let plan = preview(&server, &admin, &broken).await;
    let reasons: Vec<(u64, &str)> = plan.errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
    assert_eq!(
        reasons,
        [
            (3, "import_bad_id"),
            (4, "import_bad_email"),
            (5, "import_unknown_account"),
            (6, "import_unknown_regional_director"),
            (7, "import_duplicate_site"),
        ]
    );
    let (status, body) = apply(&server, &admin, &broken).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(site_snapshot(&server).await, before);
    assert_eq!(count(&server, "SELECT COUNT(*) FROM site_imports").await, imports);

    // A file of several megabytes (a whole billing-system export is ~4 MB at 30,000 sites) is
    // read, not refused for its size: here every site repeats, so each copy is a refused row.
    let many = std::iter::once(header.to_string())
        .chain(std::iter::repeat_n(
            text.lines().skip(1).collect::<Vec<_>>().join("\n"),
            40,
        ))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(many.len() > 2_500_000);
    let plan = preview(&server, &admin, &many).await;
    assert_eq!(plan.errors.len(), (text.lines().count() - 1) * 39);
    assert!(plan.errors.iter().all(|e| e.reason == "import_duplicate_site"));

    // The command line gives the same verdict, with the lines, and applies nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("laskutus.csv");
    std::fs::write(&path, &broken).unwrap();
    let refused = kamu::server::channel::site_import::command_line(&server.pool, &path, true)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("line 3: import_bad_id") && refused.contains("nothing was applied"),
        "{refused}"
    );
    assert_eq!(site_snapshot(&server).await, before);
    std::fs::write(&path, &file).unwrap();
    let report = kamu::server::channel::site_import::command_line(&server.pool, &path, false)
        .await
        .unwrap();
    assert!(
        report.contains("0 refused rows") && report.contains("preview only"),
        "{report}"
    );

    // A file without a needed column, an empty file, and non-admins are refused.
    let (status, _) = apply(&server, &admin, "kohde;kohteen_nimi\n1;A").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = apply(&server, &admin, header).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let director = signed_in(&server, DIRECTOR).await;
    let (status, _) = json_call(&server, &director, "sites/preview", json!({ "text": text })).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        call(&server, &director, "sites/export", &[]).await.0,
        StatusCode::FORBIDDEN
    );
}

async fn channel(server: &TestServer, client: &Client, account: i64) -> (StatusCode, Option<ChannelView>) {
    let (status, body) = call(server, client, "channel", &[("account", &account.to_string())]).await;
    (status, serde_json::from_str(&body).ok())
}

async fn tally(server: &TestServer, client: &Client, post: Uuid) -> AckTally {
    let (status, body) = call(server, client, "channel/tally", &[("post", &post.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn inbox(server: &TestServer, client: &Client) -> Inbox {
    let (status, body) = call(server, client, "inbox", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// An account of the demo director where the demo supervisor runs no site, and a site there
/// whose supervisor runs no other site of that account (so changing it moves access).
async fn handover(server: &TestServer) -> (i64, i64, i64) {
    sqlx::query_as(
        "SELECT a.id, s.id, s.supervisor_id FROM accounts a JOIN sites s ON s.account_id = a.id
         WHERE a.director_id = (SELECT id FROM people WHERE email = ?1) AND a.confidential = 0
           AND NOT EXISTS (SELECT 1 FROM sites x JOIN people p ON p.id = x.supervisor_id
                           WHERE x.account_id = a.id AND p.email = ?2)
           AND (SELECT COUNT(*) FROM sites y WHERE y.account_id = a.id AND y.supervisor_id = s.supervisor_id) = 1
         ORDER BY a.id, s.id LIMIT 1",
    )
    .bind(DIRECTOR)
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_supervisor_change_moves_access_and_the_active_urgent_bulletin_with_it() {
    let server = start().await;
    let (account, site, old_id) = handover(&server).await;
    let old_email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = ?")
        .bind(old_id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let director = signed_in(&server, DIRECTOR).await;
    let old = signed_in(&server, &old_email).await;
    let new = signed_in(&server, SUPERVISOR).await;
    assert_eq!(server.account(&new, account).await.0, StatusCode::FORBIDDEN);

    let (status, bulletin) = post(
        &server,
        &director,
        account,
        "bulletin",
        "urgent",
        "Kulkuavaimet vaihtuvat maanantaina",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let before = tally(&server, &director, bulletin).await;
    assert!(before.not_yet.iter().any(|p| p.id.0 == old_id));
    assert!(inbox(&server, &old)
        .await
        .items
        .iter()
        .any(|i| i.post.id == bulletin && i.needs_ack()));

    // The billing system now says the demo supervisor runs the site.
    let admin = signed_in(&server, ADMIN).await;
    let text = export(&server, &admin).await;
    let name: String = sqlx::query_scalar("SELECT name FROM people WHERE email = ?")
        .bind(SUPERVISOR)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let file = with_field(&with_field(&text, site, 6, &name), site, 7, SUPERVISOR);
    let (status, body) = apply(&server, &admin, &file).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let result: SiteImportResult = serde_json::from_value(body).unwrap();
    let log: Vec<(i64, bool, String)> = sqlx::query_as(
        "SELECT person_id, gained, import_id FROM membership_log WHERE account_id = ? ORDER BY gained",
    )
    .bind(account)
    .fetch_all(&server.pool)
    .await
    .unwrap();
    let new_id: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = ?")
        .bind(SUPERVISOR)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let import = result.import_id.unwrap();
    assert_eq!(
        log,
        [(old_id, false, import.clone()), (new_id, true, import.clone())]
    );

    // The admin's import page lists the same moves, newest import first; a director may not look.
    let (status, history) = call(&server, &admin, "sites/imports", &[]).await;
    assert_eq!(status, StatusCode::OK, "{history}");
    let history: serde_json::Value = serde_json::from_str(&history).unwrap();
    let latest = &history[0];
    assert_eq!(latest["id"], json!(import));
    let account_name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(account)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let moves: Vec<(String, String, bool)> = latest["access"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["account"] == json!(account_name))
        .map(|c| {
            (
                c["email"].as_str().unwrap().to_string(),
                c["account"].as_str().unwrap().to_string(),
                c["gained"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        moves,
        [
            (old_email.clone(), account_name.clone(), false),
            (SUPERVISOR.to_string(), account_name, true)
        ]
    );
    assert_eq!(
        latest["gained"].as_u64().unwrap() + latest["lost"].as_u64().unwrap(),
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM membership_log WHERE import_id = ?")
            .bind(&import)
            .fetch_one(&server.pool)
            .await
            .unwrap() as u64
    );
    let (status, body) = call(&server, &director, "sites/imports", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains(&old_email));

    // The old supervisor: 403 everywhere, the device's next pull drops the account, and the
    // bulletin leaves their inbox.
    assert_eq!(server.account(&old, account).await.0, StatusCode::FORBIDDEN);
    assert_eq!(channel(&server, &old, account).await.0, StatusCode::FORBIDDEN);
    let (status, pulled) = json_call(&server, &old, "sync/pull", json!({ "cursor": 0 })).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!pulled["accounts"].as_array().unwrap().contains(&json!(account)));
    assert!(!inbox(&server, &old)
        .await
        .items
        .iter()
        .any(|i| i.post.id == bulletin));
    let outcome = acknowledge(&server, &old, Uuid::now_v7(), account, bulletin).await;
    assert_eq!(outcome, json!({ "outcome": "rejected", "reason": "forbidden" }));

    // The new one sees the account and has the active urgent bulletin to acknowledge.
    assert_eq!(server.account(&new, account).await.0, StatusCode::OK);
    let items = inbox(&server, &new).await;
    assert!(items.items.iter().any(|i| i.post.id == bulletin && i.needs_ack()));
    assert!(items.unread() >= 1);

    // The director's counts follow: the old supervisor is no longer asked, the new one is.
    let after = tally(&server, &director, bulletin).await;
    assert_eq!(after.asked, before.asked);
    assert!(!after.not_yet.iter().any(|p| p.id.0 == old_id));
    assert!(after.not_yet.iter().any(|p| p.id.0 == new_id));
    let site_row = after.sites.iter().find(|s| s.site.0 == site).unwrap();
    assert_eq!(site_row.supervisor.as_ref().map(|p| p.id.0), Some(new_id));
    assert_eq!(site_row.acknowledged, None);

    // The new supervisor acknowledges (as the sync engine sends it); a replay changes nothing.
    let op = Uuid::now_v7();
    assert_eq!(
        acknowledge(&server, &new, op, account, bulletin).await,
        json!({ "outcome": "applied" })
    );
    assert_eq!(
        acknowledge(&server, &new, op, account, bulletin).await,
        json!({ "outcome": "duplicate" })
    );
    let acked = tally(&server, &director, bulletin).await;
    assert_eq!(acked.acknowledged, after.acknowledged + 1);
    assert_eq!(acked.not_yet.len(), after.not_yet.len() - 1);
    assert!(acked
        .sites
        .iter()
        .find(|s| s.site.0 == site)
        .unwrap()
        .acknowledged
        .is_some());
    assert!(!inbox(&server, &new).await.items.iter().any(|i| i.needs_ack()));

    // Reminding reaches exactly those not yet acknowledged; only moderators may follow or remind.
    let (status, body) = call(
        &server,
        &director,
        "channel/remind",
        &[("post", &bulletin.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body.parse::<usize>().unwrap(), acked.not_yet.len());
    // Reminders send push notifications: a second one right away is refused (429) until the
    // interval has passed, so nobody can flood a site's phones.
    let res = director
        .post(format!("{}/api/channel/remind", server.base))
        .form(&[("post", &bulletin.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((500..=600).contains(&retry), "{retry}");
    let (status, _) = call(&server, &new, "channel/tally", &[("post", &bulletin.to_string())]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn no_one_reads_or_writes_another_accounts_channel_also_through_search() {
    let server = start().await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (_, Some(mine)) = server.accounts(&supervisor).await else {
        panic!("accounts")
    };
    let a = mine[0].id.0;
    let b: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM sites s JOIN people p ON p.id = s.supervisor_id
         WHERE s.account_id = a.id AND p.email = ?) ORDER BY a.id LIMIT 1",
    )
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let b_director: String = sqlx::query_scalar(
        "SELECT p.email FROM accounts a JOIN people p ON p.id = a.director_id WHERE a.id = ?",
    )
    .bind(b)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let b_director = signed_in(&server, &b_director).await;
    let (status, _) = post(
        &server,
        &b_director,
        b,
        "bulletin",
        "normal",
        "Salainen hinnoittelu Zyxwv",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = post(
        &server,
        &supervisor,
        a,
        "question",
        "normal",
        "Missä Zyxwv-avaimet ovat?",
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // Reading, posting, searching and queued writes in B are all refused for A's supervisor.
    assert_eq!(channel(&server, &supervisor, b).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        post(&server, &supervisor, b, "question", "normal", "Saanko?")
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = call(
        &server,
        &supervisor,
        "channel/search",
        &[("account", &b.to_string()), ("text", "zyxwv")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains("Salainen"));
    let (status, answer) = json_call(
        &server,
        &supervisor,
        "sync/push",
        json!({ "ops": [{ "id": Uuid::now_v7(), "account_id": b, "change": { "kind": "channel", "action": { "action": "post",
            "post": { "id": Uuid::now_v7(), "kind": "question", "urgency": "normal", "question_id": null, "body": "Hei" } } } }] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        answer[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "forbidden" })
    );

    // Search in A finds A's post by a word's beginning, and never B's.
    let (status, body) = call(
        &server,
        &supervisor,
        "channel/search",
        &[("account", &a.to_string()), ("text", "zyx")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Zyxwv-avaimet") && !body.contains("Salainen"),
        "{body}"
    );

    // A supervisor may not send bulletins; an oversize post is refused with its reason.
    let (status, _) = post(&server, &supervisor, a, "bulletin", "urgent", "Kaikki heti!").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = post(&server, &supervisor, a, "question", "normal", &"ä".repeat(4001)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // A's channel shows the question to its members.
    let (status, view) = channel(&server, &supervisor, a).await;
    assert_eq!(status, StatusCode::OK);
    assert!(view
        .unwrap()
        .posts
        .iter()
        .any(|p| p.body.contains("Zyxwv-avaimet")));
}

#[tokio::test]
async fn an_urgent_bulletin_is_pushed_encrypted_for_the_subscription_and_signed_with_vapid() {
    use base64::Engine;
    use ece::EcKeyComponents;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;

    // A local push service that keeps what it receives.
    let received = std::sync::Arc::new(std::sync::Mutex::new(
        Vec::<(axum::http::HeaderMap, Vec<u8>)>::new(),
    ));
    let keep = received.clone();
    let endpoint_app = axum::Router::new().route(
        "/push/{id}",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
            let keep = keep.clone();
            async move {
                keep.lock().unwrap().push((headers, body.to_vec()));
                StatusCode::CREATED
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let push_addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, endpoint_app).await });

    let server = start_with(|c| c.push_allow_http = true).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let account: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN sites s ON s.account_id = a.id JOIN people sp ON sp.id = s.supervisor_id
         WHERE a.director_id = (SELECT id FROM people WHERE email = ?) AND sp.email = ? LIMIT 1",
    )
    .bind(DIRECTOR)
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();

    // The browser's side of a subscription: its key pair and auth secret.
    let (keys, auth) = ece::generate_keypair_and_auth_secret().unwrap();
    let components: EcKeyComponents = keys.raw_components().unwrap();
    let endpoint = format!("http://{push_addr}/push/esimies");
    let (status, body) = json_call(
        &server,
        &supervisor,
        "push/subscribe",
        json!({ "endpoint": endpoint, "p256dh": b64.encode(keys.pub_as_raw().unwrap()), "auth": b64.encode(auth) }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = call(&server, &supervisor, "push/key", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let vapid_public: String = serde_json::from_str(&body).unwrap();

    let (status, _) = post(
        &server,
        &director,
        account,
        "bulletin",
        "urgent",
        "Vesikatko huomenna klo 8–12",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let mut message = None;
    for _ in 0..100 {
        let first = received.lock().unwrap().first().cloned();
        if let Some(m) = first {
            message = Some(m);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (headers, body) = message.expect("the push service received a message");
    assert_eq!(headers["content-encoding"], "aes128gcm");
    assert_eq!(headers["urgency"], "high");
    let authorization = headers["authorization"].to_str().unwrap();
    assert!(authorization.starts_with("vapid t="), "{authorization}");
    assert!(
        authorization.ends_with(&format!("k={vapid_public}")),
        "{authorization}"
    );
    assert!(
        !String::from_utf8_lossy(&body).contains("Vesikatko"),
        "the payload travels encrypted"
    );

    let plain = ece::decrypt(&components, &auth, &body).expect("decrypts with the subscription's keys");
    let note: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(note["body"], "Vesikatko huomenna klo 8–12");
    assert_eq!(note["urgent"], true);
    assert!(note["url"]
        .as_str()
        .unwrap()
        .starts_with(&format!("/asiakkuus/{account}/kanava")));

    // A plain-HTTP endpoint is refused where the server does not allow it.
    let strict = start().await;
    let supervisor = signed_in(&strict, SUPERVISOR).await;
    let (status, _) = json_call(
        &strict,
        &supervisor,
        "push/subscribe",
        json!({ "endpoint": endpoint, "p256dh": "x", "auth": "y" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

/// Channel writes are one kind of the sync engine's operations: one push carries a card edit and
/// a post, every answer is typed, a retry changes nothing, and an id is its author's alone.
#[tokio::test]
async fn one_push_carries_channel_writes_with_every_other_edit() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    let posts = || count(&server, "SELECT COUNT(*) FROM channel_posts");
    let before = posts().await;
    let (post_op, post_id, card_op, empty_op) =
        (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let post = |op: Uuid, id: Uuid, body: &str| {
        json!({ "id": op, "account_id": account, "change": { "kind": "channel", "action": { "action": "post",
            "post": { "id": id, "kind": "bulletin", "urgency": "normal", "question_id": null, "body": body } } } })
    };
    let card = json!({ "id": card_op, "account_id": account, "change": { "kind": "update_card",
        "period": { "year": 2027, "month": 4 },
        "base": { "field": "summary", "value": "" }, "value": { "field": "summary", "value": "Hyvä kuukausi" } } });
    let ops = json!([
        card,
        post(post_op, post_id, "Avaimet vaihtuvat maanantaina"),
        post(empty_op, Uuid::now_v7(), "   ")
    ]);
    let (status, answers) = push(&server, &director, &ops).await;
    assert_eq!(status, StatusCode::OK, "{answers}");
    assert_eq!(answers[0]["outcome"], json!({ "outcome": "applied" }));
    assert_eq!(answers[1]["outcome"], json!({ "outcome": "applied" }));
    // The channel's own rule, answered in the engine's typed form.
    assert_eq!(
        answers[2]["outcome"],
        json!({ "outcome": "rejected", "reason": "invalid", "detail": "post_empty" })
    );
    assert_eq!(posts().await, before + 1);
    let view = channel(&server, &director, account).await.1.expect("the channel");
    assert!(view
        .posts
        .iter()
        .any(|p| p.id == post_id && p.body == "Avaimet vaihtuvat maanantaina"));

    // A retry after a lost answer: nothing is posted twice.
    let (_, again) = push(
        &server,
        &director,
        &json!([post(post_op, post_id, "Avaimet vaihtuvat maanantaina")]),
    )
    .await;
    assert_eq!(again[0]["outcome"], json!({ "outcome": "duplicate" }));
    // Someone else who learns the operation id gets nothing of it.
    let other = signed_in(&server, "johtoryhma@kamu.example").await;
    let (_, stolen) = push(
        &server,
        &other,
        &json!([post(post_op, Uuid::now_v7(), "Toinen teksti")]),
    )
    .await;
    assert_eq!(
        stolen[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "already_exists" })
    );
    assert_eq!(posts().await, before + 1);
    // The same post id under a new operation by another person is refused by the channel.
    let (_, taken) = push(
        &server,
        &other,
        &json!([post(Uuid::now_v7(), post_id, "Kaapattu")]),
    )
    .await;
    assert_eq!(
        taken[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "already_exists" })
    );
    assert_eq!(posts().await, before + 1);
}

async fn pull(server: &TestServer, client: &Client, cursor: i64) -> PullAnswer {
    let (status, body) = json_call(server, client, "sync/pull", json!({ "cursor": cursor })).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

#[tokio::test]
async fn the_one_cursor_pull_carries_posts_and_acknowledgements_to_those_who_may_see_them() {
    let server = start().await;
    let (account, _site, member_id) = handover(&server).await;
    let member_email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = ?")
        .bind(member_id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let director = signed_in(&server, DIRECTOR).await;
    let member = signed_in(&server, &member_email).await;
    let outsider = signed_in(&server, SUPERVISOR).await;
    // Each device kept the channel as it was: changes after its cursor reach it by the pull.
    let kept = channel(&server, &member, account)
        .await
        .1
        .expect("the member's channel");
    let from = kept.sync_cursor;

    let bulletin = Uuid::now_v7();
    let (status, answers) = push(
        &server,
        &director,
        &json!([{ "id": Uuid::now_v7(), "account_id": account, "change": { "kind": "channel", "action": { "action": "post",
            "post": { "id": bulletin, "kind": "bulletin", "urgency": "urgent", "question_id": null, "body": "Hälytyskoodi vaihtuu" } } } }]),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answers}");
    assert_eq!(answers[0]["outcome"], json!({ "outcome": "applied" }));

    // The member's next pull brings the bulletin as they see it, and their inbox with it.
    let page = pull(&server, &member, from).await;
    let change = page
        .posts
        .iter()
        .find(|c| c.post.id == bulletin)
        .expect("the bulletin in the member's pull");
    assert!(!change.post.acknowledged);
    assert_eq!(
        change.tally, None,
        "a member does not follow others' acknowledgements"
    );
    let inbox = page.inbox.expect("the inbox on the last page");
    assert!(inbox.items.iter().any(|i| i.post.id == bulletin && i.needs_ack()));
    // Someone who may not see the account gets nothing of it.
    let page = pull(&server, &outsider, from).await;
    assert!(page.posts.iter().all(|c| c.post.account_id.0 != account));
    assert!(page.posts.iter().all(|c| c.post.id != bulletin));

    // The author pulls the bulletin with its tally; after the member acknowledges, the next
    // pull from there brings it again, with the acknowledgement counted.
    let page = pull(&server, &director, from).await;
    let before = page
        .posts
        .iter()
        .find(|c| c.post.id == bulletin)
        .and_then(|c| c.tally.clone())
        .expect("the author follows the bulletin's tally");
    assert!(before.not_yet.iter().any(|p| p.id.0 == member_id));
    let after_post = page.cursor;
    let member_site = |tally: &AckTally| {
        tally
            .sites
            .iter()
            .find(|s| s.supervisor.as_ref().is_some_and(|p| p.id.0 == member_id))
            .map(|s| (s.read, s.acknowledged.is_some()))
    };
    assert_eq!(member_site(&before), Some((false, false)));
    // The member opens the channel: the author's next pull shows the bulletin read, not yet
    // acknowledged.
    let (status, _) = call(
        &server,
        &member,
        "channel/read",
        &[("account", &account.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let page = pull(&server, &director, after_post).await;
    let read = page
        .posts
        .iter()
        .find(|c| c.post.id == bulletin)
        .and_then(|c| c.tally.clone())
        .expect("the read reaches the author's pull");
    assert_eq!(member_site(&read), Some((true, false)));
    assert_eq!(
        acknowledge(&server, &member, Uuid::now_v7(), account, bulletin).await,
        json!({ "outcome": "applied" })
    );
    let page = pull(&server, &director, after_post).await;
    let tally = page
        .posts
        .iter()
        .find(|c| c.post.id == bulletin)
        .and_then(|c| c.tally.clone())
        .expect("the acknowledgement reaches the author's pull");
    assert_eq!(tally.acknowledged, before.acknowledged + 1);
    assert!(!tally.not_yet.iter().any(|p| p.id.0 == member_id));
    let page = pull(&server, &member, after_post).await;
    assert!(page
        .posts
        .iter()
        .any(|c| c.post.id == bulletin && c.post.acknowledged));

    // Acknowledging again changes nothing, so nothing new is logged for devices to pull.
    let logged = count(&server, "SELECT COUNT(*) FROM change_log").await;
    acknowledge(&server, &member, Uuid::now_v7(), account, bulletin).await;
    assert_eq!(count(&server, "SELECT COUNT(*) FROM change_log").await, logged);
}
