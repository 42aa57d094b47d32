//! Kamu: one Leptos crate, compiled twice. Feature `ssr` is the axum server, feature
//! `hydrate` the WebAssembly that brings the server-rendered pages to life in the browser.
#![recursion_limit = "512"]

// Finnish first, English second: the texts live in locales/*.json, checked at compile time.
// The macro is marked deprecated in favour of a build script, but that script's crate pulls in
// the whole ICU data exporter (minutes of extra build); the macro generates the same module.
#[allow(deprecated)]
mod locales {
    leptos_i18n::load_locales!();
}
pub use locales::i18n;

pub mod api;
pub mod app;
pub mod domain;
pub mod ui;

pub mod offline;
#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
