//! Finnish alphabetical order (A–Ö): Å, Ä and Ö come after Z, and case does not matter.
//! Hand-written because a full ICU collator would add hundreds of kilobytes to the wasm
//! for a rule that fits in a table.

use std::cmp::Ordering;

/// The letters of `s` as Finnish order ranks them.
fn ranks(s: &str) -> impl Iterator<Item = u32> + '_ {
    s.chars().flat_map(char::to_lowercase).map(|c| match c {
        'å' => 'z' as u32 + 1,
        'ä' | 'æ' => 'z' as u32 + 2,
        'ö' | 'ø' => 'z' as u32 + 3,
        'é' | 'è' => 'e' as u32,
        'ü' => 'y' as u32,
        c => c as u32,
    })
}

/// A key that sorts strings in Finnish order when compared.
pub fn sort_key(s: &str) -> Vec<u32> {
    ranks(s).collect()
}

/// Compares two names in Finnish order, letter by letter and without building keys: a sort
/// compares the same names many times (an account page sorts its 750 visits by site).
pub fn compare(a: &str, b: &str) -> Ordering {
    ranks(a).cmp(ranks(b))
}

/// The letter an A–Ö list files a name under ("Ö" for "Östman", "#" for digits).
pub fn index_letter(s: &str) -> char {
    match s.chars().next().and_then(|c| c.to_uppercase().next()) {
        Some(c) if c.is_alphabetic() => c,
        _ => '#',
    }
}

/// Case-insensitive match of a search query against any of the given texts.
/// Every word of the query must appear somewhere, so "tamp kiin" finds "Kiinteistö Oy, Tampere".
pub fn matches_query(query: &str, texts: &[&str]) -> bool {
    let haystack: String = texts.join(" ").to_lowercase();
    query
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scandinavian_letters_sort_after_z() {
        let mut names = vec!["Östman", "Ärrä", "Zeta", "Åland", "alfa", "Beta"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(names, vec!["alfa", "Beta", "Zeta", "Åland", "Ärrä", "Östman"]);
    }

    #[test]
    fn index_letters_keep_the_finnish_letters() {
        assert_eq!(index_letter("östman"), 'Ö');
        assert_eq!(index_letter("3M"), '#');
    }

    #[test]
    fn every_query_word_must_match_somewhere() {
        assert!(matches_query("tamp kiin", &["Kiinteistö Oy", "Tampere"]));
        assert!(matches_query("", &["anything"]));
        assert!(matches_query("ÄÄNEKOSKI", &["Äänekoski"]));
        assert!(!matches_query("oulu kiin", &["Kiinteistö Oy", "Tampere"]));
    }
}
