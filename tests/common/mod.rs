//! What the server tests share: a server on a temporary database with demo data, a browser-like
//! client with cookies, and the calls the tests make.
#![allow(dead_code)]

pub mod oidc_provider;

use kamu::domain::account::AccountSummary;
use kamu::server::config::Config;
use reqwest::{redirect::Policy, Client, StatusCode};
use serde_json::json;
use sqlx::SqlitePool;
use uuid::Uuid;

pub struct TestServer {
    pub base: String,
    pub pool: SqlitePool,
    pub _dir: tempfile::TempDir,
}

pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> TestServer {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut config = Config::for_tests(dir.path().join("kamu.db"));
    config.demo = true;
    config.demo_scale = 0.2;
    config.today = Some("23.11.2026".into());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let addr = listener.local_addr().expect("addr");
    config.public_url = Some(format!("http://{addr}"));
    adjust(&mut config);
    let (app, state) = kamu::server::router::build(&config).await.expect("server builds");
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    TestServer {
        base: format!("http://{addr}"),
        pool: state.pool,
        _dir: dir,
    }
}

pub async fn start() -> TestServer {
    start_with(|_| {}).await
}

/// A signed-out browser. Every request gives up after a minute, so a server that stops answering
/// fails its test with a timeout instead of holding CI until its limit (one clean run hung so).
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .expect("client")
}

impl TestServer {
    pub async fn login(&self, client: &Client, email: &str, password: &str) -> StatusCode {
        client
            .post(format!("{}/api/login", self.base))
            .header("Accept", "application/json")
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .expect("login request")
            .status()
    }

    pub async fn accounts(&self, client: &Client) -> (StatusCode, Option<Vec<AccountSummary>>) {
        let res = client
            .post(format!("{}/api/accounts", self.base))
            .send()
            .await
            .expect("accounts request");
        let status = res.status();
        let body = if status.is_success() {
            res.json().await.ok()
        } else {
            None
        };
        (status, body)
    }

    pub async fn account(&self, client: &Client, id: i64) -> (StatusCode, String) {
        let res = client
            .post(format!("{}/api/account", self.base))
            .form(&[("id", id.to_string())])
            .send()
            .await
            .expect("account request");
        (res.status(), res.text().await.unwrap_or_default())
    }

    pub async fn page(&self, client: &Client, path: &str) -> (StatusCode, String) {
        let res = client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("page request");
        (res.status(), res.text().await.unwrap_or_default())
    }

    pub async fn account_names(&self) -> Vec<(i64, String)> {
        sqlx::query_as("SELECT id, name FROM accounts ORDER BY id")
            .fetch_all(&self.pool)
            .await
            .expect("accounts")
    }
}

pub async fn push(
    server: &TestServer,
    client: &Client,
    ops: &serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let res = client
        .post(format!("{}/api/sync/push", server.base))
        .json(&serde_json::json!({ "ops": ops }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or_default())
}

pub async fn call(
    server: &TestServer,
    client: &Client,
    endpoint: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let res = client
        .post(format!("{}/api/{endpoint}", server.base))
        .form(form)
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap_or_default())
}

/// A browser signed in as a demo person.
pub async fn signed_in(server: &TestServer, email: &str) -> Client {
    let client = browser();
    assert_eq!(
        server
            .login(&client, email, kamu::server::demo::DEMO_PASSWORD)
            .await,
        StatusCode::OK
    );
    client
}

/// Calls a server function that takes JSON.
pub async fn json_call(
    server: &TestServer,
    client: &Client,
    endpoint: &str,
    body: serde_json::Value,
) -> (StatusCode, serde_json::Value) {
    let res = client
        .post(format!("{}/api/{endpoint}", server.base))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap_or_default())
}

/// The first account (by id) a director runs.
pub async fn directors_account(server: &TestServer, email: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT a.id FROM accounts a JOIN people p ON p.id = a.director_id
         WHERE p.email = ? ORDER BY a.id LIMIT 1",
    )
    .bind(email)
    .fetch_one(&server.pool)
    .await
    .unwrap()
}

/// A demo person's id, by e-mail.
pub async fn person_id(server: &TestServer, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM people WHERE email = ?")
        .bind(email)
        .fetch_one(&server.pool)
        .await
        .unwrap()
}

/// Posts to an account's channel as the app does while online.
pub async fn post(
    server: &TestServer,
    client: &Client,
    account: i64,
    kind: &str,
    urgency: &str,
    body: &str,
) -> (StatusCode, Uuid) {
    let id = Uuid::now_v7();
    let (status, answer) = json_call(
        server,
        client,
        "channel/post",
        json!({ "account": account, "post": { "id": id, "kind": kind, "urgency": urgency, "question_id": null, "body": body } }),
    )
    .await;
    assert!(status != StatusCode::INTERNAL_SERVER_ERROR, "{answer}");
    (status, id)
}

/// Acknowledges an urgent bulletin as the sync engine sends it; answers the outcome.
pub async fn acknowledge(
    server: &TestServer,
    client: &Client,
    op: Uuid,
    account: i64,
    post: Uuid,
) -> serde_json::Value {
    let (status, body) = json_call(
        server,
        client,
        "sync/push",
        json!({ "ops": [{ "id": op, "account_id": account, "change": { "kind": "channel", "action": { "action": "acknowledge", "post_id": post } } }] }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body[0]["outcome"].clone()
}
