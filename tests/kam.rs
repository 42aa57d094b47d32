//! The KAM practice over real HTTP and a real SQLite file (issue 19): the meeting-to-deal
//! forecast fed by the demo's five past years of customer meetings and deals, a deal logged
//! through the one engine counted in it, and who may ask.
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::kam::forecast::AccountForecast;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";
const MANAGEMENT: &str = "johtoryhma@kamu.example";
const SUPERVISOR: &str = "esimies@kamu.example";

async fn forecast(server: &TestServer, client: &Client, account: i64) -> (StatusCode, Value) {
    let (status, body) = call(
        server,
        client,
        "kam/forecast",
        &[("account", &account.to_string())],
    )
    .await;
    (status, serde_json::from_str(&body).unwrap_or(Value::String(body)))
}

fn deal(account: i64, title: &str, decided_on: &str, won: bool) -> Value {
    json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "create_record",
        "record": { "kind": "deal", "id": Uuid::now_v7(), "account_id": account, "body": {
            "title": title, "decided_on": decided_on, "won": won, "value_eur": 36000, "meetings": []
        }}
    }})
}

#[tokio::test]
async fn the_director_sees_the_forecast_of_their_account_with_its_band_turning_point_and_backtest() {
    let server = start().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;

    let (status, answer) = forecast(&server, &director, account).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let answer: AccountForecast = serde_json::from_value(answer).expect("forecast");
    assert_eq!(answer.year, 2026);
    // The demo keeps five past years of every account: the curve has a record to learn from.
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(answer.account_years as i64, accounts * 5);
    let f = answer.forecast.expect("a forecast from the demo's past years");
    assert!(f.low <= f.expected && f.expected <= f.high, "{f:?}");
    // The demo's deals saturate (its curve turns at 15 meetings a year for an average account):
    // a turning point past the first meeting, and a half-saturation point the curve found.
    assert!(f.turning_point.is_some_and(|t| (5..=30).contains(&t)), "{f:?}");
    assert!((3.0..=12.0).contains(&f.half_at), "{f:?}");
    assert_eq!(f.years_of_record, 5);
    let backtest = answer.backtest.expect("held-out years");
    assert_eq!(backtest.years, vec![2022, 2023, 2024, 2025]);
    assert!(backtest.predictions > 0 && backtest.forecast_error.is_finite());

    // A deal won last week, logged through the one engine, counts in this year's deals; a deal
    // without a title is refused with its reason.
    let (status, answers) = push(
        &server,
        &director,
        &json!([deal(account, "Ikkunanpesu", "2026-11-20", true)]),
    )
    .await;
    assert_eq!(
        (status, answers[0]["outcome"].clone()),
        (StatusCode::OK, json!({ "outcome": "applied" }))
    );
    let (status, answers) = push(
        &server,
        &director,
        &json!([deal(account, " ", "2026-11-20", true)]),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        answers[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "invalid", "detail": "title_missing" })
    );
    let (_, after) = forecast(&server, &director, account).await;
    let after: AccountForecast = serde_json::from_value(after).expect("forecast");
    assert_eq!(after.deals_won, answer.deals_won + 1);
}

#[tokio::test]
async fn only_those_who_see_the_account_get_its_forecast() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;

    // Management sees every account's.
    let management = signed_in(&server, MANAGEMENT).await;
    assert_eq!(forecast(&server, &management, account).await.0, StatusCode::OK);

    // A supervisor of none of the account's sites: refused, and nothing of it in the answer.
    let elsewhere: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a WHERE a.confidential = 0 AND NOT EXISTS (
             SELECT 1 FROM sites s JOIN people p ON p.id = s.supervisor_id
             WHERE s.account_id = a.id AND p.email = ?)
         ORDER BY a.id LIMIT 1",
    )
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (status, body) = forecast(&server, &supervisor, elsewhere).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        !body.to_string().contains("expected"),
        "nothing of the forecast: {body}"
    );

    // Signed out: asked to sign in. An account that does not exist reads as forbidden.
    let (status, _) = forecast(&server, &browser(), account).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let director = signed_in(&server, DIRECTOR).await;
    assert_eq!(
        forecast(&server, &director, 999_999).await.0,
        StatusCode::FORBIDDEN
    );
}
