//! E-mail when push cannot reach: the rules of when an urgent bulletin is e-mailed, how sends
//! are retried, and how much of a post an e-mail carries. The sending is `server::channel::email`.

/// The delays a bulletin's writer can choose (hours after posting); 4 hours unless they choose.
pub const EMAIL_AFTER_HOURS: [u8; 5] = [1, 2, 4, 8, 24];
pub const DEFAULT_EMAIL_AFTER_HOURS: u8 = 4;

/// A chosen delay, if it is one of the choices (anything else from a device is refused).
pub fn email_after_minutes(chosen: Option<u8>) -> Result<i64, &'static str> {
    let hours = chosen.unwrap_or(DEFAULT_EMAIL_AFTER_HOURS);
    if EMAIL_AFTER_HOURS.contains(&hours) {
        Ok(i64::from(hours) * 60)
    } else {
        Err("email_after")
    }
}

/// Bulletins older than this when e-mail is first turned on are not e-mailed about.
pub const NOT_AFTER_HOURS: i64 = 48;

/// Whether an urgent bulletin posted at `posted_ms` is due for its e-mails at `now_ms`.
pub fn is_due(posted_ms: i64, after_minutes: i64, now_ms: i64) -> bool {
    let due = posted_ms + after_minutes * 60_000;
    now_ms >= due && now_ms - posted_ms <= NOT_AFTER_HOURS * 3_600_000
}

/// A mention e-mail not sent within this many hours is no longer sent (its news is old; and
/// e-mail turned back on does not send a pile of them).
pub const MENTION_FRESH_HOURS: i64 = 24;

/// Sending is tried this many times, then given up (and logged).
pub const MAX_ATTEMPTS: i64 = 6;

/// How long to wait after a failed attempt before the next: 1, 2, 4, 8, 16 minutes.
pub fn retry_after_ms(attempts_so_far: i64) -> i64 {
    60_000 << attempts_so_far.clamp(0, 10)
}

/// The start of a post for an e-mail: its first lines, at most `EXCERPT_CHARS` characters,
/// cut at a word.
pub const EXCERPT_CHARS: usize = 600;

pub fn excerpt(body: &str) -> String {
    let body = body.trim();
    if body.chars().count() <= EXCERPT_CHARS {
        return body.to_string();
    }
    let cut: String = body.chars().take(EXCERPT_CHARS).collect();
    let at_word = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

/// The first line of a post, short enough for a subject line.
pub fn subject_line(body: &str) -> String {
    let first = body.trim().lines().next().unwrap_or("").trim();
    if first.chars().count() <= 80 {
        first.to_string()
    } else {
        format!("{}…", first.chars().take(79).collect::<String>().trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writer_chooses_among_the_delays_and_four_hours_is_the_default() {
        assert_eq!(email_after_minutes(None), Ok(240));
        assert_eq!(email_after_minutes(Some(1)), Ok(60));
        assert_eq!(email_after_minutes(Some(24)), Ok(1440));
        assert_eq!(email_after_minutes(Some(3)), Err("email_after"));
        assert_eq!(email_after_minutes(Some(0)), Err("email_after"));
    }

    #[test]
    fn a_bulletin_is_due_after_its_delay_and_not_when_long_past() {
        let posted = 1_000_000_000_000;
        assert!(!is_due(posted, 240, posted + 239 * 60_000));
        assert!(is_due(posted, 240, posted + 240 * 60_000));
        assert!(!is_due(posted, 60, posted + 49 * 3_600_000));
    }

    #[test]
    fn retries_back_off() {
        assert_eq!(retry_after_ms(0), 60_000);
        assert_eq!(retry_after_ms(3), 480_000);
    }

    #[test]
    fn an_excerpt_ends_at_a_word_and_a_subject_at_the_first_line() {
        let long = "sana ".repeat(200);
        let e = excerpt(&long);
        assert!(e.ends_with("sana…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt("  Avaimet vaihtuvat.  "), "Avaimet vaihtuvat.");
        assert_eq!(
            subject_line("Vesikatko huomenna\nLisää tietoa"),
            "Vesikatko huomenna"
        );
        assert_eq!(subject_line(&"ä".repeat(100)).chars().count(), 80);
    }
}
