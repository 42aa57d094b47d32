//! Signing in and out, and who is signed in.

use crate::domain::error::AppError;
use crate::domain::people::Person;
use leptos::prelude::*;

/// Longest email and password accepted, so oversize input is refused before hashing.
pub const MAX_EMAIL_LEN: usize = 254;
pub const MAX_PASSWORD_LEN: usize = crate::domain::sign_in_link::MAX_PASSWORD_BYTES;

/// Only a plain local path is followed after sign-in (no open redirect, and nothing that cannot
/// go into a `Location` header): it starts with one `/`, is not too long, and holds only
/// unreserved URL characters, `/`, percent escapes and a query. Anything else goes to `/`.
pub fn safe_next(next: Option<&str>) -> String {
    const MAX_NEXT_LEN: usize = 512;
    let safe_char = |c: char| c.is_ascii_alphanumeric() || "/-._~%?=&+,:".contains(c);
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.len() <= MAX_NEXT_LEN
                && n.chars().all(safe_char) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use super::door;
    door::answer(async {
        if email.trim().is_empty() || password.is_empty() {
            return Err(AppError::Invalid("email_and_password_required".into()));
        }
        if email.len() > MAX_EMAIL_LEN || password.len() > MAX_PASSWORD_LEN {
            return Err(AppError::Invalid("too_long".into()));
        }
        let state = door::state()?;
        if !state.passwords {
            return Err(AppError::Invalid("passwords_off".into()));
        }
        let address = door::client_address(&state);
        let throttle = &state.sign_in_throttle;
        if let Err(secs) = throttle.check(&email, &address) {
            tracing::warn!(email = %email.trim(), %address, secs, "sign-in throttled");
            return Err(AppError::TooManyAttempts(secs));
        }
        let person = crate::server::people::auth::check_credentials(&state.pool, &email, &password).await;
        let person = match person {
            Ok(p) => {
                throttle.succeeded(&email, &address);
                p
            }
            Err(e) => {
                if e == AppError::BadCredentials {
                    throttle.failed(&email, &address);
                }
                tracing::info!(email = %email.trim(), %address, "sign-in failed");
                return Err(e);
            }
        };
        let session = door::session().await?;
        crate::server::people::auth::sign_in(&session, &person).await?;
        tracing::info!(person = person.id.0, role = person.role.as_str(), "signed in");
        leptos_axum::redirect(&safe_next(next.as_deref()));
        Ok(())
    })
    .await
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use super::door;
    door::answer(async {
        let session = door::session().await?;
        crate::server::people::auth::sign_out(&session).await?;
        leptos_axum::redirect("/kirjaudu");
        Ok(())
    })
    .await
}

/// The signed-in person, or `None` when nobody is (not an error: the sign-in page asks this).
#[server(endpoint = "me")]
pub async fn me() -> Result<Option<Person>, AppError> {
    use super::door;
    door::answer(async {
        let state = door::state()?;
        match door::signed_in(&state).await {
            Ok(p) => Ok(Some(p)),
            Err(AppError::Unauthorized) => Ok(None),
            Err(e) => Err(e),
        }
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/asiakkuus/3")), "/asiakkuus/3");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        assert_eq!(safe_next(Some("/omat?viikko=48")), "/omat?viikko=48");
        // Browsers drop tabs and newlines in a Location, making `//evil.example` of these.
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/ä")), "/");
        assert_eq!(safe_next(Some(&format!("/{}", "a".repeat(600)))), "/");
    }
}
