//! "My accounts" A–Ö and the account page (card, clock, sites).

pub(crate) mod clock;
mod detail;
mod for_me;
mod list;
mod sites;

pub use detail::{account_resource, live_detail, AccountPage};
pub use list::AccountsPage;
