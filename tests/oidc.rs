//! Sign-in with the company's identity provider (OpenID Connect), against a real provider on
//! the loopback (`common::oidc_provider`): the whole code flow with PKCE over HTTP, and every
//! answer an attacker or a broken provider could send refused.

mod common;

use common::oidc_provider::{self, Provider, Token, Verified, CLIENT_ID, CLIENT_SECRET};
use common::{browser, start_with, TestServer};
use reqwest::{Client, StatusCode};

const DIRECTOR: &str = "asiakkuusjohtaja@kamu.example";

async fn server_with(provider: &Provider, no_passwords: bool) -> TestServer {
    server_trusting(provider, no_passwords, false).await
}

async fn server_trusting(provider: &Provider, no_passwords: bool, trust_email: bool) -> TestServer {
    let issuer = provider.issuer.clone();
    start_with(move |c| {
        c.oidc_trust_email = trust_email;
        c.oidc_issuer = Some(issuer);
        c.oidc_client_id = Some(CLIENT_ID.into());
        c.oidc_client_secret = Some(CLIENT_SECRET.into());
        c.no_passwords = no_passwords;
    })
    .await
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// The page's `<html …>` tag, where the server says how one signs in.
fn html_tag(page: &str) -> &str {
    let start = page.find("<html").expect("an html tag");
    &page[start..start + page[start..].find('>').expect("its end")]
}

/// Taps "Sign in with Microsoft": Kamu sends the browser to the provider.
async fn leave_for_provider(server: &TestServer, client: &Client, next: &str) -> String {
    let res = client
        .get(format!("{}/kirjaudu/oidc?next={next}", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res)
}

/// The provider answers the browser with a redirect back to Kamu's callback.
async fn provider_answers(client: &Client, authorize_url: &str) -> String {
    let res = client.get(authorize_url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER, "{:?}", res.text().await);
    location(&res)
}

/// Follows the callback; answers where Kamu sends the browser.
async fn come_back(client: &Client, callback: &str) -> String {
    let res = client.get(callback).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    location(&res)
}

async fn whole_flow(server: &TestServer, client: &Client, next: &str) -> String {
    let authorize = leave_for_provider(server, client, next).await;
    let callback = provider_answers(client, &authorize).await;
    come_back(client, &callback).await
}

/// Who the server says is signed in on this browser, if anyone.
async fn who(server: &TestServer, client: &Client) -> Option<String> {
    let res = client
        .post(format!("{}/api/me", server.base))
        .send()
        .await
        .unwrap();
    let me: serde_json::Value = res.json().await.unwrap_or_default();
    me["email"].as_str().map(str::to_string)
}

#[tokio::test]
async fn a_director_signs_in_with_the_company_account_and_lands_where_they_were_going() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, false).await;
    // Providers and people write e-mails in any case.
    provider.sign_in_as("Asiakkuusjohtaja@Kamu.Example", Verified::Yes);
    let client = browser();

    let authorize = leave_for_provider(&server, &client, "%2Fomat").await;
    // The session begun for the trip lasts minutes, not the usual days, until the person is back.
    let latest_expiry = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT CAST(strftime('%s', MAX(expiry_date)) AS INTEGER) FROM tower_sessions",
        )
        .fetch_one(&server.pool)
        .await
        .unwrap()
    };
    let now = chrono::Utc::now().timestamp();
    assert!(
        latest_expiry().await <= now + 11 * 60,
        "a short-lived session for the trip"
    );
    let url = reqwest::Url::parse(&authorize).unwrap();
    let q: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert!(authorize.starts_with(&format!("{}/authorize", provider.issuer)));
    assert_eq!(q["code_challenge_method"], "S256", "PKCE");
    assert!(q["state"].len() >= 16 && q["nonce"].len() >= 16);
    assert_eq!(q["redirect_uri"], format!("{}/kirjaudu/oidc/paluu", server.base));
    assert!(q["scope"].split(' ').any(|s| s == "openid") && q["scope"].contains("email"));

    let callback = provider_answers(&client, &authorize).await;
    assert_eq!(come_back(&client, &callback).await, "/omat");
    assert!(
        latest_expiry().await > now + 24 * 3600,
        "signed in: the usual lifetime"
    );
    assert_eq!(who(&server, &client).await.as_deref(), Some(DIRECTOR));
    // Tapping the button again while signed in (then leaving the provider) does not shorten
    // the sign-in.
    leave_for_provider(&server, &client, "%2F").await;
    assert!(
        latest_expiry().await > now + 24 * 3600,
        "still the usual lifetime"
    );
    assert_eq!(who(&server, &client).await.as_deref(), Some(DIRECTOR));
    let (status, _) = server.accounts(&client).await;
    assert_eq!(status, StatusCode::OK);

    // The sign-in page shows the company-account button (its style keys on `data-oidc`), and
    // passwords still work for the rest.
    let (_, page) = server.page(&browser(), "/kirjaudu").await;
    assert!(
        html_tag(&page).contains("data-oidc"),
        "the page says the provider is in use"
    );
    assert!(!page.contains("data-no-passwords"));
    assert!(page.contains("Kirjaudu yrityksen tunnuksella"));
}

#[tokio::test]
async fn an_email_kamu_does_not_know_is_refused_not_created() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, false).await;
    let people_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(&server.pool)
        .await
        .unwrap();

    provider.sign_in_as("stranger@elsewhere.example", Verified::Yes);
    let client = browser();
    assert_eq!(
        whole_flow(&server, &client, "%2F").await,
        "/kirjaudu?virhe=tuntematon"
    );
    assert_eq!(who(&server, &client).await, None);

    // A known e-mail the provider says is not verified does not sign in either.
    provider.sign_in_as(DIRECTOR, Verified::No);
    assert_eq!(
        whole_flow(&server, &client, "%2F").await,
        "/kirjaudu?virhe=vahvistamaton"
    );
    assert_eq!(who(&server, &client).await, None);

    let people_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    assert_eq!(people_before, people_after, "nobody is created");
    let (_, page) = server.page(&browser(), "/kirjaudu?virhe=tuntematon").await;
    assert!(page.contains("ei ole käyttäjää Kamussa"), "the page says why");
}

#[tokio::test]
async fn forged_wrong_nonce_and_expired_id_tokens_are_refused() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, false).await;
    provider.sign_in_as(DIRECTOR, Verified::Yes);
    for bad in [Token::Forged, Token::WrongNonce, Token::Expired] {
        provider.answer(bad);
        let client = browser();
        assert_eq!(
            whole_flow(&server, &client, "%2F").await,
            "/kirjaudu?virhe=oidc",
            "{bad:?}"
        );
        assert_eq!(who(&server, &client).await, None, "{bad:?} signs nobody in");
    }
    // The same provider answering properly works: the refusals were about the tokens.
    provider.answer(Token::Good);
    let client = browser();
    assert_eq!(whole_flow(&server, &client, "%2F").await, "/");
    assert_eq!(who(&server, &client).await.as_deref(), Some(DIRECTOR));
}

#[tokio::test]
async fn a_replayed_code_or_a_foreign_state_is_refused() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, false).await;
    provider.sign_in_as(DIRECTOR, Verified::Yes);

    let victim = browser();
    let authorize = leave_for_provider(&server, &victim, "%2F").await;
    let callback = provider_answers(&victim, &authorize).await;
    assert_eq!(come_back(&victim, &callback).await, "/");

    // Someone who copied the callback address (code and state) replays it in their browser.
    let attacker = browser();
    assert_eq!(come_back(&attacker, &callback).await, "/kirjaudu?virhe=oidc");
    assert_eq!(who(&server, &attacker).await, None);

    // The attacker begins their own sign-in (a state of their own) and sends the used code with it.
    let own = leave_for_provider(&server, &attacker, "%2F").await;
    let own_state = reqwest::Url::parse(&own)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let code = reqwest::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let replay = format!(
        "{}/kirjaudu/oidc/paluu?code={code}&state={own_state}",
        server.base
    );
    assert_eq!(come_back(&attacker, &replay).await, "/kirjaudu?virhe=oidc");
    assert_eq!(
        provider.replays(),
        1,
        "the provider saw the used code and refused it"
    );
    assert_eq!(who(&server, &attacker).await, None);

    // A fresh code with a state this browser was never given (login CSRF) is refused too.
    let other = browser();
    let authorize = leave_for_provider(&server, &other, "%2F").await;
    let callback = provider_answers(&other, &authorize).await;
    let forged_state = reqwest::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .map(|(k, v)| {
            if k == "state" {
                (k.into_owned(), "not-yours".to_string())
            } else {
                (k.into_owned(), v.into_owned())
            }
        })
        .collect::<Vec<_>>();
    let mut forged = reqwest::Url::parse(&callback).unwrap();
    forged.query_pairs_mut().clear().extend_pairs(forged_state);
    assert_eq!(come_back(&other, forged.as_str()).await, "/kirjaudu?virhe=oidc");
    assert_eq!(who(&server, &other).await, None);
}

#[tokio::test]
async fn passwords_can_be_turned_off_when_everyone_has_the_company_account() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, true).await;
    let client = browser();
    let res = client
        .post(format!("{}/api/login", server.base))
        .form(&[
            ("email", DIRECTOR),
            ("password", kamu::server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.unwrap().contains("passwords_off"));
    assert_eq!(who(&server, &client).await, None);
    let (_, page) = server.page(&browser(), "/kirjaudu").await;
    assert!(
        html_tag(&page).contains("data-no-passwords"),
        "the password form is hidden (style: html[data-no-passwords])"
    );

    provider.sign_in_as(DIRECTOR, Verified::Yes);
    assert_eq!(whole_flow(&server, &client, "%2F").await, "/");
    assert_eq!(who(&server, &client).await.as_deref(), Some(DIRECTOR));
}

#[tokio::test]
async fn without_a_provider_the_doors_are_not_there() {
    let server = common::start().await;
    let res = browser()
        .get(format!("{}/kirjaudu/oidc?next=%2F", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let (_, page) = server.page(&browser(), "/kirjaudu").await;
    assert!(
        !page.contains("data-oidc"),
        "the company-account button stays hidden"
    );
    assert!(!page.contains("data-no-passwords"));
}

/// Microsoft Entra ID sends no `email_verified`: such a sign-in is refused, with its own
/// message, unless Entra says the e-mail's domain is verified (`xms_edov`) or Kamu is told the
/// directory is the company's own (`--oidc-trust-email`).
#[tokio::test]
async fn an_email_the_provider_does_not_say_is_verified_needs_entras_word_or_the_admins() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, false).await;
    provider.sign_in_as(DIRECTOR, Verified::NotSaid);
    let client = browser();
    assert_eq!(
        whole_flow(&server, &client, "%2F").await,
        "/kirjaudu?virhe=vahvistamaton"
    );
    assert_eq!(who(&server, &client).await, None);
    let (_, page) = server.page(&browser(), "/kirjaudu?virhe=vahvistamaton").await;
    assert!(
        page.contains("ei kertonut vahvistettua sähköpostiosoitettasi"),
        "the page says why"
    );

    provider.sign_in_as(DIRECTOR, Verified::NotSaidButDomainOwned);
    assert_eq!(whole_flow(&server, &client, "%2F").await, "/");
    assert_eq!(who(&server, &client).await.as_deref(), Some(DIRECTOR));

    let trusting = server_trusting(&provider, false, true).await;
    provider.sign_in_as(DIRECTOR, Verified::NotSaid);
    let client = browser();
    assert_eq!(whole_flow(&trusting, &client, "%2F").await, "/");
    assert_eq!(who(&trusting, &client).await.as_deref(), Some(DIRECTOR));
    // A provider that says "not verified" is believed even then.
    provider.sign_in_as(DIRECTOR, Verified::No);
    let client = browser();
    assert_eq!(
        whole_flow(&trusting, &client, "%2F").await,
        "/kirjaudu?virhe=vahvistamaton"
    );
}

/// With everyone on the identity provider, an admin's sign-in link cannot set a password
/// around it.
#[tokio::test]
async fn with_passwords_off_a_sign_in_link_cannot_set_a_password() {
    let provider = oidc_provider::start().await;
    let server = server_with(&provider, true).await;
    provider.sign_in_as("admin@kamu.example", Verified::Yes);
    let admin = browser();
    assert_eq!(whole_flow(&server, &admin, "%2F").await, "/");
    let supervisor: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = 'esimies@kamu.example'")
        .fetch_one(&server.pool)
        .await
        .unwrap();
    let (status, body) = common::call(
        &server,
        &admin,
        "people/link",
        &[("person", &supervisor.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("passwords_off"));
    let (status, body) = common::call(
        &server,
        &browser(),
        "link/use",
        &[
            ("token", "anything"),
            ("password", "uusi-salasana-123"),
            ("again", "uusi-salasana-123"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("passwords_off"));
}
