//! A sign-in link the admin just made: the whole address to copy, and a ready e-mail. The link
//! is shown only now (Kamu keeps only its hash), so the box says how long it works.

use crate::domain::dates::format_date;
use crate::domain::sign_in_link::NewLink;
use crate::i18n::*;
use leptos::prelude::*;
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};

#[component]
pub fn LinkMade(link: NewLink, name: String, email: String) -> impl IntoView {
    let i18n = use_i18n();
    let origin = window().location().origin().unwrap_or_default();
    let url = format!("{origin}{}", link.path);
    let until = format_date(link.valid_until);
    let message = format!("{} {until}:\n{url}", t_string!(i18n, link_message));
    let mail = format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(&email, NON_ALPHANUMERIC),
        utf8_percent_encode(t_string!(i18n, link_mail_subject), NON_ALPHANUMERIC),
        utf8_percent_encode(&format!("{name},\n\n{message}"), NON_ALPHANUMERIC),
    );
    let copied = RwSignal::new(None::<bool>);
    let copy_text = url.clone();
    view! {
        <div class="link-made" data-testid="link-made">
            <p><strong>{t!(i18n, link_made)}</strong> " " {t!(i18n, link_valid_until)} " " {until.clone()}</p>
            <input type="text" readonly class="mono" prop:value=url.clone() data-testid="link-url"
                on:focus=select_all />
            <div class="button-row">
                <button class="button button-primary" data-testid="link-copy"
                    on:click=move |_| copied.set(Some(crate::ui::clipboard::copy(&copy_text)))>
                    {t!(i18n, link_copy)}
                </button>
                <a class="button" href=mail>{t!(i18n, link_mail)}</a>
            </div>
            {move || copied.get().map(|ok| view! {
                <p class="saved-note" role="status">
                    {if ok { t_string!(i18n, link_copied) } else { t_string!(i18n, link_copy_by_hand) }}
                </p>
            })}
        </div>
    }
}

/// Focusing the address selects all of it, for copying by hand where the button cannot.
fn select_all(ev: leptos::ev::FocusEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}
