//! Pages drawn on the server (`ui::server_drawn`): read-only views whose markup is made by the
//! server, so the browser's code carries none of it. One door serves them all.

use crate::domain::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A drawn page: its title and its markup (made by the server from escaped text only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Drawn {
    pub title: String,
    pub html: String,
}

/// The page at `path` in language `lang`, for the signed-in person. An error the person can
/// act on (no right to the account, no such account) comes back drawn, with its status set;
/// only "not signed in" comes back as an error, for the page to send them to sign in.
#[server(endpoint = "drawn")]
pub async fn drawn_page(path: String, lang: String) -> Result<Drawn, AppError> {
    use super::door;
    let locale = crate::server::people::language::locale(&lang);
    let (state, viewer) = match door::viewer().await {
        Ok(v) => v,
        Err(e) => return door::fail(e),
    };
    match crate::server::drawn::draw(&state, &viewer, &path, locale).await {
        Ok(drawn) => Ok(drawn),
        Err(AppError::Unauthorized) => door::fail(AppError::Unauthorized),
        Err(error) => {
            // The status tells the truth; the page still shows a sentence to act on.
            let _ = door::fail::<()>(error.clone());
            Ok(crate::server::drawn::error_page(&error, locale))
        }
    }
}
