//! The account channel: posts, members, channel writes from devices, the inbox, Web Push, the billing-system site import.

pub mod email;
pub mod inbox;
pub mod members;
pub mod ops;
pub mod posts;
pub mod push;
pub mod site_import;
pub mod site_import_history;
