//! Passwords (argon2) and sessions (tower-sessions, stored in the same SQLite file).

use crate::domain::error::AppError;
use crate::domain::ids::{PersonId, RegionId};
use crate::domain::people::{Person, Role, Viewer};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::SqlitePool;
use tower_sessions::Session;

const SESSION_PERSON_KEY: &str = "person_id";

pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing failed: {e}"))
}

pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    region_id: Option<i64>,
    password_hash: String,
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

const PERSON_COLUMNS: &str = "id, name, email, role, region_id, password_hash";

/// Checks an email and password. The same answer for an unknown email and a wrong password,
/// and the same work (a hash check) for both, so neither answer nor timing tells which.
pub async fn check_credentials(pool: &SqlitePool, email: &str, password: &str) -> Result<Person, AppError> {
    let row: Option<PersonRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE email = ? AND active = 1"
    ))
    .bind(email.trim())
    .fetch_optional(pool)
    .await
    .map_err(internal)?;
    match row {
        Some(row) if verify_password(password, &row.password_hash) => row
            .into_person()
            .ok_or_else(|| AppError::Internal("unknown role".into())),
        Some(_) => Err(AppError::BadCredentials),
        None => {
            let _ = verify_password(password, dummy_hash());
            Err(AppError::BadCredentials)
        }
    }
}

/// A hash checked when the email is unknown, so that answer takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

pub async fn sign_in(session: &Session, person: &Person) -> Result<(), AppError> {
    // A fresh session id at sign-in stops session fixation.
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(SESSION_PERSON_KEY, person.id.0)
        .await
        .map_err(internal)
}

pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(internal)
}

/// The signed-in person, or `Unauthorized` when there is none or the session expired.
pub async fn current_person(pool: &SqlitePool, session: &Session) -> Result<Person, AppError> {
    let id: Option<i64> = session.get(SESSION_PERSON_KEY).await.map_err(internal)?;
    let id = id.ok_or(AppError::Unauthorized)?;
    active_person(pool, PersonId(id))
        .await?
        .ok_or(AppError::Unauthorized)
}

/// A person who may still use Kamu (not deactivated), by id.
pub async fn active_person(pool: &SqlitePool, id: PersonId) -> Result<Option<Person>, AppError> {
    let row: Option<PersonRow> = sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM people WHERE id = ? AND active = 1"
    ))
    .bind(id.0)
    .fetch_optional(pool)
    .await
    .map_err(internal)?;
    Ok(row.and_then(PersonRow::into_person))
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
