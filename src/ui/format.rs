//! Dates and times on screen, in the Finnish way, with the translated "vk"/"klo" words.

use crate::domain::clock::ClockEvent;
use crate::domain::dates::{format_date, format_period, format_time, IsoWeek};
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// "7.3.2026" or "7.–9.3.2026".
pub fn event_date(e: &ClockEvent) -> String {
    match e.ends_on {
        Some(end) => format_period(e.starts_on, end),
        None => format_date(e.starts_on),
    }
}

/// "vk 10".
pub fn week(i18n: I18nContext<Locale>, e: &ClockEvent) -> String {
    format!("{} {}", t_string!(i18n, week_abbr), IsoWeek::of(e.starts_on).week)
}

/// "klo 14.30", or nothing for all-day events.
pub fn time(i18n: I18nContext<Locale>, e: &ClockEvent) -> Option<String> {
    e.time
        .map(|t| format!("{} {}", t_string!(i18n, time_prefix), format_time(t)))
}

/// Whether the `<details>` a toggle event came from is now open (event handlers run in the
/// browser only; on the server this is never called).
pub fn details_open(ev: &leptos::ev::Event) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use leptos::prelude::event_target;
        event_target::<web_sys::HtmlDetailsElement>(ev).open()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        false
    }
}

/// "123 456 €": Finnish thousands with a narrow no-break space.
pub fn euros(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    format!("{}{out}\u{a0}€", if amount < 0 { "−" } else { "" })
}

/// A tenths value with a decimal comma: 125 → "12,5".
pub fn tenths(value: i64) -> String {
    let sign = if value < 0 { "−" } else { "" };
    let v = value.unsigned_abs();
    format!("{sign}{},{}", v / 10, v % 10)
}

/// "24.11.2026 klo 9.05": when a post was written.
pub fn moment(i18n: I18nContext<Locale>, at: chrono::NaiveDateTime) -> String {
    format!(
        "{} {} {}",
        format_date(at.date()),
        t_string!(i18n, time_prefix),
        format_time(at.time())
    )
}

/// Text with break points for the language shown: Finnish words are long, and a phone's
/// narrow column otherwise cuts them anywhere ("Asiakastapaam|inen").
pub fn breakable(i18n: I18nContext<Locale>, text: &str) -> String {
    match i18n.get_locale() {
        Locale::fi => hyphenate_fi(text),
        _ => text.to_string(),
    }
}

/// Words this long or longer get break points: a narrow column (the date beside it, a status
/// chip after it) leaves some 120 px for a title, about nine letters.
const LONG_WORD: usize = 8;

/// Marks where a long Finnish word may break, with soft hyphens (shown as "-" only where the
/// line actually breaks): before each consonant that starts a syllable, the basic Finnish
/// hyphenation rule ("Asiakas·ta·paa·mi·nen"), never leaving fewer than two letters on a line.
/// Phones differ in whether CSS `hyphens: auto` knows Finnish; this works on every one.
/// Hand-written: a pattern-based crate would bring its dictionaries into the browser's code.
pub fn hyphenate_fi(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word: Vec<char> = Vec::new();
    let flush = |word: &mut Vec<char>, out: &mut String| {
        out.extend(break_word(word));
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn break_word(word: &[char]) -> Vec<char> {
    if word.len() < LONG_WORD {
        return word.to_vec();
    }
    let vowel = |c: char| "aeiouyäöåAEIOUYÄÖÅ".contains(c);
    let mut out = Vec::with_capacity(word.len() + 6);
    for (i, &c) in word.iter().enumerate() {
        let starts_syllable = i >= 2
            && i + 2 <= word.len()
            && !vowel(c)
            && vowel(word[i + 1])
            && word[..i].iter().any(|&p| vowel(p));
        if starts_syllable {
            out.push('\u{ad}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        hyphenate_fi(text).replace('\u{ad}', "-")
    }

    #[test]
    fn long_finnish_words_break_between_syllables() {
        assert_eq!(
            shown("Asiakastapaaminen"),
            "A-si-a-kas-ta-paa-mi-nen".replace("A-si-a", "Asia")
        );
        assert_eq!(shown("Henkilöstöpalaveri"), "Hen-ki-lös-tö-pa-la-ve-ri");
        assert_eq!(
            shown("Asiakastyytyväisyyskäynti"),
            "Asia-kas-tyy-ty-väi-syys-käyn-ti"
        );
    }

    #[test]
    fn short_words_and_numbers_stay_whole_and_longer_ones_get_break_points() {
        assert_eq!(shown("Laatukäynti 3.12."), "Laa-tu-käyn-ti 3.12.");
        assert_eq!(hyphenate_fi("Käynti ja kokous"), "Käynti ja kokous");
        assert_eq!(hyphenate_fi("144\u{202f}524\u{a0}€ ↓"), "144\u{202f}524\u{a0}€ ↓");
        assert_eq!(
            shown("Muu tapahtuma: Henkilöstöpalaveri"),
            "Muu ta-pah-tu-ma: Hen-ki-lös-tö-pa-la-ve-ri"
        );
    }
}
