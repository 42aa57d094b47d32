//! Who is signed in: passwords and sessions, sign-in links, throttling.

pub mod auth;
pub mod sign_in_links;
pub mod throttle;
