//! An OpenID Connect provider on the loopback, for the sign-in tests: discovery, keys (JWKS),
//! an authorization endpoint that acts for a person already signed in there, and a token
//! endpoint that checks the client's secret, the code (once only) and the PKCE verifier, and
//! answers an RS256-signed ID token (jwt-simple). A test can make it misbehave as an attacker
//! or a broken provider would: a token signed with another key, the wrong nonce, an expired
//! token, an unverified e-mail.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use jwt_simple::prelude::*;
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "kamu-test-client";
pub const CLIENT_SECRET: &str = "kamu-test-secret";

/// What the provider says of the e-mail: verified, not, or nothing (as Microsoft Entra ID),
/// possibly with Entra's own "the domain owner verified it" (`xms_edov`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    Yes,
    No,
    NotSaid,
    NotSaidButDomainOwned,
}

/// What the provider's ID token gets wrong, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    Good,
    /// Signed with a key that is not the provider's (same key id): a forgery.
    Forged,
    WrongNonce,
    Expired,
}

#[derive(Clone)]
struct Grant {
    nonce: String,
    challenge: String,
    redirect_uri: String,
    email: String,
}

struct Inner {
    /// The person signed in at the provider, and whether it vouches for their e-mail.
    email: String,
    verified: Verified,
    token: Token,
    codes: HashMap<String, Grant>,
    /// Codes presented to the token endpoint a second time.
    pub replays: usize,
}

#[derive(Clone)]
pub struct Provider {
    pub issuer: String,
    inner: Arc<Mutex<Inner>>,
    key: Arc<RS256KeyPair>,
    forger: Arc<RS256KeyPair>,
}

impl Provider {
    pub fn sign_in_as(&self, email: &str, verified: Verified) {
        let mut inner = self.inner.lock().unwrap();
        inner.email = email.to_string();
        inner.verified = verified;
    }

    pub fn answer(&self, token: Token) {
        self.inner.lock().unwrap().token = token;
    }

    pub fn replays(&self) -> usize {
        self.inner.lock().unwrap().replays
    }
}

/// Starts the provider on a free loopback port. Its issuer has a path, as Entra ID's does.
pub async fn start() -> Provider {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("port");
    let issuer = format!("http://{}/tenant/v2.0", listener.local_addr().expect("addr"));
    let provider = Provider {
        issuer: issuer.clone(),
        inner: Arc::new(Mutex::new(Inner {
            email: String::new(),
            verified: Verified::Yes,
            token: Token::Good,
            codes: HashMap::new(),
            replays: 0,
        })),
        key: Arc::new(RS256KeyPair::generate(2048).expect("key").with_key_id("key-1")),
        forger: Arc::new(RS256KeyPair::generate(2048).expect("key").with_key_id("key-1")),
    };
    let app = Router::new()
        .route("/tenant/v2.0/.well-known/openid-configuration", get(discovery))
        .route("/tenant/v2.0/keys", get(keys))
        .route("/tenant/v2.0/authorize", get(authorize))
        .route("/tenant/v2.0/token", post(token))
        .with_state(provider.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    provider
}

async fn discovery(State(p): State<Provider>) -> Json<serde_json::Value> {
    Json(json!({
        "issuer": p.issuer,
        "authorization_endpoint": format!("{}/authorize", p.issuer),
        "token_endpoint": format!("{}/token", p.issuer),
        "jwks_uri": format!("{}/keys", p.issuer),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "scopes_supported": ["openid", "email", "profile"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "claims_supported": ["sub", "email", "email_verified", "name"],
    }))
}

async fn keys(State(p): State<Provider>) -> Json<serde_json::Value> {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts = p.key.public_key().to_components();
    Json(json!({ "keys": [{
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": "key-1",
        "n": b64.encode(parts.n), "e": b64.encode(parts.e),
    }]}))
}

/// Acts for the person signed in at the provider: hands out a code at once.
async fn authorize(State(p): State<Provider>, Query(q): Query<HashMap<String, String>>) -> Response {
    let field = |k: &str| q.get(k).cloned().unwrap_or_default();
    if field("client_id") != CLIENT_ID
        || field("response_type") != "code"
        || !field("scope").split(' ').any(|s| s == "openid")
        || field("code_challenge_method") != "S256"
        || field("code_challenge").is_empty()
    {
        return (StatusCode::BAD_REQUEST, "bad authorization request").into_response();
    }
    let code = uuid::Uuid::new_v4().to_string();
    let mut inner = p.inner.lock().unwrap();
    let grant = Grant {
        nonce: field("nonce"),
        challenge: field("code_challenge"),
        redirect_uri: field("redirect_uri"),
        email: inner.email.clone(),
    };
    inner.codes.insert(code.clone(), grant);
    let back = reqwest::Url::parse_with_params(
        &field("redirect_uri"),
        &[("code", code), ("state", field("state"))],
    )
    .expect("redirect uri");
    Redirect::to(back.as_str()).into_response()
}

#[derive(Serialize, Deserialize)]
struct Extra {
    email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    xms_edov: Option<bool>,
    name: String,
}

async fn token(
    State(p): State<Provider>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let field = |k: &str| form.get(k).cloned().unwrap_or_default();
    let b64 = base64::engine::general_purpose::STANDARD;
    let basic = format!("Basic {}", b64.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}")));
    let client_ok = headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(basic.as_str())
        || (field("client_id") == CLIENT_ID && field("client_secret") == CLIENT_SECRET);
    if !client_ok {
        return (StatusCode::UNAUTHORIZED, Json(json!({"error": "invalid_client"}))).into_response();
    }
    let invalid_grant = || (StatusCode::BAD_REQUEST, Json(json!({"error": "invalid_grant"}))).into_response();
    let mut inner = p.inner.lock().unwrap();
    // A code works once.
    let Some(grant) = inner.codes.remove(&field("code")) else {
        inner.replays += 1;
        return invalid_grant();
    };
    let verifier_hash = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
        <sha2::Sha256 as sha2::Digest>::digest(field("code_verifier").as_bytes()),
    );
    if field("grant_type") != "authorization_code"
        || field("redirect_uri") != grant.redirect_uri
        || verifier_hash != grant.challenge
    {
        return invalid_grant();
    }
    let extra = Extra {
        email: grant.email.clone(),
        email_verified: match inner.verified {
            Verified::Yes => Some(true),
            Verified::No => Some(false),
            Verified::NotSaid | Verified::NotSaidButDomainOwned => None,
        },
        xms_edov: (inner.verified == Verified::NotSaidButDomainOwned).then_some(true),
        name: "Testi Henkilö".into(),
    };
    let mut claims = Claims::with_custom_claims(extra, Duration::from_mins(10))
        .with_issuer(&p.issuer)
        .with_audience(CLIENT_ID)
        .with_subject(format!("subject-{}", grant.email))
        .with_nonce(match inner.token {
            Token::WrongNonce => "not-the-nonce-kamu-sent".to_string(),
            _ => grant.nonce.clone(),
        });
    if inner.token == Token::Expired {
        let past = Clock::now_since_epoch() - Duration::from_mins(30);
        claims.issued_at = Some(past);
        claims.expires_at = Some(past + Duration::from_mins(5));
    }
    let key = if inner.token == Token::Forged {
        &p.forger
    } else {
        &p.key
    };
    let id_token = key.sign(claims).expect("sign");
    Json(json!({
        "access_token": uuid::Uuid::new_v4().to_string(),
        "token_type": "Bearer",
        "expires_in": 3600,
        "id_token": id_token,
    }))
    .into_response()
}
