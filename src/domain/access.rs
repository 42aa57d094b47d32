//! Who may see an account. The one place this rule lives: the server loads the facts
//! about a viewer and an account, and asks `can_view`.

use super::people::{Role, Viewer};

/// What the organisation says about one viewer and one account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountAccessFacts {
    /// The viewer is the account's director.
    pub is_director: bool,
    /// The viewer is the current supervisor of at least one of the account's sites.
    pub supervises_a_site: bool,
    /// At least one of the account's sites is in the viewer's region.
    pub has_site_in_viewer_region: bool,
    /// The viewer is a named member of the account (sales people, extra members).
    pub is_named_member: bool,
    /// Confidential accounts are visible to named members only (and to the director,
    /// management and admins, who answer for every account).
    pub confidential: bool,
}

/// Whether `viewer` may see the account described by `facts`.
pub fn can_view(viewer: &Viewer, facts: &AccountAccessFacts) -> bool {
    match viewer.role {
        Role::Admin | Role::Management => true,
        _ if facts.is_director || facts.is_named_member => true,
        _ if facts.confidential => false,
        Role::Supervisor => facts.supervises_a_site,
        Role::RegionalDirector | Role::Manager => facts.has_site_in_viewer_region,
        Role::AccountDirector | Role::Sales => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{PersonId, RegionId};

    fn viewer(role: Role) -> Viewer {
        Viewer {
            id: PersonId(7),
            role,
            region_id: Some(RegionId(1)),
        }
    }

    #[test]
    fn management_and_admins_see_every_account_even_confidential() {
        let facts = AccountAccessFacts {
            confidential: true,
            ..Default::default()
        };
        assert!(can_view(&viewer(Role::Admin), &facts));
        assert!(can_view(&viewer(Role::Management), &facts));
    }

    #[test]
    fn a_director_sees_only_own_accounts() {
        let own = AccountAccessFacts {
            is_director: true,
            ..Default::default()
        };
        let other = AccountAccessFacts {
            has_site_in_viewer_region: true,
            supervises_a_site: true,
            ..Default::default()
        };
        assert!(can_view(&viewer(Role::AccountDirector), &own));
        assert!(!can_view(&viewer(Role::AccountDirector), &other));
    }

    #[test]
    fn a_supervisor_sees_accounts_of_the_sites_they_run() {
        let runs = AccountAccessFacts {
            supervises_a_site: true,
            has_site_in_viewer_region: true,
            ..Default::default()
        };
        let same_region_only = AccountAccessFacts {
            has_site_in_viewer_region: true,
            ..Default::default()
        };
        assert!(can_view(&viewer(Role::Supervisor), &runs));
        assert!(!can_view(&viewer(Role::Supervisor), &same_region_only));
    }

    #[test]
    fn regional_directors_and_managers_see_their_regions_accounts() {
        let in_region = AccountAccessFacts {
            has_site_in_viewer_region: true,
            ..Default::default()
        };
        for role in [Role::RegionalDirector, Role::Manager] {
            assert!(can_view(&viewer(role), &in_region));
            assert!(!can_view(&viewer(role), &AccountAccessFacts::default()));
        }
    }

    #[test]
    fn confidential_accounts_need_a_named_membership() {
        let confidential_site = AccountAccessFacts {
            supervises_a_site: true,
            has_site_in_viewer_region: true,
            confidential: true,
            ..Default::default()
        };
        assert!(!can_view(&viewer(Role::Supervisor), &confidential_site));
        assert!(!can_view(&viewer(Role::RegionalDirector), &confidential_site));
        let named = AccountAccessFacts {
            is_named_member: true,
            ..confidential_site
        };
        assert!(can_view(&viewer(Role::Supervisor), &named));
    }

    #[test]
    fn sales_see_only_accounts_they_are_named_on() {
        assert!(!can_view(
            &viewer(Role::Sales),
            &AccountAccessFacts {
                has_site_in_viewer_region: true,
                ..Default::default()
            }
        ));
        assert!(can_view(
            &viewer(Role::Sales),
            &AccountAccessFacts {
                is_named_member: true,
                ..Default::default()
            }
        ));
    }
}
