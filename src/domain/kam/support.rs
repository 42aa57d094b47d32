//! Our support organisation per account (issue 19, seed 002 Q1, Q9): whom anyone in the company
//! contacts about an account. The KAM answers for the whole account; the KAM's helpers come
//! next — "little KAMs" and business-area leads, each with what they answer for, set by the KAM
//! (`SupportRole`, a document of the one engine); then the account's named team; then the
//! regions' directors and managers, who answer for the service at the account's sites in their
//! region. Names and numbers come from the people register and the billing system's sites, so
//! nothing is typed twice.

use crate::domain::collation;
use crate::domain::ids::PersonId;
use crate::domain::people::Role;
use crate::domain::sync::doc::{Kind, RecordKind};
use crate::domain::sync::RejectReason;
use serde::{Deserialize, Serialize};

/// The longest "answers for" a helper's role may say.
pub const MAX_ANSWERS_FOR_CHARS: usize = 300;

/// A helper of the KAM at one account (seed 002 Q1: "pikku-KAMit" and business-area leads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Helper {
    /// Runs part of the account for the KAM (a region's sites, a customer's division).
    LittleKam,
    /// Answers for one business area at the account (cleaning, property services, catering …).
    BusinessAreaLead,
}

/// One of our people in a helper's role at an account, with what they answer for in words
/// ("Pirkanmaan kohteet", "ruokapalvelut"). The person's name and numbers come from the people
/// register; someone no longer active is not a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRole {
    pub person: PersonId,
    pub helper: Helper,
    #[serde(default)]
    pub answers_for: String,
}

impl Kind for SupportRole {
    const KIND: RecordKind = RecordKind::SupportRole;
    const FIELDS: &'static [&'static str] = &["person", "helper", "answers_for"];

    fn check(&self) -> Result<(), RejectReason> {
        if self.answers_for.chars().count() > MAX_ANSWERS_FOR_CHARS {
            return Err(RejectReason::Invalid("text_too_long".into()));
        }
        Ok(())
    }
    // Whom to contact is for all staff: `readable_by` keeps the default.
}

/// What a contact answers for at the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answers {
    /// The account's director: the whole account and its contract.
    Kam,
    /// A helper the KAM named, and what they answer for.
    Helper { helper: Helper, answers_for: String },
    /// A named member of the account's team, by their role.
    Team(Role),
    /// The service at the account's sites in a region.
    Region { role: Role, region: String },
}

impl Answers {
    /// The order a reader looks for: the KAM first, the team, then the regions.
    fn rank(&self) -> u8 {
        match self {
            Answers::Kam => 0,
            Answers::Helper { .. } => 1,
            Answers::Team(_) => 2,
            Answers::Region {
                role: Role::RegionalDirector,
                ..
            } => 3,
            Answers::Region { .. } => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub answers: Answers,
}

/// The account's contacts in the order a reader looks for them, each person once, under what
/// they answer for most (a KAM who is also in the team is listed as the KAM; a little KAM who is
/// also in the team, as the little KAM; a person in two helper's roles, or a regional director
/// of two regions, under both, since each is its own question).
pub fn arrange(mut contacts: Vec<Contact>) -> Vec<Contact> {
    contacts.sort_by(|a, b| {
        a.answers
            .rank()
            .cmp(&b.answers.rank())
            .then_with(|| match (&a.answers, &b.answers) {
                (Answers::Region { region: ra, .. }, Answers::Region { region: rb, .. }) => {
                    collation::compare(ra, rb)
                }
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| collation::compare(&a.name, &b.name))
    });
    let mut out: Vec<Contact> = Vec::with_capacity(contacts.len());
    for c in contacts {
        // Sorted by rank, so whoever is already listed as KAM, a helper or in the team stays
        // there; only another helper's role or another region adds a line.
        let listed = out.iter().any(|seen| {
            seen.person_id == c.person_id
                && (seen.answers == c.answers
                    || seen.answers == Answers::Kam
                    || (seen.answers.rank() <= 2 && !matches!(c.answers, Answers::Helper { .. })))
        });
        if !listed {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(id: i64, name: &str, answers: Answers) -> Contact {
        Contact {
            person_id: id,
            name: name.into(),
            email: format!("{id}@kamu.example"),
            phone: None,
            answers,
        }
    }

    fn region(role: Role, region: &str) -> Answers {
        Answers::Region {
            role,
            region: region.into(),
        }
    }

    #[test]
    fn the_kam_comes_first_then_the_team_a_to_o_then_the_regions() {
        let arranged = arrange(vec![
            contact(5, "Östen Aalto", region(Role::Manager, "Uusimaa")),
            contact(4, "Veera Laine", region(Role::RegionalDirector, "Pirkanmaa")),
            contact(3, "Ärjä Koski", Answers::Team(Role::Sales)),
            contact(2, "Aino Berg", Answers::Team(Role::Supervisor)),
            contact(6, "Pekka Virta", region(Role::RegionalDirector, "Uusimaa")),
            contact(1, "Jukka Mäkinen", Answers::Kam),
        ]);
        let names: Vec<&str> = arranged.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Jukka Mäkinen",
                "Aino Berg",
                "Ärjä Koski",
                "Veera Laine",
                "Pekka Virta",
                "Östen Aalto"
            ]
        );
    }

    #[test]
    fn a_person_is_listed_once_under_what_they_answer_for_most() {
        let arranged = arrange(vec![
            contact(1, "Jukka Mäkinen", Answers::Team(Role::AccountDirector)),
            contact(1, "Jukka Mäkinen", Answers::Kam),
            contact(1, "Jukka Mäkinen", region(Role::RegionalDirector, "Uusimaa")),
            contact(2, "Veera Laine", region(Role::RegionalDirector, "Pirkanmaa")),
            contact(2, "Veera Laine", region(Role::RegionalDirector, "Häme")),
            contact(2, "Veera Laine", region(Role::RegionalDirector, "Häme")),
        ]);
        let rows: Vec<(i64, u8)> = arranged.iter().map(|c| (c.person_id, c.answers.rank())).collect();
        assert_eq!(rows, [(1, 0), (2, 3), (2, 3)], "{arranged:?}");
        assert_eq!(arranged[1].answers, region(Role::RegionalDirector, "Häme"));
    }

    fn helper(helper: Helper, what: &str) -> Answers {
        Answers::Helper {
            helper,
            answers_for: what.into(),
        }
    }

    /// The KAM's helpers come right after the KAM, each with what they answer for; a team member
    /// who is also a little KAM is listed as the little KAM, and someone in two helper's roles
    /// under both. The KAM named as a helper too stays the KAM.
    #[test]
    fn the_kams_helpers_come_next_each_with_what_they_answer_for() {
        let arranged = arrange(vec![
            contact(3, "Ärjä Koski", Answers::Team(Role::Sales)),
            contact(3, "Ärjä Koski", helper(Helper::LittleKam, "Pirkanmaan kohteet")),
            contact(4, "Veera Laine", region(Role::RegionalDirector, "Pirkanmaa")),
            contact(2, "Aino Berg", helper(Helper::BusinessAreaLead, "ruokapalvelut")),
            contact(2, "Aino Berg", helper(Helper::LittleKam, "Tampereen kohteet")),
            contact(1, "Jukka Mäkinen", Answers::Kam),
            contact(1, "Jukka Mäkinen", helper(Helper::LittleKam, "kaikki")),
        ]);
        let rows: Vec<(&str, u8)> = arranged
            .iter()
            .map(|c| (c.name.as_str(), c.answers.rank()))
            .collect();
        assert_eq!(
            rows,
            [
                ("Jukka Mäkinen", 0),
                ("Aino Berg", 1),
                ("Aino Berg", 1),
                ("Ärjä Koski", 1),
                ("Veera Laine", 3)
            ],
            "{arranged:?}"
        );
    }

    #[test]
    fn a_helpers_role_says_what_they_answer_for_in_bounded_words() {
        let role = |answers_for: String| SupportRole {
            person: PersonId(1),
            helper: Helper::LittleKam,
            answers_for,
        };
        assert_eq!(role("Pirkanmaan kohteet".into()).check(), Ok(()));
        assert_eq!(
            role("x".repeat(MAX_ANSWERS_FOR_CHARS + 1)).check(),
            Err(RejectReason::Invalid("text_too_long".into()))
        );
    }
}
