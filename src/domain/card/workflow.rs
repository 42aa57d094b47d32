//! A card's monthly round: the director drafts and submits, management reviews. Submitted
//! cards are frozen for everyone; a correction starts a new version and keeps the old one.

use super::facts::CardFacts;
use super::{CardState, CardText, QualityCard, Workflow, MAX_TEXT_CHARS};
use crate::domain::clock::StatusMark;
use crate::domain::people::{Role, Viewer};

/// What can be done to a card besides editing its draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardAction {
    Submit,
    Review,
    /// Make a new draft version of a submitted or reviewed card.
    Correct,
    /// Management's comment or instruction.
    Comment,
    /// The director's acknowledgement of management's instruction.
    Acknowledge,
}

/// Who may do what: the account's director (and admins) own the card; the management team
/// (and admins) review and instruct.
pub fn may(action: CardAction, viewer: &Viewer, is_account_director: bool) -> bool {
    let owner = viewer.role == Role::Admin || (viewer.role == Role::AccountDirector && is_account_director);
    let management = matches!(viewer.role, Role::Admin | Role::Management);
    match action {
        CardAction::Submit | CardAction::Correct | CardAction::Acknowledge => owner,
        CardAction::Review | CardAction::Comment => management,
    }
}

/// Checks the card can go to management as it is: a yellow or red light explains itself, a
/// light changed since the `previous` card is not described with that card's text, and no
/// text is oversize.
pub fn ready_to_submit(card: &QualityCard, previous: Option<&QualityCard>) -> Result<(), &'static str> {
    super::validate_summary(card.light, &card.summary)?;
    super::validate_light_change(card.light, &card.summary, previous)?;
    if CardText::ALL
        .iter()
        .any(|t| card.texts.get(*t).chars().count() > MAX_TEXT_CHARS)
    {
        return Err("text_too_long");
    }
    Ok(())
}

/// Submits a draft: it is frozen from now on, with the figures Kamu knew at this moment.
pub fn submit(
    card: &mut QualityCard,
    by: StatusMark,
    facts: CardFacts,
    previous: Option<&QualityCard>,
) -> Result<(), &'static str> {
    if card.workflow.state != CardState::Draft {
        return Err("card_not_draft");
    }
    ready_to_submit(card, previous)?;
    card.workflow.state = CardState::Submitted;
    card.workflow.submitted = Some(by);
    card.facts = Some(facts);
    Ok(())
}

/// Management marks a submitted card reviewed.
pub fn review(card: &mut QualityCard, by: StatusMark) -> Result<(), &'static str> {
    if card.workflow.state != CardState::Submitted {
        return Err("card_not_submitted");
    }
    card.workflow.state = CardState::Reviewed;
    card.workflow.reviewed = Some(by);
    Ok(())
}

/// Starts a correction: the card becomes the next version's draft, with the same content;
/// the returned copy is the version that was submitted, for the history.
pub fn correct(card: &mut QualityCard) -> Result<QualityCard, &'static str> {
    if card.workflow.state == CardState::Draft {
        return Err("card_is_draft");
    }
    let old = card.clone();
    card.workflow = Workflow {
        state: CardState::Draft,
        version: old.workflow.version + 1,
        submitted: None,
        reviewed: None,
    };
    // A draft's figures are computed afresh on every read.
    card.facts = None;
    Ok(old)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::card::TrafficLight;
    use crate::domain::clock::PersonRef;
    use crate::domain::dates::YearMonth;
    use crate::domain::ids::{AccountId, PersonId};

    fn mark() -> StatusMark {
        StatusMark {
            by: PersonRef {
                id: PersonId(2),
                name: "Anna Aalto".into(),
            },
            on: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        }
    }

    fn red_card() -> QualityCard {
        let mut c = QualityCard::blank(
            AccountId(1),
            YearMonth {
                year: 2026,
                month: 11,
            },
        );
        c.light = TrafficLight::Red;
        c.summary = "Kolme kohdetta ilman esimiestä, rekrytointi käynnissä.".into();
        c
    }

    #[test]
    fn a_submitted_card_is_frozen_and_a_correction_keeps_the_submitted_version() {
        let mut card = red_card();
        submit(&mut card, mark(), CardFacts::default(), None).unwrap();
        assert!(card.is_frozen());
        assert_eq!(
            submit(&mut card, mark(), CardFacts::default(), None),
            Err("card_not_draft")
        );
        review(&mut card, mark()).unwrap();
        assert_eq!(card.workflow.state, CardState::Reviewed);
        let old = correct(&mut card).unwrap();
        assert_eq!(
            (old.workflow.version, old.workflow.state),
            (1, CardState::Reviewed)
        );
        assert_eq!(
            (card.workflow.version, card.workflow.state),
            (2, CardState::Draft)
        );
        assert_eq!(card.summary, old.summary);
        assert!(card.facts.is_none() && old.facts.is_some());
        assert_eq!(correct(&mut card), Err("card_is_draft"));
        assert_eq!(review(&mut card, mark()), Err("card_not_submitted"));
    }

    #[test]
    fn a_card_whose_light_changed_cannot_go_with_the_previous_cards_text() {
        let mut october = red_card();
        october.period = YearMonth {
            year: 2026,
            month: 10,
        };
        october.light = TrafficLight::Green;
        let mut card = red_card();
        card.summary = october.summary.clone();
        assert_eq!(
            submit(&mut card, mark(), CardFacts::default(), Some(&october)),
            Err("summary_unchanged_for_new_light")
        );
        assert_eq!(card.workflow.state, CardState::Draft);
        october.light = TrafficLight::Red;
        assert!(submit(&mut card, mark(), CardFacts::default(), Some(&october)).is_ok());
    }

    #[test]
    fn a_red_card_without_an_explanation_cannot_be_submitted() {
        let mut card = red_card();
        card.summary = "Huono".into();
        assert_eq!(
            submit(&mut card, mark(), CardFacts::default(), None),
            Err("summary_needs_explanation")
        );
        assert_eq!(card.workflow.state, CardState::Draft);
    }

    #[test]
    fn directors_submit_their_own_cards_and_management_reviews() {
        let who = |role| Viewer {
            id: PersonId(1),
            role,
            region_id: None,
        };
        assert!(may(CardAction::Submit, &who(Role::AccountDirector), true));
        assert!(!may(CardAction::Submit, &who(Role::AccountDirector), false));
        assert!(!may(CardAction::Submit, &who(Role::Management), false));
        assert!(may(CardAction::Comment, &who(Role::Management), false));
        assert!(!may(CardAction::Comment, &who(Role::AccountDirector), true));
        assert!(!may(CardAction::Review, &who(Role::Supervisor), false));
        assert!(may(CardAction::Acknowledge, &who(Role::AccountDirector), true));
        assert!(may(CardAction::Review, &who(Role::Admin), false));
    }
}
