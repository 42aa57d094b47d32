//! What every CSV import shares: a header row whose column names may be Finnish or English
//! (matched without regard to case or a byte-order mark), and a refused row's line and reason.

use serde::{Deserialize, Serialize};

/// A rejected row: its line in the file (the header is line 1) and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    pub line: u64,
    /// A message key (`import_*`) for the UI.
    pub reason: String,
    /// The column or value concerned.
    pub detail: String,
}

/// An import's columns: each has names it is known by, the first being the one shown.
pub trait Columns: Copy + PartialEq + 'static {
    const NAMES: &'static [(Self, &'static [&'static str])];
    /// The columns a file must have.
    fn required() -> Vec<Self>;

    fn named(name: &str) -> Option<Self> {
        let name = name.trim().trim_start_matches('\u{feff}').to_lowercase();
        Self::NAMES
            .iter()
            .find(|(_, names)| names.contains(&name.as_str()))
            .map(|(c, _)| *c)
    }

    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(c, _)| *c == self)
            .map(|(_, n)| n[0])
            .unwrap_or("")
    }
}

/// Maps a header to columns: unknown names are ignored, missing required columns are named.
pub fn header<C: Columns>(names: &[&str]) -> Result<Vec<Option<C>>, Vec<&'static str>> {
    let columns: Vec<Option<C>> = names.iter().map(|n| C::named(n)).collect();
    let missing: Vec<&'static str> = C::required()
        .into_iter()
        .filter(|c| !columns.contains(&Some(*c)))
        .map(C::name)
        .collect();
    if missing.is_empty() {
        Ok(columns)
    } else {
        Err(missing)
    }
}

/// The trimmed text of `column` in a row ("" when the row is short), with the quote that
/// `export_cell` puts before a formula-like value taken off again, so an export re-imports as is.
pub fn cell<'a, C: Columns>(columns: &[Option<C>], fields: &[&'a str], column: C) -> &'a str {
    let text = columns
        .iter()
        .position(|c| *c == Some(column))
        .and_then(|i| fields.get(i))
        .map(|s| s.trim())
        .unwrap_or_default();
    match text.strip_prefix('\'') {
        Some(rest) if starts_like_formula(rest) => rest,
        _ => text,
    }
}

/// Spreadsheets run a cell that starts with one of these as a formula.
fn starts_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A value as written into an exported CSV: one that a spreadsheet would run as a formula
/// (`=HYPERLINK(…)` in a site's name) gets a leading `'`, so it opens as text.
pub fn export_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if starts_like_formula(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Col {
        Id,
        Name,
        Note,
    }

    impl Columns for Col {
        const NAMES: &'static [(Col, &'static [&'static str])] = &[
            (Col::Id, &["tunnus", "id"]),
            (Col::Name, &["nimi", "name"]),
            (Col::Note, &["huomio", "note"]),
        ];
        fn required() -> Vec<Col> {
            vec![Col::Id, Col::Name]
        }
    }

    #[test]
    fn headers_match_either_language_any_case_and_a_byte_order_mark() {
        let columns = header::<Col>(&["\u{feff}NIMI", "extra", "id"]).unwrap();
        assert_eq!(columns, [Some(Col::Name), None, Some(Col::Id)]);
        assert_eq!(cell(&columns, &[" Alma ", "x", "7"], Col::Id), "7");
        assert_eq!(cell(&columns, &["Alma"], Col::Id), "");
        assert_eq!(header::<Col>(&["huomio"]).unwrap_err(), ["tunnus", "nimi"]);
    }

    #[test]
    fn formula_like_values_export_as_text_and_import_back_unchanged() {
        for value in [
            "=HYPERLINK(\"http://evil.example\")",
            "+358 40 1",
            "-1",
            "@SUM(A1)",
        ] {
            let written = export_cell(value);
            assert!(written.starts_with('\''), "{written}");
            let columns = [Some(Col::Name)];
            assert_eq!(cell(&columns, &[written.as_ref()], Col::Name), value);
        }
        assert_eq!(export_cell("Kauppakeskus Iso Omena"), "Kauppakeskus Iso Omena");
        // A name that really starts with a quote keeps it.
        assert_eq!(cell(&[Some(Col::Name)], &["'Aalto'"], Col::Name), "'Aalto'");
    }
}
