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
