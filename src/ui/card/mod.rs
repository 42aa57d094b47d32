//! The quality card (laatukortti): its one-glance view and the director's editor.

mod editor;
mod view;

pub use editor::CardEditor;
pub use view::{CardView, LightDot};
