//! The account's workspace: the records every account keeps in the same shape (contracts
//! first), each a kind of document the offline engine carries (`sync::doc`).

pub mod contract;
pub mod meeting_note;
