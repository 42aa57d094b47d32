//! Property tests of the parsers an outsider reaches, over real HTTP against a real server:
//! the sync push body (any signed-in person) and the CSV imports (admins). Whatever is sent,
//! the answer is 2xx or a clear 4xx: never a 5xx, never a dropped connection (a panic).
//!
//! `make test` runs `KAMU_FUZZ_CASES` (default 1,500) inputs per parser; `make fuzz` runs
//! 100,000 (see README).
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::csv_columns::Columns;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("KAMU_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_500)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Dates as chrono reads them, from far past to far future, and things that are almost dates.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        (1990i32..2110, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (-262_143i32..262_143, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:+07}-{m:02}-{d:02}")),
        "[0-9+-]{0,12}",
    ]
}

/// Any JSON value, with a bias to the shapes and words ops are made of.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
        date_text().prop_map(Value::from),
        prop::sample::select(vec![
            "create_event",
            "update_event",
            "delete_event",
            "create_series",
            "update_card",
            "title",
            "starts_on",
            "ends_on",
            "status",
            "note",
            "light",
            "summary",
            "figure",
            "monthly",
            "dates",
            "every_n_weeks",
            "iso_week",
            "green",
            "red",
            "done",
            "channel",
            "post",
            "acknowledge",
            "mark_answered",
            "bulletin",
            "urgent",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Well-formed operations of every kind, as a device sends them.
fn templates(account: i64) -> Vec<Value> {
    let event = json!({ "id": uuid::Uuid::now_v7(), "account_id": account, "kind": "custom",
        "title": "x", "starts_on": "2026-12-03", "ends_on": null, "time": "09:00:00",
        "owner_role": "account_director", "responsible": null, "site": null, "status": "planned",
        "note": "", "series": null, "status_mark": null });
    let series = |rule: Value| {
        json!({ "kind": "create_series", "series": { "id": uuid::Uuid::now_v7(), "account_id": account,
            "kind": "steering_group", "title": "x",
            "series": { "rule": rule, "starts_on": "2026-01-01", "until": "2026-12-31" },
            "time": null, "owner_role": "account_director", "sites": [], "days": 1 } })
    };
    vec![
        json!({ "kind": "create_event", "event": event }),
        json!({ "kind": "update_event", "event_id": uuid::Uuid::now_v7(),
                "base": { "field": "title", "value": "a" }, "value": { "field": "title", "value": "b" } }),
        json!({ "kind": "delete_event", "event_id": uuid::Uuid::now_v7() }),
        json!({ "kind": "update_card", "period": { "year": 2026, "month": 12 },
                "base": { "field": "light", "value": "green" }, "value": { "field": "light", "value": "red" } }),
        series(json!({ "every": "monthly", "day": 15 })),
        series(json!({ "every": "every_n_weeks", "weeks": 2 })),
        series(json!({ "every": "iso_week", "week": 38, "weekday": "Mon" })),
        series(json!({ "every": "dates", "dates": ["2026-03-01", "2026-04-01"] })),
        // Channel writes travel in the same push.
        json!({ "kind": "channel", "action": { "action": "post", "post": { "id": uuid::Uuid::now_v7(),
                "kind": "bulletin", "urgency": "urgent", "question_id": null, "body": "x",
                "email_after_hours": 4 } } }),
        json!({ "kind": "channel", "action": { "action": "post", "post": { "id": uuid::Uuid::now_v7(),
                "kind": "answer", "urgency": "normal", "question_id": uuid::Uuid::now_v7(), "body": "@x y" } } }),
        json!({ "kind": "channel", "action": { "action": "acknowledge", "post_id": uuid::Uuid::now_v7() } }),
        json!({ "kind": "channel", "action": { "action": "mark_answered", "question_id": uuid::Uuid::now_v7() } }),
    ]
}

/// A replacement value: either of the same JSON type as the value it replaces (so the body
/// still parses and the engine's own checks are reached), or anything at all.
#[derive(Debug, Clone)]
struct Replacement {
    same_type: bool,
    text: String,
    number: i64,
    flag: bool,
    any: Value,
}

fn replacement() -> impl Strategy<Value = Replacement> {
    (
        prop::bool::weighted(0.7),
        prop_oneof![date_text(), "\\PC{0,30}", "[a-z_]{1,12}", "\\PC{1990,2100}"],
        prop_oneof![any::<i64>(), -5i64..400],
        any::<bool>(),
        any_json(),
    )
        .prop_map(|(same_type, text, number, flag, any)| Replacement {
            same_type,
            text,
            number,
            flag,
            any,
        })
}

impl Replacement {
    fn for_value(&self, old: &Value) -> Value {
        if !self.same_type {
            return self.any.clone();
        }
        match old {
            Value::String(_) => Value::from(self.text.clone()),
            Value::Number(_) => Value::from(self.number),
            Value::Bool(_) => Value::from(self.flag),
            _ => self.any.clone(),
        }
    }
}

/// Replaces the value at a path (chosen by `picks`) inside `value`.
fn mutate(value: &mut Value, picks: &[usize], new: &Replacement) {
    let Some((&p, rest)) = picks.split_first() else {
        *value = new.for_value(value);
        return;
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            let n = map.len();
            if let Some(child) = map.values_mut().nth(p % n) {
                mutate(child, rest, new);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let n = items.len();
            mutate(&mut items[p % n], rest, new);
        }
        _ => *value = new.for_value(value),
    }
}

#[derive(Debug, Clone)]
enum PushBody {
    /// Well-formed ops with one value anywhere in each replaced.
    Mutated {
        template: usize,
        picks: Vec<usize>,
        value: Replacement,
        op_id: Option<String>,
    },
    /// Any JSON at all.
    Json(Value),
    /// Any bytes at all.
    Bytes(Vec<u8>),
}

fn push_body() -> impl Strategy<Value = PushBody> {
    prop_oneof![
        6 => (0usize..8, prop::collection::vec(any::<usize>(), 0..7), replacement(),
              prop::option::weighted(0.1, "\\PC{0,40}"))
            .prop_map(|(template, picks, value, op_id)| PushBody::Mutated { template, picks, value, op_id }),
        2 => any_json().prop_map(PushBody::Json),
        1 => prop::collection::vec(any::<u8>(), 0..400).prop_map(PushBody::Bytes),
    ]
}

#[test]
fn any_sync_push_body_gets_a_clear_answer() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (server, director, account) = rt.block_on(async {
        let server = start().await;
        let director = signed_in(&server, "asiakkuusjohtaja@kamu.example").await;
        let account = directors_account(&server, "asiakkuusjohtaja@kamu.example").await;
        (server, director, account)
    });
    let templates = templates(account);
    let tally = std::cell::RefCell::new(std::collections::BTreeMap::<u16, u32>::new());
    let result = runner().run(&push_body(), |input| {
        let body: Vec<u8> = match input {
            PushBody::Mutated {
                template,
                picks,
                value,
                op_id,
            } => {
                let mut change = templates[template].clone();
                mutate(&mut change, &picks, &value);
                let id = op_id.map_or_else(|| json!(uuid::Uuid::now_v7()), Value::from);
                serde_json::to_vec(&json!({ "ops": [{ "id": id, "account_id": account, "change": change }] }))
                    .unwrap()
            }
            PushBody::Json(v) => serde_json::to_vec(&json!({ "ops": v })).unwrap(),
            PushBody::Bytes(b) => b,
        };
        let status = rt.block_on(async {
            director
                .post(format!("{}/api/sync/push", server.base))
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .map(|r| r.status().as_u16())
        });
        let status = status.map_err(|e| TestCaseError::fail(format!("connection dropped: {e}")))?;
        *tally.borrow_mut().entry(status).or_default() += 1;
        prop_assert!(status < 500, "answered {}", status);
        Ok(())
    });
    let tally = tally.into_inner();
    println!("sync push: {} inputs, answers by status {tally:?}", cases());
    result.unwrap();
    assert!(
        tally.get(&200).copied().unwrap_or(0) > 0,
        "some inputs reached the engine: {tally:?}"
    );
}

/// A CSV file: a header of known (and unknown) column names in any order, then rows of any text.
fn csv_file(names: Vec<&'static str>) -> impl Strategy<Value = String> {
    let field = prop_oneof![
        "\\PC{0,24}",
        "[0-9]{1,6}",
        "[a-z.]{1,10}@[a-z]{1,8}\\.fi",
        "\"[^\"]{0,10}\"?",
        Just(String::new()),
        "[=+@-][A-Z(]{0,10}",
    ];
    // Half the files name every column (so their rows are read), half only some.
    let count = names.len();
    let columns = prop_oneof![
        Just(names.clone()).prop_shuffle(),
        prop::sample::subsequence(names, 0..=count).prop_shuffle(),
    ];
    let header = (columns, prop::option::of("[a-z]{1,8}"));
    (
        header,
        prop::sample::select(vec![";", ",", "\t"]),
        prop::collection::vec(prop::collection::vec(field, 0..11), 0..12),
        prop::sample::select(vec!["\n", "\r\n", "\r"]),
    )
        .prop_map(|((header, extra), sep, rows, newline)| {
            let mut header: Vec<String> = header.into_iter().map(str::to_string).collect();
            header.extend(extra);
            let mut text = header.join(sep);
            for row in rows {
                text.push_str(newline);
                text.push_str(&row.join(sep));
            }
            text
        })
}

fn column_names<C: Columns>() -> Vec<&'static str> {
    C::NAMES.iter().map(|(_, names)| names[0]).collect()
}

#[test]
fn any_import_file_gets_a_clear_answer() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (server, admin) = rt.block_on(async {
        let server = start().await;
        let admin = signed_in(&server, "admin@kamu.example").await;
        (server, admin)
    });
    for (door, names) in [
        (
            "sites/preview",
            column_names::<kamu::domain::channel::billing::Column>(),
        ),
        (
            "figures/preview",
            column_names::<kamu::domain::card::import::Column>(),
        ),
    ] {
        let tally = std::cell::RefCell::new(std::collections::BTreeMap::<u16, u32>::new());
        let result = runner().run(&csv_file(names), |text| {
            let status = rt.block_on(async {
                admin
                    .post(format!("{}/api/{door}", server.base))
                    .json(&json!({ "text": text }))
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            });
            let status = status.map_err(|e| TestCaseError::fail(format!("connection dropped: {e}")))?;
            *tally.borrow_mut().entry(status).or_default() += 1;
            prop_assert!(status == 200 || status == 400, "answered {}", status);
            Ok(())
        });
        let tally = tally.into_inner();
        println!("{door}: {} files, answers by status {tally:?}", cases());
        result.unwrap();
        assert!(
            tally.contains_key(&200) && tally.contains_key(&400),
            "{door}: {tally:?}"
        );
    }
}
