//! A form field's first state, written into the server's HTML so the page shows it before the
//! app starts: `prop:` bindings (`open`, `checked`, `value`) are set only in the browser, which
//! made the card page's open editor appear after hydration, as its largest and latest paint
//! (issue 15). Spread onto the element (`<textarea {..first_paint::text(&s)} prop:value=… />`).
//! The browser's build gets an empty attribute (`()`): hydration keeps what the server sent and
//! the `prop:` bindings take over from there. The extra slot in each element's attribute tuple
//! still costs the wasm about 3 KB brotli (measured), the same as writing plain attributes.

use leptos::attr::Attribute;
#[cfg(feature = "ssr")]
use leptos::prelude::*;

/// A `<details>` that starts open.
pub fn open(open: bool) -> impl Attribute {
    #[cfg(feature = "ssr")]
    return view! { <{..} open=open /> };
    #[cfg(not(feature = "ssr"))]
    let _ = open;
}

/// A radio button or checkbox that starts chosen.
pub fn checked(checked: bool) -> impl Attribute {
    #[cfg(feature = "ssr")]
    return view! { <{..} checked=checked /> };
    #[cfg(not(feature = "ssr"))]
    let _ = checked;
}

/// An `<input>` that starts with this value.
pub fn value(value: String) -> impl Attribute {
    #[cfg(feature = "ssr")]
    return view! { <{..} value=value /> };
    #[cfg(not(feature = "ssr"))]
    let _ = value;
}

/// A `<textarea>` that starts with this text (between its tags, escaped).
pub fn text(text: &str) -> impl Attribute {
    #[cfg(feature = "ssr")]
    return leptos::tachys::html::element::inner_html(textarea_html(text));
    #[cfg(not(feature = "ssr"))]
    let _ = text;
}

/// A `<textarea>`'s text as the HTML between its tags. Only `&` and `<` can be markup there; the
/// leading newline is the one the HTML parser drops, so a text that starts with one keeps it.
pub fn textarea_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    out.push('\n');
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::textarea_html;

    #[test]
    fn a_textarea_text_cannot_close_its_tag_or_become_markup() {
        let html = textarea_html("</textarea><script>alert(1)</script> & <b>");
        assert!(!html.contains('<'), "{html}");
        assert_eq!(
            html,
            "\n&lt;/textarea>&lt;script>alert(1)&lt;/script> &amp; &lt;b>"
        );
        // The parser drops one leading newline: the text's own first newline survives.
        assert_eq!(textarea_html("\nrivi"), "\n\nrivi");
    }
}
