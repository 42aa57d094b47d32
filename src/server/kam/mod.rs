//! The KAM practice on the server (issue 19): what feeds its rules from the clock and the
//! records, for the doors in `api::kam`.

pub mod forecast;
pub mod map;
pub mod revenue;
pub mod rules;
pub mod support;
