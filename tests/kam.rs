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

/// An account with none of the demo supervisor's sites (not a confidential one).
async fn not_the_supervisors(server: &TestServer) -> i64 {
    sqlx::query_scalar(
        "SELECT a.id FROM accounts a WHERE a.confidential = 0 AND NOT EXISTS (
             SELECT 1 FROM sites s JOIN people p ON p.id = s.supervisor_id
             WHERE s.account_id = a.id AND p.email = ?)
         ORDER BY a.id LIMIT 1",
    )
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

/// An account where the demo supervisor runs a site.
async fn supervisors_account(server: &TestServer) -> i64 {
    sqlx::query_scalar(
        "SELECT s.account_id FROM sites s JOIN people p ON p.id = s.supervisor_id WHERE p.email = ? LIMIT 1",
    )
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap()
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
    let elsewhere = not_the_supervisors(&server).await;
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

/// The forecast page is drawn by the server (`server::drawn`): its explanation, band, backtest
/// and chart are in the HTML the phone receives, in the reader's language, for those who see the
/// account; the page's markup never takes text as markup.
#[tokio::test]
async fn management_reads_the_forecast_page_with_its_explanation() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    // An account name that looks like markup stays text.
    sqlx::query("UPDATE accounts SET name = '<b>Oy</b> & Co' WHERE id = ?")
        .bind(account)
        .execute(&server.pool)
        .await
        .unwrap();
    let management = signed_in(&server, MANAGEMENT).await;
    let path = format!("/asiakkuus/{account}/ennuste");
    let (status, html) = server.page(&management, &path).await;
    assert_eq!(status, StatusCode::OK);
    let (_, answer) = forecast(&server, &management, account).await;
    let f: AccountForecast = serde_json::from_value(answer).expect("forecast");
    let c = f.forecast.expect("a forecast");
    let turning = c.turning_point.expect("the demo's curve turns");
    assert!(
        html.contains(&format!(
            "Noin {turning} tapaamisen jälkeen vuodessa jokainen lisätapaaminen tuo alle 0,1 kauppaa."
        )),
        "the turning point in words: {html}"
    );
    let b = f.backtest.expect("a backtest");
    let error = |e: f64| format!("{e:.2}").replace('.', ",");
    assert!(html.contains(&format!(
        "ennusteen keskivirhe {} kauppaa, pelkän ”kauppoja per tapaaminen” -suhteen {} kauppaa",
        error(b.forecast_error),
        error(b.naive_error)
    )));
    assert!(html.contains("data-testid=\"forecast-chart\""));
    assert!(
        html.contains("&lt;b&gt;Oy&lt;/b&gt; &amp; Co: tapaamiset ja kaupat"),
        "escaped name"
    );
    assert!(
        !html.contains("<b>Oy</b>"),
        "the name stays text, in the title too"
    );

    // The same page through the door, in English (a change of language in the app).
    let (status, body) = call(
        &server,
        &management,
        "drawn",
        &[("path", path.as_str()), ("lang", "en")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let drawn: Value = serde_json::from_str(&body).unwrap();
    assert!(drawn["html"]
        .as_str()
        .unwrap()
        .contains(&format!("After about {turning} meetings a year")));
    assert_eq!(drawn["title"], "<b>Oy</b> & Co: meetings and deals – Kamu");

    // A path that names no drawn page: not found, said as a page.
    let (status, body) = call(
        &server,
        &management,
        "drawn",
        &[("path", "/asiakkuus/1/../../etc"), ("lang", "fi")],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}

#[tokio::test]
async fn the_forecast_page_is_refused_to_those_who_do_not_see_the_account() {
    let server = start().await;
    let elsewhere = not_the_supervisors(&server).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (status, html) = server
        .page(&supervisor, &format!("/asiakkuus/{elsewhere}/ennuste"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Ei pääsyä"), "{html}");
    assert!(!html.contains("forecast-figures") && !html.contains("keskivirhe"));

    // Signed out: sent to sign in, and back here afterwards (a browser asks for HTML).
    let res = browser()
        .get(format!("{}/asiakkuus/{elsewhere}/ennuste", server.base))
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND);
    assert_eq!(
        res.headers()["location"],
        format!("/kirjaudu?next=/asiakkuus/{elsewhere}/ennuste").as_str()
    );
}

/// Goals and targets (drawn by the server): money against the finance import's targets, hours
/// against their budget, the account plan's meetings against the clock; nothing typed twice.
#[tokio::test]
async fn the_goals_page_shows_money_hours_and_the_plans_meetings_from_what_kamu_holds() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let (status, html) = server
        .page(&director, &format!("/asiakkuus/{account}/tavoitteet"))
        .await;
    assert_eq!(status, StatusCode::OK);
    // The revenue of this year's months that have a target, as the finance import has it.
    let (revenue, target): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT SUM(revenue), SUM(revenue_target) FROM account_figures
         WHERE account_id = ? AND year = 2026 AND revenue_target IS NOT NULL",
    )
    .bind(account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let euros = kamu::ui::format::euros;
    match (revenue, target) {
        (Some(r), Some(t)) => {
            assert!(html.contains(&euros(r)), "revenue {r} in {html}");
            assert!(html.contains(&euros(t)), "target {t}");
        }
        _ => assert!(
            html.contains("Talousjärjestelmästä ei ole tavoitteita tämän asiakkuusvuoden kuukausille.")
        ),
    }
    // The plan's customer meetings: those on this year's clock, not cancelled.
    assert!(html.contains("Asiakastapaaminen"), "{html}");
    assert!(html.contains("data-testid=\"goal-row\""));

    // A supervisor of none of the account's sites sees nothing of it.
    let elsewhere = not_the_supervisors(&server).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (status, html) = server
        .page(&supervisor, &format!("/asiakkuus/{elsewhere}/tavoitteet"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("goal-row"));

    // An account whose year starts in September has its goals for that year, named by its days.
    sqlx::query("UPDATE accounts SET year_start_month = 9 WHERE id = ?")
        .bind(account)
        .execute(&server.pool)
        .await
        .unwrap();
    let (_, html) = server
        .page(&director, &format!("/asiakkuus/{account}/tavoitteet"))
        .await;
    assert!(html.contains("1.9.2026–31.8.2027"), "{html}");
    // The months reported so far in that year (to November 2026; "today" is 23.11.2026).
    let (revenue, target): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT SUM(revenue), SUM(revenue_target) FROM account_figures
         WHERE account_id = ? AND revenue_target IS NOT NULL
           AND year = 2026 AND month BETWEEN 9 AND 11",
    )
    .bind(account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    match (revenue, target) {
        (Some(r), Some(t)) => {
            assert!(
                html.contains(&euros(r)),
                "the account year's revenue {r} in {html}"
            );
            assert!(html.contains(&euros(t)), "its target {t}");
        }
        _ => assert!(
            html.contains("Talousjärjestelmästä ei ole tavoitteita tämän asiakkuusvuoden kuukausille.")
        ),
    }
    // A budget imported ahead for a later month is not due yet: it is not among the targets.
    sqlx::query(
        "INSERT INTO account_figures (account_id, year, month, revenue, margin, hours_tenths,
             revenue_target, margin_target, hour_budget_tenths, import_id)
         SELECT ?, 2027, 3, 0, 0, 0, 987654321, NULL, NULL, import_id FROM account_figures LIMIT 1
         ON CONFLICT (account_id, year, month) DO UPDATE SET revenue_target = excluded.revenue_target",
    )
    .bind(account)
    .execute(&server.pool)
    .await
    .unwrap();
    let (_, later) = server
        .page(&director, &format!("/asiakkuus/{account}/tavoitteet"))
        .await;
    let ahead = 987_654_321 + target.unwrap_or(0);
    assert!(!later.contains(&euros(ahead)), "{later}");
    if let Some(t) = target {
        assert!(
            later.contains(&euros(t)),
            "the targets due are as before: {later}"
        );
    }
}

/// A record of the map's kinds (or a meeting note), created through the one engine.
fn create_doc(account: i64, kind: &str, id: Uuid, body: Value) -> Value {
    json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "create_record",
        "record": { "kind": kind, "id": id, "account_id": account, "body": body }
    }})
}

/// Pushes changes as a device does and checks every one was applied.
async fn push_applied(server: &TestServer, client: &Client, ops: &Value) {
    let (status, answers) = push(server, client, ops).await;
    assert_eq!(status, StatusCode::OK);
    for a in answers.as_array().unwrap() {
        assert_eq!(a["outcome"], json!({ "outcome": "applied" }), "{answers}");
    }
}

/// A person's part of the map page at `path`, as `client` reads it now.
async fn on_map(server: &TestServer, client: &Client, path: &str, name: &str) -> String {
    let (_, html) = server.page(client, path).await;
    person_on_map(&html, name).to_string()
}

/// The part of a page from `start` to the next person on the map.
fn person_on_map<'a>(html: &'a str, start: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start} on the map: {html}"));
    let rest = &html[from..];
    let end = rest.find("data-testid=\"map-person\"").unwrap_or(rest.len());
    &rest[..end]
}

/// Freshness is read from the meeting notes on the days the clock says their meetings were
/// held: a note written for the day first planned counts on the day the meeting was held, and a
/// meeting the clock says was cancelled met nobody.
#[tokio::test]
async fn the_clock_says_when_a_noted_meeting_was_held_and_whether_it_was() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let director_id = person_id(&server, DIRECTOR).await;
    let (meeting, held_on): (String, chrono::NaiveDate) = sqlx::query_as(
        "SELECT id, starts_on FROM clock_events
          WHERE account_id = ? AND kind = 'customer_meeting' AND status = 'done'
          ORDER BY starts_on DESC LIMIT 1",
    )
    .bind(account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let first_planned = held_on - chrono::Duration::days(3);
    let (position, person) = (Uuid::now_v7(), Uuid::now_v7());
    let ops = json!([
        create_doc(
            account,
            "position",
            position,
            json!({ "title": "Hankintapäällikkö", "buying_role": "decision_maker" })
        ),
        create_doc(
            account,
            "customer_person",
            person,
            json!({
                "position": position, "name": "Kalle Kellotettu", "started_on": "2019-01-01", "counterpart": director_id
            })
        ),
        create_doc(
            account,
            "meeting_note",
            Uuid::now_v7(),
            json!({
                "title": "Asiakastapaaminen", "held_on": first_planned, "meeting": meeting,
                "customer_people": [person], "ours": [director_id]
            })
        ),
    ]);
    push_applied(&server, &director, &ops).await;
    let path = format!("/asiakkuus/{account}/kartta");
    let kalle = on_map(&server, &director, &path, "Kalle Kellotettu").await;
    let on = |d: chrono::NaiveDate| format!("tavattu viimeksi {}", d.format("%-d.%-m.%Y"));
    assert!(kalle.contains(&on(held_on)), "the clock's day: {kalle}");
    assert!(!kalle.contains(&on(first_planned)), "{kalle}");

    // Moved to a day still to come (today is 23.11.2026): nobody has been met there yet.
    sqlx::query("UPDATE clock_events SET status = 'moved', starts_on = '2026-12-03' WHERE id = ?")
        .bind(&meeting)
        .execute(&server.pool)
        .await
        .unwrap();
    let kalle = on_map(&server, &director, &path, "Kalle Kellotettu").await;
    assert!(!kalle.contains("tavattu viimeksi"), "{kalle}");

    // The clock now says the meeting was cancelled: nobody was met there.
    sqlx::query("UPDATE clock_events SET status = 'cancelled' WHERE id = ?")
        .bind(&meeting)
        .execute(&server.pool)
        .await
        .unwrap();
    let kalle = on_map(&server, &director, &path, "Kalle Kellotettu").await;
    assert!(!kalle.contains("tavattu viimeksi"), "{kalle}");
    assert!(
        kalle.contains("data-testid=\"map-flag\""),
        "a pair never met: {kalle}"
    );

    // Any kind of meeting on the clock counts the same way: a cancelled yearly presentation
    // met nobody either.
    let presentation = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO clock_events (id, account_id, year, kind, title, starts_on, owner_role, status)
         VALUES (?, ?, 2026, 'account_presentation', 'Vuosiesittely', '2026-10-20', 'account_director', 'cancelled')",
    )
    .bind(presentation.to_string())
    .bind(account)
    .execute(&server.pool)
    .await
    .unwrap();
    let (position, person) = (Uuid::now_v7(), Uuid::now_v7());
    let ops = json!([
        create_doc(
            account,
            "position",
            position,
            json!({ "title": "Toimitusjohtaja" })
        ),
        create_doc(
            account,
            "customer_person",
            person,
            json!({
                "position": position, "name": "Anna Esittely", "started_on": "2019-01-01", "counterpart": director_id
            })
        ),
        create_doc(
            account,
            "meeting_note",
            Uuid::now_v7(),
            json!({
                "title": "Vuosiesittely", "held_on": "2026-10-20", "meeting": presentation,
                "customer_people": [person], "ours": [director_id]
            })
        ),
    ]);
    push_applied(&server, &director, &ops).await;
    let anna = on_map(&server, &director, &path, "Anna Esittely").await;
    assert!(!anna.contains("tavattu viimeksi"), "{anna}");
}

/// A note of one meeting of a series (the clock computes the occurrences; one that is changed
/// is stored under the same id): moved and marked held, it counts on its new day.
#[tokio::test]
async fn a_noted_meeting_of_a_series_counts_on_the_day_it_was_moved_to() {
    use kamu::domain::clock::series::occurrence_id;
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let director_id = person_id(&server, DIRECTOR).await;
    let series = Uuid::now_v7();
    let october = occurrence_id(
        series,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 15).unwrap(),
        None,
    );
    let (position, person) = (Uuid::now_v7(), Uuid::now_v7());
    let edit = |field: &str, base: Value, value: Value| {
        json!({ "id": Uuid::now_v7(), "account_id": account,
            "change": { "kind": "update_event", "event_id": october,
                "base": { "field": field, "value": base }, "value": { "field": field, "value": value } } })
    };
    let ops = json!([
        { "id": Uuid::now_v7(), "account_id": account,
          "change": { "kind": "create_series", "series": {
            "id": series, "account_id": account, "kind": "steering_group", "title": "Ohjausryhmä",
            "series": { "rule": { "every": "monthly", "day": 15 }, "starts_on": "2026-01-15",
                        "until": "2026-12-31" },
            "time": null, "owner_role": "account_director", "sites": [] } } },
        edit("starts_on", "2026-10-15".into(), "2026-10-20".into()),
        edit("status", "planned".into(), "done".into()),
        create_doc(account, "position", position, json!({ "title": "Kiinteistöpäällikkö" })),
        create_doc(account, "customer_person", person, json!({
            "position": position, "name": "Sarja Sovittu", "started_on": "2019-01-01", "counterpart": director_id
        })),
        create_doc(account, "meeting_note", Uuid::now_v7(), json!({
            "title": "Ohjausryhmä", "held_on": "2026-10-15", "meeting": october,
            "customer_people": [person], "ours": [director_id]
        })),
    ]);
    push_applied(&server, &director, &ops).await;
    let (_, html) = server
        .page(&director, &format!("/asiakkuus/{account}/kartta"))
        .await;
    let sarja = person_on_map(&html, "Sarja Sovittu");
    assert!(sarja.contains("tavattu viimeksi 20.10.2026"), "{sarja}");
}

#[tokio::test]
async fn a_reorganisation_recorded_through_the_engine_flags_the_pair_on_the_map() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let director_id = person_id(&server, DIRECTOR).await;
    let (management_id, management_name): (i64, String) =
        sqlx::query_as("SELECT id, name FROM people WHERE email = ?")
            .bind(MANAGEMENT)
            .fetch_one(&server.pool)
            .await
            .unwrap();
    let (position, leaver, successor) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let (cfo_position, cfo) = (Uuid::now_v7(), Uuid::now_v7());
    let ops = json!([
        // The customer's CFO is paired with our management, who see every account: a pair
        // that is ours, not one whose our side left.
        create_doc(
            account,
            "position",
            cfo_position,
            json!({ "title": "Talousjohtaja", "buying_role": "approver" })
        ),
        create_doc(
            account,
            "customer_person",
            cfo,
            json!({
                "position": cfo_position, "name": "Maija Rahoittaja", "started_on": "2019-05-01", "counterpart": management_id
            })
        ),
        create_doc(
            account,
            "position",
            position,
            json!({ "title": "Turvallisuuspäällikkö <b>", "buying_role": "influencer" })
        ),
        create_doc(
            account,
            "customer_person",
            leaver,
            json!({
                "position": position, "name": "Outi Lähtevä", "started_on": "2020-01-01",
                "stance": "supporter", "counterpart": director_id
            })
        ),
        create_doc(
            account,
            "meeting_note",
            Uuid::now_v7(),
            json!({
                "title": "Asiakastapaaminen", "held_on": "2026-11-02", "customer_people": [leaver, cfo], "ours": [director_id, management_id]
            })
        ),
    ]);
    push_applied(&server, &director, &ops).await;
    let path = format!("/asiakkuus/{account}/kartta");
    let (status, html) = server.page(&director, &path).await;
    assert_eq!(status, StatusCode::OK);
    // Met three weeks ago (the meeting note's attendees): a fresh pair, no flag.
    let outi = person_on_map(&html, "Outi Lähtevä");
    assert!(outi.contains("tavattu viimeksi 2.11.2026"), "{outi}");
    assert!(!outi.contains("map-flag"), "{outi}");
    let maija = person_on_map(&html, "Maija Rahoittaja");
    assert!(maija.contains(&management_name), "{maija}");
    assert!(!maija.contains("map-flag"), "management is still ours: {maija}");
    // A position's title is text, never markup.
    assert!(html.contains("Turvallisuuspäällikkö &lt;b&gt;"));

    // She leaves on 15.11.; her successor starts the next day. Nobody of ours knows him yet.
    let ops = json!([
        { "id": Uuid::now_v7(), "account_id": account, "change": {
            "kind": "edit_record", "record_kind": "customer_person", "id": leaver,
            "base": { "field": "doc", "value": ["left_on", null] },
            "value": { "field": "doc", "value": ["left_on", "2026-11-15"] }
        }},
        create_doc(account, "customer_person", successor, json!({
            "position": position, "name": "Ville Tulija", "started_on": "2026-11-16"
        })),
    ]);
    push_applied(&server, &director, &ops).await;
    let (_, html) = server.page(&director, &path).await;
    let outi = person_on_map(&html, "Outi Lähtevä");
    assert!(outi.contains("lähti 15.11.2026"), "{outi}");
    assert!(
        outi.contains("Lähti – paria ei ole siirretty seuraajalle"),
        "{outi}"
    );
    let ville = person_on_map(&html, "Ville Tulija");
    assert!(ville.contains("Ei paria meiltä"), "{ville}");
    assert!(html.contains("Ville Tulija aloitti (Turvallisuuspäällikkö &lt;b&gt;)"));
    assert!(html.contains("Outi Lähtevä lähti (Turvallisuuspäällikkö &lt;b&gt;)"));
    assert!(
        html.contains("Lähtijöitä, joiden paikkaa tai paria ei ole täytetty"),
        "counted as a gap"
    );
    // November's quality card lists both under the customer's organisation changes, from the
    // map: nobody types them twice.
    let card = json!({ "id": Uuid::now_v7(), "account_id": account, "change": { "kind": "update_card",
        "period": { "year": 2026, "month": 11 },
        "base": { "field": "summary", "value": "" }, "value": { "field": "summary", "value": "Organisaatio muuttui" } } });
    push_applied(&server, &director, &json!([card])).await;
    let (status, html) = server
        .page(
            &director,
            &format!("/asiakkuus/{account}/laatukortti?kausi=2026-11"),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Without the hydration markers between texts.
    let listed = html[html
        .find("data-testid=\"card-org-changes\"")
        .expect("the card lists the map's changes")..]
        .replace("<!>", "");
    let left = listed
        .find("Outi Lähtevä lähti (Turvallisuuspäällikkö &lt;b&gt;)")
        .expect("who left");
    let started = listed
        .find("Ville Tulija aloitti (Turvallisuuspäällikkö &lt;b&gt;)")
        .expect("who started");
    assert!(left < started, "oldest first");
    assert!(listed.contains("15.11.2026"));

    // A successor who left before she started is refused, with its reason.
    let (_, answers) = push(
        &server,
        &director,
        &json!([create_doc(
            account,
            "customer_person",
            Uuid::now_v7(),
            json!({
                "position": position, "name": "Väärä", "started_on": "2026-11-16", "left_on": "2026-11-01"
            })
        )]),
    )
    .await;
    assert_eq!(
        answers[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "invalid", "detail": "ends_before_start" })
    );

    // The map is the account's people's: someone who does not see the account gets 403.
    let elsewhere = not_the_supervisors(&server).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (status, html) = server
        .page(&supervisor, &format!("/asiakkuus/{elsewhere}/kartta"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let name: String = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(elsewhere)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    // Nothing of the account: not its name, nor its organisation's positions (every demo
    // account has a director of facilities).
    assert!(!html.contains("map-position") && !html.contains("Kiinteistöjohtaja"));
    assert!(!html.contains(&name), "{html}");
}

#[tokio::test]
async fn every_demo_account_has_an_organisation_and_account_one_is_mid_reorganisation() {
    let server = start().await;
    let admin = signed_in(&server, "admin@kamu.example").await;
    let (status, html) = server.page(&admin, "/asiakkuus/1/kartta").await;
    assert_eq!(status, StatusCode::OK);
    // Six positions in reporting lines, the demo's pairs met at meeting notes.
    assert_eq!(html.matches("data-testid=\"map-position\"").count(), 6, "{html}");
    assert!(html.contains("Kiinteistöjohtaja"));
    assert!(
        html.contains("tavattu viimeksi"),
        "freshness from the demo's notes"
    );
    // The property manager left and the successor has no pair yet.
    assert!(html.contains("data-testid=\"map-flag\""));
    assert!(html.contains("Lähti – paria ei ole siirretty seuraajalle"));
    assert!(html.contains("data-testid=\"map-change\""));
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let organised: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT account_id) FROM records WHERE kind = 'position' AND deleted_at IS NULL",
    )
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(organised, accounts);
}

#[tokio::test]
async fn everyone_finds_whom_to_contact_about_any_account_but_a_confidential_one_they_do_not_see() {
    let server = start().await;
    let elsewhere = not_the_supervisors(&server).await;
    let kam_id: i64 = sqlx::query_scalar("SELECT director_id FROM accounts WHERE id = ?")
        .bind(elsewhere)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    // Names are text, never markup; a number dials without its spaces.
    sqlx::query("UPDATE accounts SET name = 'Kohde & <b>Oy</b>' WHERE id = ?")
        .bind(elsewhere)
        .execute(&server.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE people SET name = 'Kaisa <i>Kam</i>', phone = '040 123 4567' WHERE id = ?")
        .bind(kam_id)
        .execute(&server.pool)
        .await
        .unwrap();
    // Another account of nobody the supervisor knows becomes confidential.
    let secret: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a WHERE a.id <> ? AND NOT EXISTS (
             SELECT 1 FROM sites s JOIN people p ON p.id = s.supervisor_id
             WHERE s.account_id = a.id AND p.email = ?)
           AND NOT EXISTS (SELECT 1 FROM account_members m JOIN people p ON p.id = m.person_id
             WHERE m.account_id = a.id AND p.email = ?)
         ORDER BY a.id LIMIT 1",
    )
    .bind(elsewhere)
    .bind(SUPERVISOR)
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    sqlx::query("UPDATE accounts SET confidential = 1, name = 'Salainen Yhtiö' WHERE id = ?")
        .bind(secret)
        .execute(&server.pool)
        .await
        .unwrap();

    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (status, html) = server.page(&supervisor, "/tuki").await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // The list: each account with its KAM, one tap from whom to contact about it.
    assert!(html.contains("Kohde &amp; &lt;b&gt;Oy&lt;/b&gt;"), "{html}");
    assert!(!html.contains("<b>Oy</b>"));
    assert!(html.contains("Kaisa &lt;i&gt;Kam&lt;/i&gt;"));
    assert!(html.contains(&format!("href=\"/tuki/{elsewhere}\"")));
    assert!(
        !html.contains("tel:"),
        "the list stays light: numbers are a tap away"
    );
    assert!(
        !html.contains("Salainen Yhtiö") && !html.contains(&format!("href=\"/tuki/{secret}\"")),
        "a confidential account's name is its secret"
    );
    let (listed, visible_to_supervisor): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE confidential = 0),
                (SELECT COUNT(*) FROM accounts a WHERE a.confidential <> 0 AND EXISTS (
                    SELECT 1 FROM account_members m JOIN people p ON p.id = m.person_id
                    WHERE m.account_id = a.id AND p.email = ?))",
    )
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(
        html.matches("data-testid=\"support-account\"").count() as i64,
        listed + visible_to_supervisor
    );

    // The KAM also leads one of the account's regions: listed once, as the KAM.
    sqlx::query(
        "UPDATE people SET role = 'regional_director',
             region_id = (SELECT region_id FROM sites WHERE account_id = ? LIMIT 1) WHERE id = ?",
    )
    .bind(elsewhere)
    .bind(kam_id)
    .execute(&server.pool)
    .await
    .unwrap();
    // The account's page: its KAM and team with phone and e-mail, then its regions' leads.
    let (status, html) = server.page(&supervisor, &format!("/tuki/{elsewhere}")).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    assert!(html.contains("Kohde &amp; &lt;b&gt;Oy&lt;/b&gt;"));
    assert!(html.contains("href=\"tel:0401234567\""));
    assert!(html.contains(">040 123 4567<"));
    assert!(html.contains("Asiakkuusjohtaja (KAM): koko asiakkuus ja sopimus"));
    let regions: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT region_id) FROM sites WHERE account_id = ?")
        .bind(elsewhere)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert!(regions > 0);
    assert_eq!(
        html.matches("data-testid=\"support-region\"").count() as i64,
        regions,
        "each region the account has sites in, once"
    );
    assert!(html.contains("palvelu alueen kohteissa"), "the regions' leads");
    assert_eq!(
        html.matches("Kaisa &lt;i&gt;Kam&lt;/i&gt;").count(),
        1,
        "each person once"
    );
    // The account itself stays closed to them: the directory names whom to ask, nothing more.
    let (status, _) = server.page(&supervisor, &format!("/asiakkuus/{elsewhere}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // A confidential account they do not see: refused, and its name is not in the answer.
    let (status, html) = server.page(&supervisor, &format!("/tuki/{secret}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("Salainen Yhtiö"));
    // An account that does not exist answers the same: probing ids tells nothing.
    let (status, _) = server.page(&supervisor, "/tuki/999999").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let path = format!("/tuki/{secret}");
    let (status, body) = call(
        &server,
        &supervisor,
        "drawn",
        &[("path", path.as_str()), ("lang", "fi")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(!body.contains("Salainen Yhtiö"));

    // Named in the confidential account's team: they find it and whom to contact there.
    sqlx::query(
        "INSERT INTO account_members (account_id, person_id)
         SELECT ?, id FROM people WHERE email = ?",
    )
    .bind(secret)
    .bind(SUPERVISOR)
    .execute(&server.pool)
    .await
    .unwrap();
    let (status, html) = server.page(&supervisor, &format!("/tuki/{secret}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Salainen Yhtiö"));

    let management = signed_in(&server, MANAGEMENT).await;
    let (_, html) = server.page(&management, "/tuki").await;
    assert!(html.contains("Salainen Yhtiö"), "management sees every account");
    let (status, html) = server.page(&management, &format!("/tuki/{secret}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Salainen Yhtiö"));
}

/// The map's forms (issue 19: the director records a reorganisation on a phone). Each carries
/// the record as drawn, which must be the server's own value: an edit made from it is based on
/// what the server has, so it applies (a form drawn from another shape would make every edit a
/// conflict). Only those who edit the account get forms.
#[tokio::test]
async fn the_maps_forms_carry_the_record_as_the_server_has_it_and_only_for_its_editors() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let director_id = person_id(&server, DIRECTOR).await;
    let path = format!("/asiakkuus/{account}/kartta");
    let (status, html) = server.page(&director, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("data-testid=\"map-new-person\""),
        "a form per position"
    );
    let form_at = html
        .find("data-testid=\"map-edit-person\"")
        .expect("a form per person");
    let form = &html[form_at..];
    let attr = |name: &str| -> String {
        let from = form.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let value = &form[from..from + form[from..].find('"').unwrap()];
        value
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    assert_eq!(attr("data-doc-kind"), "customer_person");
    assert_eq!(attr("data-doc-account"), account.to_string());
    let id: Uuid = attr("data-doc-id").parse().unwrap();
    let body: Value = serde_json::from_str(&attr("data-doc-body")).unwrap();
    let stored: String = sqlx::query_scalar("SELECT body FROM records WHERE id = ?")
        .bind(id.to_string())
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(body, serde_json::from_str::<Value>(&stored).unwrap());
    // Our people to pair with: the account's own support organisation, the director first.
    let director_name: String = sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
        .bind(director_id)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert!(
        form.contains(&format!("<option value=\"{director_id}\"")) && form.contains(&director_name),
        "the director is a counterpart to choose"
    );

    // An edit based on the drawn value applies, and the map shows it.
    let name = body["name"].as_str().unwrap().to_string();
    let (new, word) = match body["stance"].as_str() {
        Some("opponent") => ("supporter", "<span>tukija</span>"),
        _ => ("opponent", "<span>vastustaja</span>"),
    };
    assert!(!on_map(&server, &director, &path, &name).await.contains(word));
    let stance = json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "edit_record", "record_kind": "customer_person", "id": id,
        "base": { "field": "doc", "value": ["stance", body["stance"]] },
        "value": { "field": "doc", "value": ["stance", new] }
    }});
    push_applied(&server, &director, &json!([stance])).await;
    assert!(on_map(&server, &director, &path, &name).await.contains(word));

    // Management reads the map and edits nothing of it: no forms.
    let management = signed_in(&server, MANAGEMENT).await;
    let (status, html) = server.page(&management, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"map-person\""));
    assert!(!html.contains("doc-form"), "no forms for a reader");
}

/// The KAM names helpers (issue 19: "little KAMs" and business-area leads, with what each
/// answers for) through the one engine; all staff see them on whom-to-contact, right after the
/// KAM; only the KAM and admins get the forms, and nobody else may write them.
#[tokio::test]
async fn the_kams_helpers_are_named_by_the_kam_and_shown_to_all_staff() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let (helper_id, helper_name): (i64, String) = sqlx::query_as(
        "SELECT p.id, p.name FROM people p JOIN sites s ON s.supervisor_id = p.id
          WHERE s.account_id = ? AND p.active = 1 LIMIT 1",
    )
    .bind(account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let path = format!("/tuki/{account}");

    // The KAM's page has the forms, and the person to choose among the account's people.
    let (status, html) = server.page(&director, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"helper-new\""));
    assert!(html.contains(&format!("<option value=\"{helper_id}\"")));

    let role = Uuid::now_v7();
    let little_kam = |id: Uuid| {
        create_doc(
            account,
            "support_role",
            id,
            json!({ "person": helper_id, "helper": "little_kam", "answers_for": "Pirkanmaan <kohteet>" }),
        )
    };
    // Nobody but the KAM (and admins) names them.
    let (status, answers) = push(&server, &supervisor, &json!([little_kam(Uuid::now_v7())])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        answers[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "forbidden" }),
        "{answers}"
    );
    // Only one of the company's active people can be named.
    let gone: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM people")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let nobody = create_doc(
        account,
        "support_role",
        Uuid::now_v7(),
        json!({ "person": gone, "helper": "little_kam" }),
    );
    let (_, answers) = push(&server, &director, &json!([nobody])).await;
    assert_eq!(
        answers[0]["outcome"],
        json!({ "outcome": "rejected", "reason": "invalid", "detail": "unknown_person" }),
        "{answers}"
    );
    let create = little_kam(role);
    push_applied(&server, &director, &json!([create])).await;

    // Anyone in the company reads it on whom-to-contact, right after the KAM; no forms for them.
    let (status, html) = server.page(&supervisor, &path).await;
    assert_eq!(status, StatusCode::OK);
    let team = &html[html.find("data-testid=\"support-team\"").unwrap()..];
    let contacts: Vec<&str> = team.split("data-testid=\"support-contact\"").skip(1).collect();
    assert!(contacts[0].contains("Asiakkuusjohtaja (KAM)"), "the KAM first");
    // Then the helpers (the demo names some too), before the team and the regions.
    let at = contacts
        .iter()
        .position(|c| c.contains("Pikku-KAM: Pirkanmaan &lt;kohteet&gt;"))
        .expect("the new helper is listed");
    assert!(contacts[at].contains(&helper_name), "{}", contacts[at]);
    assert!(
        contacts[1..at].iter().all(|c| c.contains("Pikku-KAM")),
        "only helpers before it"
    );
    assert!(!html.contains("doc-form") && !html.contains("support-helpers"));

    // The KAM edits what they answer for, then ends the role.
    let edit = json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "edit_record", "record_kind": "support_role", "id": role,
        "base": { "field": "doc", "value": ["answers_for", "Pirkanmaan <kohteet>"] },
        "value": { "field": "doc", "value": ["answers_for", "ruokapalvelut"] }
    }});
    push_applied(&server, &director, &json!([edit])).await;
    let (_, html) = server.page(&director, &path).await;
    assert!(html.contains("Pikku-KAM: ruokapalvelut"));
    assert!(html.contains("data-testid=\"helper-remove\""));
    let remove = json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "delete_record", "record_kind": "support_role", "id": role
    }});
    push_applied(&server, &director, &json!([remove])).await;
    let (_, html) = server.page(&supervisor, &path).await;
    assert!(!html.contains("ruokapalvelut") && !html.contains("Pirkanmaan"));
}

/// Revenue per project and the base trend (issue 19, seed 002 Q2): the finance import takes a
/// project id and a contract/project flag per row; the rule leaves big projects out of the base
/// and the page lists exactly those; a director's decision on one project is kept with who and
/// why, and can be neither edited nor deleted; nobody else decides, and nobody outside the
/// account sees its money.
#[tokio::test]
async fn a_project_import_splits_base_from_one_offs_and_a_directors_decision_is_logged_with_who_and_why() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let admin = signed_in(&server, "admin@kamu.example").await;
    let file = format!(
        "asiakkuus;kausi;projekti;laji;liikevaihto;kate;tunnit\n\
         {account};2026-09;S-{account};sopimus;50 000;5 000;40\n\
         {account};2026-09;P-BIG;projekti;15 000;3 000;0\n\
         {account};2026-10;S-{account};sopimus;50 000;5 000;40\n\
         {account};2026-10;P-BIG;;15 000;3 000;0\n\
         {account};2026-10;P-SMALL;projekti;3 000;600;2\n"
    );
    // A bad row is named with its line and reason, and nothing of the file is applied.
    let broken = format!("{file}{account};2026-10;P-X;kertatyö;1;1;1\n{account};2026-10;P-SMALL;;1;1;1\n");
    let (_, preview) = json_call(&server, &admin, "figures/preview", json!({ "text": broken })).await;
    let errors: Vec<(i64, &str)> = preview["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_i64().unwrap(), e["reason"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, [(7, "import_bad_kind"), (8, "import_duplicate_month")]);
    let (status, _) = json_call(
        &server,
        &admin,
        "figures/apply",
        json!({ "file_name": "rikki.csv", "text": broken }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, result) = json_call(
        &server,
        &admin,
        "figures/apply",
        json!({ "file_name": "talous.csv", "text": file }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{result}");
    assert_eq!(
        result["new"].as_i64().unwrap() + result["changed"].as_i64().unwrap(),
        2,
        "two months"
    );
    // The quality card's month is the sum of its lines.
    let october: (i64, i64, i64) = sqlx::query_as(
        "SELECT revenue, margin, hours_tenths FROM account_figures WHERE account_id = ? AND year = 2026 AND month = 10",
    )
    .bind(account)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    assert_eq!(october, (68_000, 8_600, 420));

    let director = signed_in(&server, DIRECTOR).await;
    let path = format!("/asiakkuus/{account}/liikevaihto");
    let (status, html) = server.page(&director, &path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let excluded = |html: &str| -> Vec<String> {
        html.split("data-testid=\"revenue-excluded\"")
            .skip(1)
            .map(|part| {
                let from = part.find("<strong>").unwrap() + 8;
                part[from..from + part[from..].find('<').unwrap()].to_string()
            })
            .collect()
    };
    let by_rule = excluded(&html);
    assert!(
        by_rule.contains(&"P-BIG".to_string()),
        "30,000 € in two months: {by_rule:?}"
    );
    assert!(!by_rule.contains(&"P-SMALL".to_string()));
    assert!(
        html.contains(&kamu::ui::format::euros(30_000)),
        "P-BIG's revenue is listed"
    );
    assert!(
        html.contains("data-testid=\"revenue-decide\""),
        "the director decides"
    );
    assert!(
        html.contains("data-project=\"P-SMALL\""),
        "every line per project"
    );

    // The director decides the small project is a one-off: the log says who and why.
    let decision = |project: &str, one_off: bool, reason: &str| json!({ "project": project, "one_off": one_off, "reason": reason });
    let id = Uuid::now_v7();
    push_applied(
        &server,
        &director,
        &json!([create_doc(
            account,
            "one_off_decision",
            id,
            decision("P-SMALL", true, "Kertaluonteinen muutto")
        )]),
    )
    .await;
    let (_, html) = server.page(&director, &path).await;
    let now_excluded = excluded(&html);
    assert!(now_excluded.contains(&"P-SMALL".to_string()), "{now_excluded:?}");
    let director_name: String = sqlx::query_scalar("SELECT name FROM people WHERE email = ?")
        .bind(DIRECTOR)
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let log = &html[html.find("data-testid=\"revenue-decision\"").expect("the log")..];
    assert!(
        log.contains(&director_name) && log.contains("Kertaluonteinen muutto"),
        "{log}"
    );
    let maker: Option<i64> = sqlx::query_scalar("SELECT created_by FROM records WHERE id = ?")
        .bind(id.to_string())
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(
        maker,
        Some(person_id(&server, DIRECTOR).await),
        "who, from the session"
    );

    // A decision is kept: no delete, no edit, and never one without a reason.
    let (_, answers) = push(
        &server,
        &director,
        &json!([
            { "id": Uuid::now_v7(), "account_id": account, "change": {
                "kind": "delete_record", "record_kind": "one_off_decision", "id": id } },
            { "id": Uuid::now_v7(), "account_id": account, "change": {
                "kind": "edit_record", "record_kind": "one_off_decision", "id": id,
                "base": { "field": "doc", "value": ["reason", "Kertaluonteinen muutto"] },
                "value": { "field": "doc", "value": ["reason", "muu"] } } },
            create_doc(account, "one_off_decision", Uuid::now_v7(), decision("P-BIG", false, "  ")),
        ]),
    )
    .await;
    let reasons: Vec<&Value> = answers
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["outcome"]["detail"])
        .collect();
    assert_eq!(
        reasons,
        [
            &json!("kept_record"),
            &json!("unknown_field"),
            &json!("reason_missing")
        ],
        "{answers}"
    );

    // Management reads the page with no forms; a supervisor may not decide.
    let management = signed_in(&server, MANAGEMENT).await;
    let (status, html) = server.page(&management, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("data-testid=\"revenue-project\"") && !html.contains("doc-form"));
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let theirs = supervisors_account(&server).await;
    let (_, answers) = push(
        &server,
        &supervisor,
        &json!([create_doc(
            theirs,
            "one_off_decision",
            Uuid::now_v7(),
            decision("P-BIG", false, "Minusta jatkuvaa")
        )]),
    )
    .await;
    assert_eq!(answers[0]["outcome"]["reason"], json!("forbidden"), "{answers}");
    // Someone who does not see the account gets no page and no figure of it.
    let elsewhere = not_the_supervisors(&server).await;
    let (status, html) = server
        .page(&supervisor, &format!("/asiakkuus/{elsewhere}/liikevaihto"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("revenue-month"));
}

/// Admins set the company's KAM rules: the one-off limit moves what the revenue page leaves out
/// of the base, and a meeting's worth moves the forecast's turning point. Nonsense is refused
/// with the rule named, and nobody but an admin changes them.
#[tokio::test]
async fn admins_set_the_one_off_rule_and_a_meetings_worth_and_the_pages_follow() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let admin = signed_in(&server, "admin@kamu.example").await;
    let director = signed_in(&server, DIRECTOR).await;
    let file = format!(
        "asiakkuus;kausi;projekti;liikevaihto;kate;tunnit\n\
         {account};2026-10;;50 000;5 000;40\n\
         {account};2026-10;P-MID;25 000;2 500;0\n"
    );
    let (status, _) = json_call(
        &server,
        &admin,
        "figures/apply",
        json!({ "file_name": "t.csv", "text": file }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let path = format!("/asiakkuus/{account}/liikevaihto");
    let excluded = |html: &str| html.contains("<strong>P-MID</strong>");
    let (_, html) = server.page(&director, &path).await;
    assert!(excluded(&html), "25,000 € is over the standard 20,000 €");

    let (status, rules) = call(&server, &director, "kam/rules", &[]).await;
    assert_eq!(status, StatusCode::OK);
    let rules: Value = serde_json::from_str(&rules).unwrap();
    assert_eq!(
        rules,
        json!({ "one_off_over_eur": 20000, "one_off_within_months": 24, "meeting_worth_hundredths": 10 })
    );
    let (_, before) = forecast(&server, &director, account).await;
    let turning_before = before["forecast"]["turning_point"]
        .as_u64()
        .expect("a turning point");

    let set = |over: i64, worth: u32| {
        json!({ "rules": {
        "one_off_over_eur": over, "one_off_within_months": 24, "meeting_worth_hundredths": worth } })
    };
    let (status, _) = json_call(&server, &director, "kam/rules/save", set(30_000, 10)).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a director does not set the company's rules"
    );
    let (status, body) = json_call(&server, &admin, "kam/rules/save", set(0, 10)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.to_string().contains("rule_one_off_over"), "{body}");

    let (status, body) = json_call(&server, &admin, "kam/rules/save", set(30_000, 5)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, html) = server.page(&director, &path).await;
    assert!(!excluded(&html), "25,000 € is within the new 30,000 €");
    assert!(
        html.contains(&kamu::ui::format::euros(30_000)),
        "the page states the rule"
    );
    // A meeting need bring only 0.05 deals now: it pays for itself longer, the curve turns later.
    let (_, after) = forecast(&server, &director, account).await;
    assert_eq!(after["forecast"]["worth"], json!(0.05));
    let turning_after = after["forecast"]["turning_point"]
        .as_u64()
        .expect("a turning point");
    assert!(
        turning_after > turning_before,
        "{turning_before} → {turning_after}"
    );
}

/// The account's contracts (issue 18): those who answer for the account's business read them,
/// the current one marked from the dates and the notice deadline on top; the director adds one
/// through the one engine; a site's supervisor gets neither the page nor its figures.
#[tokio::test]
async fn contracts_are_read_by_those_who_answer_for_the_business_and_added_by_the_director() {
    let server = start().await;
    let account = directors_account(&server, DIRECTOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    let path = format!("/asiakkuus/{account}/sopimukset");
    let (status, html) = server.page(&director, &path).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    // The demo's contract in force, marked, with its link and the day notice must be given by.
    let current = &html[html.find("data-current").expect("a current contract")..];
    assert!(current.contains("Voimassa"), "{current}");
    assert!(current.contains("https://asiakirjat.example/sopimukset/"));
    assert!(
        html.contains("data-testid=\"contract-next\""),
        "the next day to act on"
    );
    assert!(html.contains("Irtisanottava viimeistään"));
    assert!(
        html.contains("data-testid=\"contract-new\""),
        "the director adds contracts"
    );

    // A new contract starting next year, through the engine: listed first, not current yet.
    let body = json!({
        "title": "Lisäsopimus: ruokapalvelut", "starts_on": "2027-01-01", "ends_on": "2029-12-31",
        "notice_months": 6, "annual_value_eur": 120000, "scope": "Lounas arkipäivisin",
        "document_url": "https://asiakirjat.example/lisa"
    });
    push_applied(
        &server,
        &director,
        &json!([create_doc(account, "contract", Uuid::now_v7(), body.clone())]),
    )
    .await;
    let (_, html) = server.page(&director, &path).await;
    let first = &html[html.find("data-testid=\"contract\"").unwrap()..];
    assert!(
        first.starts_with("data-testid=\"contract\"")
            && first[..600.min(first.len())].contains("Lisäsopimus: ruokapalvelut"),
        "{first}"
    );
    assert!(first.contains("Alkaa myöhemmin"));
    assert!(
        first.contains("30.6.2029"),
        "notice by: six months before the end"
    );
    assert!(html.contains(&kamu::ui::format::euros(120_000)));
    // A link that is not a web address is refused, and nothing of it is stored.
    let mut bad = body.clone();
    bad["document_url"] = json!("javascript:alert(1)");
    let (_, answers) = push(
        &server,
        &director,
        &json!([create_doc(account, "contract", Uuid::now_v7(), bad)]),
    )
    .await;
    assert_eq!(answers[0]["outcome"]["detail"], json!("bad_link"), "{answers}");

    // Management reads them with no forms.
    let management = signed_in(&server, MANAGEMENT).await;
    let (status, html) = server.page(&management, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Lisäsopimus: ruokapalvelut") && !html.contains("doc-form"));
    // A supervisor of one of the account's sites sees the account but not its contract terms.
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let theirs = supervisors_account(&server).await;
    let (status, html) = server
        .page(&supervisor, &format!("/asiakkuus/{theirs}/sopimukset"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!html.contains("data-testid=\"contract\"") && !html.contains("asiakirjat.example"));
}
