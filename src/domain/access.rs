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

/// Why an account is kept on a person's phone before they open it there: a supervisor going
/// to a site for the first time has no network on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeepReason {
    /// They direct it, run a site in it, or are named on it.
    TheirWork,
    /// They answer for many accounts (management, admins, regions) and its latest card is red:
    /// the ones they will be asked about.
    Red,
}

/// At most this many accounts are kept ahead of being opened; those opened on the device stay
/// too. A supervisor's few and a director's own fit; management gets its reds first.
pub const KEEP_AHEAD_MAX: usize = 20;

/// Whether (and why) the account is kept on the viewer's device before being opened.
pub fn keep_reason(viewer: &Viewer, facts: &AccountAccessFacts, latest_red: bool) -> Option<KeepReason> {
    if !can_view(viewer, facts) {
        return None;
    }
    if facts.is_director || facts.supervises_a_site || facts.is_named_member {
        return Some(KeepReason::TheirWork);
    }
    let answers_for_many = matches!(
        viewer.role,
        Role::Admin | Role::Management | Role::RegionalDirector | Role::Manager
    );
    (answers_for_many && latest_red).then_some(KeepReason::Red)
}

/// The accounts to keep, their own work first, at most `KEEP_AHEAD_MAX`.
pub fn accounts_to_keep<Id: Ord + Copy>(mut candidates: Vec<(Id, KeepReason)>) -> Vec<Id> {
    candidates.sort_by_key(|&(id, why)| (why, id));
    candidates.truncate(KEEP_AHEAD_MAX);
    candidates.into_iter().map(|(id, _)| id).collect()
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

/// Whether `viewer` finds the account in the support organisation's directory (whom to contact):
/// all staff see every account's KAM and team, so anyone finds whom to ask (002 Q9); a
/// confidential account is listed only to those who see it, since its name is the secret.
pub fn sees_support_organisation(viewer: &Viewer, facts: &AccountAccessFacts) -> bool {
    !facts.confidential || can_view(viewer, facts)
}

/// Whether `viewer` edits the account's own records (its clock, its quality card, next year's
/// plan): its director (`directs`) and admins. The one place for this rule.
pub fn edits_account(viewer: &Viewer, directs: bool) -> bool {
    viewer.role == Role::Admin || (viewer.role == Role::AccountDirector && directs)
}

/// Whether a role reads an account's contract terms (prices, values, notice periods): those who
/// answer for the account's business. Supervisors and sales read the rest of the workspace.
pub fn reads_contract_terms(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Management | Role::AccountDirector | Role::RegionalDirector
    )
}

/// Whether `viewer` manages the whole portfolio (management and admins).
pub fn manages(viewer: &Viewer) -> bool {
    matches!(viewer.role, Role::Admin | Role::Management)
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
    fn everyone_finds_whom_to_contact_except_about_a_confidential_account_they_do_not_see() {
        let elsewhere = AccountAccessFacts::default();
        let secret = AccountAccessFacts {
            confidential: true,
            ..Default::default()
        };
        let supervisor = viewer(Role::Supervisor);
        assert!(
            !can_view(&supervisor, &elsewhere),
            "the account itself stays closed"
        );
        assert!(sees_support_organisation(&supervisor, &elsewhere));
        assert!(!sees_support_organisation(&supervisor, &secret));
        let member = AccountAccessFacts {
            is_named_member: true,
            ..secret
        };
        assert!(sees_support_organisation(&supervisor, &member));
        assert!(sees_support_organisation(&viewer(Role::Management), &secret));
    }

    #[test]
    fn a_device_keeps_the_persons_own_accounts_and_for_management_the_reds() {
        let works_here = AccountAccessFacts {
            supervises_a_site: true,
            ..Default::default()
        };
        let elsewhere = AccountAccessFacts::default();
        let supervisor = viewer(Role::Supervisor);
        assert_eq!(
            keep_reason(&supervisor, &works_here, false),
            Some(KeepReason::TheirWork)
        );
        assert_eq!(
            keep_reason(&supervisor, &elsewhere, true),
            None,
            "not visible, not kept"
        );
        let management = viewer(Role::Management);
        assert_eq!(keep_reason(&management, &elsewhere, true), Some(KeepReason::Red));
        assert_eq!(
            keep_reason(&management, &elsewhere, false),
            None,
            "a green account waits until opened"
        );
        let director = viewer(Role::AccountDirector);
        let directs = AccountAccessFacts {
            is_director: true,
            ..Default::default()
        };
        assert_eq!(
            keep_reason(&director, &directs, false),
            Some(KeepReason::TheirWork)
        );
    }

    #[test]
    fn own_work_comes_first_and_the_set_is_bounded() {
        let mut candidates: Vec<(i64, KeepReason)> = (0..30).map(|i| (i, KeepReason::Red)).collect();
        candidates.push((99, KeepReason::TheirWork));
        let kept = accounts_to_keep(candidates);
        assert_eq!(kept.len(), KEEP_AHEAD_MAX);
        assert_eq!(kept[0], 99);
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
