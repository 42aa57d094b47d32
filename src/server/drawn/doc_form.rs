//! Forms on drawn pages that edit documents through the one engine. The server draws what the
//! form edits (the kind, the account, the record as it is now, one input per field) and the
//! messages of the rules forms may break; the browser's one reader (`ui::drawn_form`) turns the
//! inputs into edits (`domain::sync::doc_form`) and saves them in the outbox, offline too. A
//! new form is markup only: it costs the browser's code nothing.
//!
//! The markup's contract with the reader: a `form.doc-form` with `data-doc-kind` and
//! `data-doc-account`; an edit also has `data-doc-id` and `data-doc-body` (the record as drawn:
//! each edit's base); a removal has `data-doc-id` and `data-doc-delete`. Each input's `name` is
//! its field; `data-text` keeps an emptied text as the empty text, `data-json` reads the value
//! as JSON (an id that is a number), any other empty input is no value. The page's
//! `[data-reason]` messages (`messages`, once per page) are hidden until the reader shows the
//! one whose rule was broken (`other` for any rule without its own) in the form that broke it.

use crate::domain::ids::AccountId;
use crate::domain::sync::doc::{Doc, RecordKind};
use crate::i18n::*;
use chrono::NaiveDate;
use leptos::prelude::*;
use uuid::Uuid;

/// What a form edits: a new record of a kind, or a record as the page shows it
/// (`Doc::new` from its typed value).
pub enum Target<'a> {
    New(RecordKind),
    Existing(&'a Doc),
}

/// A form behind a button (a `<details>`: nothing but the button until opened, no script).
pub fn form(
    target: Target,
    account: AccountId,
    opens_with: String,
    testid: &'static str,
    inputs: impl IntoView,
    locale: Locale,
) -> impl IntoView {
    let (kind, id, body) = match target {
        Target::New(kind) => (kind, None, None),
        Target::Existing(doc) => (
            doc.kind,
            Some(doc.id.to_string()),
            Some(serde_json::to_string(&doc.body).unwrap_or_default()),
        ),
    };
    view! {
        <details class="doc-edit" data-testid=testid>
            <summary class="doc-edit-open">{opens_with}</summary>
            <form class="doc-form" data-doc-kind=kind.name() data-doc-account=account.0 data-doc-id=id data-doc-body=body>
                {inputs}
                <button type="submit" class="button" data-testid="doc-save">{td_string!(locale, form_save)}</button>
            </form>
        </details>
    }
}

/// A button that removes a record (`data-doc-delete`): one tap, no fields.
pub fn remove(
    kind: RecordKind,
    account: AccountId,
    id: Uuid,
    label: String,
    testid: &'static str,
) -> impl IntoView {
    view! {
        <form class="doc-remove" data-doc-kind=kind.name() data-doc-account=account.0 data-doc-id=id.to_string() data-doc-delete="">
            <button type="submit" class="button" data-testid=testid>{label}</button>
        </form>
    }
}

/// The messages of the rules a page's forms may break, by the reasons the domain gives, and
/// the general one for any other: drawn once per page (not once per form), hidden, and moved by
/// the reader into the form whose rule was broken.
pub fn messages(locale: Locale) -> impl IntoView {
    [
        ("title_missing", td_string!(locale, form_err_missing)),
        ("reason_missing", td_string!(locale, form_err_reason)),
        (
            "ends_before_start",
            td_string!(locale, form_err_ends_before_start),
        ),
        ("date_out_of_range", td_string!(locale, form_err_date_range)),
        ("bad_link", td_string!(locale, form_err_link)),
        ("other", td_string!(locale, form_err_other)),
    ]
    .into_iter()
    .map(|(reason, text)| view! { <p class="form-error" role="alert" data-reason=reason hidden>{text}</p> })
    .collect::<Vec<_>>()
}

/// A line of text (a name, a title).
pub fn text(name: &'static str, label: String, value: &str, max_chars: usize) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" name=name value=value.to_string() required maxlength=max_chars autocomplete="off" data-text="" />
        </label>
    }
}

/// A line of text that may be left empty.
pub fn optional_text(name: &'static str, label: String, value: &str, max_chars: usize) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="text" name=name value=value.to_string() maxlength=max_chars autocomplete="off" data-text="" />
        </label>
    }
}

/// Longer text (a contract's scope): kept as typed, an emptied one as the empty text.
pub fn long_text(name: &'static str, label: String, value: &str, max_chars: usize) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <textarea name=name rows="4" maxlength=max_chars data-text="">{value.to_string()}</textarea>
        </label>
    }
}

/// A whole number that may be left empty (months, euros): read as JSON, so the record keeps a
/// number.
pub fn number(name: &'static str, label: String, value: Option<u64>, max: u64) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="number" name=name inputmode="numeric" min="0" max=max step="1"
                value=value.map(|v| v.to_string()).unwrap_or_default() data-json="" />
        </label>
    }
}

/// A day (a phone shows its own date picker; the value is ISO, as the record keeps it).
pub fn date(name: &'static str, label: String, value: Option<NaiveDate>) -> impl IntoView {
    view! {
        <label class="field">
            <span>{label}</span>
            <input type="date" name=name value=value.map(|d| d.to_string()).unwrap_or_default() />
        </label>
    }
}

/// One of a list, or none (`none_label`; with no label, one must be chosen). With `json`, the
/// values are JSON (ids that are numbers).
pub fn choice(
    name: &'static str,
    label: String,
    none_label: String,
    options: Vec<(String, String)>,
    selected: Option<String>,
    json: bool,
) -> impl IntoView {
    let required = none_label.is_empty();
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let on = selected.as_deref() == Some(value.as_str());
            view! { <option value=value selected=on>{text}</option> }
        })
        .collect::<Vec<_>>();
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name data-json=json.then_some("") required=required>
                <option value="">{none_label}</option>
                {options}
            </select>
        </label>
    }
}

/// A field the form sets without asking (the position a new person comes into).
pub fn fixed(name: &'static str, value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value /> }
}

/// A choice's value as the record keeps it (serde's name), e.g. `"supporter"`.
pub fn value_name(value: impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}
