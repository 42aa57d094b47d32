//! @mentions: "@Eeva Esimies" in a post names a member, who gets the post in their inbox.
//! Names are matched without regard to case, the longest member name first, and only where the
//! name ends (so "@Eeva Esimiesten" names nobody).

use crate::domain::clock::PersonRef;
use crate::domain::ids::PersonId;

/// The members a post mentions, each once, in the order they are first mentioned.
pub fn mentioned(body: &str, members: &[PersonRef]) -> Vec<PersonId> {
    let lower = body.to_lowercase();
    let mut names: Vec<(String, PersonId)> = members
        .iter()
        .filter(|m| !m.name.trim().is_empty())
        .map(|m| (m.name.trim().to_lowercase(), m.id))
        .collect();
    // Longest first: "@Eeva Esimies-Kallio" is not "@Eeva Esimies".
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
    let mut found = Vec::new();
    for (at, _) in lower.match_indices('@') {
        let rest = &lower[at + 1..];
        let hit = names.iter().find(|(name, _)| {
            rest.starts_with(name.as_str())
                && !rest[name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '-')
        });
        if let Some((_, id)) = hit {
            if !found.contains(id) {
                found.push(*id);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str) -> PersonRef {
        PersonRef {
            id: PersonId(id),
            name: name.into(),
        }
    }

    #[test]
    fn names_are_found_case_insensitively_longest_first_and_once() {
        let members = [
            person(1, "Eeva Esimies"),
            person(2, "Eeva Esimies-Kallio"),
            person(3, "Åke Öhman"),
        ];
        assert_eq!(
            mentioned(
                "@eeva esimies-kallio ja @ÅKE ÖHMAN, katsokaa. @Eeva Esimies-Kallio",
                &members
            ),
            [PersonId(2), PersonId(3)]
        );
        assert_eq!(mentioned("Kiitos @Eeva Esimies!", &members), [PersonId(1)]);
    }

    #[test]
    fn a_longer_word_or_an_unknown_name_mentions_nobody() {
        let members = [person(1, "Eeva Esimies")];
        assert!(mentioned("@Eeva Esimiesten kohde", &members).is_empty());
        assert!(mentioned("@Olli Outo ja eeva esimies ilman miukumaukua", &members).is_empty());
        assert!(mentioned("sähköposti eeva@kamu.example", &members).is_empty());
    }
}
