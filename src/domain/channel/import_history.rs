//! The applied site files as the admin sees them afterwards: when, which file, by whom, what it
//! changed, and whose access to which account it moved (from the membership log).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// How many of an import's access changes are listed; the rest are counted.
pub const ACCESS_CHANGES_SHOWN: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRecord {
    pub id: String,
    pub file_name: String,
    /// None: applied from the command line.
    pub imported_by: Option<String>,
    /// Finnish wall-clock time.
    pub imported_at: NaiveDateTime,
    pub new_sites: usize,
    pub changed: usize,
    pub removed: usize,
    pub gained: usize,
    pub lost: usize,
    /// Lost first (who must no longer see an account), then gained; by person.
    pub access: Vec<AccessChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessChange {
    pub person: String,
    pub email: String,
    pub account: String,
    pub gained: bool,
}

impl ImportRecord {
    /// Changes of access not listed (beyond `ACCESS_CHANGES_SHOWN`).
    pub fn access_not_shown(&self) -> usize {
        (self.gained + self.lost).saturating_sub(self.access.len())
    }
}
