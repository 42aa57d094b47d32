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

/// The names offered by the "mention someone" picker: every member but oneself, once each
/// (a person can be a member for several reasons), in Finnish alphabetical order.
pub fn choices(members: &[PersonRef], me: PersonId) -> Vec<PersonRef> {
    let mut out: Vec<PersonRef> = Vec::with_capacity(members.len());
    for m in members.iter().filter(|m| m.id != me) {
        if !out.iter().any(|o| o.id == m.id) {
            out.push(m.clone());
        }
    }
    out.sort_by(|a, b| crate::domain::collation::compare(&a.name, &b.name));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_lists_each_member_once_in_finnish_order_without_oneself() {
        let p = |id: i64, name: &str| PersonRef {
            id: PersonId(id),
            name: name.into(),
        };
        let members = [
            p(3, "Öhman Olli"),
            p(1, "Aalto Anna"),
            p(2, "Virtanen Ville"),
            p(3, "Öhman Olli"),
            p(9, "Minä"),
        ];
        let names: Vec<String> = choices(&members, PersonId(9))
            .into_iter()
            .map(|m| m.name)
            .collect();
        assert_eq!(names, ["Aalto Anna", "Virtanen Ville", "Öhman Olli"]);
    }

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
