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

/// How long an edited row is held where it was: long enough for the save, the sync and the
/// redraw after it (a sync answers in well under a second; a weak network takes longer).
#[cfg(feature = "hydrate")]
const HOLD_MS: f64 = 4000.0;

/// Keeps the element that `selector` finds where it is on the screen now, while the page
/// changes around it (an editor closing, the sync panel coming and going, the list redrawn
/// after a sync), until the person scrolls themselves. Browsers' own scroll anchoring picks
/// its anchor by itself and, on a long list that is redrawn, often picks the wrong one.
pub fn hold_in_place(selector: String) {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::*;
        use std::cell::{Cell, RefCell};
        use std::rc::Rc;
        let Some(top) = top_of(&selector) else {
            return;
        };
        let until = js_sys::Date::now() + HOLD_MS;
        let stopped = Rc::new(Cell::new(false));
        let handles = Rc::new(RefCell::new(Vec::new()));
        for kind in ["wheel", "touchstart", "keydown"] {
            let stopped = stopped.clone();
            handles
                .borrow_mut()
                .push(window_event_listener_untyped(kind, move |_| stopped.set(true)));
        }
        fn frame(
            selector: Rc<String>,
            top: f64,
            until: f64,
            stopped: Rc<Cell<bool>>,
            handles: Rc<RefCell<Vec<WindowListenerHandle>>>,
        ) {
            if stopped.get() || js_sys::Date::now() > until {
                for handle in handles.borrow_mut().drain(..) {
                    handle.remove();
                }
                return;
            }
            if let Some(now) = top_of(&selector) {
                let moved = now - top;
                if moved.abs() > 1.0 {
                    window().scroll_by_with_x_and_y(0.0, moved);
                }
            }
            request_animation_frame(move || frame(selector, top, until, stopped, handles));
        }
        frame(Rc::new(selector), top, until, stopped, handles);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = selector;
}

#[cfg(feature = "hydrate")]
fn top_of(selector: &str) -> Option<f64> {
    let el = leptos::prelude::document().query_selector(selector).ok()??;
    Some(el.get_bounding_client_rect().top())
}
