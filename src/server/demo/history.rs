//! Past years for the meeting-to-deal forecast (issue 19): each account's customer meetings of
//! the five years before this one, held and on its clock, and the deals won and lost in them.
//! Deals follow a saturating curve of the meetings (with each account at its own level), so the
//! forecast has a real turning point to find; its own seed, so the rest of the demo stays as
//! it was.

use super::generate::{next_weekday, DemoAccount, DemoEvent};
use crate::domain::clock::{EventKind, EventStatus};
use crate::domain::kam::deal::Deal;
use crate::domain::kam::forecast::curve::Curve;
use crate::domain::kam::forecast::sample::Draws;
use chrono::{Datelike, NaiveDate, NaiveTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The demo's truth: about 5 deals a year at most from meetings, half of them by 7 meetings.
pub const DEMO_CURVE: Curve = Curve {
    top: 5.0,
    half_at: 7.0,
    steepness: 2.2,
};

pub const YEARS_BACK: i32 = 5;

pub struct DemoDeal {
    pub id: uuid::Uuid,
    pub account: i64,
    pub deal: Deal,
}

const DEAL_TITLES: &[&str] = &[
    "Ikkunanpesu, kaikki kohteet",
    "Lisäsiivous, aulat ja portaat",
    "Kokoustilojen päivähuolto",
    "Lattioiden vahaus",
    "Pihatyöt ja lumenluonti",
    "Tekstiilihuolto",
    "Remontin jälkeinen loppusiivous",
    "Toimistotilojen laajennus",
];

/// Meetings (done, on the clock) and deals of the years before `today`'s year.
pub fn generate(accounts: &[DemoAccount], today: NaiveDate) -> (Vec<DemoEvent>, Vec<DemoDeal>) {
    let mut rng = ChaCha8Rng::seed_from_u64(19);
    // Deal counts are Poisson draws, from the forecast's own deterministic sampler.
    let mut draws = Draws::seeded(19);
    let mut events = Vec::new();
    let mut deals = Vec::new();
    let uuid = |rng: &mut ChaCha8Rng| uuid::Builder::from_random_bytes(rng.gen()).into_uuid();
    for account in accounts {
        // How much business an account has in it, and how busy its director keeps it.
        let level: f64 = rng.gen_range(0.5..1.6);
        let usual_meetings: i32 = rng.gen_range(2..=18);
        for year in today.year() - YEARS_BACK..today.year() {
            let meetings = (usual_meetings + rng.gen_range(-3..=3)).clamp(1, 24) as u32;
            let mut held = Vec::new();
            for _ in 0..meetings {
                let day = working_day(&mut rng, year);
                let id = uuid(&mut rng);
                held.push(id);
                events.push(DemoEvent {
                    id,
                    account: account.id,
                    year,
                    kind: EventKind::CustomerMeeting,
                    title: String::new(),
                    starts_on: day,
                    ends_on: None,
                    time: NaiveTime::from_hms_opt(rng.gen_range(8..15), 0, 0),
                    owner: EventKind::CustomerMeeting.default_owner(),
                    responsible: Some(account.director),
                    site: None,
                    status: EventStatus::Done,
                });
            }
            let won = draws.poisson(level * DEMO_CURVE.expected(f64::from(meetings)));
            let lost = draws.poisson(0.5 * f64::from(meetings).sqrt());
            for n in 0..won + lost {
                let linked = (!held.is_empty())
                    .then(|| held[rng.gen_range(0..held.len())])
                    .into_iter()
                    .collect();
                deals.push(DemoDeal {
                    id: uuid(&mut rng),
                    account: account.id,
                    deal: Deal {
                        title: DEAL_TITLES[rng.gen_range(0..DEAL_TITLES.len())].to_string(),
                        decided_on: working_day(&mut rng, year),
                        won: n < won,
                        value_eur: Some(rng.gen_range(5..120) * 1_000),
                        meetings: linked,
                    },
                });
            }
        }
    }
    (events, deals)
}

fn working_day(rng: &mut ChaCha8Rng, year: i32) -> NaiveDate {
    next_weekday(NaiveDate::from_yo_opt(year, rng.gen_range(8..350)).unwrap_or_default())
}
