//! The kinds of record the offline engine merges field by field, each declared once
//! (`record::Record`): a clock event and a quality card. A series is made once under its
//! device-made id (`record::create`); channel writes are decided by the channel's own rules
//! (`domain::channel::post`). All travel as the one `Op` and come back in the one pull.

pub mod card;
pub mod event;
