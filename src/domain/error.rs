//! Errors a user can act on. One mapping to HTTP status lives at the edge (`api::error`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// Not signed in, or the session has expired.
    #[error("not signed in")]
    Unauthorized,
    /// Signed in, but this is not theirs to see. Says nothing about what exists.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Wrong email or password (deliberately not saying which).
    #[error("wrong email or password")]
    BadCredentials,
    /// Too many failed sign-ins: try again after this many seconds.
    #[error("too many attempts; retry after {0} s")]
    TooManyAttempts(u64),
    /// A value the user typed is not acceptable; the text names the field.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The server failed; the user can try again.
    #[error("server error: {0}")]
    Internal(String),
    /// The request never reached the server (offline, a dropped connection): the device's
    /// copy is used and edits wait in the outbox. Made in the browser only.
    #[error("network: {0}")]
    Network(String),
}
