//! People and their way in: the admin's list of people and the one-time sign-in links, and the
//! page a link opens (no sign-in needed there: the link itself is the proof).

use crate::domain::error::AppError;
use crate::domain::sign_in_link::{LinkHolder, NewLink, PeopleList};
use leptos::prelude::*;

#[server(endpoint = "people")]
pub async fn admin_people(query: String, only_without_password: bool) -> Result<PeopleList, AppError> {
    super::door::answer(async {
        let (state, viewer) = super::door::viewer().await?;
        if query.len() > 200 {
            return Err(AppError::Invalid("too_long".into()));
        }
        let now = crate::server::people::sign_in_links::now_ms();
        crate::server::people::sign_in_links::people(&state.pool, &viewer, &query, only_without_password, now)
            .await
    })
    .await
}

/// Makes a one-time sign-in link for a person; the admin hands it over.
#[server(endpoint = "people/link")]
pub async fn make_sign_in_link(person: i64) -> Result<NewLink, AppError> {
    super::door::answer(async {
        let (state, viewer) = super::door::viewer().await?;
        if !state.passwords {
            return Err(AppError::Invalid("passwords_off".into()));
        }
        let now = crate::server::people::sign_in_links::now_ms();
        crate::server::people::sign_in_links::create(
            &state.pool,
            &viewer,
            crate::domain::ids::PersonId(person),
            now,
        )
        .await
    })
    .await
}

/// Whom a link lets in, or why it no longer works.
#[server(endpoint = "link")]
pub async fn whose_link(token: String) -> Result<LinkHolder, AppError> {
    super::door::answer(async {
        let state = super::door::state()?;
        crate::server::people::sign_in_links::holder(
            &state.pool,
            &token,
            crate::server::people::sign_in_links::now_ms(),
        )
        .await
    })
    .await
}

/// Sets the password from a link and signs the person in, then opens their accounts.
#[server(endpoint = "link/use")]
pub async fn use_sign_in_link(token: String, password: String, again: String) -> Result<(), AppError> {
    super::door::answer(async {
        let state = super::door::state()?;
        // Everyone signs in with the identity provider: a link must not set a password around it.
        if !state.passwords {
            return Err(AppError::Invalid("passwords_off".into()));
        }
        let now = crate::server::people::sign_in_links::now_ms();
        let person =
            crate::server::people::sign_in_links::redeem(&state.pool, &token, &password, &again, now).await?;
        let session = super::door::session().await?;
        crate::server::people::auth::sign_in(&session, &person).await?;
        tracing::info!(
            person = person.id.0,
            role = person.role.as_str(),
            "signed in from a link"
        );
        leptos_axum::redirect("/");
        Ok(())
    })
    .await
}
