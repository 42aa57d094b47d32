//! The frame of every page: a header with the language switch, the offline notice, and a
//! bottom bar within thumb's reach (the app is used one-handed on a phone).

use super::sync::panel::SyncPanel;
use super::sync::status_bar::SyncStatusBar;
use crate::api::auth::Logout;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Page(
    /// Show the bottom bar (accounts, sign out): for signed-in pages.
    #[prop(optional)]
    signed_in: bool,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let logout = ServerAction::<Logout>::new();
    let sync = crate::offline::state::use_sync();
    // Signing out with edits still waiting asks first: they would be deleted with the copy.
    let confirming = RwSignal::new(false);
    let ask_first = move |ev: leptos::ev::MouseEvent| {
        if sync.waiting() > 0 && !confirming.get_untracked() {
            ev.prevent_default();
            confirming.set(true);
        }
    };
    // Signing out forgets the pages the service worker kept for offline use.
    Effect::new(move |_| {
        if logout.version().get() > 0 {
            crate::offline::device::forget_signed_out_person();
        }
    });
    // Finnish first, then Swedish (Finland is bilingual), then English; each named in itself.
    let choose_locale = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev);
        let next = match chosen.as_str() {
            "sv" => Locale::sv,
            "en" => Locale::en,
            _ => Locale::fi,
        };
        i18n.set_locale(next);
        remember_language(&chosen);
    };
    let is = move |locale: Locale| move || i18n.get_locale() == locale;
    view! {
        <header class="app-header">
            <a class="brand" href="/">
                <img src="/icons/icon.svg" alt="" width="28" height="28" />
                <span>{t!(i18n, app_name)}</span>
            </a>
            <div class="header-actions">
                <select
                    class="lang-switch"
                    data-testid="lang-switch"
                    aria-label=move || t_string!(i18n, lang_switch).to_string()
                    on:change=choose_locale
                >
                    <option value="fi" selected=is(Locale::fi) lang="fi">"Suomi"</option>
                    <option value="sv" selected=is(Locale::sv) lang="sv">"Svenska"</option>
                    <option value="en" selected=is(Locale::en) lang="en">"English"</option>
                </select>
                // Signing out is rare: it lives in a menu, not in a thumb tab of its own.
                <Show when=move || signed_in>
                    <details class="header-menu" data-testid="menu">
                        <summary class="header-menu-button" aria-label=move || t_string!(i18n, menu).to_string()>
                            <span aria-hidden="true">"⋯"</span>
                        </summary>
                        <div class="header-menu-list">
                            <ActionForm action=logout>
                                <button type="submit" class="header-menu-item" data-testid="sign-out" on:click=ask_first>
                                    {t!(i18n, nav_sign_out)}
                                </button>
                            </ActionForm>
                        </div>
                    </details>
                </Show>
            </div>
        </header>
        <SyncStatusBar />
        <main class="app-main">
            <Show when=move || signed_in>
                <SyncPanel />
            </Show>
            {children()}
        </main>
        <Show when=move || signed_in>
            <nav class="bottom-bar">
                <a href="/" class="bottom-link">
                    <span aria-hidden="true">"☰"</span>
                    {t!(i18n, nav_accounts)}
                </a>
                <a href="/omat" class="bottom-link" data-testid="nav-my-week">
                    <span aria-hidden="true">"✓"</span>
                    {t!(i18n, nav_my_week)}
                </a>
                <super::channel::InboxLink />
                <super::portfolio::PortfolioTab />
            </nav>
        </Show>
        <Show when=move || confirming.get()>
            <div class="sign-out-confirm" role="alertdialog" aria-labelledby="sign-out-waiting" data-testid="sign-out-confirm">
                <p id="sign-out-waiting">{t!(i18n, sign_out_waiting, count = move || sync.waiting())}</p>
                <ActionForm action=logout attr:class="button-row">
                    <button type="submit" class="button button-danger" data-testid="sign-out-anyway">
                        {t!(i18n, sign_out_anyway)}
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        {t!(i18n, sign_out_cancel)}
                    </button>
                </ActionForm>
            </div>
        </Show>
    }
    // Erased: the full type of this view is deep enough to hit the compiler's limits.
    .into_any()
}

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
        opts.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Page>
            <super::error_view::ErrorView error=crate::domain::error::AppError::NotFound />
        </Page>
    }
}

/// Remembers the chosen language for the server's next page, in the cookie leptos_i18n reads
/// there, for the whole site and a year. Written here rather than by leptos_i18n's own cookie
/// code, which would bring a cookie parser and the `time` crate's date parsing into the app's
/// wasm (about 8 KB brotli) to write one line.
fn remember_language(code: &str) {
    #[cfg(feature = "hydrate")]
    {
        // leptos_i18n's cookie name (private there: `context::COOKIE_PREFERED_LANG`).
        let cookie = format!("i18n_pref_locale={code}; path=/; max-age=31536000; samesite=lax");
        let _ = js_sys::Reflect::set(&document(), &"cookie".into(), &cookie.into());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = code;
}

/// A page title with text from data in it (an account's name), for `<Title>`. leptos_meta writes
/// the title into the server's HTML unescaped, where `</title>` in a name would end it and start
/// markup; so the server escapes it (the browser decodes it back). In the browser the title is
/// set as text, and is passed as it is.
pub fn page_title(text: String) -> String {
    #[cfg(feature = "ssr")]
    return text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    #[cfg(not(feature = "ssr"))]
    return text;
}
