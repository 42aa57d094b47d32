//! One-time sign-in links. The billing-system import adds supervisors Kamu has never seen, and
//! supervisors change often, so an admin must be able to let a person in without knowing or
//! sending a password: Kamu makes a link that works once, for a week, and the person opens it
//! and chooses their own password.

use serde::{Deserialize, Serialize};

/// How long a link works after it was made.
pub const LINK_VALID_DAYS: i64 = 7;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Shortest password a person may choose (long passphrases beat rules about symbols).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted, so oversize input is refused before hashing.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// The path a link opens; the token is the only secret in it.
pub fn link_path(token: &str) -> String {
    format!("/aseta-salasana/{token}")
}

/// When a link made at `created_ms` stops working.
pub fn expires_at(created_ms: i64) -> i64 {
    created_ms + LINK_VALID_DAYS * DAY_MS
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LinkState {
    Valid,
    /// Used once already, or replaced by a newer link for the same person.
    Used,
    Expired,
}

impl LinkState {
    pub fn of(expires_ms: i64, used_ms: Option<i64>, now_ms: i64) -> LinkState {
        match used_ms {
            Some(_) => LinkState::Used,
            None if now_ms >= expires_ms => LinkState::Expired,
            None => LinkState::Valid,
        }
    }

    /// The error key the page shows for a link that no longer works.
    pub fn error_key(self) -> Option<&'static str> {
        match self {
            LinkState::Valid => None,
            LinkState::Used => Some("link_used"),
            LinkState::Expired => Some("link_expired"),
        }
    }
}

/// Checks a chosen password and its repetition; the answer is an error key for the form.
pub fn check_new_password(password: &str, again: &str) -> Result<(), &'static str> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err("too_long");
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err("password_too_short");
    }
    if password.trim().is_empty() {
        return Err("password_too_short");
    }
    if password != again {
        return Err("password_mismatch");
    }
    Ok(())
}

/// A person as the admin's people page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonAccess {
    pub person: super::people::Person,
    /// False for people the import added: they cannot sign in before they use a link.
    pub has_password: bool,
    /// The last day (in Finland) the newest unused link works, if there is one.
    pub link_valid_until: Option<chrono::NaiveDate>,
}

/// A link the admin just made. The token is shown once and never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewLink {
    pub path: String,
    /// The last day (in Finland) the link works.
    pub valid_until: chrono::NaiveDate,
}

/// The person a link lets in, as the set-password page greets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkHolder {
    pub name: String,
    pub email: String,
}

/// How many people the admin's list shows at once; a search narrows it.
pub const PEOPLE_SHOWN: usize = 50;

/// What the admin's people page shows: the first matches, and how many matched in all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleList {
    pub shown: Vec<PersonAccess>,
    pub matched: usize,
}

/// Filters people by a search over name and email (and, if asked, to those who cannot sign
/// in yet), people without a password first, then A–Ö.
pub fn list_people(mut all: Vec<PersonAccess>, query: &str, only_without_password: bool) -> PeopleList {
    all.retain(|p| {
        (!only_without_password || !p.has_password)
            && super::collation::matches_query(query, &[&p.person.name, &p.person.email])
    });
    all.sort_by(|a, b| {
        a.has_password
            .cmp(&b.has_password)
            .then_with(|| super::collation::compare(&a.person.name, &b.person.name))
    });
    let matched = all.len();
    all.truncate(PEOPLE_SHOWN);
    PeopleList { shown: all, matched }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::PersonId;
    use crate::domain::people::{Person, Role};

    fn access(id: i64, name: &str, has_password: bool) -> PersonAccess {
        PersonAccess {
            person: Person {
                id: PersonId(id),
                name: name.into(),
                email: format!("{}@example.fi", name.to_lowercase().replace(' ', ".")),
                role: Role::Supervisor,
                region_id: None,
            },
            has_password,
            link_valid_until: None,
        }
    }

    #[test]
    fn people_without_a_password_come_first_then_a_to_oe() {
        let all = vec![
            access(1, "Örn Olli", true),
            access(2, "Aalto Aino", true),
            access(3, "Virtanen Ville", false),
            access(4, "Ärrä Anna", false),
        ];
        let list = list_people(all.clone(), "", false);
        let names: Vec<_> = list.shown.iter().map(|p| p.person.name.as_str()).collect();
        assert_eq!(names, ["Virtanen Ville", "Ärrä Anna", "Aalto Aino", "Örn Olli"]);
        assert_eq!(list.matched, 4);

        let only = list_people(all.clone(), "", true);
        assert_eq!(only.matched, 2);
        let found = list_people(all, "aalto", false);
        assert_eq!(found.shown.len(), 1);
        assert_eq!(found.shown[0].person.id, PersonId(2));
    }

    #[test]
    fn a_long_list_is_cut_but_counted() {
        let all: Vec<_> = (0..120)
            .map(|i| access(i, &format!("Henkilö {i:03}"), false))
            .collect();
        let list = list_people(all, "henk", false);
        assert_eq!(list.shown.len(), PEOPLE_SHOWN);
        assert_eq!(list.matched, 120);
        assert_eq!(list.shown[0].person.name, "Henkilö 000");
    }

    #[test]
    fn a_link_works_for_a_week_and_only_once() {
        let made = 1_000_000;
        let ends = expires_at(made);
        assert_eq!(ends - made, 7 * DAY_MS);
        assert_eq!(LinkState::of(ends, None, made), LinkState::Valid);
        assert_eq!(LinkState::of(ends, None, ends - 1), LinkState::Valid);
        assert_eq!(LinkState::of(ends, None, ends), LinkState::Expired);
        assert_eq!(LinkState::of(ends, Some(made + 5), made + 10), LinkState::Used);
        // Used beats expired: the person is told the link was already used.
        assert_eq!(LinkState::of(ends, Some(made + 5), ends + 1), LinkState::Used);
        assert_eq!(LinkState::Used.error_key(), Some("link_used"));
        assert_eq!(LinkState::Valid.error_key(), None);
    }

    #[test]
    fn a_new_password_must_be_long_enough_and_typed_twice_alike() {
        assert_eq!(check_new_password("lyhyt", "lyhyt"), Err("password_too_short"));
        // Ten characters counted as characters, not bytes: "ääkkösiä" is short.
        assert_eq!(check_new_password("ääkkösiäää", "ääkkösiäää"), Ok(()));
        assert_eq!(
            check_new_password("ääkkösiää", "ääkkösiää"),
            Err("password_too_short")
        );
        assert_eq!(
            check_new_password("          ", "          "),
            Err("password_too_short")
        );
        assert_eq!(
            check_new_password("siivous-kevät-2026", "siivous-kevät-2025"),
            Err("password_mismatch")
        );
        assert_eq!(
            check_new_password(&"x".repeat(1025), &"x".repeat(1025)),
            Err("too_long")
        );
        assert_eq!(
            check_new_password("siivous-kevät-2026", "siivous-kevät-2026"),
            Ok(())
        );
    }

    #[test]
    fn the_link_opens_the_set_password_page() {
        assert_eq!(link_path("abc"), "/aseta-salasana/abc");
    }
}
