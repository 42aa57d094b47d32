//! The page a one-time sign-in link opens (/aseta-salasana/:token): it greets the person by
//! name, they choose a password (typed twice), and they are signed in. A plain form, so it
//! works before the wasm has loaded on a slow phone. A used, expired or mistyped link says
//! what to do instead.

use super::super::layout::Page;
use crate::api::people::{whose_link, UseSignInLink};
use crate::domain::error::AppError;
use crate::domain::sign_in_link::{LinkHolder, MIN_PASSWORD_CHARS};
use crate::i18n::*;
use crate::ui::loaded::Loaded;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let holder = Resource::new(token, whose_link);
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, set_password_title)) />
        // The address holds the secret: never send it on to another site.
        <Meta name="referrer" content="no-referrer" />
        <Page>
            <section class="login">
                <h1>{t!(i18n, set_password_title)}</h1>
                <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>
                    {move || holder.loaded().map(|r| match r {
                        Ok(holder) => view! { <PasswordForm holder token=token() /> }.into_any(),
                        Err(e) => view! { <LinkProblem error=e /> }.into_any(),
                    })}
                </Suspense>
            </section>
        </Page>
    }
}

#[component]
fn PasswordForm(holder: LinkHolder, token: String) -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<UseSignInLink>::new();
    let problem = move || set.value().get().and_then(|r| r.err());
    let min = MIN_PASSWORD_CHARS.to_string();
    view! {
        <p data-testid="link-greeting">{t!(i18n, set_password_hello)} " " <strong>{holder.name}</strong></p>
        <p class="muted">{t!(i18n, set_password_intro)} " " <strong>{holder.email.clone()}</strong></p>
        <ActionForm action=set attr:class="stack">
            <input type="hidden" name="token" value=token />
            // For password managers: the new password belongs to this username.
            <input type="email" name="username" autocomplete="username" value=holder.email hidden readonly />
            <label class="field">
                <span>{t!(i18n, new_password)}</span>
                <input type="password" name="password" autocomplete="new-password" minlength=min.clone()
                    maxlength="1024" required aria-describedby="password-rule" data-testid="new-password" />
                <small class="field-hint" id="password-rule">{t!(i18n, password_rule)}</small>
            </label>
            <label class="field">
                <span>{t!(i18n, new_password_again)}</span>
                <input type="password" name="again" autocomplete="new-password" minlength=min
                    maxlength="1024" required data-testid="new-password-again" />
            </label>
            {move || problem().map(|e| match link_error(&e) {
                // The link stopped working while the form was open: say so, not a field error.
                Some(_) => view! { <LinkProblem error=e /> }.into_any(),
                None => view! { <p class="form-error" role="alert" data-testid="password-error">{password_error(i18n, &e)}</p> }.into_any(),
            })}
            <button type="submit" class="button button-primary" data-testid="set-password" disabled=move || set.pending().get()>
                {t!(i18n, set_password_submit)}
            </button>
        </ActionForm>
    }
}

/// The key of an error that means the link itself no longer works.
fn link_error(error: &AppError) -> Option<&str> {
    match error {
        AppError::Invalid(key) if key.starts_with("link_") => Some(key),
        _ => None,
    }
}

fn password_error(i18n: leptos_i18n::I18nContext<Locale>, error: &AppError) -> String {
    match error {
        AppError::Invalid(key) if key == "password_too_short" => {
            t_string!(i18n, err_password_too_short).to_string()
        }
        AppError::Invalid(key) if key == "password_mismatch" => {
            t_string!(i18n, err_password_mismatch).to_string()
        }
        AppError::Invalid(key) if key == "too_long" => t_string!(i18n, err_too_long).to_string(),
        e => crate::ui::error_view::error_text(i18n, e),
    }
}

#[component]
fn LinkProblem(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let text = match link_error(&error) {
        Some("link_used") => t_string!(i18n, err_link_used).to_string(),
        Some("link_expired") => t_string!(i18n, err_link_expired).to_string(),
        Some(_) => t_string!(i18n, err_link_unknown).to_string(),
        None => crate::ui::error_view::error_text(i18n, &error),
    };
    view! {
        <div class="notice notice-error" role="alert" data-testid="link-problem">
            <p>{text}</p>
            <a class="button" href="/kirjaudu">{t!(i18n, sign_in)}</a>
        </div>
    }
}
