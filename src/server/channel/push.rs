//! Web Push (RFC 8030/8291/8292) for urgent bulletins, mentions and reminders, to those who
//! allowed notifications. The payload is encrypted for each subscription (aes128gcm) and signed
//! with the server's VAPID key, both by the `web-push` crate; the request goes out with reqwest.
//! The inbox works without push: a failed or refused push only logs.

use crate::domain::channel::post::{Post, PostKind, Urgency};
use crate::domain::error::AppError;
use crate::domain::ids::PersonId;
use crate::domain::people::Viewer;
use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use web_push::{ContentEncoding, SubscriptionInfo, VapidSignatureBuilder, WebPushMessageBuilder};

use crate::server::people::auth::internal;

/// The VAPID "sub" claim: who push services may contact about this server.
const CONTACT: &str = "mailto:kamu@kamu.example";
/// The push services browsers use (Chrome, Edge, Firefox, Safari). Kamu sends only to these,
/// so a subscription cannot make the server call an address of the attacker's choosing.
const PUSH_SERVICES: &[&str] = &[
    "fcm.googleapis.com",
    "android.googleapis.com",
    "updates.push.services.mozilla.com",
    "push.services.mozilla.com",
    ".notify.windows.com",
    ".push.apple.com",
];

/// An HTTPS URL on the default port of one of the known push services.
pub fn known_push_service(endpoint: &str) -> bool {
    let Ok(url) = reqwest::Url::parse(endpoint) else {
        return false;
    };
    let Some(host) = url.host_str() else {
        return false;
    };
    url.scheme() == "https"
        && url.port().is_none()
        && url.username().is_empty()
        && PUSH_SERVICES.iter().any(|s| match s.strip_prefix('.') {
            Some(domain) => host.ends_with(s) && host.len() > domain.len() + 1,
            None => host == *s,
        })
}

/// The longest endpoint URL or key accepted from a browser.
const MAX_FIELD: usize = 1000;

/// What a notification shows, as JSON for the service worker's `push` handler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushNote {
    pub title: String,
    pub body: String,
    /// The page to open on a tap.
    pub url: String,
    pub urgent: bool,
}

impl PushNote {
    pub fn for_post(post: &Post, account_name: &str) -> PushNote {
        let urgent = post.kind == PostKind::Bulletin && post.urgency == Urgency::Urgent;
        let body: String = post.body.chars().take(180).collect();
        PushNote {
            title: format!(
                "{}{} – {}",
                if urgent { "‼ " } else { "" },
                account_name,
                post.author.name
            ),
            body,
            url: crate::domain::channel::post::post_path(post.account_id, post.id),
            urgent,
        }
    }
}

/// A browser's push subscription (`PushSubscription.toJSON()`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

/// The server's VAPID key pair (base64url, private and public), made on first use and kept.
pub async fn vapid_keys(pool: &SqlitePool) -> Result<(String, String), AppError> {
    use base64::Engine;
    use jwt_simple::prelude::*;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let stored: Option<String> =
        sqlx::query_scalar("SELECT value FROM server_settings WHERE name = 'vapid_private'")
            .fetch_optional(pool)
            .await?;
    let private = match stored {
        Some(p) => p,
        None => {
            let fresh = b64.encode(ES256KeyPair::generate().to_bytes());
            // Two first requests at once: the first key written wins, both read it back.
            sqlx::query("INSERT OR IGNORE INTO server_settings (name, value) VALUES ('vapid_private', ?)")
                .bind(&fresh)
                .execute(pool)
                .await?;
            sqlx::query_scalar("SELECT value FROM server_settings WHERE name = 'vapid_private'")
                .fetch_one(pool)
                .await?
        }
    };
    let pair = ES256KeyPair::from_bytes(&b64.decode(&private).map_err(internal)?).map_err(internal)?;
    let public = b64.encode(pair.public_key().public_key().to_bytes_uncompressed());
    Ok((private, public))
}

/// Keeps a browser's subscription for the signed-in person. Endpoints must be HTTPS (push
/// services are); `allow_http` lets tests use a local endpoint.
pub async fn subscribe(
    pool: &SqlitePool,
    viewer: &Viewer,
    sub: &Subscription,
    allow_http: bool,
) -> Result<(), AppError> {
    let endpoint_ok = if allow_http {
        sub.endpoint.starts_with("https://") || sub.endpoint.starts_with("http://")
    } else {
        known_push_service(&sub.endpoint)
    };
    if !endpoint_ok
        || [&sub.endpoint, &sub.p256dh, &sub.auth]
            .iter()
            .any(|f| f.is_empty() || f.len() > MAX_FIELD)
    {
        tracing::warn!(person = viewer.id.0, "push subscription refused");
        return Err(AppError::Invalid("push_subscription".into()));
    }
    // A subscription stays with the person who made it: another person sending the same
    // endpoint (a shared phone whose last user did not sign out) is refused, never moved.
    let written = sqlx::query(
        "INSERT INTO push_subscriptions (endpoint, person_id, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth
         WHERE push_subscriptions.person_id = excluded.person_id",
    )
    .bind(&sub.endpoint)
    .bind(viewer.id.0)
    .bind(&sub.p256dh)
    .bind(&sub.auth)
    .bind(chrono::Utc::now().to_rfc3339())
    .execute(pool)
    .await?;
    if written.rows_affected() == 0 {
        tracing::warn!(
            person = viewer.id.0,
            "push subscription of another person refused"
        );
        return Err(AppError::Invalid("push_subscription_taken".into()));
    }
    Ok(())
}

pub async fn unsubscribe(pool: &SqlitePool, viewer: &Viewer, endpoint: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = ? AND person_id = ?")
        .bind(endpoint)
        .bind(viewer.id.0)
        .execute(pool)
        .await?;
    Ok(())
}

/// Sends in the background: a post is stored and answered without waiting for push services.
pub fn send_later(pool: SqlitePool, people: Vec<PersonId>, note: PushNote) {
    if people.is_empty() {
        return;
    }
    tokio::spawn(async move {
        if let Err(e) = send(&pool, &people, &note).await {
            tracing::warn!(error = %e, "push notifications failed");
        }
    });
}

/// Sends `note` to every subscription of `people`; answers how many push services accepted it.
/// A subscription the push service says is gone (404/410) is forgotten.
pub async fn send(pool: &SqlitePool, people: &[PersonId], note: &PushNote) -> Result<usize, AppError> {
    let ids: Vec<i64> = people.iter().map(|p| p.0).collect();
    let subs: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT endpoint, p256dh, auth FROM push_subscriptions WHERE person_id IN (SELECT value FROM json_each(?))",
    )
    .bind(serde_json::to_string(&ids).map_err(internal)?)
    .fetch_all(pool)
    .await?;
    if subs.is_empty() {
        return Ok(0);
    }
    let (private, _) = vapid_keys(pool).await?;
    let payload = serde_json::to_vec(note).map_err(internal)?;
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(10))
        // A push service answers; it never sends Kamu on elsewhere.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(internal)?;
    let mut delivered = 0;
    for (endpoint, p256dh, auth) in subs {
        let info = SubscriptionInfo::new(endpoint.clone(), p256dh, auth);
        let request = match encrypted_request(&info, &private, &payload, note.urgent) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "push message could not be made; subscription dropped");
                forget(pool, &endpoint).await?;
                continue;
            }
        };
        let (headers, body) = request;
        let mut out = client.post(&endpoint).body(body);
        for (name, value) in headers {
            out = out.header(name, value);
        }
        match out.send().await {
            Ok(res) if res.status().is_success() => delivered += 1,
            Ok(res) if matches!(res.status().as_u16(), 404 | 410) => forget(pool, &endpoint).await?,
            Ok(res) => tracing::warn!(status = res.status().as_u16(), "push service refused a message"),
            Err(e) => tracing::warn!(error = %e, "push service unreachable"),
        }
    }
    Ok(delivered)
}

/// The encrypted, VAPID-signed request for one subscription: its headers and body.
type PushRequest = (Vec<(String, String)>, Vec<u8>);

fn encrypted_request(
    info: &SubscriptionInfo,
    vapid_private: &str,
    payload: &[u8],
    urgent: bool,
) -> Result<PushRequest, web_push::WebPushError> {
    let mut signature = VapidSignatureBuilder::from_base64(vapid_private, info)?;
    signature.add_claim("sub", CONTACT);
    let mut message = WebPushMessageBuilder::new(info);
    message.set_payload(ContentEncoding::Aes128Gcm, payload);
    message.set_vapid_signature(signature.build()?);
    message.set_ttl(24 * 3600);
    message.set_urgency(if urgent {
        web_push::Urgency::High
    } else {
        web_push::Urgency::Normal
    });
    let request = web_push::request_builder::build_request::<Vec<u8>>(message.build()?);
    let headers = request
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
        .collect();
    Ok((headers, request.into_body()))
}

async fn forget(pool: &SqlitePool, endpoint: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = ?")
        .bind(endpoint)
        .execute(pool)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::known_push_service;

    #[test]
    fn only_the_browsers_push_services_are_called() {
        assert!(known_push_service("https://fcm.googleapis.com/fcm/send/abc"));
        assert!(known_push_service("https://web.push.apple.com/QGx"));
        assert!(known_push_service(
            "https://wns2-par02p.notify.windows.com/w/?token=x"
        ));
        assert!(!known_push_service("http://fcm.googleapis.com/fcm/send/abc"));
        assert!(!known_push_service("https://fcm.googleapis.com.evil.example/x"));
        assert!(!known_push_service("https://evil.example/.push.apple.com"));
        assert!(!known_push_service("https://127.0.0.1/x"));
        assert!(!known_push_service("https://169.254.169.254/latest/meta-data"));
        assert!(!known_push_service("https://fcm.googleapis.com:8443/x"));
        assert!(!known_push_service("https://user@fcm.googleapis.com/x"));
        assert!(!known_push_service("https://push.apple.com/x"));
    }
}
