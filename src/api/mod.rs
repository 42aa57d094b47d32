//! Server functions: thin doors between the browser and the server. Each one finds out who is
//! asking, checks permission, and calls `server/` and `domain/`. One file per area.

pub mod accounts;
pub mod auth;
pub mod calendar;
pub mod cards;
pub mod channel;
pub mod clock;
pub mod drawn;
pub mod error;
pub mod kam;
pub mod people;
pub mod sync;

#[cfg(feature = "ssr")]
pub(crate) mod door;
