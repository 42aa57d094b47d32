//! The quality card (laatukortti): its one-glance views, the director's editor, the card's
//! own page with its round, management's response and history.

mod actions;
mod editor;
mod history;
mod page;
mod response;
mod sheet;
mod suggestion;
mod view;

pub use editor::CardEditor;
pub use page::CardPage;
pub use sheet::{CardSheet, KeyFacts};
pub use view::{CardView, LightDot};
