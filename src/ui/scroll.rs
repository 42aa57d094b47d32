//! Bringing an element into view after the page changed under it (a fold opened, a comment
//! added): one place, so every "keep it in view" behaves alike.

/// Scrolls the element with this id into view on the next frame, once the change is drawn:
/// to the top of the view (below the sticky bars, by `scroll-margin-top`) or, with
/// `top == false`, just enough to show its bottom.
pub fn bring_into_view(id: String, top: bool) {
    #[cfg(feature = "hydrate")]
    leptos::prelude::request_animation_frame(move || {
        if let Some(el) = leptos::prelude::document().get_element_by_id(&id) {
            el.scroll_into_view_with_bool(top);
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, top);
}
