//! Who is signed in: passwords and sessions, the identity provider, sign-in links, throttling.

pub mod auth;
pub mod language;
pub mod oidc;
pub mod oidc_routes;
pub mod sign_in_links;
pub mod throttle;
