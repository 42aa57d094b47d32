//! Offline edits: the one push door and cursor pull, the change log, and the answered-once log.

pub mod change_log;
pub mod op_log;
pub mod push_pull;
pub mod records;
