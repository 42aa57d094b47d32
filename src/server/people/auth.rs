//! Passwords (argon2) and sessions (tower-sessions, stored in the same SQLite file).

use crate::domain::error::AppError;
use crate::domain::ids::{PersonId, RegionId};
use crate::domain::people::{Person, Role, Viewer};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::SqlitePool;
use tower_sessions::Session;

pub(crate) const SESSION_PERSON_KEY: &str = "person_id";

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

/// Checks a password against a stored hash. A stored value that is not a hash (a person who
/// has no password yet) is answered after the same work as a wrong password, so timing does
/// not tell the two apart.
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => {
            if let Ok(dummy) = PasswordHash::new(dummy_hash()) {
                let _ = Argon2::default().verify_password(password.as_bytes(), &dummy);
            }
            false
        }
    }
}

/// Hashing runs on the blocking pool, at most this many at once: a burst of sign-ins queues
/// here instead of stalling the async workers that serve every other request.
const HASHING_AT_ONCE: usize = 2;

fn hashing_permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    PERMITS.get_or_init(|| tokio::sync::Semaphore::new(HASHING_AT_ONCE))
}

/// Runs password hashing or checking off the async runtime, bounded.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = hashing_permits().acquire().await.map_err(internal)?;
    tokio::task::spawn_blocking(work).await.map_err(internal)
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    region_id: Option<i64>,
    password_hash: String,
    /// Sign-ins made before this moment (ms) no longer count.
    sessions_valid_after: i64,
}

impl PersonRow {
    fn into_person(self) -> Option<Person> {
        Some(Person {
            id: PersonId(self.id),
            name: self.name,
            email: self.email,
            role: Role::parse(&self.role)?,
            region_id: self.region_id.map(RegionId),
        })
    }
}

const PERSON_COLUMNS: &str = "id, name, email, role, region_id, password_hash, sessions_valid_after";

/// Checks an email and password. The same answer for an unknown email, a wrong password and
/// a person with no password yet, and the same work (a hash check) for all three, so neither
/// answer nor timing tells which.
pub async fn check_credentials(pool: &SqlitePool, email: &str, password: &str) -> Result<Person, AppError> {
    let row: Option<PersonRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE email = ? AND active = 1"
    ))
    .bind(email.trim())
    .fetch_optional(pool)
    .await?;
    let stored = row
        .as_ref()
        .map_or_else(|| dummy_hash().to_string(), |r| r.password_hash.clone());
    let password = password.to_string();
    let matches = off_runtime(move || verify_password(&password, &stored)).await?;
    match row {
        Some(row) if matches => row
            .into_person()
            .ok_or_else(|| AppError::Internal("unknown role".into())),
        _ => Err(AppError::BadCredentials),
    }
}

/// A hash checked when the email is unknown, so that answer takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

/// A sign-in ends this long after it began, however often it is used (the idle limit is the
/// session cookie's own expiry).
pub const MAX_SESSION_DAYS: i64 = 30;
const SESSION_SIGNED_IN_KEY: &str = "signed_in_ms";

pub async fn sign_in(session: &Session, person: &Person) -> Result<(), AppError> {
    // A fresh session id at sign-in stops session fixation.
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(SESSION_PERSON_KEY, person.id.0)
        .await
        .map_err(internal)?;
    session
        .insert(SESSION_SIGNED_IN_KEY, chrono::Utc::now().timestamp_millis())
        .await
        .map_err(internal)
}

pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(internal)
}

/// The signed-in person, or `Unauthorized` when there is none, the session expired, it is
/// older than `MAX_SESSION_DAYS`, or the person's sessions were ended after it began.
pub async fn current_person(pool: &SqlitePool, session: &Session) -> Result<Person, AppError> {
    let id: Option<i64> = session.get(SESSION_PERSON_KEY).await.map_err(internal)?;
    let id = id.ok_or(AppError::Unauthorized)?;
    let now = chrono::Utc::now().timestamp_millis();
    let signed_in: Option<i64> = session.get(SESSION_SIGNED_IN_KEY).await.map_err(internal)?;
    let signed_in = match signed_in {
        Some(ms) => ms,
        // A session from before sign-in times were kept: its lifetime starts now.
        None => {
            session
                .insert(SESSION_SIGNED_IN_KEY, now)
                .await
                .map_err(internal)?;
            now
        }
    };
    // One read of the person: whether they may still use Kamu, and whether this sign-in still counts.
    let row = active_row(pool, PersonId(id)).await?;
    let too_old = now - signed_in > MAX_SESSION_DAYS * 24 * 60 * 60 * 1000;
    let ended = row.as_ref().is_some_and(|r| signed_in < r.sessions_valid_after);
    if too_old || ended {
        session.flush().await.map_err(internal)?;
        return Err(AppError::Unauthorized);
    }
    row.and_then(PersonRow::into_person).ok_or(AppError::Unauthorized)
}

/// A person who may still use Kamu (not deactivated), by id.
pub async fn active_person(pool: &SqlitePool, id: PersonId) -> Result<Option<Person>, AppError> {
    Ok(active_row(pool, id).await?.and_then(PersonRow::into_person))
}

async fn active_row(pool: &SqlitePool, id: PersonId) -> Result<Option<PersonRow>, AppError> {
    sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE id = ? AND active = 1"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await
    .map_err(internal)
}

pub fn viewer_of(person: &Person) -> Viewer {
    Viewer {
        id: person.id,
        role: person.role,
        region_id: person.region_id,
    }
}

pub fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "internal error");
    AppError::Internal("palvelinvirhe".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_accepts_its_password_and_nothing_else() {
        let h = hash_password("kamu-demo").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("kamu-demo", &h));
        assert!(!verify_password("kamu-demO", &h));
        assert!(!verify_password("kamu-demo", "not a hash"));
    }
}
