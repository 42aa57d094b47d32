//! The locale files: every text exists in every language (Finnish, Swedish, English) with the same
//! placeholders, and a count is never written as "1 muutosta" / "1 ändringar" / "1 edits". A text
//! with a number directly before a word has a `_one` form, chosen where the count is 1 (all three
//! have one singular form).

use std::collections::BTreeMap;

fn locale(name: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("locale file");
    serde_json::from_str(&text).expect("locale JSON")
}

/// Texts whose word after the number does not change with it ("3 myöhässä", "1/3 tehty").
const SAME_FOR_EVERY_COUNT: &[&str] = &["overdue_count", "repeat_weeks", "done_of"];

/// Texts said only for three or more ("Omaa historiaa on 3 vuotta"): the code picks another
/// text below that. (A number with decimals, "1,0 kauppaa", takes the plural in every language;
/// its placeholder is named for what it measures, not `n`.)
const NEVER_ONE: &[&str] = &["forecast_own_much"];

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

/// Every language the app offers, Finnish first.
const LANGUAGES: [&str; 3] = ["fi", "sv", "en"];

#[test]
fn every_text_exists_in_every_language_with_the_same_placeholders() {
    let fi = locale("fi");
    for lang in &LANGUAGES[1..] {
        let other = locale(lang);
        let only_fi: Vec<&String> = fi.keys().filter(|k| !other.contains_key(*k)).collect();
        let only_other: Vec<&String> = other.keys().filter(|k| !fi.contains_key(*k)).collect();
        assert!(
            only_fi.is_empty() && only_other.is_empty(),
            "fi only: {only_fi:?}; {lang} only: {only_other:?}"
        );
        // A text fills in the same values in every language ("{{ count }}" is not lost in one).
        for (key, text) in &fi {
            assert_eq!(
                placeholders(text),
                placeholders(&other[key]),
                "{lang} {key}: {}",
                other[key]
            );
        }
    }
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split("{{")
        .skip(1)
        .filter_map(|rest| rest.split_once("}}").map(|(name, _)| name.trim()))
        .collect();
    found.sort();
    found
}

#[test]
fn a_counted_word_has_its_singular_for_one() {
    for lang in LANGUAGES {
        let texts = locale(lang);
        let missing: Vec<&String> = texts
            .iter()
            .filter(|(key, text)| counts_a_noun(text) && !SAME_FOR_EVERY_COUNT.contains(&key.as_str()))
            .filter(|(key, _)| !NEVER_ONE.contains(&key.as_str()))
            .filter(|(key, _)| !key.ends_with("_one"))
            .map(|(key, _)| key)
            .filter(|key| !texts.contains_key(&format!("{key}_one")) && !has_one_by_other_name(key, &texts))
            .collect();
        assert!(missing.is_empty(), "{lang}: no singular form for {missing:?}");
        // And the singular forms really read as one.
        for (key, text) in texts.iter().filter(|(k, _)| k.ends_with("_one")) {
            assert!(
                text.contains('1') || text.contains("yksi") || text.contains("one") || text.contains("en "),
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
