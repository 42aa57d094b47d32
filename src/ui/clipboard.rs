//! Copying text for the user (a sign-in link to paste into a message). Through `Reflect`, so no
//! extra web-sys features are needed; answers false where the browser does not allow it (then
//! the text is still there to select by hand).

pub fn copy(text: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{JsCast, JsValue};
        let navigator: JsValue = leptos::prelude::window().navigator().into();
        let Some(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .ok()
            .filter(|c| !c.is_undefined())
        else {
            return false;
        };
        js_sys::Reflect::get(&clipboard, &"writeText".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .is_some_and(|f| f.call1(&clipboard, &JsValue::from_str(text)).is_ok())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = text;
        false
    }
}
