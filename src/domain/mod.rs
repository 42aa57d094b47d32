//! Plain business rules shared by the server and the browser: no I/O, no framework.
//! Everything here compiles for both targets and is unit-tested in place.

pub mod access;
pub mod account;
pub mod calendar;
pub mod card;
pub mod channel;
pub mod clock;
pub mod collation;
pub mod contact_links;
pub mod csv_columns;
pub mod dates;
pub mod error;
pub mod ids;
pub mod kam;
pub mod people;
pub mod sign_in_link;
pub mod sign_in_throttle;
pub mod sync;
pub mod workspace;
