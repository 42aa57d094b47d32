//! The account channel: membership from the billing system's sites, bulletins with
//! acknowledgements, questions and answers, @mentions and the personal inbox.

pub mod acks;
pub mod billing;
pub mod email;
pub mod import_history;
pub mod inbox;
pub mod mentions;
pub mod ops;
pub mod post;
pub mod search;
pub mod view;
