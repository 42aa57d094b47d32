//! Pages and components, by feature. Every text goes through the i18n layer (`crate::i18n`).

pub mod accounts;
pub mod admin;
pub mod auth;
pub mod card;
pub mod channel;
pub mod clipboard;
pub mod clock;
pub mod drawn_form;
pub mod error_view;
pub mod first_paint;
pub mod format;
pub mod labels;
pub mod layout;
pub mod loaded;
pub mod portfolio;
pub mod scroll;
pub mod server_drawn;
pub mod sync;
