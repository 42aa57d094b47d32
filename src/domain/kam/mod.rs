//! The KAM practice (issue 19, seed 002): the rules behind the relationship map, goals and the
//! meeting-to-deal forecast. Pure calculations; the server feeds them what Kamu already holds
//! (the clock's meetings, the finance import), so nothing is typed twice.

pub mod deal;
pub mod forecast;
pub mod goals;
pub mod map;
pub mod revenue;
pub mod rules;
pub mod support;
