//! Shows an error as a sentence the user can act on, with the one action that helps.

use crate::domain::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    match error {
        // An expired session sends the user to sign in and back here afterwards.
        AppError::Unauthorized => {
            let here = location.pathname.get_untracked();
            let path = format!("/kirjaudu?next={}", urlencode(&here));
            // A page (not a data call) answers with a plain redirect rather than the 401.
            #[cfg(feature = "ssr")]
            if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
                opts.set_status(axum::http::StatusCode::FOUND);
            }
            view! { <Redirect path /> }.into_any()
        }
        AppError::Forbidden => view! {
            <div class="notice notice-error" role="alert">
                <h2>{t!(i18n, forbidden_title)}</h2>
                <p>{t!(i18n, err_forbidden)}</p>
                <a class="button" href="/">{t!(i18n, back_to_accounts)}</a>
            </div>
        }
        .into_any(),
        AppError::NotFound => view! {
            <div class="notice notice-error" role="alert">
                <h2>{t!(i18n, not_found_title)}</h2>
                <p>{t!(i18n, err_not_found)}</p>
                <a class="button" href="/">{t!(i18n, back_to_accounts)}</a>
            </div>
        }
        .into_any(),
        other => {
            let network = other.is_network();
            view! {
                <div class="notice notice-error" role="alert">
                    <p>
                        {move || if network {
                            t_string!(i18n, err_network).to_string()
                        } else {
                            t_string!(i18n, err_internal).to_string()
                        }}
                    </p>
                    <button class="button" on:click=|_| reload()>{t!(i18n, retry)}</button>
                </div>
            }
            .into_any()
        }
    }
}

fn reload() {
    let _ = window().location().reload();
}

/// Percent-encodes a path for a query parameter (paths here are ASCII).
fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
