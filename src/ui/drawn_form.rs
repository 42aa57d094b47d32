//! The one reader of the forms on pages drawn by the server (`server::drawn::doc_form` draws
//! them). A submitted form becomes edits of the one engine (`domain::sync::doc_form`, the kind's
//! rules checked before anything is saved) and is saved in the outbox like any edit, online or
//! not. A rule broken shows the form's own message for it, and nothing is saved.

use crate::offline::state::SyncState;
use uuid::Uuid;

/// Handles a submit inside a drawn page. A form of the engine's is saved and `saved` hears the
/// edits once they are safe on the device (none when nothing changed); any other form is left
/// to the browser.
pub fn submitted(ev: leptos::ev::SubmitEvent, sync: SyncState, saved: impl Fn(Vec<Uuid>) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .filter(|f| f.has_attribute("data-doc-kind"))
        else {
            return;
        };
        ev.prevent_default();
        match read(&form) {
            Err(reason) => show_message(&form, Some(&reason)),
            Ok(ops) => {
                show_message(&form, None);
                let ids: Vec<Uuid> = ops.iter().map(|op| op.id).collect();
                // The record's row stays where it is while the page is drawn again after the sync.
                if let Some(row) = form.closest("[id]").ok().flatten() {
                    crate::ui::scroll::hold_in_place(format!("#{}", row.id()));
                }
                if let Some(fold) = form.closest("details").ok().flatten() {
                    let _ = fold.remove_attribute("open");
                }
                // A form that makes a record starts empty again (saving it twice makes two).
                if !form.has_attribute("data-doc-id") {
                    if let Ok(reset) = js_sys::Reflect::get(&form, &"reset".into()) {
                        let _ = reset.unchecked_into::<js_sys::Function>().call0(&form);
                    }
                }
                crate::offline::outbox::save_ops_then(sync, ops, move |ok| {
                    if ok {
                        saved(ids.clone());
                    }
                });
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, sync, saved);
}

/// The form's edits, or the rule they break.
#[cfg(feature = "hydrate")]
fn read(form: &web_sys::Element) -> Result<Vec<crate::domain::sync::Op>, crate::domain::sync::RejectReason> {
    use crate::domain::ids::AccountId;
    use crate::domain::sync::doc::{Doc, RecordKind};
    use crate::domain::sync::doc_form::{create, delete, edit, value_of_input, Input};
    use crate::domain::sync::RejectReason;
    use wasm_bindgen::JsCast;
    let bad = || RejectReason::Invalid("bad_value".into());
    let attr = |name: &str| form.get_attribute(name);
    let kind = attr("data-doc-kind")
        .and_then(|k| RecordKind::from_name(&k))
        .ok_or_else(bad)?;
    let account = AccountId(
        attr("data-doc-account")
            .and_then(|a| a.parse().ok())
            .ok_or_else(bad)?,
    );
    let id = attr("data-doc-id")
        .map(|id| Uuid::parse_str(&id).map_err(|_| bad()))
        .transpose()?;
    if let (Some(id), true) = (id, form.has_attribute("data-doc-delete")) {
        return Ok(vec![delete(kind, account, id)]);
    }
    let mut fields = serde_json::Map::new();
    let inputs = form.query_selector_all("[name]").map_err(|_| bad())?;
    for i in 0..inputs.length() {
        let Some(input) = inputs.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else {
            continue;
        };
        let raw = js_sys::Reflect::get(&input, &"value".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        if let Some(name) = input.get_attribute("name") {
            let how = match (input.has_attribute("data-json"), input.has_attribute("data-text")) {
                (true, _) => Input::Json,
                (false, true) => Input::Text,
                _ => Input::Plain,
            };
            fields.insert(name, value_of_input(&raw, how)?);
        }
    }
    match (id, attr("data-doc-body")) {
        (Some(id), Some(body)) => {
            let drawn = Doc {
                kind,
                id,
                account_id: account,
                body: serde_json::from_str(&body).map_err(|_| bad())?,
            };
            let (ops, after) = edit(&drawn, fields)?;
            // The next edit from this form, before the page is drawn again, is based on this one.
            if let Ok(body) = serde_json::to_string(&after.body) {
                let _ = form.set_attribute("data-doc-body", &body);
            }
            Ok(ops)
        }
        _ => create(kind, account, fields).map(|op| vec![op]),
    }
}

/// Shows the page's message for the broken rule (its own, or the general one) in the form, or
/// none. The messages are drawn once per page and moved into the form that needs one.
#[cfg(feature = "hydrate")]
fn show_message(form: &web_sys::Element, reason: Option<&crate::domain::sync::RejectReason>) {
    use crate::domain::sync::RejectReason;
    use wasm_bindgen::JsCast;
    let key = match reason {
        Some(RejectReason::Invalid(rule)) => Some(rule.as_str()),
        Some(_) => Some("other"),
        None => None,
    };
    let Some(Ok(messages)) = form
        .closest(".server-drawn")
        .ok()
        .flatten()
        .map(|page| page.query_selector_all("[data-reason]"))
    else {
        return;
    };
    let messages: Vec<web_sys::Element> = (0..messages.length())
        .filter_map(|i| messages.item(i).and_then(|n| n.dyn_into().ok()))
        .collect();
    let reason_of = |m: &web_sys::Element| m.get_attribute("data-reason").unwrap_or_default();
    let shown = key.map(|k| match messages.iter().any(|m| reason_of(m) == k) {
        true => k,
        false => "other",
    });
    for message in &messages {
        let _ = message.set_attribute("hidden", "");
        if Some(reason_of(message).as_str()) == shown {
            let _ = message.remove_attribute("hidden");
            let _ = form.append_child(message);
        }
    }
}
