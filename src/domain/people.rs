//! The organisation's people and their roles.

use super::ids::{PersonId, RegionId};
use serde::{Deserialize, Serialize};

/// A person's role in the organisation; it decides what they may see and do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Management,
    AccountDirector,
    RegionalDirector,
    Manager,
    Supervisor,
    Sales,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Management,
        Role::AccountDirector,
        Role::RegionalDirector,
        Role::Manager,
        Role::Supervisor,
        Role::Sales,
    ];

    /// The stable name used in the database and in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Management => "management",
            Role::AccountDirector => "account_director",
            Role::RegionalDirector => "regional_director",
            Role::Manager => "manager",
            Role::Supervisor => "supervisor",
            Role::Sales => "sales",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// Roles tied to one region of the line organisation.
    pub fn is_regional(self) -> bool {
        matches!(self, Role::RegionalDirector | Role::Manager | Role::Supervisor)
    }
}

/// A person as shown in the app (never carries the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub region_id: Option<RegionId>,
}

/// Who is asking: the signed-in person, as the permission rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub id: PersonId,
    pub role: Role,
    pub region_id: Option<RegionId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_stored_name() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("ceo"), None);
    }

    #[test]
    fn only_line_roles_are_regional() {
        assert!(Role::Supervisor.is_regional());
        assert!(Role::RegionalDirector.is_regional());
        assert!(!Role::AccountDirector.is_regional());
        assert!(!Role::Management.is_regional());
    }
}
