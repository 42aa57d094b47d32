//! Each account's customer organisation for the relationship map (issue 19): positions in
//! reporting lines, a person in each paired with ours, and a meeting note for every customer
//! meeting and steering group held this year and last, listing who attended. Some accounts
//! are in the middle of a reorganisation: their property manager left and a successor started
//! with no pair yet (account 1 always, so the map has a stale pair to show); a few have lost
//! their decision-maker and not replaced them. Its own seed, so the rest of the demo stays as
//! it was.

use super::generate::{DemoAccount, DemoEvent, DemoPerson, DemoSite};
use super::names::{FIRST_NAMES, LAST_NAMES};
use crate::domain::clock::{EventKind, EventStatus};
use crate::domain::ids::{AccountId, PersonId};
use crate::domain::kam::map::{BuyingRole, CustomerPerson, Position, Stance};
use crate::domain::people::Role;
use crate::domain::sync::doc::Doc;
use crate::domain::workspace::meeting_note::MeetingNote;
use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

/// Whose counterpart a position gets on our side.
#[derive(Clone, Copy)]
enum Ours {
    Director,
    RegionalDirector,
    Supervisor,
    Nobody,
}

/// The customer's positions: title, buying role, the position it reports to (an index into
/// this list), and whose counterpart it is.
const POSITIONS: [(&str, BuyingRole, Option<usize>, Ours); 6] = [
    ("Kiinteistöjohtaja", BuyingRole::Approver, None, Ours::Director),
    (
        "Hankintapäällikkö",
        BuyingRole::DecisionMaker,
        Some(0),
        Ours::Director,
    ),
    (
        "Kiinteistöpäällikkö",
        BuyingRole::Influencer,
        Some(0),
        Ours::RegionalDirector,
    ),
    (
        "Palvelupäällikkö",
        BuyingRole::Influencer,
        Some(2),
        Ours::Supervisor,
    ),
    (
        "Toimitilakoordinaattori",
        BuyingRole::User,
        Some(2),
        Ours::Supervisor,
    ),
    ("Aulapalveluvastaava", BuyingRole::User, Some(3), Ours::Nobody),
];
/// The property manager: who leaves in a reorganisation.
const REORGANISED: usize = 2;
/// The head of procurement: who some accounts have lost.
const DECIDER: usize = 1;

const STANCES: [Stance; 7] = [
    Stance::Supporter,
    Stance::Supporter,
    Stance::Favourable,
    Stance::Favourable,
    Stance::Neutral,
    Stance::Neutral,
    Stance::Sceptical,
];

const NOTE_TEXTS: &[&str] = &[
    "Käytiin läpi laatukortti ja sovittiin ikkunanpesun aikataulu.",
    "Asiakas toivoo aulojen lisäsiivousta tapahtumien jälkeen; tarjous lähetetään.",
    "Sovittiin seuraavan laatukierroksen kohteet ja ajankohdat.",
    "Käytiin läpi reklamaatiot ja niiden korjaavat toimenpiteet.",
    "Esiteltiin uusi esimies ja sovittiin perehdytyksestä kohteissa.",
    "Keskusteltiin ensi vuoden budjetista ja palvelutasosta.",
];

pub fn uuid(rng: &mut ChaCha8Rng) -> Uuid {
    uuid::Builder::from_random_bytes(rng.gen()).into_uuid()
}

fn name(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {}",
        FIRST_NAMES[rng.gen_range(0..FIRST_NAMES.len())],
        LAST_NAMES[rng.gen_range(0..LAST_NAMES.len())]
    )
}

/// Every account's positions, people and meeting notes, as documents of the one engine.
pub fn generate(
    accounts: &[DemoAccount],
    sites: &[DemoSite],
    people: &[DemoPerson],
    events: &[DemoEvent],
    today: NaiveDate,
) -> Vec<Doc> {
    let mut rng = ChaCha8Rng::seed_from_u64(1019);
    let mut docs = Vec::new();
    for account in accounts {
        let own_sites: Vec<&DemoSite> = sites.iter().filter(|s| s.account == account.id).collect();
        let ours = |who: Ours, rng: &mut ChaCha8Rng| -> Option<PersonId> {
            let pick = |ids: Vec<i64>, rng: &mut ChaCha8Rng| {
                (!ids.is_empty()).then(|| ids[rng.gen_range(0..ids.len())])
            };
            let id = match who {
                Ours::Director => Some(account.director),
                Ours::RegionalDirector => pick(
                    people
                        .iter()
                        .filter(|p| p.role == Role::RegionalDirector)
                        .filter(|p| own_sites.iter().any(|s| Some(s.region) == p.region))
                        .map(|p| p.id)
                        .collect(),
                    rng,
                )
                .or(Some(account.director)),
                Ours::Supervisor => pick(own_sites.iter().map(|s| s.supervisor).collect(), rng),
                Ours::Nobody => None,
            };
            id.map(PersonId)
        };
        let reorganising = account.id == 1 || rng.gen_bool(0.2);
        let decider_gone = account.id != 1 && rng.gen_bool(0.08);
        let position_ids: Vec<Uuid> = POSITIONS.iter().map(|_| uuid(&mut rng)).collect();
        // (id, position index, started, left) of everyone, for the meeting notes.
        let mut in_post: Vec<(Uuid, usize, Option<NaiveDate>, Option<NaiveDate>)> = Vec::new();
        for (i, (title, role, reports_to, who)) in POSITIONS.iter().enumerate() {
            let position = Position {
                id: position_ids[i],
                title: title.to_string(),
                reports_to: reports_to.map(|r| position_ids[r]),
                buying_role: Some(*role),
            };
            docs.push(Doc::new(position.id, AccountId(account.id), &position));
            let started = today - Duration::days(rng.gen_range(400..3000));
            let left = if i == REORGANISED && reorganising {
                Some(today - Duration::days(rng.gen_range(30..150)))
            } else if i == DECIDER && decider_gone {
                Some(today - Duration::days(rng.gen_range(20..200)))
            } else {
                None
            };
            let person = CustomerPerson {
                id: uuid(&mut rng),
                position: position.id,
                name: name(&mut rng),
                started_on: Some(started),
                left_on: left,
                stance: Some(STANCES[rng.gen_range(0..STANCES.len())]),
                counterpart: ours(*who, &mut rng),
            };
            in_post.push((person.id, i, person.started_on, person.left_on));
            docs.push(Doc::new(person.id, AccountId(account.id), &person));
            if let (Some(left), true) = (left, i == REORGANISED) {
                // The successor came a few weeks later; nobody of ours is paired with them yet.
                let successor = CustomerPerson {
                    id: uuid(&mut rng),
                    position: position.id,
                    name: name(&mut rng),
                    started_on: Some((left + Duration::days(rng.gen_range(7..30))).min(today)),
                    left_on: None,
                    stance: Some(Stance::Neutral),
                    counterpart: None,
                };
                in_post.push((successor.id, i, successor.started_on, None));
                docs.push(Doc::new(successor.id, AccountId(account.id), &successor));
            }
        }
        // A note for each meeting held this year and last: the approver now and then, the
        // decision-maker and property manager most times, the rest seldom.
        let held = events.iter().filter(|e| {
            e.account == account.id
                && matches!(e.kind, EventKind::CustomerMeeting | EventKind::SteeringGroup)
                && e.status == EventStatus::Done
                && e.starts_on <= today
                && e.starts_on.year() >= today.year() - 1
        });
        for e in held {
            let on = e.starts_on;
            let there: Vec<Uuid> = in_post
                .iter()
                .filter(|(_, _, started, left)| {
                    started.is_none_or(|s| s <= on) && left.is_none_or(|l| l > on)
                })
                .filter(|(_, i, _, _)| rng.gen_bool([0.4, 0.8, 0.8, 0.3, 0.2, 0.05][*i]))
                .map(|(id, ..)| *id)
                .collect();
            let note = MeetingNote {
                title: if e.kind == EventKind::SteeringGroup {
                    "Ohjausryhmä".into()
                } else {
                    "Asiakastapaaminen".into()
                },
                held_on: on,
                meeting: Some(e.id),
                customer_people: there,
                ours: vec![PersonId(account.director)],
                text: NOTE_TEXTS[rng.gen_range(0..NOTE_TEXTS.len())].to_string(),
            };
            docs.push(Doc::new(uuid(&mut rng), AccountId(account.id), &note));
        }
    }
    docs
}

/// The KAM's helpers (issue 19): in every account the supervisor of its first site is the
/// little KAM of the account's towns, and every third account with sites in two towns or more
/// has a second one for the other towns. Its own seed, like the organisation.
pub fn helpers(accounts: &[DemoAccount], sites: &[DemoSite]) -> Vec<Doc> {
    use crate::domain::kam::support::{Helper, SupportRole};
    let mut rng = ChaCha8Rng::seed_from_u64(1020);
    let mut docs = Vec::new();
    for account in accounts {
        let own: Vec<&DemoSite> = sites.iter().filter(|s| s.account == account.id).collect();
        let Some(first) = own.first() else {
            continue;
        };
        let mut add = |person: i64, answers_for: String, rng: &mut ChaCha8Rng| {
            let role = SupportRole {
                person: PersonId(person),
                helper: Helper::LittleKam,
                answers_for,
            };
            docs.push(Doc::new(uuid(rng), AccountId(account.id), &role));
        };
        let other = own
            .iter()
            .find(|s| s.town != first.town && s.supervisor != first.supervisor)
            .filter(|_| account.id % 3 == 1);
        let towns = match other {
            Some(_) => format!("{}: kohteiden arki ja perehdytys", first.town),
            None => "kohteiden arki ja perehdytys".to_string(),
        };
        add(first.supervisor, towns, &mut rng);
        if let Some(site) = other {
            add(
                site.supervisor,
                format!("{} ja muut kaupungit", site.town),
                &mut rng,
            );
        }
    }
    docs
}
