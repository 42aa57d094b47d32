//! Pages drawn on the server: read-only views (the forecast, and more of the KAM practice to
//! come) whose markup the server makes (`server::drawn`). The browser's code holds only this
//! one component for all of them, so a new page of this kind costs the other pages nothing
//! (issue 15: each page pays only for itself).
//!
//! A first load arrives drawn and is hydrated without touching the drawn part (an element's
//! inner HTML from the server is kept as it is). A page reached inside the app, or a change of
//! language, fetches the markup through `api::drawn`; if that fails (offline, signed out) the
//! browser loads the page itself, so the service worker's copy or the sign-in page answers.

use crate::api::drawn::drawn_page;
use crate::i18n::*;
use crate::ui::layout::Page;
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

    #[cfg(feature = "hydrate")]
    {
        // `data-hydrated` is set once the first page is hydrated: without it, this is that page.
        let hydrating = !document()
            .document_element()
            .is_some_and(|root| root.has_attribute("data-hydrated"));
        Effect::new(move |previous: Option<()>| {
            let path = location.pathname.get();
            let lang = i18n.get_locale().as_str().to_string();
            if previous.is_none() && hydrating {
                return;
            }
            // Until it comes: "Loading…" (a text of our own, not the user's).
            html.set(format!("<p class=\"muted\">{}</p>", t_string!(i18n, loading)));
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
                    Err(_) => {
                        let _ = window().location().assign(&path);
                    }
                }
            });
        });
    }

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
            <div class="server-drawn" data-title=move || title.get() inner_html=move || html.get() />
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
