//! KAMU PATCH (see `vendor/README.md`). On the server, one request's reactive values are touched by
//! more than one worker thread: the page's stream on one, a resource that resolves on another.
//! Upstream takes its locks with `try_read`/`try_write`, and a lock that is merely busy on another
//! thread for a moment is reported as "already been disposed": a panic that kills the request.
//! Here a busy lock is tried again for a bounded time. The browser has one thread, where a busy lock
//! can only be the caller's own, so it makes one attempt, as upstream does.

/// Calls `attempt` until it gives a value, for at most two seconds (then `None`, as upstream).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn retry<T>(mut attempt: impl FnMut() -> Option<T>) -> Option<T> {
    use std::time::{Duration, Instant};
    // Two seconds is far longer than any recompute holds a lock; a lock still busy then is held by
    // this same thread (a read inside its own write), where waiting longer would only hang.
    let deadline = Instant::now() + Duration::from_secs(2);
    let mut tries = 0u32;
    loop {
        if let Some(value) = attempt() {
            return Some(value);
        }
        if Instant::now() >= deadline {
            return None;
        }
        tries += 1;
        if tries < 64 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(Duration::from_micros(50));
        }
    }
}

/// The browser: one attempt, as upstream.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
pub(crate) fn retry<T>(mut attempt: impl FnMut() -> Option<T>) -> Option<T> {
    attempt()
}
