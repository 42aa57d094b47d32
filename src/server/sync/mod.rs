//! Offline edits: the one push door and cursor pull, and the answered-once log.

pub mod op_log;
pub mod push_pull;
