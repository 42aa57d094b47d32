//! The customer's organisation as Kamu keeps it (issue 19, seed 002 Q7, Q10): positions that
//! outlive the people in them, each person's buying role and stance, the counterpart pairs
//! (their person ↔ ours), how fresh each pair is, the organisation's changes, and the coverage
//! score that counts what is missing.

use crate::domain::card::TrafficLight;
use crate::domain::dates::in_window;
use crate::domain::ids::PersonId;
use crate::domain::sync::doc::{check_title, Kind, RecordKind};
use crate::domain::sync::RejectReason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A pair not met in this many days counts against coverage.
pub const STALE_AFTER_DAYS: i64 = 90;
/// A position's title or a person's name.
pub const MAX_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyingRole {
    Approver,
    DecisionMaker,
    Influencer,
    User,
}

impl BuyingRole {
    /// Without a known approver and decision-maker nobody knows who says yes.
    pub const KEY: [BuyingRole; 2] = [BuyingRole::Approver, BuyingRole::DecisionMaker];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Supporter,
    Favourable,
    Neutral,
    Sceptical,
    Opponent,
}

/// A position in the customer's organisation ("kiinteistöpäällikkö, pääkaupunkiseutu"). A
/// document of the one engine, like the person in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The document's own id (`Doc::id`), not a field of its body: set when read.
    #[serde(skip)]
    pub id: Uuid,
    pub title: String,
    #[serde(default)]
    pub reports_to: Option<Uuid>,
    /// The buying role that goes with the position (the person in it carries it).
    #[serde(default)]
    pub buying_role: Option<BuyingRole>,
}

impl Kind for Position {
    const KIND: RecordKind = RecordKind::Position;
    const FIELDS: &'static [&'static str] = &["title", "reports_to", "buying_role"];

    fn check(&self) -> Result<(), RejectReason> {
        check_title(&self.title, MAX_NAME_CHARS)
    }
    // The map is read by everyone who sees the account: `readable_by` keeps the default.
}

/// A customer person in a position, from a date, until they leave. Someone who leaves is
/// not deleted: their leaving is the organisation's change, and the successor is a new person
/// in the same position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPerson {
    /// The document's own id (`Doc::id`), not a field of its body: set when read.
    #[serde(skip)]
    pub id: Uuid,
    pub position: Uuid,
    pub name: String,
    #[serde(default)]
    pub started_on: Option<NaiveDate>,
    #[serde(default)]
    pub left_on: Option<NaiveDate>,
    #[serde(default)]
    pub stance: Option<Stance>,
    /// Our person paired with them, at a matching level.
    #[serde(default)]
    pub counterpart: Option<PersonId>,
}

impl Kind for CustomerPerson {
    const KIND: RecordKind = RecordKind::CustomerPerson;
    const FIELDS: &'static [&'static str] = &[
        "position",
        "name",
        "started_on",
        "left_on",
        "stance",
        "counterpart",
    ];

    fn check(&self) -> Result<(), RejectReason> {
        let invalid = |key: &str| Err(RejectReason::Invalid(key.into()));
        check_title(&self.name, MAX_NAME_CHARS)?;
        if ![self.started_on, self.left_on]
            .into_iter()
            .flatten()
            .all(in_window)
        {
            return invalid("date_out_of_range");
        }
        if let (Some(started), Some(left)) = (self.started_on, self.left_on) {
            if left < started {
                return invalid("ends_before_start");
            }
        }
        Ok(())
    }
}

impl CustomerPerson {
    pub fn is_current(&self, today: NaiveDate) -> bool {
        self.left_on.is_none_or(|left| left > today) && self.started_on.is_none_or(|started| started <= today)
    }
}

/// One of the organisation's changes, for the map's history and the quality card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChange {
    pub on: NaiveDate,
    pub position: Uuid,
    pub person: Uuid,
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Left,
    Started,
}

/// The changes from `since` on, newest first.
pub fn changes_since(people: &[CustomerPerson], since: NaiveDate) -> Vec<OrgChange> {
    let mut out: Vec<OrgChange> = people
        .iter()
        .flat_map(|p| {
            let started = p.started_on.map(|on| (on, ChangeKind::Started));
            let left = p.left_on.map(|on| (on, ChangeKind::Left));
            [started, left].into_iter().flatten().map(|(on, kind)| OrgChange {
                on,
                position: p.position,
                person: p.id,
                kind,
            })
        })
        .filter(|c| c.on >= since)
        .collect();
    out.sort_by(|a, b| b.on.cmp(&a.on).then_with(|| a.person.cmp(&b.person)));
    out
}

/// A change of the customer's organisation as a quality card lists it: the day, who, in which
/// position, and whether they left or started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedChange {
    pub on: NaiveDate,
    pub name: String,
    pub position: String,
    pub kind: ChangeKind,
}

/// The changes from `first` to `last`, oldest first, named: what the quality card of those
/// months shows under "the customer's organisation changes", from the map, typed once.
pub fn named_changes(
    positions: &[Position],
    people: &[CustomerPerson],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<NamedChange> {
    let mut out: Vec<NamedChange> = changes_since(people, first)
        .into_iter()
        .filter(|c| c.on <= last)
        .filter_map(|c| {
            Some(NamedChange {
                on: c.on,
                name: people.iter().find(|p| p.id == c.person)?.name.clone(),
                position: positions
                    .iter()
                    .find(|p| p.id == c.position)
                    .map(|p| p.title.clone())
                    .unwrap_or_default(),
                kind: c.kind,
            })
        })
        .collect();
    out.reverse();
    out
}

/// A meeting at which customer people were met (a clock meeting with its attendees, or a
/// meeting note's list): what freshness is read from, so nothing is typed twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Met {
    pub on: NaiveDate,
    pub customer_people: Vec<Uuid>,
}

/// The last day on or before `today` the person was met.
pub fn last_met(person: Uuid, meetings: &[Met], today: NaiveDate) -> Option<NaiveDate> {
    meetings
        .iter()
        .filter(|m| m.on <= today && m.customer_people.contains(&person))
        .map(|m| m.on)
        .max()
}

/// Why a pair needs a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairFlag {
    /// Their person left: the pair lost its counterpart on the customer's side.
    TheyLeft,
    /// Our person is no longer with the account.
    OursLeft,
    /// Not met in `STALE_AFTER_DAYS` days (or never).
    NotMet,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub customer_person: Uuid,
    pub ours: PersonId,
    pub last_met: Option<NaiveDate>,
    pub flag: Option<PairFlag>,
}

/// Every pair, flagged. `still_ours` says whether our person is still with the account (the
/// people register and the billing import say so). A pair whose customer side left is
/// flagged from the day they left, so the director sees whom to pair the successor with; once
/// someone current in the same position has a pair, the old pair is history and not listed.
pub fn pairs(
    people: &[CustomerPerson],
    meetings: &[Met],
    still_ours: impl Fn(PersonId) -> bool,
    today: NaiveDate,
) -> Vec<Pair> {
    // A successor came into the position after the leaver did; someone who already shared the
    // position with them takes over nothing, so the lost pair stays a gap.
    let successor_paired = |leaver: &CustomerPerson| {
        people.iter().any(|q| {
            q.position == leaver.position
                && q.is_current(today)
                && q.counterpart.is_some()
                && q.started_on
                    .is_some_and(|s| leaver.started_on.is_none_or(|theirs| s > theirs))
        })
    };
    people
        .iter()
        // Someone who has not started yet has no pair to keep fresh.
        .filter(|p| p.started_on.is_none_or(|s| s <= today))
        .filter_map(|p| {
            let ours = p.counterpart?;
            let left = p.left_on.is_some_and(|left| left <= today);
            if left && successor_paired(p) {
                return None;
            }
            let last = last_met(p.id, meetings, today);
            let flag = if left {
                Some(PairFlag::TheyLeft)
            } else if !still_ours(ours) {
                Some(PairFlag::OursLeft)
            } else if last.is_none_or(|on| (today - on).num_days() > STALE_AFTER_DAYS) {
                Some(PairFlag::NotMet)
            } else {
                None
            };
            Some(Pair {
                customer_person: p.id,
                ours,
                last_met: last,
                flag,
            })
        })
        .collect()
}

/// What the coverage score counts: each item one gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    /// Key buying roles (approver, decision-maker) with nobody current in them.
    pub key_roles_missing: Vec<BuyingRole>,
    /// Pairs not met in 90 days.
    pub pairs_not_met: usize,
    /// Positions whose person left and nobody has come in, or whose pair has not moved to the
    /// successor; and pairs whose our side left.
    pub people_left: usize,
}

impl Coverage {
    pub fn gaps(&self) -> usize {
        self.key_roles_missing.len() + self.pairs_not_met + self.people_left
    }

    /// Red when nobody is known to say yes; yellow for any other gap; green for none: the
    /// same three lights as the quality card.
    pub fn light(&self) -> TrafficLight {
        if !self.key_roles_missing.is_empty() {
            TrafficLight::Red
        } else if self.gaps() > 0 {
            TrafficLight::Yellow
        } else {
            TrafficLight::Green
        }
    }
}

pub fn coverage(
    positions: &[Position],
    people: &[CustomerPerson],
    pairs: &[Pair],
    today: NaiveDate,
) -> Coverage {
    let filled = |position: Uuid| {
        people
            .iter()
            .any(|p| p.position == position && p.is_current(today))
    };
    let key_roles_missing = BuyingRole::KEY
        .into_iter()
        .filter(|role| {
            !positions
                .iter()
                .any(|pos| pos.buying_role == Some(*role) && filled(pos.id))
        })
        .collect();
    // A position counts once whether it stands empty or its pair has not moved to the
    // successor yet: either way someone left and we have nobody with whoever is there now.
    let left_pair = |pos: Uuid| {
        pairs.iter().any(|pair| {
            pair.flag == Some(PairFlag::TheyLeft)
                && people
                    .iter()
                    .any(|p| p.id == pair.customer_person && p.position == pos)
        })
    };
    let vacated = positions
        .iter()
        .filter(|pos| {
            let emptied = !filled(pos.id)
                && people
                    .iter()
                    .any(|p| p.position == pos.id && p.left_on.is_some_and(|l| l <= today));
            emptied || left_pair(pos.id)
        })
        .count();
    let ours_left = pairs
        .iter()
        .filter(|p| p.flag == Some(PairFlag::OursLeft))
        .count();
    Coverage {
        key_roles_missing,
        pairs_not_met: pairs.iter().filter(|p| p.flag == Some(PairFlag::NotMet)).count(),
        people_left: vacated + ours_left,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn position(n: u128, title: &str, role: Option<BuyingRole>) -> Position {
        Position {
            id: id(n),
            title: title.into(),
            reports_to: None,
            buying_role: role,
        }
    }

    fn person(n: u128, position: u128, counterpart: Option<i64>) -> CustomerPerson {
        CustomerPerson {
            id: id(n),
            position: id(position),
            name: format!("Henkilö {n}"),
            started_on: None,
            left_on: None,
            stance: Some(Stance::Neutral),
            counterpart: counterpart.map(PersonId),
        }
    }

    /// Director of facilities (approver), property manager (decision-maker), a user.
    fn organisation() -> (Vec<Position>, Vec<CustomerPerson>) {
        (
            vec![
                position(1, "Kiinteistöjohtaja", Some(BuyingRole::Approver)),
                position(2, "Kiinteistöpäällikkö", Some(BuyingRole::DecisionMaker)),
                position(3, "Palveluvastaava", Some(BuyingRole::User)),
            ],
            vec![
                person(11, 1, Some(1)),
                person(12, 2, Some(2)),
                person(13, 3, None),
            ],
        )
    }

    #[test]
    fn freshness_is_the_last_meeting_they_were_at() {
        let meetings = vec![
            Met {
                on: d(3, 1),
                customer_people: vec![id(11), id(12)],
            },
            Met {
                on: d(9, 15),
                customer_people: vec![id(12)],
            },
            Met {
                on: d(12, 20),
                customer_people: vec![id(11)],
            }, // still to come
        ];
        assert_eq!(last_met(id(11), &meetings, d(11, 30)), Some(d(3, 1)));
        assert_eq!(last_met(id(12), &meetings, d(11, 30)), Some(d(9, 15)));
        assert_eq!(last_met(id(13), &meetings, d(11, 30)), None);
    }

    #[test]
    fn a_full_fresh_map_is_green() {
        let (positions, people) = organisation();
        let meetings = vec![Met {
            on: d(11, 2),
            customer_people: vec![id(11), id(12)],
        }];
        let pairs = pairs(&people, &meetings, |_| true, d(11, 30));
        assert!(pairs.iter().all(|p| p.flag.is_none()));
        let c = coverage(&positions, &people, &pairs, d(11, 30));
        assert_eq!(c.gaps(), 0);
        assert_eq!(c.light(), TrafficLight::Green);
    }

    #[test]
    fn a_pair_unmet_for_ninety_days_is_flagged() {
        let (positions, people) = organisation();
        // 11 met exactly 90 days before: still fresh; 12 met 91 days before: not.
        let meetings = vec![
            Met {
                on: d(9, 1),
                customer_people: vec![id(11)],
            },
            Met {
                on: d(8, 31),
                customer_people: vec![id(12)],
            },
        ];
        let pairs = pairs(&people, &meetings, |_| true, d(11, 30));
        assert_eq!(pairs[0].flag, None);
        assert_eq!(pairs[1].flag, Some(PairFlag::NotMet));
        let c = coverage(&positions, &people, &pairs, d(11, 30));
        assert_eq!((c.pairs_not_met, c.gaps()), (1, 1));
        assert_eq!(c.light(), TrafficLight::Yellow);
    }

    #[test]
    fn a_reorganisation_flags_the_lost_pair_until_the_successor_is_paired() {
        let (positions, mut people) = organisation();
        let meetings = vec![Met {
            on: d(11, 2),
            customer_people: vec![id(11), id(12)],
        }];
        // The decision-maker leaves on 15.11.; a successor starts in the same position on 16.11.
        people[1].left_on = Some(d(11, 15));
        let today = d(11, 30);
        let before = pairs(&people, &meetings, |_| true, today);
        assert_eq!(before[1].flag, Some(PairFlag::TheyLeft));
        let c = coverage(&positions, &people, &before, today);
        assert_eq!(c.key_roles_missing, vec![BuyingRole::DecisionMaker]);
        assert_eq!(c.people_left, 1);
        assert_eq!(c.light(), TrafficLight::Red);

        let mut successor = person(14, 2, None);
        successor.started_on = Some(d(11, 16));
        people.push(successor);
        let after = pairs(&people, &meetings, |_| true, today);
        let c = coverage(&positions, &people, &after, today);
        assert!(c.key_roles_missing.is_empty(), "the position is filled again");
        assert_eq!(c.people_left, 1, "but nobody of ours knows the successor");
        assert_eq!(after.len(), 2, "the successor has no pair yet");
        assert_eq!(
            after[1].flag,
            Some(PairFlag::TheyLeft),
            "the old pair stays flagged until the successor has a pair"
        );

        // Paired with our property manager: the old pair is history, the new one not met yet.
        people[3].counterpart = Some(PersonId(2));
        let paired = pairs(&people, &meetings, |_| true, today);
        assert_eq!(paired.len(), 2);
        assert_eq!(paired[1].customer_person, id(14));
        assert_eq!(paired[1].flag, Some(PairFlag::NotMet));
        let c = coverage(&positions, &people, &paired, today);
        assert_eq!((c.people_left, c.pairs_not_met), (0, 1));

        let changes = changes_since(&people, d(11, 1));
        assert_eq!(changes.len(), 2);
        assert_eq!((changes[0].kind, changes[0].on), (ChangeKind::Started, d(11, 16)));
        assert_eq!((changes[1].kind, changes[1].person), (ChangeKind::Left, id(12)));

        // The quality card of November names them, oldest first; October's card has neither.
        let november = named_changes(&positions, &people, d(11, 1), d(11, 30));
        let lines: Vec<(NaiveDate, &str, ChangeKind)> =
            november.iter().map(|c| (c.on, c.name.as_str(), c.kind)).collect();
        let leaver = people.iter().find(|p| p.id == id(12)).unwrap();
        let successor = people.iter().find(|p| p.id == id(14)).unwrap();
        assert_eq!(
            lines,
            [
                (leaver.left_on.unwrap(), leaver.name.as_str(), ChangeKind::Left),
                (d(11, 16), successor.name.as_str(), ChangeKind::Started)
            ]
        );
        let title = &positions.iter().find(|p| p.id == leaver.position).unwrap().title;
        assert_eq!(&november[0].position, title);
        assert!(named_changes(&positions, &people, d(10, 1), d(10, 31)).is_empty());
    }

    #[test]
    fn our_side_leaving_flags_the_pair_too() {
        let (positions, people) = organisation();
        let meetings = vec![Met {
            on: d(11, 2),
            customer_people: vec![id(11), id(12)],
        }];
        let pairs = pairs(&people, &meetings, |ours| ours != PersonId(2), d(11, 30));
        assert_eq!(pairs[1].flag, Some(PairFlag::OursLeft));
        let c = coverage(&positions, &people, &pairs, d(11, 30));
        assert_eq!((c.people_left, c.light()), (1, TrafficLight::Yellow));
    }

    #[test]
    fn someone_who_starts_later_is_not_yet_in_the_position() {
        let (positions, mut people) = organisation();
        people[0].started_on = Some(d(12, 1));
        let paired = pairs(&people, &[], |_| true, d(11, 30));
        assert!(
            paired.iter().all(|p| p.customer_person != id(11)),
            "no pair to keep fresh before they start: {paired:?}"
        );
        let c = coverage(&positions, &people, &paired, d(11, 30));
        assert_eq!(c.key_roles_missing, vec![BuyingRole::Approver]);
    }

    #[test]
    fn a_colleague_already_in_the_position_is_not_a_successor() {
        let (positions, mut people) = organisation();
        let meetings = vec![Met {
            on: d(11, 2),
            customer_people: vec![id(11), id(12), id(14)],
        }];
        // Two decision-makers in one position since spring; one leaves, the other stays paired.
        people[1].started_on = Some(d(4, 1));
        people[1].left_on = Some(d(11, 15));
        let mut colleague = person(14, 2, Some(4));
        colleague.started_on = Some(d(3, 1));
        people.push(colleague);
        let today = d(11, 30);
        let paired = pairs(&people, &meetings, |_| true, today);
        let lost = paired.iter().find(|p| p.customer_person == id(12));
        assert_eq!(lost.and_then(|p| p.flag), Some(PairFlag::TheyLeft), "{paired:?}");
        assert_eq!(coverage(&positions, &people, &paired, today).people_left, 1);
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;
    use crate::domain::ids::AccountId;
    use crate::domain::sync::doc::{normalized, Doc};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person() -> CustomerPerson {
        CustomerPerson {
            id: Uuid::nil(),
            position: Uuid::from_u128(1),
            name: "Liisa Laine".into(),
            started_on: Some(d(2024, 3, 1)),
            left_on: None,
            stance: Some(Stance::Supporter),
            counterpart: Some(PersonId(3)),
        }
    }

    #[test]
    fn a_person_and_a_position_keep_their_rules_as_documents() {
        let doc = |p: &CustomerPerson| normalized(&Doc::new(Uuid::from_u128(9), AccountId(1), p));
        let stored = doc(&person()).expect("a person reads");
        // The id is the document's, not a copy in its body that could disagree with it.
        assert!(!stored.body.contains_key("id"));
        assert_eq!(
            stored.read::<CustomerPerson>().map(|p| p.name),
            Some("Liisa Laine".into())
        );
        let invalid = |k: &str| Err(RejectReason::Invalid(k.into()));
        let nameless = CustomerPerson {
            name: " ".into(),
            ..person()
        };
        assert_eq!(doc(&nameless).map(|_| ()), invalid("title_missing"));
        let left_first = CustomerPerson {
            left_on: Some(d(2023, 1, 1)),
            ..person()
        };
        assert_eq!(doc(&left_first).map(|_| ()), invalid("ends_before_start"));
        let ancient = CustomerPerson {
            left_on: Some(d(1900, 1, 1)),
            started_on: None,
            ..person()
        };
        assert_eq!(doc(&ancient).map(|_| ()), invalid("date_out_of_range"));

        let position = Position {
            id: Uuid::nil(),
            title: "x".repeat(MAX_NAME_CHARS + 1),
            reports_to: None,
            buying_role: Some(BuyingRole::Approver),
        };
        let doc = normalized(&Doc::new(Uuid::from_u128(8), AccountId(1), &position));
        assert_eq!(doc.map(|_| ()), invalid("title_too_long"));
    }
}
