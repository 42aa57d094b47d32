//! One-time sign-in links (rules in `domain::sign_in_link`): an admin makes one for a person,
//! the person opens it and chooses a password, and is signed in. Only a SHA-256 of the token
//! is stored; making a new link for a person retires their older unused ones.

use crate::domain::error::AppError;
use crate::domain::ids::PersonId;
use crate::domain::people::{Person, Viewer};
use crate::domain::sign_in_link::{
    check_new_password, expires_at, link_path, list_people, LinkHolder, LinkState, NewLink, PeopleList,
    PersonAccess,
};
use sha2::{Digest, Sha256};
use sqlx::SqlitePool;

use crate::server::access::require_admin;
use crate::server::people::auth::internal;

/// The password hash the import gives people it adds: no password verifies against it.
pub const NO_PASSWORD: &str = "!no-password";

pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The Finnish date of a moment, for "works until d.m.yyyy".
fn finnish_date(ms: i64) -> chrono::NaiveDate {
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&chrono_tz::Europe::Helsinki)
        .date_naive()
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token as Kamu makes them (64 hex digits); anything else is not looked up at all.
fn well_formed(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The admin's list of active people, with who cannot sign in yet and who has a link waiting.
pub async fn people(
    pool: &SqlitePool,
    admin: &Viewer,
    query: &str,
    only_without_password: bool,
    now: i64,
) -> Result<PeopleList, AppError> {
    require_admin(admin, "people list")?;
    type Row = (i64, String, String, String, Option<i64>, bool, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT p.id, p.name, p.email, p.role, p.region_id, p.password_hash <> ?1,
                (SELECT MAX(l.expires_at) FROM sign_in_links l
                  WHERE l.person_id = p.id AND l.used_at IS NULL AND l.expires_at > ?2)
           FROM people p WHERE p.active = 1",
    )
    .bind(NO_PASSWORD)
    .bind(now)
    .fetch_all(pool)
    .await?;
    let all = rows
        .into_iter()
        .filter_map(|(id, name, email, role, region, has_password, link)| {
            Some(PersonAccess {
                person: Person {
                    id: PersonId(id),
                    name,
                    email,
                    role: crate::domain::people::Role::parse(&role)?,
                    region_id: region.map(crate::domain::ids::RegionId),
                },
                has_password,
                link_valid_until: link.map(finnish_date),
            })
        })
        .collect();
    Ok(list_people(all, query, only_without_password))
}

/// Makes a new link for an active person. Their older unused links stop working.
pub async fn create(
    pool: &SqlitePool,
    admin: &Viewer,
    person: PersonId,
    now: i64,
) -> Result<NewLink, AppError> {
    require_admin(admin, "sign-in link")?;
    make_link(pool, admin.id, person, now).await
}

/// The command line's `--add-admin`: makes the person an active administrator (adding them when
/// new, with no usable password) and returns a one-time link for choosing a password. How the
/// first person gets into a database that started without demo data.
pub async fn add_admin(pool: &SqlitePool, email: &str, name: &str, now: i64) -> Result<NewLink, AppError> {
    let email = email.trim();
    if !crate::domain::channel::billing::plausible_email(email) || name.trim().is_empty() {
        return Err(AppError::Invalid("admin_email_or_name".into()));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (email, name, role, password_hash) VALUES (?, ?, 'admin', ?)
         ON CONFLICT (email) DO UPDATE SET role = 'admin', active = 1
         RETURNING id",
    )
    .bind(email)
    .bind(name.trim())
    .bind(NO_PASSWORD)
    .fetch_one(pool)
    .await?;
    tracing::info!(person = id, "administrator added from the command line");
    make_link(pool, PersonId(id), PersonId(id), now).await
}

async fn make_link(
    pool: &SqlitePool,
    created_by: PersonId,
    person: PersonId,
    now: i64,
) -> Result<NewLink, AppError> {
    let mut tx = pool.begin().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE id = ? AND active = 1")
        .bind(person.0)
        .fetch_optional(&mut *tx)
        .await?;
    if exists.is_none() {
        return Err(AppError::NotFound);
    }
    sqlx::query("UPDATE sign_in_links SET used_at = ? WHERE person_id = ? AND used_at IS NULL")
        .bind(now)
        .bind(person.0)
        .execute(&mut *tx)
        .await?;
    let token = crate::server::clock::calendar_feed::new_token();
    let expires = expires_at(now);
    sqlx::query(
        "INSERT INTO sign_in_links (token_hash, person_id, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)",
    )
    .bind(token_hash(&token))
    .bind(person.0)
    .bind(created_by.0)
    .bind(now)
    .bind(expires)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(person = person.0, by = created_by.0, "sign-in link made");
    Ok(NewLink {
        path: link_path(&token),
        valid_until: finnish_date(expires),
    })
}

type LinkRow = (i64, i64, Option<i64>, String, String);

async fn find(pool: &SqlitePool, token: &str) -> Result<LinkRow, AppError> {
    let unknown = || AppError::Invalid("link_unknown".into());
    if !well_formed(token) {
        return Err(unknown());
    }
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT l.person_id, l.expires_at, l.used_at, p.name, p.email
           FROM sign_in_links l JOIN people p ON p.id = l.person_id
          WHERE l.token_hash = ? AND p.active = 1",
    )
    .bind(token_hash(token))
    .fetch_optional(pool)
    .await?;
    row.ok_or_else(unknown)
}

fn usable(row: &LinkRow, now: i64) -> Result<(), AppError> {
    match LinkState::of(row.1, row.2, now).error_key() {
        None => Ok(()),
        Some(key) => Err(AppError::Invalid(key.into())),
    }
}

/// Whom a link lets in, for the page that opens it; an unusable link says why.
pub async fn holder(pool: &SqlitePool, token: &str, now: i64) -> Result<LinkHolder, AppError> {
    let row = find(pool, token).await?;
    usable(&row, now)?;
    Ok(LinkHolder {
        name: row.3,
        email: row.4,
    })
}

/// Sets the person's password from a usable link and uses the link up. Two tabs sending the
/// same link at once: exactly one wins, the other is told the link was used.
pub async fn redeem(
    pool: &SqlitePool,
    token: &str,
    password: &str,
    again: &str,
    now: i64,
) -> Result<Person, AppError> {
    check_new_password(password, again).map_err(|key| AppError::Invalid(key.into()))?;
    let row = find(pool, token).await?;
    usable(&row, now)?;
    let new_password = password.to_string();
    let hash = crate::server::people::auth::off_runtime(move || {
        crate::server::people::auth::hash_password(&new_password)
    })
    .await?
    .map_err(internal)?;
    let mut tx = pool.begin().await?;
    let used = sqlx::query("UPDATE sign_in_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
        .bind(now)
        .bind(token_hash(token))
        .execute(&mut *tx)
        .await?;
    if used.rows_affected() != 1 {
        return Err(AppError::Invalid("link_used".into()));
    }
    // A new password ends every other sign-in of the person (a lost phone, a shared laptop).
    sqlx::query("UPDATE people SET password_hash = ?, sessions_valid_after = ? WHERE id = ?")
        .bind(&hash)
        .bind(now)
        .bind(row.0)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    tracing::info!(person = row.0, "password set from a sign-in link");
    crate::server::people::auth::active_person(pool, PersonId(row.0))
        .await?
        .ok_or(AppError::Unauthorized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_hash_of_a_well_formed_token_is_looked_up() {
        let token = crate::server::clock::calendar_feed::new_token();
        assert!(well_formed(&token));
        assert!(!well_formed("../../etc"));
        assert!(!well_formed(&"a".repeat(65)));
        let hash = token_hash(&token);
        assert_eq!(hash.len(), 64);
        assert_ne!(hash, token);
        assert_eq!(hash, token_hash(&token));
    }
}
