//! `mailto:` and `tel:` links made from stored contact details. A value from an import could
//! hold anything (`?`, `&`, `%0A`, `javascript:`…); the link must only ever address that one
//! mailbox or number.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the characters an ordinary address is made of is percent-encoded.
const MAILBOX: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'@')
    .remove(b'.')
    .remove(b'-')
    .remove(b'_')
    .remove(b'+');

pub fn mailto_href(email: &str) -> String {
    format!("mailto:{}", utf8_percent_encode(email.trim(), MAILBOX))
}

/// Only digits, with a leading `+` kept: "+358 40 123 4567" → `tel:+358401234567`.
pub fn tel_href(phone: &str) -> String {
    let trimmed = phone.trim();
    let plus = if trimmed.starts_with('+') { "+" } else { "" };
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contact_link_addresses_only_its_own_mailbox_or_number() {
        assert_eq!(
            mailto_href("liisa.laine@kamu.example"),
            "mailto:liisa.laine@kamu.example"
        );
        assert_eq!(
            mailto_href("a@b.fi?cc=x@evil.example&body=hi"),
            "mailto:a@b.fi%3Fcc%3Dx@evil.example%26body%3Dhi"
        );
        assert_eq!(mailto_href("a@b.fi\nBcc: x"), "mailto:a@b.fi%0ABcc%3A%20x");
        assert_eq!(tel_href("+358 40 123 4567"), "tel:+358401234567");
        assert_eq!(tel_href("040-123;javascript:alert(1)"), "tel:0401231");
    }
}
