//! Who may make which edit. Reading is decided by `domain::access`; this decides writing.

use super::ops::Change;
use super::record::Record;
use crate::domain::access::edits_account;
use crate::domain::clock::ClockEvent;
use crate::domain::people::{Role, Viewer};

/// What the server knows about the editor and the event being edited.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EditFacts {
    /// The editor is the account's director.
    pub is_account_director: bool,
    /// The event belongs to a site the editor runs as its supervisor.
    pub runs_event_site: bool,
    /// The editor is named responsible for the event.
    pub is_responsible: bool,
}

/// Directors (of the account) and admins edit everything, the quality card included
/// (`access::edits_account`); a supervisor edits the fields a kind opens to its sites
/// (`Record::open_to_site`: their own visits' status and notes); everyone else reads.
pub fn may_edit(viewer: &Viewer, facts: &EditFacts, change: &Change) -> bool {
    if edits_account(viewer, facts.is_account_director) {
        return true;
    }
    let own = viewer.role == Role::Supervisor && (facts.runs_event_site || facts.is_responsible);
    own && match change {
        Change::UpdateEvent { value, .. } => {
            ClockEvent::field_of(value).is_some_and(ClockEvent::open_to_site)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::EventStatus;
    use crate::domain::ids::PersonId;
    use crate::domain::sync::ops::FieldValue;
    use uuid::Uuid;

    fn viewer(role: Role) -> Viewer {
        Viewer {
            id: PersonId(1),
            role,
            region_id: None,
        }
    }

    fn mark_done() -> Change {
        Change::UpdateEvent {
            event_id: Uuid::nil(),
            base: FieldValue::Status(EventStatus::Planned),
            value: FieldValue::Status(EventStatus::Done),
        }
    }

    #[test]
    fn a_supervisor_marks_own_visits_done_but_nothing_else() {
        let own = EditFacts {
            runs_event_site: true,
            ..Default::default()
        };
        assert!(may_edit(&viewer(Role::Supervisor), &own, &mark_done()));
        assert!(!may_edit(
            &viewer(Role::Supervisor),
            &EditFacts::default(),
            &mark_done()
        ));
        let retitle = Change::UpdateEvent {
            event_id: Uuid::nil(),
            base: FieldValue::Title(String::new()),
            value: FieldValue::Title("x".into()),
        };
        assert!(!may_edit(&viewer(Role::Supervisor), &own, &retitle));
        let delete = Change::DeleteEvent {
            event_id: Uuid::nil(),
        };
        assert!(!may_edit(&viewer(Role::Supervisor), &own, &delete));
        let card = Change::UpdateCard {
            period: crate::domain::dates::YearMonth {
                year: 2026,
                month: 11,
            },
            base: FieldValue::Light(crate::domain::card::TrafficLight::Green),
            value: FieldValue::Light(crate::domain::card::TrafficLight::Red),
        };
        assert!(!may_edit(&viewer(Role::Supervisor), &own, &card));
    }

    #[test]
    fn only_the_accounts_director_and_admins_edit_its_quality_card() {
        let card = Change::UpdateCard {
            period: crate::domain::dates::YearMonth {
                year: 2026,
                month: 11,
            },
            base: FieldValue::Summary(String::new()),
            value: FieldValue::Summary("Kaikki hyvin".into()),
        };
        let director = EditFacts {
            is_account_director: true,
            ..Default::default()
        };
        assert!(may_edit(&viewer(Role::AccountDirector), &director, &card));
        assert!(may_edit(&viewer(Role::Admin), &EditFacts::default(), &card));
        assert!(!may_edit(
            &viewer(Role::AccountDirector),
            &EditFacts::default(),
            &card
        ));
        assert!(!may_edit(&viewer(Role::Management), &EditFacts::default(), &card));
        assert!(!may_edit(&viewer(Role::Sales), &EditFacts::default(), &card));
    }

    #[test]
    fn directors_edit_their_own_accounts_and_admins_everything() {
        let director = EditFacts {
            is_account_director: true,
            ..Default::default()
        };
        let delete = Change::DeleteEvent {
            event_id: Uuid::nil(),
        };
        assert!(may_edit(&viewer(Role::AccountDirector), &director, &delete));
        assert!(!may_edit(
            &viewer(Role::AccountDirector),
            &EditFacts::default(),
            &delete
        ));
        assert!(may_edit(&viewer(Role::Admin), &EditFacts::default(), &delete));
        assert!(!may_edit(&viewer(Role::Management), &director, &mark_done()));
        assert!(!may_edit(
            &viewer(Role::RegionalDirector),
            &EditFacts::default(),
            &mark_done()
        ));
    }
}
