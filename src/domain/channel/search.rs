//! Full-text search over a channel's posts (newest match first): what a person types becomes a safe SQLite FTS5
//! query. Every word must occur; each matches as a prefix ("avai" finds "avaimet"), so
//! Finnish inflections are found from the stem. Operators typed by the user are plain words.

/// The longest search text accepted.
pub const MAX_SEARCH_CHARS: usize = 200;

/// The FTS5 query for `text`, or None when it has no words.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .chars()
        .take(MAX_SEARCH_CHARS)
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_quoted_prefixes_and_operators_lose_their_power() {
        assert_eq!(
            fts_query("Avaimet  Kallio"),
            Some("\"avaimet\"* \"kallio\"*".into())
        );
        assert_eq!(
            fts_query("sää OR \"x\" NEAR(a b)"),
            Some("\"sää\"* \"or\"* \"x\"* \"near\"* \"a\"* \"b\"*".into())
        );
        assert_eq!(fts_query(" -*\" "), None);
    }
}
