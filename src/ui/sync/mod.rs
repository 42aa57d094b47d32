//! What the person sees of offline sync: the status bar, waiting marks, pending edits, conflicts.

pub mod editor;
pub mod kept_note;
pub mod panel;
pub mod save_note;
pub mod status_bar;
