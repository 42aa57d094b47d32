//! Pages drawn on the server: read-only views (the forecast, and more of the KAM practice to
//! come) whose markup the server makes (`server::drawn`). The browser's code holds only this
//! one component for all of them, so a new page of this kind costs the other pages nothing
//! (issue 15: each page pays only for itself).
//!
//! A first load arrives drawn and is hydrated without touching the drawn part (an element's
//! inner HTML from the server is kept as it is). A page reached inside the app, or a change of
//! language, fetches the markup through `api::drawn`; if that fails (offline, signed out) the
//! browser loads the page itself, so the service worker's copy or the sign-in page answers.
//!
//! A drawn page may carry forms that edit documents (`ui::drawn_form`): their edits are saved on
//! the device and sent like any other, the note below the page says truthfully where they
//! stand, and once the server has them the page is drawn again with them in.

use crate::api::drawn::drawn_page;
use crate::i18n::*;
use crate::ui::layout::Page;
use crate::ui::sync::save_note::SaveNote;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[component]
pub fn ServerDrawnPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let html = RwSignal::new(String::new());
    // The drawn page's title; a hydrated page starts with the server's, from the drawn element
    // (the document's own <title> is leptos_meta's to manage while the page hydrates).
    let title = RwSignal::new(drawn_title());
    let sync = crate::offline::state::use_sync();
    // The edits saved from the page's forms since it was opened, and whether the page still waits
    // to be drawn again with them.
    let saved = RwSignal::new(None::<Vec<uuid::Uuid>>);
    let redraw_pending = StoredValue::new(false);

    #[cfg(feature = "hydrate")]
    {
        // `data-hydrated` is set once the first page is hydrated: without it, this is that page.
        let hydrating = !document()
            .document_element()
            .is_some_and(|root| root.has_attribute("data-hydrated"));
        use crate::ui::sync::save_note::{delivery, Delivery};
        let redraws = RwSignal::new(0u64);
        Effect::new(move |_| {
            let sent = saved.with(|ops| {
                ops.as_ref()
                    .is_some_and(|ops| delivery(sync, ops) == Delivery::Sent)
            });
            // A form being filled in is not wiped by the redraw: the page is drawn again after
            // the next save instead.
            let filling_in = document()
                .query_selector(".server-drawn details.doc-edit[open]")
                .ok()
                .flatten()
                .is_some();
            if sent && redraw_pending.get_value() && !filling_in {
                redraw_pending.set_value(false);
                redraws.update(|n| *n += 1);
            }
        });
        Effect::new(move |previous: Option<(String, String)>| {
            let path = location.pathname.get();
            let lang = i18n.get_locale().as_str().to_string();
            redraws.track();
            let shown = (path.clone(), lang.clone());
            if previous.is_none() && hydrating {
                return shown;
            }
            // Another page or language: "Loading…" until it comes (a text of our own, not the
            // user's). The same page drawn again keeps what it shows until then, and keeps it if
            // the new drawing does not come.
            let redraw = previous.as_ref() == Some(&shown);
            if !redraw {
                saved.set(None);
                html.set(format!("<p class=\"muted\">{}</p>", t_string!(i18n, loading)));
            }
            leptos::task::spawn_local(async move {
                let answer = drawn_page(path.clone(), lang).await;
                // A later navigation owns the page now.
                if location.pathname.get_untracked() != path {
                    return;
                }
                match answer {
                    Ok(drawn) => {
                        title.set(drawn.title);
                        html.set(drawn.html);
                    }
                    Err(_) if redraw => {}
                    Err(_) => {
                        let _ = window().location().assign(&path);
                    }
                }
            });
            shown
        });
    }
    let on_submit = move |ev| {
        crate::ui::drawn_form::submitted(ev, sync, move |ops| {
            // Nothing changed, nothing to say: the form just closes.
            // The note speaks for every edit saved here (one refused is said, not hidden by a
            // later one sent).
            if !ops.is_empty() {
                redraw_pending.set_value(true);
                saved.update(|all| all.get_or_insert_with(Vec::new).extend(ops));
            }
        })
    };

    let drawn = Suspend::new(async move {
        #[cfg(feature = "ssr")]
        {
            let path = location.pathname.get_untracked();
            let lang = i18n.get_locale_untracked().as_str().to_string();
            match drawn_page(path.clone(), lang).await {
                Ok(drawn) => {
                    title.set(drawn.title);
                    html.set(drawn.html);
                }
                // Only "not signed in" comes back as an error: sign in, then come back here.
                Err(_) => leptos_axum::redirect(&format!(
                    "/kirjaudu?next={}",
                    crate::ui::error_view::urlencode(&path)
                )),
            }
        }
        view! {
            <Title text=move || crate::ui::layout::page_title(title.get()) />
            <div class="server-drawn" data-title=move || title.get() inner_html=move || html.get() on:submit=on_submit />
            {move || saved.get().map(|ops| view! { <div class="drawn-saved"><SaveNote ops testid="doc-saved" /></div> })}
        }
    });
    view! {
        <Page signed_in=true>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, loading)}</p> }>{drawn}</Suspense>
        </Page>
    }
}

fn drawn_title() -> String {
    #[cfg(feature = "hydrate")]
    return document()
        .query_selector(".server-drawn")
        .ok()
        .flatten()
        .and_then(|drawn| drawn.get_attribute("data-title"))
        .unwrap_or_else(|| "Kamu".to_string());
    #[cfg(not(feature = "hydrate"))]
    return "Kamu".to_string();
}
