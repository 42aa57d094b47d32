//! One-time sign-in links over HTTP: a supervisor the billing system brought in (no password)
//! gets in through a link an admin made, once, within a week; nobody else can make or use one.

mod common;

use common::{call, signed_in, start, TestServer};
use reqwest::{Client, StatusCode};

const ADMIN: &str = "admin@kamu.example";
const SUPERVISOR: &str = "esimies@kamu.example";
const NEW_PERSON: &str = "uusi.esimies@kamu.example";
const PASSWORD: &str = "ikkunat-pestään-torstaina";

/// Adds a supervisor the way the import does (no usable password) and hands them one site;
/// answers the person's id and the site's account.
async fn person_without_password(server: &TestServer) -> (i64, i64) {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (email, name, role, region_id, password_hash)
         SELECT ?, 'Uusi Esimies', 'supervisor', region_id, ? FROM site_records WHERE id = (SELECT MIN(id) FROM sites)
         RETURNING id",
    )
    .bind(NEW_PERSON)
    .bind(kamu::server::people::sign_in_links::NO_PASSWORD)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    let account: i64 = sqlx::query_scalar(
        "UPDATE site_records SET supervisor_id = ? WHERE id = (SELECT MIN(id) FROM sites) RETURNING account_id",
    )
    .bind(id)
    .fetch_one(&server.pool)
    .await
    .unwrap();
    (id, account)
}

/// Uses a link the way the set-password form does (from script, so the answer is JSON).
async fn use_link(
    server: &TestServer,
    client: &Client,
    token: &str,
    password: &str,
    again: &str,
) -> (StatusCode, String) {
    let res = client
        .post(format!("{}/api/link/use", server.base))
        .header("Accept", "application/json")
        .form(&[("token", token), ("password", password), ("again", again)])
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap_or_default())
}

async fn make_link(server: &TestServer, admin: &Client, person: i64) -> String {
    let (status, body) = call(server, admin, "people/link", &[("person", &person.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let link: serde_json::Value = serde_json::from_str(&body).unwrap();
    let path = link["path"].as_str().unwrap();
    assert!(link["valid_until"].as_str().is_some(), "{body}");
    path.strip_prefix("/aseta-salasana/")
        .expect("the link opens the set-password page")
        .to_string()
}

#[tokio::test]
async fn a_new_supervisor_gets_in_with_a_link_once() {
    let server = start().await;
    let (person, account) = person_without_password(&server).await;
    let admin = signed_in(&server, ADMIN).await;

    // Without a password the new supervisor cannot sign in at all.
    let newcomer = common::browser();
    assert_eq!(
        server.login(&newcomer, NEW_PERSON, "").await,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        server.login(&newcomer, NEW_PERSON, "!no-password").await,
        StatusCode::UNAUTHORIZED
    );

    // The admin's list puts them first among those who cannot sign in yet.
    let (status, body) = call(
        &server,
        &admin,
        "people",
        &[("query", ""), ("only_without_password", "true")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    let shown = list["shown"].as_array().unwrap();
    assert!(shown.iter().all(|p| p["has_password"] == false), "{body}");
    assert!(shown.iter().any(|p| p["person"]["email"] == NEW_PERSON), "{body}");
    let (_, body) = call(
        &server,
        &admin,
        "people",
        &[("query", "uusi.esimies"), ("only_without_password", "false")],
    )
    .await;
    let list: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(list["matched"], 1, "{body}");

    let token = make_link(&server, &admin, person).await;
    // Only the hash is stored: the database alone cannot sign anyone in.
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM sign_in_links WHERE person_id = ?")
        .bind(person)
        .fetch_all(&server.pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], token);
    // The list now says a link is waiting.
    let (_, body) = call(
        &server,
        &admin,
        "people",
        &[("query", "uusi.esimies"), ("only_without_password", "true")],
    )
    .await;
    assert!(body.contains("link_valid_until\":\"20"), "{body}");

    // The page the link opens greets them by name, rendered on the server (works before wasm).
    let (status, page) = server.page(&newcomer, &format!("/aseta-salasana/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Uusi Esimies"), "the page names the person");

    // Bad passwords are refused with the reason, and change nothing.
    let (status, body) = use_link(&server, &newcomer, &token, "lyhyt", "lyhyt").await;
    assert_eq!(
        (status, body.contains("password_too_short")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    let (status, body) = use_link(
        &server,
        &newcomer,
        &token,
        PASSWORD,
        "ikkunat-pestään-perjantaina",
    )
    .await;
    assert_eq!(
        (status, body.contains("password_mismatch")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    let oversize = "x".repeat(2000);
    let (status, body) = use_link(&server, &newcomer, &token, &oversize, &oversize).await;
    assert_eq!(
        (status, body.contains("too_long")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    assert_eq!(server.accounts(&newcomer).await.0, StatusCode::UNAUTHORIZED);

    // A good one sets the password and signs them in: they see the account of their site.
    let (status, body) = use_link(&server, &newcomer, &token, PASSWORD, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, me) = call(&server, &newcomer, "me", &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(me.contains(NEW_PERSON), "{me}");
    let (status, accounts) = server.accounts(&newcomer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(accounts.unwrap().iter().any(|a| a.id.0 == account));

    // The link worked once: again it is refused, from any browser, and the page says so.
    let stranger = common::browser();
    let (status, body) = use_link(
        &server,
        &stranger,
        &token,
        "toinen-salasana-123",
        "toinen-salasana-123",
    )
    .await;
    assert_eq!(
        (status, body.contains("link_used")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    let (status, body) = call(&server, &stranger, "link", &[("token", &token)]).await;
    assert_eq!(
        (status, body.contains("link_used")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    // The password chosen stays; it signs in from now on.
    assert_eq!(
        server.login(&stranger, NEW_PERSON, "toinen-salasana-123").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        server.login(&common::browser(), NEW_PERSON, PASSWORD).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn only_admins_make_links_and_old_or_expired_links_do_not_work() {
    let server = start().await;
    let (person, _) = person_without_password(&server).await;
    let admin = signed_in(&server, ADMIN).await;
    let supervisor = signed_in(&server, SUPERVISOR).await;

    // Nobody but an admin lists people or makes links; signed-out callers are sent to sign in.
    let (status, body) = call(
        &server,
        &supervisor,
        "people/link",
        &[("person", &person.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains("aseta-salasana"));
    let (status, body) = call(
        &server,
        &supervisor,
        "people",
        &[("query", ""), ("only_without_password", "false")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(!body.contains(NEW_PERSON));
    let (status, _) = call(
        &server,
        &common::browser(),
        "people/link",
        &[("person", &person.to_string())],
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sign_in_links")
            .fetch_one(&server.pool)
            .await
            .unwrap(),
        0
    );
    // An unknown person is not found.
    let (status, _) = call(&server, &admin, "people/link", &[("person", "999999")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A newer link replaces the older one.
    let first = make_link(&server, &admin, person).await;
    let second = make_link(&server, &admin, person).await;
    let anyone = common::browser();
    let (status, body) = call(&server, &anyone, "link", &[("token", &first)]).await;
    assert_eq!(
        (status, body.contains("link_used")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    let (status, body) = call(&server, &anyone, "link", &[("token", &second)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.contains("Uusi Esimies"));

    // A week later it has expired: refused, and no password is set.
    sqlx::query("UPDATE sign_in_links SET expires_at = created_at - 1")
        .execute(&server.pool)
        .await
        .unwrap();
    let (status, body) = call(&server, &anyone, "link", &[("token", &second)]).await;
    assert_eq!(
        (status, body.contains("link_expired")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    let (status, body) = use_link(&server, &anyone, &second, PASSWORD, PASSWORD).await;
    assert_eq!(
        (status, body.contains("link_expired")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
    assert_eq!(
        server.login(&anyone, NEW_PERSON, PASSWORD).await,
        StatusCode::UNAUTHORIZED
    );

    // A mistyped or made-up link is "not recognised", never a server error.
    for token in ["", "../../etc/passwd", &"f".repeat(64), &"a".repeat(5000)] {
        let (status, body) = call(&server, &anyone, "link", &[("token", token)]).await;
        assert_eq!(
            (status, body.contains("link_unknown")),
            (StatusCode::BAD_REQUEST, true),
            "{token:.20}: {body}"
        );
    }

    // A deactivated person's link no longer works.
    let third = make_link(&server, &admin, person).await;
    sqlx::query("UPDATE people SET active = 0 WHERE id = ?")
        .bind(person)
        .execute(&server.pool)
        .await
        .unwrap();
    let (status, body) = use_link(&server, &anyone, &third, PASSWORD, PASSWORD).await;
    assert_eq!(
        (status, body.contains("link_unknown")),
        (StatusCode::BAD_REQUEST, true),
        "{body}"
    );
}
