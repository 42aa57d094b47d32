//! The HTML shell, the routes, and what every page shares.

use crate::i18n::*;
use crate::ui::accounts::{AccountPage, AccountsPage};
use crate::ui::auth::LoginPage;
use crate::ui::layout::NotFoundPage;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // The page's CSP names the nonce its inline hydration scripts carry.
    #[cfg(feature = "ssr")]
    crate::server::security::page_policy();
    // How one signs in here, for the sign-in page's CSS: the identity provider's button is
    // shown with `data-oidc`, the password form hidden with `data-no-passwords`. Said on the
    // document (rendered on the server only), so the app's wasm carries no question about it.
    // Likewise `data-email`: the server sends e-mail, so an urgent bulletin offers its delay.
    #[cfg(feature = "ssr")]
    let (oidc, no_passwords, email) = use_context::<crate::server::state::AppState>()
        .map(|s| (s.oidc.is_some(), !s.passwords, s.mailer.is_some()))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let (oidc, no_passwords, email) = (false, false, false);
    view! {
        <!DOCTYPE html>
        // `lang` and `dir` are set by the i18n provider from the chosen language.
        <html data-oidc=oidc.then_some("") data-no-passwords=no_passwords.then_some("") data-email=email.then_some("")>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
                <meta name="theme-color" content="#0b4f6c" />
                <meta name="description" content="Kamu – asiakkuusjohtajan taskukaveri" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/favicon.ico" sizes="32x32" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let sync = crate::offline::state::SyncState::new();
    provide_context(sync);

    // Runs in the browser only: tells tests (and CSS) that the page is interactive, and
    // installs the service worker that keeps the app usable offline.
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
        #[cfg(feature = "hydrate")]
        {
            crate::offline::service_worker::register();
            crate::offline::engine::start(sync);
        }
    });

    view! {
        <I18nContextProvider ssr_lang_header_getter=finnish_first()>
            <Stylesheet id="leptos" href="/pkg/kamu.css" />
            <Title text="Kamu" />
            <Router>
                <KeepVisitedPages />
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=AccountsPage ssr=SsrMode::Async />
                    <Route path=path!("/kirjaudu") view=LoginPage />
                    <Route path=path!("/aseta-salasana/:token") view=crate::ui::auth::SetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("/hallinta/henkilot") view=crate::ui::admin::PeoplePage />
                    <Route path=path!("/omat") view=crate::ui::clock::MyWeekPage ssr=SsrMode::Async />
                    <Route path=path!("/hallinta") view=crate::ui::admin::CompanyClockPage ssr=SsrMode::Async />
                    <Route path=path!("/hallinta/luvut") view=crate::ui::admin::FiguresImportPage />
                    <Route path=path!("/hallinta/saannot") view=crate::ui::admin::LightRulesPage ssr=SsrMode::Async />
                    <Route path=path!("/salkku") view=crate::ui::portfolio::PortfolioPage ssr=SsrMode::Async />
                    <Route path=path!("/salkku/paketti") view=crate::ui::portfolio::PackPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id") view=AccountPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id/kanava") view=crate::ui::channel::ChannelPage ssr=SsrMode::Async />
                    <Route path=path!("/saapuneet") view=crate::ui::channel::InboxPage ssr=SsrMode::Async />
                    <Route path=path!("/hallinta/kohteet") view=crate::ui::admin::SitesImportPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id/laatukortti") view=crate::ui::card::CardPage ssr=SsrMode::Async />
                    // Drawn by the server (ui::server_drawn): these cost the browser's code nothing each.
                    <Route path=path!("/asiakkuus/:id/ennuste") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id/tavoitteet") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id/kartta") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id/liikevaihto") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                    <Route path=path!("/asiakkuus/:id/sopimukset") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                    <Route path=path!("/tuki") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                    <Route path=path!("/tuki/:id") view=crate::ui::server_drawn::ServerDrawnPage ssr=SsrMode::Async />
                </Routes>
            </Router>
        </I18nContextProvider>
    }
}

/// Finnish is the app's language unless the person picks English (remembered in a cookie). The
/// browser's language is not asked: many Finnish field workers' phones are set to English.
fn finnish_first() -> leptos_i18n::context::UseLocalesOptions {
    leptos_i18n::context::UseLocalesOptions::default().ssr_lang_header_getter(|| Some("fi".to_string()))
}

/// After each navigation, asks the service worker to keep this page for offline use.
#[component]
fn KeepVisitedPages() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let sync = crate::offline::state::use_sync();
    let i18n = crate::i18n::use_i18n();
    Effect::new(move |previous: Option<()>| {
        let path = location.pathname.get();
        let url = format!("{}{}", path, location.search.get());
        // The sign-in page holds nothing worth keeping; and a first page load that already went
        // through the worker was kept by it on the way.
        #[cfg(feature = "hydrate")]
        if path != "/kirjaudu" {
            crate::offline::service_worker::tell_language(match i18n.get_locale() {
                crate::i18n::Locale::fi => "fi",
                crate::i18n::Locale::en => "en",
                crate::i18n::Locale::sv => "sv",
            });
            if previous.is_some() || !crate::offline::service_worker::is_controlled() {
                crate::offline::service_worker::keep_page(url);
            }
            // Arriving on a page (also right after signing in) is a moment to sync.
            sync.request_sync();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (path, url, previous, sync, i18n);
    });
}
