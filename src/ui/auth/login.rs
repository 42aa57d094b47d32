//! The sign-in page. A plain form that works before the wasm has loaded, too.

use super::super::layout::Page;
use crate::api::auth::Login;
use crate::domain::error::AppError;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let login = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.with(|q| q.get("next").unwrap_or_default());
    // The identity provider's refusal, passed back by the server (`server::people::oidc_routes`).
    let refused = move || {
        query.with(|q| q.get("virhe")).map(|v| match v.as_str() {
            "tuntematon" => t_string!(i18n, err_oidc_unknown).to_string(),
            "vahvistamaton" => t_string!(i18n, err_oidc_unverified).to_string(),
            _ => t_string!(i18n, err_oidc_failed).to_string(),
        })
    };
    let error = move || {
        login.value().get().and_then(|r| r.err()).map(|e| match e {
            AppError::BadCredentials => t_string!(i18n, err_bad_credentials).to_string(),
            AppError::TooManyAttempts(secs) => crate::ui::error_view::wait_text(i18n, secs),
            AppError::Invalid(m) if m == "too_long" => t_string!(i18n, err_too_long).to_string(),
            AppError::Invalid(m) if m == "passwords_off" => t_string!(i18n, err_passwords_off).to_string(),
            AppError::Invalid(_) => t_string!(i18n, err_required).to_string(),
            e if e.is_network() => t_string!(i18n, err_network).to_string(),
            _ => t_string!(i18n, err_internal).to_string(),
        })
    };
    view! {
        <Title text=move || format!("{} – Kamu", t_string!(i18n, login_title)) />
        <Page>
            <section class="login">
                <h1>{t!(i18n, login_title)}</h1>
                <p class="muted">{t!(i18n, login_intro)}</p>
                {move || refused().map(|e| view! { <p class="form-error" role="alert" data-testid="login-refused">{e}</p> })}
                // Shown only where the company's identity provider is in use (style: `html[data-oidc]`).
                <a class="button button-primary button-wide sign-in-provider" data-testid="sign-in-provider"
                    href=move || format!("/kirjaudu/oidc?next={}", percent_encoding::utf8_percent_encode(&next(), percent_encoding::NON_ALPHANUMERIC))
                    rel="external">
                    {t!(i18n, sign_in_with_company)}
                </a>
                <div class="password-sign-in">
                    <ActionForm action=login attr:class="stack">
                        <input type="hidden" name="next" prop:value=next />
                        <label class="field">
                            <span>{t!(i18n, email)}</span>
                            <input
                                type="email"
                                name="email"
                                autocomplete="username"
                                inputmode="email"
                                autocapitalize="none"
                                maxlength="254"
                                required
                            />
                        </label>
                        <label class="field">
                            <span>{t!(i18n, password)}</span>
                            <input
                                type="password"
                                name="password"
                                autocomplete="current-password"
                                maxlength="1024"
                                required
                            />
                        </label>
                        {move || error().map(|e| view! { <p class="form-error" role="alert" data-testid="login-error">{e}</p> })}
                        <button type="submit" class="button button-primary" disabled=move || login.pending().get()>
                            {move || if login.pending().get() {
                                t_string!(i18n, signing_in).to_string()
                            } else {
                                t_string!(i18n, sign_in).to_string()
                            }}
                        </button>
                    </ActionForm>
                    <p class="muted" data-testid="no-password-hint">{t!(i18n, login_no_password)}</p>
                </div>
            </section>
        </Page>
    }
}
