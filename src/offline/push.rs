//! Turning on Web Push on this device: ask for permission, subscribe with the server's VAPID
//! key through the service worker's PushManager, and give the subscription to the server.
//! Called through `Reflect` so that no extra web-sys features are needed.

use crate::api::channel::{push_key, push_subscribe};
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub use super::device::PushResult;

fn get(target: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(target, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

async fn call(target: &JsValue, name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f: Function = get(target, name)?.dyn_into().ok()?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    let value = f.apply(target, &array).ok()?;
    match value.dyn_into::<Promise>() {
        Ok(p) => JsFuture::from(p).await.ok(),
        Err(v) => Some(v),
    }
}

fn base64url_bytes(key: &str) -> Option<Vec<u8>> {
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in key.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            b'=' => continue,
            _ => return None,
        } as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    Some(out)
}

pub async fn enable() -> PushResult {
    let Some(window) = web_sys::window() else {
        return PushResult::Unavailable;
    };
    let global: JsValue = window.clone().into();
    let Some(notification) = get(&global, "Notification") else {
        return PushResult::Unavailable;
    };
    let permission = call(&notification, "requestPermission", &[])
        .await
        .and_then(|p| p.as_string());
    match permission.as_deref() {
        Some("granted") => {}
        Some("denied") => return PushResult::Denied,
        _ => return PushResult::Unavailable,
    }
    let Ok(ready) = window.navigator().service_worker().ready() else {
        return PushResult::Unavailable;
    };
    let Ok(registration) = JsFuture::from(ready).await else {
        return PushResult::Unavailable;
    };
    let Some(manager) = get(&registration, "pushManager") else {
        return PushResult::Unavailable;
    };
    let Some(key) = push_key().await.ok().and_then(|k| base64url_bytes(&k)) else {
        return PushResult::Unavailable;
    };
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"userVisibleOnly".into(), &JsValue::TRUE);
    let _ = Reflect::set(
        &options,
        &"applicationServerKey".into(),
        &Uint8Array::from(key.as_slice()),
    );
    let Some(subscription) = call(&manager, "subscribe", &[options.into()]).await else {
        return PushResult::Unavailable;
    };
    let Some(json) = call(&subscription, "toJSON", &[]).await else {
        return PushResult::Unavailable;
    };
    let field = |path: &[&str]| {
        let mut v = json.clone();
        for p in path {
            v = get(&v, p)?;
        }
        v.as_string()
    };
    let (Some(endpoint), Some(p256dh), Some(auth)) = (
        field(&["endpoint"]),
        field(&["keys", "p256dh"]),
        field(&["keys", "auth"]),
    ) else {
        return PushResult::Unavailable;
    };
    match push_subscribe(endpoint, p256dh, auth).await {
        Ok(()) => PushResult::On,
        Err(_) => PushResult::Unavailable,
    }
}

/// Turns Web Push off on this device (after signing out): the browser unsubscribes, so the push
/// service refuses anything still sent to it, and the server drops the subscription on that
/// 410 (the session is gone by now, so the server cannot be told directly). Quiet when push
/// was never on.
pub async fn disable() {
    let Some(window) = web_sys::window() else { return };
    let container: JsValue = window.navigator().service_worker().into();
    let Some(registration) = call(&container, "getRegistration", &[]).await else {
        return;
    };
    let Some(manager) = get(&registration, "pushManager") else {
        return;
    };
    let Some(subscription) = call(&manager, "getSubscription", &[])
        .await
        .filter(|s| !s.is_null())
    else {
        return;
    };
    let _ = call(&subscription, "unsubscribe", &[]).await;
}
