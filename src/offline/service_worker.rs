//! Talks to `/sw.js`, which keeps the app shell, JS/wasm and visited pages for offline starts.

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerRegistration;

pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The promise is left to run; a failed registration only means no offline start.
    let _ = window.navigator().service_worker().register("/sw.js");
}

/// Whether this page was loaded through the service worker.
pub fn is_controlled() -> bool {
    web_sys::window()
        .map(|w| w.navigator().service_worker().controller().is_some())
        .unwrap_or(false)
}

/// Asks the service worker to keep the page at `url` for offline use. Pages reached by
/// in-app navigation (and the very first page, loaded before the worker existed) were never
/// fetched through the worker, so it fetches them itself.
pub fn keep_page(url: String) {
    tell_worker("cache-page", "url", JsValue::from_str(&url));
}

/// Asks the service worker to keep these pages too, unless it has them already: the pages of
/// accounts kept on the device before they were ever opened.
pub fn keep_pages_ahead(urls: Vec<String>) {
    let list = js_sys::Array::new();
    for url in urls {
        list.push(&JsValue::from_str(&url));
    }
    tell_worker("cache-missing-pages", "urls", list.into());
}

/// Tells the service worker the language chosen in the app, for its "no network" page.
pub fn tell_language(code: &str) {
    tell_worker("language", "code", JsValue::from_str(code));
}

fn tell_worker(kind: &'static str, key: &'static str, value: JsValue) {
    leptos::task::spawn_local(async move {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(ready) = window.navigator().service_worker().ready() else {
            return;
        };
        let Ok(registration) = JsFuture::from(ready).await else {
            return;
        };
        let registration = ServiceWorkerRegistration::from(registration);
        if let Some(worker) = registration.active() {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
            let _ = js_sys::Reflect::set(&message, &key.into(), &value);
            let _ = worker.post_message(&message);
        }
    });
}

/// Deletes the pages kept for offline use (they hold the signed-out person's data).
pub fn forget_cached_pages() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(controller) = window.navigator().service_worker().controller() {
        let _ = controller.post_message(&JsValue::from_str("forget-pages"));
    }
}
