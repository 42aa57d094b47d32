//! Defends the device's copy: asks for persistent storage and watches how full it is.

use crate::offline::state::{StoreProblem, SyncState};
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Above this share of the quota, the person is warned before edits start failing.
const NEARLY_FULL: f64 = 0.9;

pub fn protect(state: SyncState) {
    leptos::task::spawn_local(async move {
        let Some(window) = web_sys::window() else { return };
        let storage = window.navigator().storage();
        // Persistent storage is not evicted under storage pressure (where the browser grants it).
        if let Ok(p) = storage.persist() {
            let _ = JsFuture::from(p).await;
        }
        if let Some((usage, quota)) = estimate().await {
            if quota > 0.0 && usage / quota > NEARLY_FULL {
                state.store_problem.set(Some(StoreProblem::Full));
            }
        }
    });
}

/// What this site stores on the device, and what the browser allows it, in bytes.
pub async fn estimate() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = JsFuture::from(storage.estimate().ok()?).await.ok()?;
    let get = |key: &str| {
        js_sys::Reflect::get(&estimate, &key.into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0)
    };
    Some((get("usage"), get("quota")))
}

/// Safari (also on iPhone) deletes a site's stored data after seven days without a visit,
/// unless the app is installed to the home screen.
pub fn is_safari_not_installed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let agent = window.navigator().user_agent().unwrap_or_default();
    let safari = agent.contains("Safari") && !agent.contains("Chrome") && !agent.contains("Chromium");
    let standalone = window
        .match_media("(display-mode: standalone)")
        .ok()
        .flatten()
        .map(|m| m.matches())
        .unwrap_or(false);
    safari && !standalone
}
