//! The edits a card editor sends: one field edit per changed field, based on what the card
//! holds, so two people changing different fields offline both keep their change.

use super::ops::{CardField, Change, FieldValue, Op};
use crate::domain::card::{QualityCard, TrafficLight};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;

/// The edits that turn the month's card as it stands (`current`, or a blank draft when nobody
/// wrote it yet) into the light and text the director chose. A card not written yet always
/// gets its light, so saving creates it even when the choice is the blank draft's green.
pub fn card_edits(
    account: AccountId,
    period: YearMonth,
    current: Option<&QualityCard>,
    light: TrafficLight,
    summary: &str,
) -> Vec<Op> {
    let base = current
        .cloned()
        .unwrap_or_else(|| QualityCard::blank(account, period));
    let mut ops = Vec::new();
    for value in [
        FieldValue::Light(light),
        FieldValue::Summary(summary.trim().to_string()),
    ] {
        let field = match value {
            FieldValue::Light(_) => CardField::Light,
            _ => CardField::Summary,
        };
        let was = FieldValue::read_card(&base, field);
        if was != value || (current.is_none() && field == CardField::Light) {
            ops.push(Op {
                id: uuid::Uuid::now_v7(),
                account_id: account,
                change: Change::UpdateCard {
                    period,
                    base: was,
                    value,
                },
            });
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV: YearMonth = YearMonth {
        year: 2026,
        month: 11,
    };

    fn values(ops: &[Op]) -> Vec<(FieldValue, FieldValue)> {
        ops.iter()
            .map(|op| match &op.change {
                Change::UpdateCard { base, value, .. } => (base.clone(), value.clone()),
                other => panic!("not a card edit: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_new_months_card_always_gets_its_light_and_only_a_changed_text() {
        let ops = card_edits(AccountId(1), NOV, None, TrafficLight::Green, "  ");
        assert_eq!(
            values(&ops),
            vec![(
                FieldValue::Light(TrafficLight::Green),
                FieldValue::Light(TrafficLight::Green)
            )]
        );
    }

    #[test]
    fn an_existing_card_sends_only_what_changed_based_on_what_it_holds() {
        let mut card = QualityCard::blank(AccountId(1), NOV);
        card.light = TrafficLight::Yellow;
        card.summary = "Vanha teksti".into();
        assert!(card_edits(
            AccountId(1),
            NOV,
            Some(&card),
            TrafficLight::Yellow,
            "Vanha teksti"
        )
        .is_empty());
        let ops = card_edits(AccountId(1), NOV, Some(&card), TrafficLight::Red, "Vanha teksti");
        assert_eq!(
            values(&ops),
            vec![(
                FieldValue::Light(TrafficLight::Yellow),
                FieldValue::Light(TrafficLight::Red)
            )]
        );
    }
}
