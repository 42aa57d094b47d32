//! Typed identifiers, so that an account id can never be passed where a site id is meant.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! int_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type), sqlx(transparent))]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

int_id!(
    /// A nationwide key account (asiakkuus).
    AccountId
);
int_id!(
    /// A site (kohde) of an account, run by one supervisor.
    SiteId
);
int_id!(
    /// A person of the organisation, with one role.
    PersonId
);
int_id!(
    /// A region of the line organisation, led by a regional director.
    RegionId
);
