//! Sign-in with the company's identity provider (OpenID Connect; Microsoft Entra ID in use):
//! the authorization code flow with PKCE, a single-use `state` and `nonce` kept in the
//! session, and the ID token's signature, issuer, audience, expiry and nonce checked by the
//! `openidconnect` crate. A person is matched by verified e-mail to someone Kamu already
//! knows; an unknown e-mail is refused, never created.

use crate::domain::error::AppError;
use crate::domain::people::Person;
use crate::server::state::AppState;
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce, PkceCodeChallenge,
    PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;
use tower_sessions::Session;

/// Where the provider sends the browser back.
pub const CALLBACK_PATH: &str = "/kirjaudu/oidc/paluu";
pub const START_PATH: &str = "/kirjaudu/oidc";
pub(crate) const PENDING_KEY: &str = "oidc_pending";
/// A sign-in begun longer ago than this is not finished (the person started again).
const PENDING_MAX_SECS: i64 = 600;
/// The provider's keys are read again this often (they rotate).
const METADATA_MAX_AGE: Duration = Duration::from_secs(3600);

/// The configured provider: who it is, Kamu's client there, and its discovered metadata.
pub struct OidcProvider {
    issuer: IssuerUrl,
    client_id: ClientId,
    client_secret: ClientSecret,
    redirect: RedirectUrl,
    /// E-mails the provider states are trusted without `email_verified` (`--oidc-trust-email`).
    trust_email: bool,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(CoreProviderMetadata, Instant)>>,
}

/// Why a sign-in through the provider did not finish: the sign-in page says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The provider vouched for an e-mail no active Kamu person has.
    UnknownPerson,
    /// The provider did not say the e-mail is verified (and is not trusted to without saying).
    Unverified,
    /// Anything else: a forged, expired or replayed answer, a provider that cannot be reached.
    Failed,
}

impl Refusal {
    /// The sign-in page's `virhe` parameter.
    pub fn as_query(self) -> &'static str {
        match self {
            Refusal::UnknownPerson => "tuntematon",
            Refusal::Unverified => "vahvistamaton",
            Refusal::Failed => "oidc",
        }
    }
}

/// What the session holds between leaving for the provider and coming back.
#[derive(Serialize, Deserialize)]
struct Pending {
    state: String,
    nonce: String,
    pkce_verifier: String,
    next: String,
    started_ms: i64,
}

impl OidcProvider {
    pub fn new(
        issuer: &str,
        client_id: &str,
        client_secret: &str,
        public_url: &str,
        trust_email: bool,
    ) -> anyhow::Result<OidcProvider> {
        let http = openidconnect::reqwest::Client::builder()
            // Following redirects would let a provider answer send Kamu elsewhere (SSRF).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        Ok(OidcProvider {
            issuer: IssuerUrl::new(issuer.to_string())?,
            client_id: ClientId::new(client_id.to_string()),
            client_secret: ClientSecret::new(client_secret.to_string()),
            redirect: RedirectUrl::new(format!("{}{CALLBACK_PATH}", public_url.trim_end_matches('/')))?,
            http,
            trust_email,
            metadata: RwLock::new(None),
        })
    }

    /// The provider's discovery document and keys, read on first use and again after an hour.
    async fn metadata(&self, fresh: bool) -> Result<CoreProviderMetadata, AppError> {
        if !fresh {
            if let Some((m, at)) = self.metadata.read().await.as_ref() {
                if at.elapsed() < METADATA_MAX_AGE {
                    return Ok(m.clone());
                }
            }
        }
        let discovered = CoreProviderMetadata::discover_async(self.issuer.clone(), &self.http)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "identity provider discovery failed");
                AppError::Internal("identity provider unreachable".into())
            })?;
        *self.metadata.write().await = Some((discovered.clone(), Instant::now()));
        Ok(discovered)
    }

    async fn client(
        &self,
        fresh: bool,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        AppError,
    > {
        let metadata = self.metadata(fresh).await?;
        Ok(CoreClient::from_provider_metadata(
            metadata,
            self.client_id.clone(),
            Some(self.client_secret.clone()),
        )
        .set_redirect_uri(self.redirect.clone()))
    }

    /// Begins a sign-in: remembers a fresh state, nonce and PKCE verifier in the session and
    /// answers the provider's address to send the browser to.
    pub async fn start(&self, session: &Session, next: &str) -> Result<String, AppError> {
        let client = self.client(false).await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("email".into()))
            .add_scope(Scope::new("profile".into()))
            .set_pkce_challenge(challenge)
            .url();
        let pending = Pending {
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            next: next.to_string(),
            started_ms: chrono::Utc::now().timestamp_millis(),
        };
        session
            .insert(PENDING_KEY, pending)
            .await
            .map_err(super::auth::internal)?;
        // A session begun only to leave for the provider (anyone can begin one) is forgotten soon
        // if nobody comes back; coming back stores it again with the usual lifetime. Someone
        // already signed in keeps theirs as it is.
        let signed_in: Option<i64> = session
            .get(super::auth::SESSION_PERSON_KEY)
            .await
            .map_err(super::auth::internal)?;
        if signed_in.is_none() {
            session.set_expiry(Some(tower_sessions::Expiry::OnInactivity(
                time::Duration::seconds(PENDING_MAX_SECS),
            )));
        }
        Ok(url.to_string())
    }

    /// Finishes a sign-in the provider sent back: the state must be the one this session was
    /// given (and is used up now, so a replayed answer fails), the code is exchanged with the
    /// PKCE verifier, and the ID token must be signed by the provider, for Kamu, unexpired and
    /// carry this session's nonce. Answers the person and where to go next.
    pub async fn finish(
        &self,
        state: &AppState,
        session: &Session,
        returned_state: &str,
        code: &str,
    ) -> Result<(Person, String), Refusal> {
        let pending: Option<Pending> = session.remove(PENDING_KEY).await.map_err(|e| {
            tracing::error!(error = %e, "session read failed");
            Refusal::Failed
        })?;
        let Some(pending) = pending else {
            tracing::warn!("sign-in answer with no sign-in begun (replayed or from elsewhere)");
            return Err(Refusal::Failed);
        };
        let age_secs = (chrono::Utc::now().timestamp_millis() - pending.started_ms) / 1000;
        let same_state = CsrfToken::new(pending.state.clone()) == CsrfToken::new(returned_state.to_string());
        if !same_state || age_secs > PENDING_MAX_SECS || code.is_empty() || code.len() > 4096 {
            tracing::warn!(age_secs, same_state, "sign-in answer refused");
            return Err(Refusal::Failed);
        }
        let client = self.client(false).await.map_err(|_| Refusal::Failed)?;
        let exchange = client.exchange_code(AuthorizationCode::new(code.to_string()));
        let tokens = match exchange {
            Ok(request) => request
                .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier.clone()))
                .request_async(&self.http)
                .await
                .map_err(|e| {
                    tracing::warn!(error = %e, "identity provider refused the code");
                    Refusal::Failed
                })?,
            Err(e) => {
                tracing::error!(error = %e, "identity provider has no token endpoint");
                return Err(Refusal::Failed);
            }
        };
        let Some(id_token) = tokens.id_token() else {
            tracing::warn!("identity provider answered no ID token");
            return Err(Refusal::Failed);
        };
        let nonce = Nonce::new(pending.nonce.clone());
        let verified = match id_token.claims(&client.id_token_verifier(), &nonce) {
            Ok(claims) => Ok(claims.clone()),
            // The provider may have rotated its keys since they were read: read them again once.
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(_)) => {
                let fresh = self.client(true).await.map_err(|_| Refusal::Failed)?;
                let checked = id_token.claims(&fresh.id_token_verifier(), &nonce).cloned();
                checked
            }
            Err(e) => Err(e),
        };
        let claims = verified.map_err(|e| {
            tracing::warn!(error = %e, "ID token refused");
            Refusal::Failed
        })?;
        // A verified e-mail: `email_verified`, or Entra ID's `xms_edov` (the e-mail's domain
        // is verified by its owner, the tenant), or — when told to (`--oidc-trust-email`, a
        // single-tenant directory run by the company) — any e-mail the provider states.
        let extra = unverified_payload(id_token);
        let email = claims.email().map(|e| e.as_str().to_string()).or_else(|| {
            extra["preferred_username"]
                .as_str()
                .filter(|u| self.trust_email && u.contains('@'))
                .map(str::to_string)
        });
        let verified = claims.email_verified() == Some(true)
            || matches!(&extra["xms_edov"], serde_json::Value::Bool(true))
            || matches!(extra["xms_edov"].as_str(), Some("1" | "true"))
            || extra["xms_edov"].as_i64() == Some(1)
            || (self.trust_email && claims.email_verified().is_none());
        let Some(email) = email.filter(|_| verified) else {
            tracing::warn!(subject = %claims.subject().as_str(), "ID token has no verified e-mail");
            return Err(Refusal::Unverified);
        };
        match person_by_email(&state.pool, &email).await {
            Ok(Some(person)) => Ok((person, pending.next)),
            Ok(None) => {
                tracing::warn!(%email, "identity provider vouched for an e-mail Kamu does not know");
                Err(Refusal::UnknownPerson)
            }
            Err(e) => {
                tracing::error!(error = %e, "person lookup failed");
                Err(Refusal::Failed)
            }
        }
    }
}

/// The claims of an ID token already verified above, read as plain JSON for the few a
/// provider adds of its own (Entra ID's `xms_edov`, `preferred_username`).
fn unverified_payload(token: &openidconnect::core::CoreIdToken) -> serde_json::Value {
    use base64::Engine;
    token
        .to_string()
        .split('.')
        .nth(1)
        .and_then(|part| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// An active person by e-mail, whatever its letter case (providers and people write it freely).
async fn person_by_email(pool: &sqlx::SqlitePool, email: &str) -> Result<Option<Person>, AppError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE email = ? AND active = 1")
        .bind(email.trim())
        .fetch_optional(pool)
        .await?;
    match id {
        Some(id) => super::auth::active_person(pool, crate::domain::ids::PersonId(id)).await,
        None => Ok(None),
    }
}
