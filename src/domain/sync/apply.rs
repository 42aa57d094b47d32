//! Applying a change to an account's data: the one rule both sides share.

use super::doc::{self, normalized, Doc};
use super::ops::{validate, Change, Op, Outcome, RejectReason};
use super::record::{create, edit};
use crate::domain::card::QualityCard;
use crate::domain::clock::series::SeriesDef;
use crate::domain::clock::ClockEvent;
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// Where events and cards live: the server's database (one record loaded for the operation),
/// a browser's IndexedDB copy, or maps in tests.
pub trait SyncStore {
    fn event(&self, id: Uuid) -> Option<ClockEvent>;
    fn put_event(&mut self, event: ClockEvent);
    fn remove_event(&mut self, id: Uuid);
    fn card(&self, account: AccountId, period: YearMonth) -> Option<QualityCard>;
    fn put_card(&mut self, card: QualityCard);
    fn series(&self, id: Uuid) -> Option<SeriesDef>;
    /// Keeps a new series; a store that shows events also shows its occurrences.
    fn put_series(&mut self, series: SeriesDef);
    /// A document (`doc::Kind`) by id, of any kind.
    fn record(&self, id: Uuid) -> Option<Doc>;
    fn put_record(&mut self, record: Doc);
    fn remove_record(&mut self, id: Uuid);
}

/// Events and cards in memory: what a device shows, or the server's record under an operation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replica {
    pub events: HashMap<Uuid, ClockEvent>,
    pub cards: BTreeMap<(AccountId, YearMonth), QualityCard>,
    pub series: HashMap<Uuid, SeriesDef>,
    pub records: BTreeMap<Uuid, Doc>,
}

impl Replica {
    pub fn new(
        events: impl IntoIterator<Item = ClockEvent>,
        cards: impl IntoIterator<Item = QualityCard>,
    ) -> Self {
        Replica {
            events: events.into_iter().map(|e| (e.id, e)).collect(),
            cards: cards.into_iter().map(|c| ((c.account_id, c.period), c)).collect(),
            series: HashMap::new(),
            records: BTreeMap::new(),
        }
    }

    /// The events in date order and the cards oldest first, as an account's copy lists them.
    pub fn into_lists(self) -> (Vec<ClockEvent>, Vec<QualityCard>) {
        let mut events: Vec<ClockEvent> = self.events.into_values().collect();
        events.sort_by_key(|e| (e.starts_on, e.time, e.id));
        (events, self.cards.into_values().collect())
    }
}

impl SyncStore for Replica {
    fn event(&self, id: Uuid) -> Option<ClockEvent> {
        self.events.get(&id).cloned()
    }
    fn put_event(&mut self, event: ClockEvent) {
        self.events.insert(event.id, event);
    }
    fn remove_event(&mut self, id: Uuid) {
        self.events.remove(&id);
    }
    fn card(&self, account: AccountId, period: YearMonth) -> Option<QualityCard> {
        self.cards.get(&(account, period)).cloned()
    }
    fn put_card(&mut self, card: QualityCard) {
        self.cards.insert((card.account_id, card.period), card);
    }
    fn series(&self, id: Uuid) -> Option<SeriesDef> {
        self.series.get(&id).cloned()
    }
    fn put_series(&mut self, series: SeriesDef) {
        // Computed here exactly as the server computes them, so the ids match what it sends.
        for event in series.occurrences_between(series.series.starts_on, NaiveDate::MAX) {
            self.events.entry(event.id).or_insert(event);
        }
        self.series.insert(series.id, series);
    }
    fn record(&self, id: Uuid) -> Option<Doc> {
        self.records.get(&id).cloned()
    }
    fn put_record(&mut self, record: Doc) {
        self.records.insert(record.id, record);
    }
    fn remove_record(&mut self, id: Uuid) {
        self.records.remove(&id);
    }
}

/// The server decides; a browser shows its own edits at once and waits for the server's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A field edit whose `base` no longer matches is a conflict and changes nothing:
    /// the first edit to reach the server wins, deterministically.
    Authoritative,
    /// The edit is shown at once, whatever the base.
    Optimistic,
}

pub fn apply(store: &mut impl SyncStore, op: &Op, mode: Mode) -> Outcome {
    if let Err(reason) = validate(&op.change) {
        return Outcome::Rejected(reason);
    }
    match &op.change {
        Change::CreateEvent { event } => match create(store.event(event.id).as_ref(), event, mode) {
            Err(outcome) => outcome,
            Ok(()) => {
                store.put_event(event.clone());
                Outcome::Applied
            }
        },
        Change::UpdateEvent {
            event_id,
            base,
            value,
        } => {
            let Some(mut event) = store.event(*event_id) else {
                return Outcome::Rejected(RejectReason::NotFound);
            };
            let outcome = edit(&mut event, base, value, mode);
            if outcome == Outcome::Applied {
                store.put_event(event);
            }
            outcome
        }
        Change::DeleteEvent { event_id } => {
            // Deleting what is already gone is not an error: the result is the same.
            store.remove_event(*event_id);
            Outcome::Applied
        }
        Change::CreateSeries { series } => match create(store.series(series.id).as_ref(), series, mode) {
            Err(outcome) => outcome,
            Ok(()) if series.account_id != op.account_id => Outcome::Rejected(RejectReason::Forbidden),
            Ok(()) => {
                store.put_series(series.clone());
                Outcome::Applied
            }
        },
        // The replica holds no channel: a page shows a waiting channel write on its own copy
        // (`ChannelView::apply_local`), and the server applies it with the channel's rules.
        Change::Channel { .. } => Outcome::Applied,
        Change::CreateRecord { record } => {
            if record.account_id != op.account_id {
                return Outcome::Rejected(RejectReason::Forbidden);
            }
            // Stored in the shape the kind reads, so a retry compares equal and every copy
            // holds the same record.
            let record = match normalized(record) {
                Ok(record) => record,
                Err(reason) => return Outcome::Rejected(reason),
            };
            match create(store.record(record.id).as_ref(), &record, mode) {
                Err(outcome) => outcome,
                Ok(()) => {
                    store.put_record(record);
                    Outcome::Applied
                }
            }
        }
        Change::EditRecord {
            record_kind,
            id,
            base,
            value,
        } => {
            let stored = store.record(*id);
            let Some(mut record) = stored.filter(|r| r.kind == *record_kind && r.account_id == op.account_id)
            else {
                return Outcome::Rejected(RejectReason::NotFound);
            };
            let outcome = doc::edit(&mut record, base, value, mode);
            if outcome == Outcome::Applied {
                store.put_record(record);
            }
            outcome
        }
        Change::DeleteRecord { record_kind, id } => {
            // Deleting what is already gone is not an error; another account's record is not
            // this account's to delete.
            match store.record(*id) {
                Some(r) if r.kind != *record_kind || r.account_id != op.account_id => {
                    Outcome::Rejected(RejectReason::NotFound)
                }
                _ => {
                    store.remove_record(*id);
                    Outcome::Applied
                }
            }
        }
        Change::UpdateCard { period, base, value } => {
            // A card not written yet reads as a blank draft, and the first edit creates it.
            let mut card = store
                .card(op.account_id, *period)
                .unwrap_or_else(|| QualityCard::blank(op.account_id, *period));
            let outcome = edit(&mut card, base, value, mode);
            if outcome == Outcome::Applied {
                store.put_card(card);
            }
            outcome
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::card::TrafficLight;
    use crate::domain::clock::{EventKind, EventStatus};
    use crate::domain::sync::ops::Entity;
    use crate::domain::sync::ops::FieldValue;
    use chrono::NaiveDate;

    fn event(id: u128) -> ClockEvent {
        ClockEvent {
            id: Uuid::from_u128(id),
            account_id: AccountId(1),
            kind: EventKind::CustomerMeeting,
            title: String::new(),
            starts_on: NaiveDate::from_ymd_opt(2026, 3, 7).unwrap(),
            ends_on: None,
            time: None,
            owner_role: EventKind::CustomerMeeting.default_owner(),
            responsible: None,
            site: None,
            status: EventStatus::Planned,
            note: String::new(),
            series: None,
            status_mark: None,
        }
    }

    fn op(change: Change) -> Op {
        Op {
            id: Uuid::now_v7(),
            account_id: AccountId(1),
            change,
        }
    }

    fn update(id: u128, base: FieldValue, value: FieldValue) -> Op {
        op(Change::UpdateEvent {
            event_id: Uuid::from_u128(id),
            base,
            value,
        })
    }

    fn card_edit(base: FieldValue, value: FieldValue) -> Op {
        op(Change::UpdateCard {
            period: MARCH,
            base,
            value,
        })
    }

    const MARCH: YearMonth = YearMonth { year: 2026, month: 3 };

    fn server_with_event() -> Replica {
        let mut server = Replica::default();
        apply(
            &mut server,
            &op(Change::CreateEvent { event: event(1) }),
            Mode::Authoritative,
        );
        server
    }

    #[test]
    fn edits_to_different_fields_of_one_event_both_survive() {
        let mut server = server_with_event();
        let a = update(
            1,
            FieldValue::Note(String::new()),
            FieldValue::Note("Avaimet vahtimestarilta".into()),
        );
        let b = update(
            1,
            FieldValue::Status(EventStatus::Planned),
            FieldValue::Status(EventStatus::Done),
        );
        assert_eq!(apply(&mut server, &a, Mode::Authoritative), Outcome::Applied);
        assert_eq!(apply(&mut server, &b, Mode::Authoritative), Outcome::Applied);
        let e = &server.events[&Uuid::from_u128(1)];
        assert_eq!(
            (e.note.as_str(), e.status),
            ("Avaimet vahtimestarilta", EventStatus::Done)
        );
    }

    #[test]
    fn the_second_edit_of_the_same_field_loses_and_keeps_its_value() {
        let mut server = server_with_event();
        let first = update(1, FieldValue::Note(String::new()), FieldValue::Note("A".into()));
        let second = update(1, FieldValue::Note(String::new()), FieldValue::Note("B".into()));
        assert_eq!(apply(&mut server, &first, Mode::Authoritative), Outcome::Applied);
        assert_eq!(
            apply(&mut server, &second, Mode::Authoritative),
            Outcome::Conflict {
                winning: FieldValue::Note("A".into()),
                losing: FieldValue::Note("B".into())
            }
        );
        assert_eq!(server.events[&Uuid::from_u128(1)].note, "A");
        // The browser shows its own edit at once, whatever the base.
        let mut browser = server.clone();
        assert_eq!(apply(&mut browser, &second, Mode::Optimistic), Outcome::Applied);
        assert_eq!(browser.events[&Uuid::from_u128(1)].note, "B");
    }

    #[test]
    fn edits_of_a_deleted_event_are_rejected_not_dropped_and_deletes_are_idempotent() {
        let mut server = server_with_event();
        let delete = op(Change::DeleteEvent {
            event_id: Uuid::from_u128(1),
        });
        assert_eq!(apply(&mut server, &delete, Mode::Authoritative), Outcome::Applied);
        assert_eq!(apply(&mut server, &delete, Mode::Authoritative), Outcome::Applied);
        let edit = update(1, FieldValue::Note(String::new()), FieldValue::Note("x".into()));
        assert_eq!(
            apply(&mut server, &edit, Mode::Authoritative),
            Outcome::Rejected(RejectReason::NotFound)
        );
    }

    #[test]
    fn bad_values_are_rejected_with_a_reason() {
        let mut server = server_with_event();
        let long = update(
            1,
            FieldValue::Note(String::new()),
            FieldValue::Note("x".repeat(2001)),
        );
        assert_eq!(
            apply(&mut server, &long, Mode::Authoritative),
            Outcome::Rejected(RejectReason::Invalid("note_too_long".into()))
        );
        let mixed = update(1, FieldValue::Note(String::new()), FieldValue::Title("x".into()));
        assert!(matches!(
            apply(&mut server, &mixed, Mode::Authoritative),
            Outcome::Rejected(_)
        ));
        let mut backwards = event(2);
        backwards.ends_on = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(
            apply(
                &mut server,
                &op(Change::CreateEvent { event: backwards }),
                Mode::Authoritative
            ),
            Outcome::Rejected(RejectReason::Invalid("ends_before_start".into()))
        );
        let mut other = event(1);
        other.title = "toinen".into();
        assert_eq!(
            apply(
                &mut server,
                &op(Change::CreateEvent { event: other }),
                Mode::Authoritative
            ),
            Outcome::Rejected(RejectReason::AlreadyExists)
        );
        assert_eq!(
            apply(
                &mut server,
                &op(Change::CreateEvent { event: event(1) }),
                Mode::Authoritative
            ),
            Outcome::Duplicate
        );
    }

    #[test]
    fn a_submitted_card_refuses_every_edit_also_optimistic_ones() {
        let mut server = Replica::default();
        let mut card = QualityCard::blank(AccountId(1), MARCH);
        card.workflow.state = crate::domain::card::CardState::Submitted;
        server.put_card(card.clone());
        let figure = card_edit(
            FieldValue::Figure(crate::domain::card::CardFigure::Complaints, None),
            FieldValue::Figure(crate::domain::card::CardFigure::Complaints, Some(2)),
        );
        for mode in [Mode::Authoritative, Mode::Optimistic] {
            assert_eq!(
                apply(&mut server, &figure, mode),
                Outcome::Rejected(RejectReason::Invalid("card_submitted".into()))
            );
        }
        assert_eq!(server.card(AccountId(1), MARCH), Some(card));
    }

    #[test]
    fn the_first_card_edit_of_a_month_creates_the_card_from_a_blank_draft() {
        let mut server = Replica::default();
        let red = card_edit(
            FieldValue::Light(TrafficLight::Green),
            FieldValue::Light(TrafficLight::Red),
        );
        assert_eq!(apply(&mut server, &red, Mode::Authoritative), Outcome::Applied);
        let card = server.card(AccountId(1), MARCH).expect("card created");
        assert_eq!((card.light, card.summary.as_str()), (TrafficLight::Red, ""));
    }

    #[test]
    fn card_light_and_description_edited_apart_both_survive_and_the_same_field_conflicts() {
        let mut server = Replica::default();
        let light = card_edit(
            FieldValue::Light(TrafficLight::Green),
            FieldValue::Light(TrafficLight::Yellow),
        );
        let text = card_edit(
            FieldValue::Summary(String::new()),
            FieldValue::Summary("Kaksi laatupoikkeamaa, korjaus sovittu".into()),
        );
        assert_eq!(apply(&mut server, &light, Mode::Authoritative), Outcome::Applied);
        assert_eq!(apply(&mut server, &text, Mode::Authoritative), Outcome::Applied);
        let card = server.card(AccountId(1), MARCH).unwrap();
        assert_eq!(card.light, TrafficLight::Yellow);
        assert_eq!(card.summary, "Kaksi laatupoikkeamaa, korjaus sovittu");
        // Someone else, offline from the blank card, set red: the yellow that arrived first wins.
        let late = card_edit(
            FieldValue::Light(TrafficLight::Green),
            FieldValue::Light(TrafficLight::Red),
        );
        assert_eq!(
            apply(&mut server, &late, Mode::Authoritative),
            Outcome::Conflict {
                winning: FieldValue::Light(TrafficLight::Yellow),
                losing: FieldValue::Light(TrafficLight::Red),
            }
        );
        // Another account's card of the same month is a different card.
        let mut elsewhere = late.clone();
        elsewhere.account_id = AccountId(2);
        assert_eq!(
            apply(&mut server, &elsewhere, Mode::Authoritative),
            Outcome::Applied
        );
        assert_eq!(
            server.card(AccountId(1), MARCH).unwrap().light,
            TrafficLight::Yellow
        );
    }

    #[test]
    fn card_edits_with_event_fields_long_text_or_a_bad_month_are_rejected() {
        let mut server = Replica::default();
        let wrong_field = card_edit(FieldValue::Note(String::new()), FieldValue::Note("x".into()));
        let long = card_edit(
            FieldValue::Summary(String::new()),
            FieldValue::Summary("x".repeat(2001)),
        );
        let bad_month = op(Change::UpdateCard {
            period: YearMonth {
                year: 2026,
                month: 13,
            },
            base: FieldValue::Light(TrafficLight::Green),
            value: FieldValue::Light(TrafficLight::Red),
        });
        let light_on_event = update(
            1,
            FieldValue::Light(TrafficLight::Green),
            FieldValue::Light(TrafficLight::Red),
        );
        for (op, reason) in [
            (wrong_field, "not_a_card_field"),
            (long, "summary_too_long"),
            (bad_month, "bad_period"),
            (light_on_event, "not_an_event_field"),
        ] {
            assert_eq!(
                apply(&mut server, &op, Mode::Authoritative),
                Outcome::Rejected(RejectReason::Invalid(reason.into()))
            );
        }
        assert!(server.cards.is_empty() && server.events.is_empty());
    }

    #[test]
    fn entity_keys_round_trip_for_events_and_cards() {
        for entity in [Entity::Event(Uuid::from_u128(7)), Entity::Card(MARCH)] {
            assert_eq!(Entity::parse_key(&entity.key()), Some(entity));
        }
        assert_eq!(Entity::Card(MARCH).key(), "card:2026-03");
        assert_eq!(Entity::parse_key("card:2026-13"), None);
        assert_eq!(Entity::parse_key("not a key"), None);
    }
}
