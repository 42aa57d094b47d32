//! The language a person last chose in the app, remembered on the server for what Kamu sends
//! them while they are not looking (e-mail). The browser says it with every request in the
//! language cookie (`ui::layout::remember_language`); the sync pull, which every open app makes,
//! copies it to the person.

use crate::domain::error::AppError;
use crate::domain::ids::PersonId;
use sqlx::SqlitePool;

/// The app's languages by their code in the cookie; anything else is not a choice.
pub fn from_cookie_header(header: &str) -> Option<&'static str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().strip_prefix("i18n_pref_locale="))
        .find_map(|code| ["fi", "sv", "en"].into_iter().find(|known| *known == code.trim()))
}

/// Keeps the language the request's cookie names, when it names one.
pub async fn remember(
    pool: &SqlitePool,
    person: PersonId,
    cookie_header: Option<&str>,
) -> Result<(), AppError> {
    let Some(code) = cookie_header.and_then(from_cookie_header) else {
        return Ok(());
    };
    sqlx::query("UPDATE people SET language = ? WHERE id = ? AND language <> ?")
        .bind(code)
        .bind(person.0)
        .bind(code)
        .execute(pool)
        .await?;
    Ok(())
}

/// The locale to write to a person in.
pub fn locale(code: &str) -> crate::i18n::Locale {
    match code {
        "sv" => crate::i18n::Locale::sv,
        "en" => crate::i18n::Locale::en,
        _ => crate::i18n::Locale::fi,
    }
}

#[cfg(test)]
mod tests {
    use super::from_cookie_header;

    #[test]
    fn the_language_cookie_is_read_among_others_and_nothing_else_counts() {
        assert_eq!(
            from_cookie_header("kamu_session=abc; i18n_pref_locale=sv"),
            Some("sv")
        );
        assert_eq!(from_cookie_header("i18n_pref_locale=en"), Some("en"));
        assert_eq!(from_cookie_header("i18n_pref_locale=de"), None);
        assert_eq!(from_cookie_header("xi18n_pref_locale=sv"), None);
        assert_eq!(from_cookie_header(""), None);
    }
}
