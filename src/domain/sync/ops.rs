//! The edit operations and their answers.

use super::doc::{self, normalized, Doc, RecordKind};
use super::record::{check_edit, check_whole};
use crate::domain::card::{CardFigure, CardText, Direction, QualityCard, TrafficLight};
use crate::domain::channel::ops::ChannelAction;
use crate::domain::clock::new_event::MAX_NEW_EVENTS;
use crate::domain::clock::series::SeriesDef;
use crate::domain::clock::{ClockEvent, EventStatus, PersonRef};
use crate::domain::dates::YearMonth;
use crate::domain::ids::AccountId;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Longest title and note a field edit may carry (characters).
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 2000;

/// A field of a clock event that is edited on its own, so that two people editing different
/// fields of one event offline both keep their edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventField {
    Title,
    StartsOn,
    EndsOn,
    Time,
    Status,
    Note,
    Responsible,
}

impl EventField {
    pub const ALL: [EventField; 7] = [
        EventField::Title,
        EventField::StartsOn,
        EventField::EndsOn,
        EventField::Time,
        EventField::Status,
        EventField::Note,
        EventField::Responsible,
    ];
}

/// The value of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum FieldValue {
    Title(String),
    StartsOn(NaiveDate),
    EndsOn(Option<NaiveDate>),
    Time(Option<NaiveTime>),
    Status(EventStatus),
    Note(String),
    Responsible(Option<PersonRef>),
    /// A quality card's traffic light.
    Light(TrafficLight),
    /// A quality card's description: what is wrong, where it is heading, the fix.
    Summary(String),
    /// The first month of the range a card covers (None = its own month only).
    CoversFrom(Option<u32>),
    /// Where the account is heading (the card's trend arrow).
    Direction(Option<Direction>),
    /// One of the "what management must know" texts.
    CardText(CardText, String),
    /// A figure the director types (satisfaction, complaints, ...).
    Figure(CardFigure, Option<u32>),
    /// A field of a document (`doc::Kind`), by its name.
    Doc(String, serde_json::Value),
}

/// A field of a quality card that is edited on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardField {
    Light,
    Summary,
    CoversFrom,
    Direction,
    Text(CardText),
    Figure(CardFigure),
}

impl CardField {
    /// Every field of a card the director edits, in the editor's order.
    pub fn all() -> Vec<CardField> {
        let mut out = vec![
            CardField::Light,
            CardField::Summary,
            CardField::CoversFrom,
            CardField::Direction,
        ];
        out.extend(CardFigure::ALL.map(CardField::Figure));
        out.extend(CardText::ALL.map(CardField::Text));
        out
    }
}

/// Any field an operation can change: of a clock event, of a quality card, of a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Field {
    Event(EventField),
    Card(CardField),
    Doc(String),
}

impl FieldValue {
    pub fn field(&self) -> Field {
        match self {
            FieldValue::Title(_) => Field::Event(EventField::Title),
            FieldValue::StartsOn(_) => Field::Event(EventField::StartsOn),
            FieldValue::EndsOn(_) => Field::Event(EventField::EndsOn),
            FieldValue::Time(_) => Field::Event(EventField::Time),
            FieldValue::Status(_) => Field::Event(EventField::Status),
            FieldValue::Note(_) => Field::Event(EventField::Note),
            FieldValue::Responsible(_) => Field::Event(EventField::Responsible),
            FieldValue::Light(_) => Field::Card(CardField::Light),
            FieldValue::Summary(_) => Field::Card(CardField::Summary),
            FieldValue::CoversFrom(_) => Field::Card(CardField::CoversFrom),
            FieldValue::Direction(_) => Field::Card(CardField::Direction),
            FieldValue::CardText(t, _) => Field::Card(CardField::Text(*t)),
            FieldValue::Figure(f, _) => Field::Card(CardField::Figure(*f)),
            FieldValue::Doc(name, _) => Field::Doc(name.clone()),
        }
    }
}

/// What an operation changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    CreateEvent {
        event: ClockEvent,
    },
    /// `base` is the value the author saw before editing: if the server's value differs,
    /// someone else changed the field meanwhile and this edit is a conflict.
    UpdateEvent {
        event_id: Uuid,
        base: FieldValue,
        value: FieldValue,
    },
    DeleteEvent {
        event_id: Uuid,
    },
    /// A recurring event: the rule is stored, its occurrences are computed everywhere.
    CreateSeries {
        series: SeriesDef,
    },
    /// A field of the account's quality card for `period`. A card that does not exist yet reads
    /// as a blank draft (`QualityCard::blank`), and the first edit creates it.
    UpdateCard {
        period: YearMonth,
        base: FieldValue,
        value: FieldValue,
    },
    /// A channel write: a post, an acknowledgement, a question marked answered. Never a
    /// conflict: each is its own record (a post by its id), checked by the channel's rules.
    Channel {
        action: ChannelAction,
    },
    /// A document (`doc::Kind`) made whole once under its device-made id.
    CreateRecord {
        record: Doc,
    },
    /// One field of a document; `base` as for an event.
    EditRecord {
        record_kind: RecordKind,
        id: Uuid,
        base: FieldValue,
        value: FieldValue,
    },
    DeleteRecord {
        record_kind: RecordKind,
        id: Uuid,
    },
}

/// What an operation changes: one clock event, one month's quality card of its account, a
/// series, or a channel post (written, acknowledged or marked answered).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", content = "id", rename_all = "snake_case")]
pub enum Entity {
    Event(Uuid),
    Card(YearMonth),
    Series(Uuid),
    Post(Uuid),
    Record(RecordKind, Uuid),
}

impl Entity {
    /// The text the server's change log and conflict list keep: an event's UUID, or
    /// `card:2026-03` for a card.
    pub fn key(&self) -> String {
        match self {
            Entity::Event(id) => id.to_string(),
            Entity::Card(p) => format!("card:{:04}-{:02}", p.year, p.month),
            Entity::Series(id) => format!("series:{id}"),
            Entity::Post(id) => format!("post:{id}"),
            Entity::Record(kind, id) => format!("{}:{id}", kind.name()),
        }
    }

    pub fn parse_key(key: &str) -> Option<Entity> {
        if let Some(id) = key.strip_prefix("series:") {
            return Uuid::parse_str(id).ok().map(Entity::Series);
        }
        if let Some(id) = key.strip_prefix("post:") {
            return Uuid::parse_str(id).ok().map(Entity::Post);
        }
        if let Some((kind, id)) = key
            .split_once(':')
            .and_then(|(k, id)| Some((RecordKind::from_name(k)?, id)))
        {
            return Uuid::parse_str(id).ok().map(|id| Entity::Record(kind, id));
        }
        match key.strip_prefix("card:") {
            Some(period) => {
                let (year, month) = period.split_once('-')?;
                let period = YearMonth {
                    year: year.parse().ok()?,
                    month: month.parse().ok()?,
                };
                (1..=12).contains(&period.month).then_some(Entity::Card(period))
            }
            None => Uuid::parse_str(key).ok().map(Entity::Event),
        }
    }

    pub fn event_id(&self) -> Option<Uuid> {
        match self {
            Entity::Event(id) => Some(*id),
            Entity::Card(_) | Entity::Series(_) | Entity::Post(_) | Entity::Record(..) => None,
        }
    }
}

impl Change {
    pub fn entity(&self) -> Entity {
        match self {
            Change::CreateEvent { event } => Entity::Event(event.id),
            Change::UpdateEvent { event_id, .. } | Change::DeleteEvent { event_id } => {
                Entity::Event(*event_id)
            }
            Change::UpdateCard { period, .. } => Entity::Card(*period),
            Change::CreateSeries { series } => Entity::Series(series.id),
            Change::Channel { action } => Entity::Post(match action {
                ChannelAction::Post { post } => post.id,
                ChannelAction::Acknowledge { post_id } => *post_id,
                ChannelAction::MarkAnswered { question_id } => *question_id,
            }),
            Change::CreateRecord { record } => Entity::Record(record.kind, record.id),
            Change::EditRecord { record_kind, id, .. } | Change::DeleteRecord { record_kind, id } => {
                Entity::Record(*record_kind, *id)
            }
        }
    }

    /// The change that sends `losing` again over `winning` (a conflict's "use my value"), or
    /// that describes a kept conflict when only its entity and values are known.
    pub fn field_edit(entity: Entity, base: FieldValue, value: FieldValue) -> Change {
        match entity {
            Entity::Event(event_id) => Change::UpdateEvent {
                event_id,
                base,
                value,
            },
            Entity::Card(period) => Change::UpdateCard { period, base, value },
            Entity::Record(record_kind, id) => Change::EditRecord {
                record_kind,
                id,
                base,
                value,
            },
            // Series are only created, their occurrences are edited as events; channel writes
            // never conflict, so no conflict names a post.
            Entity::Series(event_id) | Entity::Post(event_id) => Change::UpdateEvent {
                event_id,
                base,
                value,
            },
        }
    }
}

/// One edit, with a unique id made by the client (UUIDv7) so that a retry is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Op {
    pub id: Uuid,
    pub account_id: AccountId,
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", content = "detail", rename_all = "snake_case")]
pub enum RejectReason {
    /// The event does not exist (any more): someone deleted it.
    NotFound,
    /// An event with this id exists already with different content.
    AlreadyExists,
    /// The account or event is not the author's to edit.
    Forbidden,
    /// A value is not acceptable; the text names the rule.
    Invalid(String),
}

/// The server's answer to one operation. Every answer but `Applied` and `Duplicate` is shown
/// to the author: nothing is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    Applied,
    /// Seen before (a retry): nothing changed this time.
    Duplicate,
    /// Someone else changed the field first; their value stays, this one is kept as the loser.
    Conflict {
        winning: FieldValue,
        losing: FieldValue,
    },
    Rejected(RejectReason),
}

/// Most chosen dates a `dates` rule may list (a year of days is more than any plan needs).
pub const MAX_CHOSEN_DATES: usize = 366;

/// A date outside the years Kamu accepts is refused before anything computes with it.
pub(crate) fn check_date(date: NaiveDate) -> Result<(), RejectReason> {
    if crate::domain::dates::in_window(date) {
        Ok(())
    } else {
        Err(RejectReason::Invalid("date_out_of_range".into()))
    }
}

/// A series must be bounded, within the size one "add" may make, and only per-site kinds
/// name sites.
fn validate_series(def: &SeriesDef) -> Result<(), RejectReason> {
    if def.title.chars().count() > MAX_TITLE_CHARS {
        return Err(RejectReason::Invalid("title_too_long".into()));
    }
    let Some(until) = def.series.until else {
        return Err(RejectReason::Invalid("series_without_end".into()));
    };
    check_date(def.series.starts_on)?;
    check_date(until)?;
    if let crate::domain::clock::recurrence::Rule::Dates { dates } = &def.series.rule {
        if dates.len() > MAX_CHOSEN_DATES {
            return Err(RejectReason::Invalid("too_many_dates".into()));
        }
        dates.iter().try_for_each(|d| check_date(*d))?;
    }
    if until < def.series.starts_on || (until - def.series.starts_on).num_days() > 400 {
        return Err(RejectReason::Invalid("series_length".into()));
    }
    if !(1..=366).contains(&def.days) {
        return Err(RejectReason::Invalid("series_days".into()));
    }
    if !def.sites.is_empty() && !def.kind.is_per_site() {
        return Err(RejectReason::Invalid("sites_for_account_event".into()));
    }
    if def.count_until(until) > MAX_NEW_EVENTS {
        return Err(RejectReason::Invalid("too_many_occurrences".into()));
    }
    Ok(())
}

/// Checks a change's values, whatever the state of the store: each kind's own rules
/// (`kinds/`), and the shape of the change.
pub fn validate(change: &Change) -> Result<(), RejectReason> {
    match change {
        Change::CreateEvent { event } => {
            check_whole(event)?;
            if let Some(link) = event.series {
                check_date(link.original)?;
            }
            if event.ends_on.is_some_and(|end| end < event.starts_on) {
                return Err(RejectReason::Invalid("ends_before_start".into()));
            }
            Ok(())
        }
        Change::UpdateEvent { base, value, .. } => check_edit::<ClockEvent>(base, value).map(|_| ()),
        Change::DeleteEvent { .. } => Ok(()),
        Change::Channel { action } => match action {
            ChannelAction::Post { post } => {
                post.check_body().map_err(|key| RejectReason::Invalid(key.into()))
            }
            ChannelAction::Acknowledge { .. } | ChannelAction::MarkAnswered { .. } => Ok(()),
        },
        Change::CreateSeries { series } => validate_series(series),
        Change::UpdateCard { period, base, value } => {
            let field = check_edit::<QualityCard>(base, value);
            if field.is_ok() && (!(1..=12).contains(&period.month) || !(2000..=2100).contains(&period.year)) {
                return Err(RejectReason::Invalid("bad_period".into()));
            }
            field.map(|_| ())
        }
        Change::CreateRecord { record } => normalized(record).map(|_| ()),
        Change::EditRecord {
            record_kind,
            base,
            value,
            ..
        } => doc::check_edit(*record_kind, base, value).map(|_| ()),
        Change::DeleteRecord { record_kind, .. } if *record_kind == RecordKind::Unknown => {
            Err(RejectReason::Invalid("unknown_kind".into()))
        }
        Change::DeleteRecord { record_kind, .. } if record_kind.rules().kept() => {
            Err(RejectReason::Invalid("kept_record".into()))
        }
        Change::DeleteRecord { .. } => Ok(()),
    }
}
