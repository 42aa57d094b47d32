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
pub(crate) fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// "Too many attempts: try again in 3 minutes", in whole minutes (at least one).
pub fn wait_text(i18n: leptos_i18n::I18nContext<Locale>, secs: u64) -> String {
    let minutes = secs.div_ceil(60).max(1);
    // Split around the number: "… uudelleen 3 minuutin kuluttua." ("minuutin" fits every count).
    format!(
        "{} {minutes} {}",
        t_string!(i18n, err_too_many_attempts),
        t_string!(i18n, err_try_again_minutes)
    )
}

/// An error from an action as one sentence, for showing next to the button that failed.
pub fn error_text(i18n: leptos_i18n::I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::Unauthorized => t_string!(i18n, err_unauthorized).to_string(),
        AppError::Forbidden => t_string!(i18n, err_forbidden).to_string(),
        AppError::NotFound => t_string!(i18n, err_not_found).to_string(),
        AppError::BadCredentials => t_string!(i18n, err_bad_credentials).to_string(),
        AppError::TooManyAttempts(secs) => wait_text(i18n, *secs),
        AppError::Invalid(key) => match key.split(':').next().unwrap_or_default() {
            "summary_needs_explanation" => t_string!(i18n, err_needs_explanation).to_string(),
            "summary_unchanged_for_new_light" => t_string!(i18n, card_new_light_new_text).to_string(),
            "card_not_draft" | "card_submitted" => t_string!(i18n, err_card_frozen).to_string(),
            "card_not_submitted" => t_string!(i18n, err_card_not_submitted).to_string(),
            "comment_empty" => t_string!(i18n, err_comment_empty).to_string(),
            "import_missing_columns" => format!(
                "{} {}",
                t_string!(i18n, import_missing_columns),
                key.split(':').nth(1).unwrap_or_default()
            ),
            "import_file_too_large" => t_string!(i18n, import_file_too_large).to_string(),
            "import_rows_rejected" => t_string!(i18n, import_rows_rejected).to_string(),
            "rule_limits_order" => t_string!(i18n, err_rule_limits).to_string(),
            "rule_one_off_over" => t_string!(i18n, err_rule_one_off_over).to_string(),
            "rule_one_off_within" => t_string!(i18n, err_rule_one_off_within).to_string(),
            "rule_meeting_worth" => t_string!(i18n, err_rule_meeting_worth).to_string(),
            _ => t_string!(i18n, err_invalid).to_string(),
        },
        other if other.is_network() => t_string!(i18n, err_network).to_string(),
        _ => t_string!(i18n, err_internal).to_string(),
    }
}
