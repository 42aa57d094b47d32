//! Deterministic, realistic demo data for a Finnish facility-services company.
//! `generate` is pure (same seed, same data); `insert` writes it in one transaction.

mod generate;
mod history;
mod insert;
mod names;
mod organisation;
mod workspace;

pub use generate::{generate, DemoData, DEMO_LOGINS, DEMO_PASSWORD};
pub use insert::{insert, wipe};
