//! The server's side of drawn pages (`ui::server_drawn`, `api::drawn`): which page a path is,
//! and its markup. Markup is made with `view!` and rendered to a string here, so every text is
//! escaped as in any other page; no user's text is ever taken as markup.

mod contracts;
mod doc_form;
mod forecast;
mod goals;
mod map;
mod revenue;
mod support;

use crate::api::drawn::Drawn;
use crate::domain::error::AppError;
use crate::domain::ids::AccountId;
use crate::domain::people::Viewer;
use crate::i18n::*;
use crate::server::state::AppState;
use leptos::prelude::*;

/// The drawn pages, by path.
enum DrawnPath {
    /// `/asiakkuus/<id>/ennuste`: the meeting-to-deal forecast.
    Forecast(AccountId),
    /// `/asiakkuus/<id>/tavoitteet`: goals and targets, hours against their budget.
    Goals(AccountId),
    /// `/asiakkuus/<id>/kartta`: the customer's organisation and our pairs with it.
    Map(AccountId),
    /// `/asiakkuus/<id>/liikevaihto`: revenue and margin, total and base, by project.
    Revenue(AccountId),
    /// `/asiakkuus/<id>/sopimukset`: the account's contracts, the current one marked.
    Contracts(AccountId),
    /// `/tuki`: every account A–Ö with its KAM, for all staff.
    Support,
    /// `/tuki/<id>`: whom to contact about the account.
    SupportAccount(AccountId),
}

fn parse(path: &str) -> Option<DrawnPath> {
    let path = path.trim_end_matches('/');
    if path == "/tuki" {
        return Some(DrawnPath::Support);
    }
    if let Some(id) = path.strip_prefix("/tuki/") {
        return id.parse().ok().map(|id| DrawnPath::SupportAccount(AccountId(id)));
    }
    let rest = path.strip_prefix("/asiakkuus/")?;
    let (id, page) = rest.split_once('/')?;
    let id: i64 = id.parse().ok()?;
    match page.trim_end_matches('/') {
        "ennuste" => Some(DrawnPath::Forecast(AccountId(id))),
        "tavoitteet" => Some(DrawnPath::Goals(AccountId(id))),
        "kartta" => Some(DrawnPath::Map(AccountId(id))),
        "liikevaihto" => Some(DrawnPath::Revenue(AccountId(id))),
        "sopimukset" => Some(DrawnPath::Contracts(AccountId(id))),
        _ => None,
    }
}

/// The page at `path` for `viewer`. Each page checks its own permission.
pub async fn draw(state: &AppState, viewer: &Viewer, path: &str, locale: Locale) -> Result<Drawn, AppError> {
    let drawn = match parse(path).ok_or(AppError::NotFound)? {
        DrawnPath::Forecast(account) => forecast::draw(state, viewer, account, locale).await,
        DrawnPath::Goals(account) => goals::draw(state, viewer, account, locale).await,
        DrawnPath::Map(account) => map::draw(state, viewer, account, locale).await,
        DrawnPath::Revenue(account) => revenue::draw(state, viewer, account, locale).await,
        DrawnPath::Contracts(account) => contracts::draw(state, viewer, account, locale).await,
        DrawnPath::Support => support::draw_directory(state, viewer, locale).await,
        DrawnPath::SupportAccount(account) => support::draw_account(state, viewer, account, locale).await,
    }?;
    Ok(Drawn {
        html: unmarked(&drawn.html),
        ..drawn
    })
}

/// The account's name, once the viewer is known to see the account (403 and logged if not).
async fn account_name(state: &AppState, viewer: &Viewer, account: AccountId) -> Result<String, AppError> {
    Ok(account_name_and_edits(state, viewer, account).await?.0)
}

/// The account's name and whether the viewer edits its records (its director, admins), once
/// the viewer is known to see the account (403 and logged if not).
async fn account_name_and_edits(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
) -> Result<(String, bool), AppError> {
    let facts = crate::server::access::require_account(&state.pool, viewer, account).await?;
    name_and_edits(state, viewer, account, &facts).await
}

/// The same, for a page whose own access check gave the facts (`access::require_contract_terms`).
async fn name_and_edits(
    state: &AppState,
    viewer: &Viewer,
    account: AccountId,
    facts: &crate::domain::access::AccountAccessFacts,
) -> Result<(String, bool), AppError> {
    let name = sqlx::query_scalar("SELECT name FROM accounts WHERE id = ?")
        .bind(account.0)
        .fetch_optional(&state.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((
        name,
        crate::domain::access::edits_account(viewer, facts.is_director),
    ))
}

/// A traffic light as the quality card shows it, named for screen readers.
fn light_badge(light: crate::domain::card::TrafficLight, locale: Locale) -> impl IntoView {
    use crate::domain::card::TrafficLight;
    let word = match light {
        TrafficLight::Green => td_string!(locale, light_green),
        TrafficLight::Yellow => td_string!(locale, light_yellow),
        TrafficLight::Red => td_string!(locale, light_red),
    };
    view! { <span class=format!("light light-{}", light.as_str()) role="img" aria-label=word title=word></span> }
}

/// The markup without the empty comments (`<!>`) Leptos puts between neighbouring texts for
/// hydration, which a drawn page never has. Text from anyone is escaped (`&lt;!&gt;`), so the
/// only `<!>` in the markup are these.
fn unmarked(html: &str) -> String {
    html.replace("<!>", "")
}

/// An error as a page: what happened and the way back (as `ui::error_view` says it).
pub fn error_page(error: &AppError, locale: Locale) -> Drawn {
    let (title, text) = match error {
        AppError::Forbidden => (
            td_string!(locale, forbidden_title).to_string(),
            td_string!(locale, err_forbidden).to_string(),
        ),
        AppError::NotFound => (
            td_string!(locale, not_found_title).to_string(),
            td_string!(locale, err_not_found).to_string(),
        ),
        _ => (String::new(), td_string!(locale, err_internal).to_string()),
    };
    let back = td_string!(locale, back_to_accounts);
    let html = view! {
        <div class="notice notice-error" role="alert">
            {(!title.is_empty()).then(|| view! { <h2>{title.clone()}</h2> })}
            <p>{text}</p>
            <a class="button" href="/">{back}</a>
        </div>
    }
    .to_html();
    Drawn {
        title: if title.is_empty() {
            "Kamu".into()
        } else {
            format!("{title} – Kamu")
        },
        html,
    }
}

/// A number with a decimal comma and `decimals` places: 0.36 → "0,4" (Finnish and Swedish);
/// English keeps the point.
pub fn decimal(value: f64, decimals: usize, locale: Locale) -> String {
    let text = format!("{value:.decimals$}");
    match locale {
        Locale::en => text,
        _ => text.replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_page_and_nothing_else() {
        assert!(matches!(
            parse("/asiakkuus/7/ennuste"),
            Some(DrawnPath::Forecast(AccountId(7)))
        ));
        assert!(matches!(
            parse("/asiakkuus/7/tavoitteet"),
            Some(DrawnPath::Goals(AccountId(7)))
        ));
        assert!(matches!(parse("/tuki"), Some(DrawnPath::Support)));
        assert!(matches!(
            parse("/tuki/1"),
            Some(DrawnPath::SupportAccount(AccountId(1)))
        ));
        assert!(parse("/tuki/x").is_none());
        assert!(parse("/tukit").is_none());
        assert!(parse("/tuki1").is_none());
        assert!(parse("/tuki-1").is_none());
        assert!(parse("/tuki//5").is_none());
        assert!(parse("/asiakkuus/x/ennuste").is_none());
        assert!(parse("/asiakkuus/7/kanava").is_none());
        assert!(parse("/asiakkuus/7").is_none());
    }

    #[test]
    fn the_hydration_marks_go_and_escaped_text_stays() {
        assert_eq!(
            unmarked("<p>Noin <!>10<!> tapaamisen &lt;!&gt;</p>"),
            "<p>Noin 10 tapaamisen &lt;!&gt;</p>"
        );
    }

    #[test]
    fn decimals_use_the_languages_separator() {
        assert_eq!(decimal(0.36, 1, Locale::fi), "0,4");
        assert_eq!(decimal(0.04, 2, Locale::sv), "0,04");
        assert_eq!(decimal(7.0, 1, Locale::en), "7.0");
    }
}
