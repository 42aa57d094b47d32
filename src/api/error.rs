//! How `AppError` crosses the wire, and which HTTP status each error answers with.

use crate::domain::error::AppError;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The request never reached the server: offline or a dropped connection.
            ServerFnErrorErr::Request(e) => AppError::Network(e),
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::MissingArg(e) => AppError::Invalid(e),
            // On the server, what fails to deserialize is the request: the client's mistake.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(e) => AppError::Invalid(e),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Unauthorized | AppError::BadCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::TooManyAttempts(_) => 429,
            AppError::Invalid(_) => 400,
            AppError::Internal(_) => 500,
            // Never sent by the server; a gateway's "could not reach" if it ever were.
            AppError::Network(_) => 502,
        }
    }

    /// Whether the request failed before reaching the server (the UI says "offline").
    pub fn is_network(&self) -> bool {
        matches!(self, AppError::Network(_))
    }
}
