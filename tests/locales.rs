//! The locale files: every text exists in every language, and a count is never written as
//! "1 muutosta" / "1 edits". A text with a number directly before a word has a `_one` form,
//! chosen where the count is 1 (Finnish and English both have one singular form).

use std::collections::BTreeMap;

fn locale(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("locale file");
    serde_json::from_str(&text).expect("locale JSON")
}

/// Texts whose word after the number does not change with it ("3 myöhässä", "1/3 tehty").
const SAME_FOR_EVERY_COUNT: &[&str] = &["overdue_count", "repeat_weeks", "done_of"];

/// A number placeholder directly followed by a word: "{{ n }} riviä".
fn counts_a_noun(text: &str) -> bool {
    ["{{ count }} ", "{{ n }} ", "{{ total }} "].iter().any(|p| {
        text.match_indices(p).any(|(i, _)| {
            text[i + p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic)
        })
    })
}

#[test]
fn every_text_exists_in_finnish_and_english() {
    let (fi, en) = (locale("fi"), locale("en"));
    let only_fi: Vec<&String> = fi.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<&String> = en.keys().filter(|k| !fi.contains_key(*k)).collect();
    assert!(
        only_fi.is_empty() && only_en.is_empty(),
        "fi only: {only_fi:?}; en only: {only_en:?}"
    );
}

#[test]
fn a_counted_word_has_its_singular_for_one() {
    for lang in ["fi", "en"] {
        let texts = locale(lang);
        let missing: Vec<&String> = texts
            .iter()
            .filter(|(key, text)| counts_a_noun(text) && !SAME_FOR_EVERY_COUNT.contains(&key.as_str()))
            .filter(|(key, _)| !key.ends_with("_one"))
            .map(|(key, _)| key)
            .filter(|key| !texts.contains_key(&format!("{key}_one")) && !has_one_by_other_name(key, &texts))
            .collect();
        assert!(missing.is_empty(), "{lang}: no singular form for {missing:?}");
        // And the singular forms really read as one.
        for (key, text) in texts.iter().filter(|(k, _)| k.ends_with("_one")) {
            assert!(
                text.contains('1') || text.contains("yksi") || text.contains("one"),
                "{lang} {key}: {text}"
            );
            assert!(
                !text.contains("{{ count }}") && !text.contains("{{ n }}"),
                "{lang} {key}: {text}"
            );
        }
    }
}

/// `sites_count` has its singular as `site_one`, and `accounts_count` counts a total that is
/// shown next to another number ("3 / 100 asiakkuutta"); both read right for one.
fn has_one_by_other_name(key: &str, texts: &BTreeMap<String, String>) -> bool {
    match key {
        "sites_count" => texts.contains_key("site_one"),
        "accounts_count" => texts.contains_key("accounts_count_one"),
        "sync_waiting" => texts.contains_key("sync_waiting_one"),
        _ => false,
    }
}

#[test]
fn the_check_catches_a_missing_singular() {
    assert!(counts_a_noun("{{ count }} muutosta odottaa"));
    assert!(!counts_a_noun("Lukemattomia: {{ n }}"));
    assert!(!counts_a_noun("Muistuta ({{ n }})"));
}
