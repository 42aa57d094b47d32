//! Our support organisation per account (issue 19, seed 002 Q1, Q9): whom anyone in the company
//! contacts about an account. The KAM answers for the whole account; the account's named team
//! (sales, "little KAMs" added by hand) comes next; then the regions' directors and managers,
//! who answer for the service at the account's sites in their region. Read from the people
//! register and the billing system's sites, so nothing is typed twice.

use crate::domain::collation;
use crate::domain::people::Role;

/// What a contact answers for at the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answers {
    /// The account's director: the whole account and its contract.
    Kam,
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
            Answers::Team(_) => 1,
            Answers::Region {
                role: Role::RegionalDirector,
                ..
            } => 2,
            Answers::Region { .. } => 3,
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
/// they answer for most (a KAM who is also in the team is listed as the KAM; a regional director
/// of two regions is listed under both, since each region is its own question).
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
        // Sorted by rank, so whoever is already listed as KAM or in the team stays there.
        let listed = out.iter().any(|seen| {
            seen.person_id == c.person_id && (seen.answers.rank() < 2 || seen.answers == c.answers)
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
        assert_eq!(rows, [(1, 0), (2, 2), (2, 2)], "{arranged:?}");
        assert_eq!(arranged[1].answers, region(Role::RegionalDirector, "Häme"));
    }
}
