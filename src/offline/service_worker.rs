//! Registers `/sw.js`, which caches the app shell, JS and wasm for offline starts.

pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let container = window.navigator().service_worker();
    // The promise is left to run; a failed registration only means no offline start.
    let _ = container.register("/sw.js");
}

/// Deletes the pages cached for offline use (they hold the signed-out person's data).
pub fn forget_cached_pages() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(controller) = window.navigator().service_worker().controller() {
        let _ = controller.post_message(&wasm_bindgen::JsValue::from_str("forget-pages"));
    }
}
