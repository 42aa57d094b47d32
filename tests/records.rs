//! Documents (the engine's declared kinds; contracts first) over real HTTP and a real SQLite
//! file: made offline and sent, a retry answered once, field edits merged with the loser kept,
//! deletion reaching devices as a tombstone, the kind's rules on the server, and contract terms
//! never reaching someone whose role may not read them, nor crossing accounts.
#![cfg(feature = "ssr")]

mod common;
use common::*;

use kamu::domain::sync::doc::{AccountRecords, RecordKind};
use kamu::domain::sync::PullAnswer;
use reqwest::{Client, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

const ADMIN: &str = "admin@kamu.example";
const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";
const SUPERVISOR: &str = "esimies@kamu.example";

fn contract(title: &str) -> Value {
    json!({
        "title": title,
        "signed_on": "2024-11-20",
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        "notice_months": 6,
        "annual_value_eur": 480000,
        "scope": "Ylläpitosiivous kaikissa kohteissa",
        "document_url": "https://asiakirjat.example/sopimus/123"
    })
}

fn create(account: i64, id: Uuid, body: Value) -> Value {
    json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "create_record",
        "record": { "kind": "contract", "id": id, "account_id": account, "body": body }
    }})
}

fn edit(account: i64, id: Uuid, field: &str, base: Value, value: Value) -> Value {
    json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "edit_record", "record_kind": "contract", "id": id,
        "base": { "field": "doc", "value": [field, base] },
        "value": { "field": "doc", "value": [field, value] }
    }})
}

fn delete(account: i64, id: Uuid) -> Value {
    json!({ "id": Uuid::now_v7(), "account_id": account, "change": {
        "kind": "delete_record", "record_kind": "contract", "id": id
    }})
}

/// Pushes one op and answers its outcome's JSON.
async fn send(server: &TestServer, client: &Client, op: &Value) -> Value {
    let (status, answers) = push(server, client, &json!([op])).await;
    assert_eq!(status, StatusCode::OK, "{answers}");
    answers[0]["outcome"].clone()
}

async fn pull(server: &TestServer, client: &Client, cursor: i64) -> PullAnswer {
    let (status, answer) = json_call(server, client, "sync/pull", json!({ "cursor": cursor })).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    serde_json::from_value(answer).expect("pull answer")
}

/// The server with the demo's data but none of its contracts: these tests count and order the
/// contracts they make themselves.
async fn start_without_contracts() -> TestServer {
    let server = start().await;
    sqlx::query("DELETE FROM records WHERE kind = 'contract'")
        .execute(&server.pool)
        .await
        .unwrap();
    server
}

async fn records_of(
    server: &TestServer,
    client: &Client,
    account: i64,
) -> (StatusCode, Option<AccountRecords>) {
    let (status, answer) = json_call(server, client, "sync/records", json!({ "account_id": account })).await;
    // The contracts of the copy: the demo's deals (another kind) ride in it too.
    let copy = serde_json::from_value::<AccountRecords>(answer)
        .ok()
        .map(|mut copy| {
            copy.records.retain(|r| r.kind == RecordKind::Contract);
            copy
        });
    (status, copy)
}

async fn rows(server: &TestServer, id: Uuid) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE id = ?")
        .bind(id.to_string())
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_contract_made_offline_is_stored_once_merged_field_by_field_and_deleted_for_every_device() {
    let server = start_without_contracts().await;
    let director = signed_in(&server, DIRECTOR).await;
    let admin = signed_in(&server, ADMIN).await;
    let account = directors_account(&server, DIRECTOR).await;
    let id = Uuid::now_v7();

    // Made on a phone: applied; the same op again (a lost answer) is a duplicate; another op
    // with the same record is a duplicate too, and another record under the id is refused.
    let made = create(account, id, contract("Siivouspalvelusopimus"));
    assert_eq!(
        send(&server, &director, &made).await,
        json!({ "outcome": "applied" })
    );
    assert_eq!(
        send(&server, &director, &made).await,
        json!({ "outcome": "duplicate" })
    );
    assert_eq!(rows(&server, id).await, 1);
    let other = create(account, id, contract("Toinen"));
    assert_eq!(
        send(&server, &admin, &other).await,
        json!({ "outcome": "rejected", "reason": "already_exists" })
    );

    // Two people edit offline from the same title: the first to arrive wins, the second is a
    // conflict that keeps its value for its author; another field of the same record merges.
    let base = json!("Siivouspalvelusopimus");
    let first = edit(
        account,
        id,
        "title",
        base.clone(),
        json!("Puitesopimus 2025–2027"),
    );
    assert_eq!(
        send(&server, &admin, &first).await,
        json!({ "outcome": "applied" })
    );
    let second = edit(account, id, "title", base, json!("Palvelusopimus"));
    let answer = send(&server, &director, &second).await;
    assert_eq!(answer["outcome"], "conflict", "{answer}");
    assert_eq!(
        answer["winning"]["value"],
        json!(["title", "Puitesopimus 2025–2027"])
    );
    assert_eq!(answer["losing"]["value"], json!(["title", "Palvelusopimus"]));
    let value = edit(account, id, "annual_value_eur", json!(480000), json!(510000));
    assert_eq!(
        send(&server, &director, &value).await,
        json!({ "outcome": "applied" })
    );

    // Every device of theirs gets the record in the pull, and the director their conflict.
    let pulled = pull(&server, &director, 0).await;
    let record = pulled.records.iter().find(|r| r.id == id).expect("pulled");
    let body = &record.record.as_ref().expect("live").body;
    assert_eq!(body["title"], json!("Puitesopimus 2025–2027"));
    assert_eq!(body["annual_value_eur"], json!(510000));
    let conflict = pulled
        .conflicts
        .iter()
        .find(|n| n.op.change.entity().key().contains(&id.to_string()));
    assert!(conflict.is_some(), "the losing title is kept for its author");
    let (status, copy) = records_of(&server, &director, account).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(copy.expect("copy").records.len(), 1);

    // Deleted: a tombstone in the pull, a late edit is not found, the id is never reused.
    let cursor = pulled.cursor;
    assert_eq!(
        send(&server, &admin, &delete(account, id)).await,
        json!({ "outcome": "applied" })
    );
    let after = pull(&server, &director, cursor).await;
    assert_eq!(after.records.len(), 1);
    assert_eq!(after.records[0].record, None);
    let late = edit(
        account,
        id,
        "scope",
        json!("Ylläpitosiivous kaikissa kohteissa"),
        json!("x"),
    );
    assert_eq!(
        send(&server, &director, &late).await,
        json!({ "outcome": "rejected", "reason": "not_found" })
    );
    assert_eq!(
        send(&server, &director, &create(account, id, contract("Uusi"))).await,
        json!({ "outcome": "rejected", "reason": "already_exists" })
    );
    let (_, copy) = records_of(&server, &director, account).await;
    assert!(copy.expect("copy").records.is_empty());
}

#[tokio::test]
async fn a_contract_breaking_its_rules_is_refused_with_the_rule_and_nothing_is_stored() {
    let server = start_without_contracts().await;
    let director = signed_in(&server, DIRECTOR).await;
    let account = directors_account(&server, DIRECTOR).await;
    let refused = |rule: &str| json!({ "outcome": "rejected", "reason": "invalid", "detail": rule });
    let with = |field: &str, value: Value| {
        let mut body = contract("Sopimus");
        body[field] = value;
        create(account, Uuid::now_v7(), body)
    };
    let cases = [
        (
            with("document_url", json!("javascript:alert(1)")),
            refused("bad_link"),
        ),
        (with("ends_on", json!("2024-12-31")), refused("ends_before_start")),
        (with("scope", json!("x".repeat(4001))), refused("text_too_long")),
        (with("title", json!("  ")), refused("title_missing")),
        (with("starts_on", json!(20250101)), refused("bad_value")),
        (with("annual_value_eur", json!(-5)), refused("bad_value")),
        (
            with("starts_on", json!("1899-01-01")),
            refused("date_out_of_range"),
        ),
    ];
    for (op, expected) in &cases {
        assert_eq!(&send(&server, &director, op).await, expected, "{op}");
    }
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE kind = 'contract'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // A field the kind does not have, and a value its rules refuse, on an existing record.
    let id = Uuid::now_v7();
    let made = create(account, id, contract("Sopimus"));
    assert_eq!(
        send(&server, &director, &made).await,
        json!({ "outcome": "applied" })
    );
    let unknown = edit(account, id, "owner", json!(null), json!("x"));
    assert_eq!(send(&server, &director, &unknown).await, refused("unknown_field"));
    let backwards = edit(account, id, "ends_on", json!("2027-12-31"), json!("2020-01-01"));
    assert_eq!(
        send(&server, &director, &backwards).await,
        refused("ends_before_start")
    );
    // A value the rules refuse is refused even from an old base: never kept as a conflict.
    let renamed = edit(account, id, "title", json!("Sopimus"), json!("Uusi nimi"));
    assert_eq!(
        send(&server, &director, &renamed).await,
        json!({ "outcome": "applied" })
    );
    for value in [json!(42), json!("x".repeat(40 * 1024))] {
        let stale = edit(account, id, "title", json!("Sopimus"), value);
        let answer = send(&server, &director, &stale).await;
        assert_eq!(answer["outcome"], "rejected", "{answer}");
    }
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sync_conflicts")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(kept, 0);
    let (_, copy) = records_of(&server, &director, account).await;
    assert_eq!(
        copy.expect("copy").records[0].body["ends_on"],
        json!("2027-12-31")
    );
}

#[tokio::test]
async fn contract_terms_never_reach_a_supervisor_and_never_cross_accounts() {
    let server = start_without_contracts().await;
    let admin = signed_in(&server, ADMIN).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;
    let director = signed_in(&server, DIRECTOR).await;
    // An account where the supervisor runs a site (they see its clock and channel).
    let account: i64 = sqlx::query_scalar(
        "SELECT s.account_id FROM sites s JOIN people p ON p.id = s.supervisor_id
         WHERE p.email = ? ORDER BY s.account_id LIMIT 1",
    )
    .bind(SUPERVISOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let cursor = pull(&server, &supervisor, 0).await.cursor;
    let id = Uuid::now_v7();
    let made = create(account, id, contract("Hinnasto"));
    assert_eq!(
        send(&server, &admin, &made).await,
        json!({ "outcome": "applied" })
    );

    // Not in their pull (not even the id), not in the account's copy, and not theirs to edit.
    let pulled = pull(&server, &supervisor, cursor).await;
    assert!(pulled.accounts.iter().any(|a| a.0 == account));
    assert!(pulled.records.is_empty(), "{:?}", pulled.records);
    let (status, copy) = records_of(&server, &supervisor, account).await;
    assert_eq!(status, StatusCode::OK);
    assert!(copy.expect("copy").records.is_empty());
    let retitle = edit(account, id, "title", json!("Hinnasto"), json!("x"));
    assert_eq!(
        send(&server, &supervisor, &retitle).await,
        json!({ "outcome": "rejected", "reason": "forbidden" })
    );

    let (_, copy) = records_of(&server, &admin, account).await;
    assert_eq!(copy.expect("copy").records[0].body["title"], json!("Hinnasto"));

    // Another account's director: neither through the record's account nor by naming their own.
    let own = directors_account(&server, DIRECTOR).await;
    let elsewhere: i64 = sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.email = ?
         WHERE a.director_id != p.id AND a.confidential = 0 ORDER BY a.id LIMIT 1",
    )
    .bind(DIRECTOR)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let theirs = Uuid::now_v7();
    let made = create(elsewhere, theirs, contract("Hinnasto"));
    assert_eq!(
        send(&server, &admin, &made).await,
        json!({ "outcome": "applied" })
    );
    let (status, copy) = records_of(&server, &director, elsewhere).await;
    assert!(copy.is_none() && status.is_client_error(), "{status}");
    for op in [
        edit(elsewhere, theirs, "title", json!("Hinnasto"), json!("x")),
        edit(own, theirs, "title", json!("Hinnasto"), json!("x")),
        delete(own, theirs),
    ] {
        assert_eq!(
            send(&server, &director, &op).await,
            json!({ "outcome": "rejected", "reason": "forbidden" }),
            "{op}"
        );
    }
    let (_, copy) = records_of(&server, &admin, elsewhere).await;
    assert_eq!(copy.expect("copy").records[0].body["title"], json!("Hinnasto"));
}
