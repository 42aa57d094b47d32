//! The defences every request passes through, in one place: the client's address (for sign-in
//! throttling), refusal of cross-site writes, a size limit per door, and the security headers
//! of every answer (with the page's CSP naming its script nonce).

use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;

/// Where a request comes from, as sign-in throttling counts it: the connection's peer, or the
/// last entry of the configured proxy header when Kamu runs behind a reverse proxy.
pub fn client_address(parts: &axum::http::request::Parts, proxy_header: Option<&str>) -> String {
    let from_header = proxy_header.and_then(|name| {
        let value = parts.headers.get(name)?.to_str().ok()?;
        let last = value.rsplit(',').next()?.trim();
        (!last.is_empty()).then(|| last.to_string())
    });
    from_header
        .or_else(|| {
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map(|ConnectInfo(addr)| addr.ip().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string())
}

/// Whether a state-changing request was sent by a page of this site. Browsers say where a
/// request comes from (`Sec-Fetch-Site`, `Origin`); a request with neither is not a browser's
/// and cannot carry a victim's cookies, so it is let through.
pub fn same_site_request(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, rest)| rest.trim_end_matches('/'));
    matches!((origin_host, host), (Some(o), Some(h)) if o.eq_ignore_ascii_case(h))
}

/// Refuses writes (anything but GET/HEAD/OPTIONS) that another site's page sent: 403, logged.
pub async fn same_origin_writes(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !same_site_request(req.headers()) {
        tracing::warn!(
            path = req.uri().path(),
            origin = ?req.headers().get(header::ORIGIN),
            fetch_site = ?req.headers().get("sec-fetch-site"),
            "cross-site request refused"
        );
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(req).await
}

/// Any request body, unless its door says otherwise.
pub const DEFAULT_BODY_BYTES: usize = 64 * 1024;
/// A push of queued edits: the app sends at most 100 operations at a time, the largest a
/// document edit with two values of at most `doc::MAX_DOC_BYTES` (32 KB) each.
pub const SYNC_PUSH_BODY_BYTES: usize = 8 * 1024 * 1024;
/// A push of queued channel writes: at most 100 posts of 4,000 characters.
pub const CHANNEL_PUSH_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Who may send a large body to a door; checked before the body is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sender {
    Anyone,
    SignedIn,
    Admin,
}

/// An import file sent as JSON, with room for the escapes JSON adds.
const fn json_file_bytes(file_bytes: usize) -> usize {
    file_bytes * 5 / 4
}

/// The largest limit of any door (the billing system's site file): axum's own limit is set to
/// it, and `body_limits` narrows it per door.
pub const LARGEST_BODY_BYTES: usize = json_file_bytes(crate::server::channel::site_import::MAX_FILE_BYTES);

/// The largest body a door takes, and who may send it.
fn body_limit(path: &str) -> (usize, Sender) {
    match path {
        "/api/sites/preview" | "/api/sites/apply" => (LARGEST_BODY_BYTES, Sender::Admin),
        "/api/figures/preview" | "/api/figures/apply" => (
            json_file_bytes(crate::server::card::figures_import::MAX_FILE_BYTES),
            Sender::Admin,
        ),
        "/api/sync/push" => (SYNC_PUSH_BODY_BYTES, Sender::SignedIn),
        "/api/channel/push" => (CHANNEL_PUSH_BODY_BYTES, Sender::SignedIn),
        _ => (DEFAULT_BODY_BYTES, Sender::Anyone),
    }
}

/// Holds each request to its door's size: a declared length over it is refused at once (413)
/// before anything is read, and a body without a length stops being read at the limit. The
/// large doors first check who is sending (401/403), so only admins can make Kamu read a file.
pub async fn body_limits(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (limit, sender) = body_limit(req.uri().path());
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // Who sends matters only for a body that may be larger than anyone may send: a small push
    // (the usual one) is not checked twice, its door checks the session anyway.
    let may_be_large = declared.is_none_or(|n| n > DEFAULT_BODY_BYTES as u64);
    if sender != Sender::Anyone && may_be_large {
        let refused = match req.extensions().get::<tower_sessions::Session>() {
            None => Some(StatusCode::UNAUTHORIZED),
            Some(session) => match crate::server::people::auth::current_person(&state.pool, session).await {
                Err(_) => Some(StatusCode::UNAUTHORIZED),
                // The one admin rule (it logs the refusal).
                Ok(p) if sender == Sender::Admin => crate::server::access::require_admin(
                    &crate::server::people::auth::viewer_of(&p),
                    req.uri().path(),
                )
                .err()
                .map(|_| StatusCode::FORBIDDEN),
                Ok(_) => None,
            },
        };
        if let Some(status) = refused {
            tracing::warn!(path = req.uri().path(), %status, "large-body door refused before reading");
            return status.into_response();
        }
    }
    if declared.is_some_and(|n| n > limit as u64) {
        tracing::info!(path = req.uri().path(), declared, limit, "request body too large");
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

/// The content security policy. Scripts: this site's files, the wasm (`'wasm-unsafe-eval'`
/// lets the browser compile it), and on a page the inline hydration scripts carrying the
/// page's nonce. Styles may be inline (the wheel's and bars' `style` attributes). Nothing may
/// frame Kamu, and forms post only here.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    // leptos_i18n writes an empty `<script>` into every page (a placeholder for translations
    // loaded on demand, which Kamu does not use); the hash of an empty script lets it be.
    const EMPTY_SCRIPT: &str = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";
    let scripts = match nonce {
        Some(n) => format!("'self' 'nonce-{n}' {EMPTY_SCRIPT} 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}

/// Called while a page renders on the server: its CSP names the nonce Leptos put on the
/// page's inline scripts (a new one for every page).
pub fn page_policy() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Headers every answer carries. Pages and server-function answers hold one person's data:
/// never kept by a shared cache (`no-store`); the service worker keeps its own copy.
pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let mut response = next.run(req).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(value) = HeaderValue::from_str(&content_security_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if state.secure_cookies {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    if (is_page || is_api) && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_this_sites_pages_may_write() {
        assert!(same_site_request(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!same_site_request(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(!same_site_request(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(same_site_request(&headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site_request(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000")
        ])));
        assert!(!same_site_request(&headers(&[
            ("origin", "null"),
            ("host", "kamu.fi")
        ])));
        // Not a browser: no cookies of a victim can ride along.
        assert!(same_site_request(&headers(&[])));
    }

    #[test]
    fn doors_take_bodies_of_their_own_size() {
        assert_eq!(body_limit("/api/login"), (DEFAULT_BODY_BYTES, Sender::Anyone));
        assert_eq!(body_limit("/api/sync/push").1, Sender::SignedIn);
        assert_eq!(body_limit("/api/sites/apply").1, Sender::Admin);
        assert!(body_limit("/api/figures/apply").0 <= LARGEST_BODY_BYTES);
    }
}
