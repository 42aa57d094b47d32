//! A month's quality card, declared for the engine: the light, the description, the trend, the
//! figures and the texts for management, each merged on its own; a submitted card refuses every
//! edit (corrections go to a new version). Only the account's director and admins edit it.

use crate::domain::card::{QualityCard, MAX_SUMMARY_CHARS, MAX_TEXT_CHARS};
use crate::domain::sync::ops::{CardField, Field, FieldValue, RejectReason};
use crate::domain::sync::record::Record;

impl Record for QualityCard {
    type Field = CardField;
    const NOT_MINE: &'static str = "not_a_card_field";

    fn fields() -> Vec<CardField> {
        CardField::all()
    }

    fn field_of(value: &FieldValue) -> Option<CardField> {
        match value.field() {
            Field::Card(field) => Some(field),
            Field::Event(_) | Field::Doc(_) => None,
        }
    }

    fn read(&self, field: CardField) -> FieldValue {
        match field {
            CardField::Light => FieldValue::Light(self.light),
            CardField::Summary => FieldValue::Summary(self.summary.clone()),
            CardField::CoversFrom => FieldValue::CoversFrom(self.covers_from),
            CardField::Direction => FieldValue::Direction(self.direction),
            CardField::Text(t) => FieldValue::CardText(t, self.texts.get(t).to_string()),
            CardField::Figure(f) => FieldValue::Figure(f, self.figures.get(f)),
        }
    }

    fn write(&mut self, value: &FieldValue) {
        match value {
            FieldValue::Light(v) => self.light = *v,
            FieldValue::Summary(v) => self.summary = v.clone(),
            FieldValue::CoversFrom(v) => self.covers_from = *v,
            FieldValue::Direction(v) => self.direction = *v,
            FieldValue::CardText(t, v) => self.texts.set(*t, v.clone()),
            FieldValue::Figure(f, v) => self.figures.set(*f, *v),
            _ => {}
        }
    }

    fn check(value: &FieldValue) -> Result<(), RejectReason> {
        let invalid = |key: &str| Err(RejectReason::Invalid(key.into()));
        match value {
            FieldValue::Summary(n) if n.chars().count() > MAX_SUMMARY_CHARS => invalid("summary_too_long"),
            FieldValue::CardText(_, n) if n.chars().count() > MAX_TEXT_CHARS => invalid("text_too_long"),
            FieldValue::Figure(f, Some(v)) if *v > f.max() => invalid("figure_out_of_range"),
            FieldValue::CoversFrom(Some(m)) if !(1..=12).contains(m) => invalid("bad_period"),
            _ => Ok(()),
        }
    }

    fn frozen(&self) -> Option<&'static str> {
        self.is_frozen().then_some("card_submitted")
    }
}
