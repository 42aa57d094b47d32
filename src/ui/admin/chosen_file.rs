//! Reading the CSV file an admin chose for an import (finance figures, sites) into the page.

use crate::domain::error::AppError;
use leptos::prelude::*;

/// Puts the chosen file's name and text into the signals; an unreadable file is an error.
pub fn read_chosen_file(
    ev: &leptos::ev::Event,
    file_name: RwSignal<String>,
    text: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
) {
    #[cfg(feature = "hydrate")]
    {
        let input: web_sys::HtmlInputElement = event_target(ev);
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            file_name.set(file.name());
            leptos::task::spawn_local(async move {
                let read = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                match read.ok().and_then(|v| v.as_string()) {
                    Some(t) => text.set(t),
                    None => error.set(Some(AppError::Invalid("import_bad_header".into()))),
                }
            });
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, file_name, text, error);
}
