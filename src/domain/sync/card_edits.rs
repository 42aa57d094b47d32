//! The edits a card editor sends: one field edit per changed field, based on what the card
//! holds, so two people changing different fields offline both keep their change.

use super::ops::{CardField, Change, FieldValue, Op};
use super::record::Record;
use crate::domain::card::QualityCard;
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;

/// The edits that turn the month's card as it stands (`current`, or a blank draft when nobody
/// wrote it yet) into what the director chose (`wanted`), one per changed field. A card not
/// written yet always gets its light, so saving creates it even when the choice is the blank
/// draft's green.
pub fn card_edits(
    account: AccountId,
    period: YearMonth,
    current: Option<&QualityCard>,
    wanted: &QualityCard,
) -> Vec<Op> {
    let base = current
        .cloned()
        .unwrap_or_else(|| QualityCard::blank(account, period));
    let mut ops = Vec::new();
    for field in CardField::all() {
        let was = base.read(field);
        let value = match wanted.read(field) {
            FieldValue::Summary(text) => FieldValue::Summary(text.trim().to_string()),
            FieldValue::CardText(which, text) => FieldValue::CardText(which, text.trim().to_string()),
            other => other,
        };
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

    use crate::domain::card::{CardFigure, TrafficLight};

    fn wanted(light: TrafficLight, summary: &str) -> QualityCard {
        let mut c = QualityCard::blank(AccountId(1), NOV);
        c.light = light;
        c.summary = summary.into();
        c
    }

    #[test]
    fn a_new_months_card_always_gets_its_light_and_only_a_changed_text() {
        let ops = card_edits(AccountId(1), NOV, None, &wanted(TrafficLight::Green, "  "));
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
        assert!(card_edits(AccountId(1), NOV, Some(&card), &card.clone()).is_empty());
        let mut red = card.clone();
        red.light = TrafficLight::Red;
        red.figures.complaints = Some(4);
        let ops = card_edits(AccountId(1), NOV, Some(&card), &red);
        assert_eq!(
            values(&ops),
            vec![
                (
                    FieldValue::Light(TrafficLight::Yellow),
                    FieldValue::Light(TrafficLight::Red)
                ),
                (
                    FieldValue::Figure(CardFigure::Complaints, None),
                    FieldValue::Figure(CardFigure::Complaints, Some(4))
                ),
            ]
        );
    }
}
