//! Reading a resource inside `<Suspense>` without risking the server.
//!
//! When a client leaves while its page is being rendered (a tap on another link, a closed tab),
//! leptos 0.8 may still resolve the page's `<Suspense>` after the request's reactive owner was
//! disposed; a resource read with `get` then panics the server's worker thread. `loaded` reads it
//! with `try_get`: a disposed resource is simply "nothing to show", like one still loading.

use leptos::prelude::*;

pub trait Loaded<T> {
    /// The resource's value once loaded; `None` while loading or after the page was abandoned.
    fn loaded(&self) -> Option<T>;
}

impl<R, T> Loaded<T> for R
where
    R: Get<Value = Option<T>>,
{
    fn loaded(&self) -> Option<T> {
        self.try_get().flatten()
    }
}
