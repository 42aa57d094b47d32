//! The quality card's round over real HTTP: submitted cards are frozen for everyone, a
//! correction keeps the old version, management's comments reach only those who may read
//! them, the portfolio shows a director only their own accounts, and the finance import is
//! all-or-nothing and idempotent.
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::account::AccountDetail;
use kamu::domain::card::facts::visit_tally;
use kamu::domain::card::portfolio::Portfolio;
use kamu::domain::card::CardState;
use kamu::domain::dates::YearMonth;
use reqwest::{Client, StatusCode};

const NOV: YearMonth = YearMonth {
    year: 2026,
    month: 11,
};

/// The demo director's account that the demo supervisor works in.
async fn shared_account(server: &TestServer) -> i64 {
    sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         JOIN sites s ON s.account_id = a.id JOIN people sp ON sp.id = s.supervisor_id
         WHERE p.email = 'asiakkuusjohtaja@kamu.example' AND sp.email = 'esimies@kamu.example' LIMIT 1",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

async fn detail(server: &TestServer, client: &Client, account: i64) -> AccountDetail {
    let (status, body) = server.account(client, account).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

fn card_edit(account: i64, base: serde_json::Value, value: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": uuid::Uuid::now_v7(),
        "account_id": account,
        "change": { "kind": "update_card", "period": { "year": 2026, "month": 11 }, "base": base, "value": value }
    })
}

/// The director drafts November's card red with its explanation, as the editor sends it.
async fn draft_red_card(server: &TestServer, director: &Client, account: i64) {
    let ops = serde_json::json!([
        card_edit(
            account,
            serde_json::json!({ "field": "light", "value": "green" }),
            serde_json::json!({ "field": "light", "value": "red" })
        ),
        card_edit(
            account,
            serde_json::json!({ "field": "summary", "value": "" }),
            serde_json::json!({ "field": "summary", "value": "Kolme kohdetta ilman esimiestä, rekrytointi käynnissä." })
        ),
        card_edit(
            account,
            serde_json::json!({ "field": "figure", "value": ["complaints", null] }),
            serde_json::json!({ "field": "figure", "value": ["complaints", 5] })
        ),
    ]);
    let (status, answers) = push(server, director, &ops).await;
    assert_eq!(status, StatusCode::OK);
    for a in answers.as_array().unwrap() {
        assert_eq!(a["outcome"]["outcome"], "applied", "{a}");
    }
}

fn nov(account: i64) -> [(&'static str, String); 3] {
    [
        ("account", account.to_string()),
        ("year", "2026".into()),
        ("month", "11".into()),
    ]
}

async fn step(server: &TestServer, client: &Client, endpoint: &str, account: i64) -> (StatusCode, String) {
    let form = nov(account);
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call(server, client, endpoint, &form).await
}

#[tokio::test]
async fn a_submitted_card_is_frozen_for_everyone_and_a_correction_keeps_the_submitted_version() {
    let server = start().await;
    let account = shared_account(&server).await;
    let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
    draft_red_card(&server, &director, account).await;

    // Management cannot submit the director's card; the director can.
    let management = signed_in(&server, "johtoryhma@kamu.example").await;
    assert_eq!(
        step(&server, &management, "card/submit", account).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, body) = step(&server, &director, "card/submit", account).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Submitting twice is refused with a reason.
    let (status, body) = step(&server, &director, "card/submit", account).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("card_not_draft"), "{body}");

    // The submitted card carries the visits the clock had, counted by the clock's own rule.
    let seen = detail(&server, &director, account).await;
    let card = seen.cards.iter().find(|c| c.period == NOV).unwrap();
    assert_eq!(card.workflow.state, CardState::Submitted);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let expected = visit_tally(&seen.events, NOV, NOV, today);
    assert!(expected.planned > 0, "the demo has November visits");
    assert_eq!(card.facts.as_ref().unwrap().visits, expected);
    assert!(
        !card.light_mark.as_ref().unwrap().by.name.is_empty(),
        "who set the light is kept"
    );

    // Nobody edits a submitted card: not the director, not an admin.
    let admin = signed_in(&server, "admin@kamu.example").await;
    for who in [&director, &admin] {
        let edit = serde_json::json!([card_edit(
            account,
            serde_json::json!({ "field": "light", "value": "red" }),
            serde_json::json!({ "field": "light", "value": "green" })
        )]);
        let (_, answers) = push(&server, who, &edit).await;
        assert_eq!(answers[0]["outcome"]["reason"], "invalid", "{answers}");
        assert_eq!(answers[0]["outcome"]["detail"], "card_submitted");
    }

    // Management reviews; the director corrects: version 2 is a draft, version 1 is kept.
    assert_eq!(
        step(&server, &management, "card/review", account).await.0,
        StatusCode::OK
    );
    assert_eq!(
        step(&server, &director, "card/correct", account).await.0,
        StatusCode::OK
    );
    let after = detail(&server, &director, account).await;
    let card = after.cards.iter().find(|c| c.period == NOV).unwrap();
    assert_eq!(
        (card.workflow.state, card.workflow.version),
        (CardState::Draft, 2)
    );
    assert_eq!(card.light, kamu::domain::card::TrafficLight::Red);
    let old: Vec<_> = after.card_versions.iter().filter(|v| v.period == NOV).collect();
    assert_eq!(old.len(), 1);
    assert_eq!(
        (old[0].workflow.version, old[0].workflow.state),
        (1, CardState::Reviewed)
    );
    assert_eq!(old[0].figures.complaints, Some(5));
    // The draft of version 2 takes edits again.
    let edit = serde_json::json!([card_edit(
        account,
        serde_json::json!({ "field": "light", "value": "red" }),
        serde_json::json!({ "field": "light", "value": "yellow" })
    )]);
    let (_, answers) = push(&server, &director, &edit).await;
    assert_eq!(answers[0]["outcome"]["outcome"], "applied", "{answers}");
}

#[tokio::test]
async fn comments_reach_only_those_who_may_read_them_and_a_director_sees_only_own_cards() {
    let server = start().await;
    let account = shared_account(&server).await;
    let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
    draft_red_card(&server, &director, account).await;
    assert_eq!(
        step(&server, &director, "card/submit", account).await.0,
        StatusCode::OK
    );

    let management = signed_in(&server, "johtoryhma@kamu.example").await;
    let comment = |text: &'static str, shared: &'static str| {
        let mut form: Vec<(&str, String)> = nov(account).to_vec();
        form.push(("text", text.into()));
        form.push(("instruction", "true".into()));
        form.push(("shared", shared.into()));
        form
    };
    for (text, shared) in [
        ("Tee korjaussuunnitelma joulukuun kokoukseen.", "false"),
        ("Rekrytointi etenee, tiedoksi kaikille.", "true"),
    ] {
        let form = comment(text, shared);
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, body) = call(&server, &management, "card/comment", &form).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // The director may not write management's comments.
    let form = comment("Itse kommentoin", "true");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        call(&server, &director, "card/comment", &form).await.0,
        StatusCode::FORBIDDEN
    );

    let for_director = detail(&server, &director, account).await.card_comments;
    assert_eq!(for_director.len(), 2);
    let supervisor = signed_in(&server, "esimies@kamu.example").await;
    let for_supervisor = detail(&server, &supervisor, account).await.card_comments;
    assert_eq!(for_supervisor.len(), 1);
    assert!(for_supervisor[0].shared);
    // Nor can the private one be found in the page the server renders for the supervisor.
    let (_, page) = server
        .page(
            &supervisor,
            &format!("/asiakkuus/{account}/laatukortti?kausi=2026-11"),
        )
        .await;
    assert!(
        !page.contains("korjaussuunnitelma joulukuun"),
        "a private comment leaked"
    );

    // The director acknowledges the instruction; management sees it as acknowledged.
    let id = for_director.iter().find(|c| !c.shared).unwrap().id.to_string();
    let (status, _) = call(
        &server,
        &director,
        "card/acknowledge",
        &[("account", &account.to_string()), ("comment", &id)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let seen = detail(&server, &management, account).await.card_comments;
    let acked = seen.iter().find(|c| c.id.to_string() == id).unwrap();
    assert!(acked.acknowledged.as_ref().is_some_and(|a| !a.by.name.is_empty()));

    // The portfolio: management sees every account, this red one before any green; a director
    // only their own; a supervisor has none.
    let portfolio = |client: Client| {
        let url = format!("{}/api/portfolio", server.base);
        async move {
            let res = client
                .post(url)
                .form(&[("month", "2026-11")])
                .send()
                .await
                .unwrap();
            let status = res.status();
            (status, res.json::<Portfolio>().await.ok())
        }
    };
    let (_, all) = portfolio(management.clone()).await;
    let all = all.unwrap();
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(all.entries.len() as i64, accounts);
    assert_eq!(
        all.entries[0].account_id.0, account,
        "the only red card comes first"
    );
    let (_, own) = portfolio(director.clone()).await;
    let own = own.unwrap();
    let director_id: i64 =
        sqlx::query_scalar("SELECT id FROM people WHERE email = 'asiakkuusjohtaja@kamu.example'")
            .fetch_one(&server.pool)
            .await
            .unwrap();
    assert!(!own.entries.is_empty());
    assert!(own.entries.iter().all(|e| e.director_id.0 == director_id));
    assert!(own.entries.len() < all.entries.len());
    assert_eq!(portfolio(supervisor.clone()).await.0, StatusCode::FORBIDDEN);

    // Another director cannot read or act on this account's card.
    let other: String =
        sqlx::query_scalar("SELECT email FROM people WHERE role = 'account_director' AND id <> ? LIMIT 1")
            .bind(director_id)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let other = signed_in(&server, &other).await;
    assert_eq!(server.account(&other, account).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        step(&server, &other, "card/correct", account).await.0,
        StatusCode::FORBIDDEN
    );
}

async fn figures_table(server: &TestServer) -> Vec<(i64, i64, i64, i64, i64, i64, String)> {
    sqlx::query_as(
        "SELECT account_id, year, month, revenue, margin, hours_tenths, import_id FROM account_figures
         ORDER BY account_id, year, month",
    )
    .fetch_all(&server.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_finance_import_previews_refuses_bad_files_whole_and_changes_nothing_the_second_time() {
    let server = start().await;
    let admin = signed_in(&server, "admin@kamu.example").await;
    let good = "asiakkuus;kausi;liikevaihto;kate;tunnit;liikevaihtotavoite;katetavoite;tuntibudjetti\n\
                1;2026-11;120 000;11 500,40;42,5;118 000;11 800;40\n\
                2;11/2026;80000;4000;20;;;\n\
                1;2026-10;1;1;1;;;\n";
    let before = figures_table(&server).await;

    let (status, preview) = json_call(
        &server,
        &admin,
        "figures/preview",
        serde_json::json!({ "text": good }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert!(preview["errors"].as_array().unwrap().is_empty(), "{preview}");
    let plans: Vec<String> = preview["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["plan"]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| "Changed".into())
        })
        .collect();
    // November is new for both accounts; the demo's October of account 1 changes.
    assert_eq!(plans, ["New", "New", "Changed"]);
    assert_eq!(figures_table(&server).await, before, "a preview changes nothing");

    let (status, result) = json_call(
        &server,
        &admin,
        "figures/apply",
        serde_json::json!({ "file_name": "talous-11.csv", "text": good }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(
        (result["new"].as_i64(), result["changed"].as_i64()),
        (Some(2), Some(1))
    );
    let once = figures_table(&server).await;
    let nov1 = once.iter().find(|r| (r.0, r.1, r.2) == (1, 2026, 11)).unwrap();
    assert_eq!((nov1.3, nov1.4, nov1.5), (120_000, 11_500, 425));

    // The same file again: every row unchanged, not a single stored row touched.
    let (_, again) = json_call(
        &server,
        &admin,
        "figures/apply",
        serde_json::json!({ "file_name": "talous-11.csv", "text": good }),
    )
    .await;
    assert_eq!(
        (
            again["new"].as_i64(),
            again["changed"].as_i64(),
            again["unchanged"].as_i64()
        ),
        (Some(0), Some(0), Some(3))
    );
    assert_eq!(figures_table(&server).await, once);

    // A file with broken rows: every one reported with its line and reason, nothing applied.
    let bad = "asiakkuus;kausi;liikevaihto;kate;tunnit\n\
               1;2026-12;100;10;1\n\
               1;joulukuu;100;10;1\n\
               999999;2026-12;100;10;1\n\
               2;2026-12;paljon;10;1\n\
               1;2026-12;100;10;1\n";
    let (_, preview) = json_call(
        &server,
        &admin,
        "figures/preview",
        serde_json::json!({ "text": bad }),
    )
    .await;
    let errors: Vec<(i64, String)> = preview["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["line"].as_i64().unwrap(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (3, "import_bad_period".to_string()),
            (4, "import_unknown_account".to_string()),
            (5, "import_not_a_number".to_string()),
            (6, "import_duplicate_month".to_string()),
        ]
    );
    let (status, _) = json_call(
        &server,
        &admin,
        "figures/apply",
        serde_json::json!({ "file_name": "rikki.csv", "text": bad }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        figures_table(&server).await,
        once,
        "nothing of a bad file is applied"
    );

    // A file with a header and no rows is refused rather than recorded as an import.
    let (status, body) = json_call(
        &server,
        &admin,
        "figures/apply",
        serde_json::json!({ "file_name": "tyhja.csv", "text": "asiakkuus;kausi;liikevaihto;kate;tunnit\n" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.to_string().contains("import_empty"), "{body}");

    // A header without the required columns names them; only admins import.
    let (status, body) = json_call(
        &server,
        &admin,
        "figures/preview",
        serde_json::json!({ "text": "asiakkuus;kausi\n1;2026-12\n" }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.to_string().contains("liikevaihto"), "{body}");
    let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
    let (status, _) = json_call(
        &server,
        &director,
        "figures/apply",
        serde_json::json!({ "file_name": "x", "text": good }),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn admins_set_the_light_rules_and_nonsense_limits_are_refused() {
    let server = start().await;
    let admin = signed_in(&server, "admin@kamu.example").await;
    let rules = serde_json::json!({ "rules": [
        { "measure": "visits_done", "weight": 5, "green": 90, "yellow": 75 },
        { "measure": "complaints", "weight": 1, "green": 0, "yellow": 2 }
    ]});
    let (status, _) = json_call(&server, &admin, "light-rules/save", rules.clone()).await;
    assert_eq!(status, StatusCode::OK);
    let read = |client: Client| {
        let server = &server;
        async move {
            let (_, body) = call(server, &client, "light-rules", &[]).await;
            serde_json::from_str::<serde_json::Value>(&body).unwrap()
        }
    };
    let saved = read(admin.clone()).await;
    assert_eq!(saved.as_array().unwrap().len(), 2);
    assert_eq!(saved[0]["green"], 90);
    let backwards =
        serde_json::json!({ "rules": [{ "measure": "complaints", "weight": 1, "green": 5, "yellow": 2 }] });
    let (status, body) = json_call(&server, &admin, "light-rules/save", backwards).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.to_string().contains("rule_limits_order"), "{body}");
    let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
    assert_eq!(
        json_call(&server, &director, "light-rules/save", rules).await.0,
        StatusCode::FORBIDDEN
    );
    // The refused change left the saved rules as they were.
    assert_eq!(read(admin.clone()).await, saved);
}

/// The portfolio asked for without a month opens on the latest month with a card sent to
/// management (issue 17, item 8): on 23.11.2026 November holds drafts at most, so October; once
/// a November card is sent, November.
#[tokio::test]
async fn the_portfolio_opens_on_the_latest_month_with_a_card_sent_to_management() {
    let server = start().await;
    let management = signed_in(&server, "johtoryhma@kamu.example").await;
    let opened = |client: Client| {
        let url = format!("{}/api/portfolio", server.base);
        async move {
            let res = client.post(url).form(&[("month", "")]).send().await.unwrap();
            assert_eq!(res.status(), StatusCode::OK);
            res.json::<Portfolio>().await.unwrap().period
        }
    };
    assert_eq!(
        opened(management.clone()).await,
        YearMonth {
            year: 2026,
            month: 10
        }
    );

    let account = shared_account(&server).await;
    let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
    draft_red_card(&server, &director, account).await;
    assert_eq!(
        opened(management.clone()).await,
        YearMonth {
            year: 2026,
            month: 10
        }
    );
    assert_eq!(
        step(&server, &director, "card/submit", account).await.0,
        StatusCode::OK
    );
    assert_eq!(
        opened(management.clone()).await,
        YearMonth {
            year: 2026,
            month: 11
        }
    );
    assert_eq!(
        opened(director.clone()).await,
        YearMonth {
            year: 2026,
            month: 11
        }
    );
}
