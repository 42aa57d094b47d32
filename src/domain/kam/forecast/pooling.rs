//! Each account's level against the portfolio's curve, borrowed from the others when its own
//! data is thin: a Poisson–gamma (empirical Bayes) model. An account's deals are Poisson with
//! mean level × curve(meetings); levels are gamma with mean 1 and a spread read off the
//! portfolio. With one year of data an account sits near the portfolio; with many it follows
//! its own record.

use super::curve::{Curve, Tally};
use super::sample::ln_gamma;
use super::AccountYear;
use crate::domain::ids::AccountId;
use std::collections::BTreeMap;

/// What an account's own record says against the curve: its deals, and the deals the
/// portfolio's curve expected from its meetings.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Record {
    pub deals: f64,
    pub expected: f64,
    pub years: usize,
}

/// The gamma prior's shape = rate (`spread`): small when accounts differ a lot, large when the
/// portfolio is alike. The posterior mean of a level is (spread + deals) / (spread + expected).
pub fn level(spread: f64, record: Record) -> f64 {
    (spread + record.deals) / (spread + record.expected)
}

/// Each account's record against a curve. A year with no meetings is left out, as the curve's
/// fit leaves it out (`Tally`): its deals came some other way, and counting them against an
/// expectation of none would lift the account's level.
pub fn records(data: &[AccountYear], curve: &Curve) -> BTreeMap<AccountId, Record> {
    let mut out: BTreeMap<AccountId, Record> = BTreeMap::new();
    for row in data.iter().filter(|r| r.meetings > 0) {
        let r = out.entry(row.account).or_default();
        r.deals += f64::from(row.deals);
        r.expected += curve.expected(f64::from(row.meetings));
        r.years += 1;
    }
    out
}

/// The spread that makes the accounts' totals most likely (negative binomial marginal
/// likelihood), searched on a log scale from 0.05 (accounts very unlike) to 1000 (all alike).
pub fn spread(records: &BTreeMap<AccountId, Record>) -> f64 {
    let log_lik = |a: f64| -> f64 {
        records
            .values()
            .filter(|r| r.expected > 0.0)
            .map(|r| {
                let (d, m) = (r.deals, r.expected);
                ln_gamma(a + d) - ln_gamma(a) + a * (a / (a + m)).ln() + d * (m / (a + m)).ln()
            })
            .sum()
    };
    (0..=80)
        .map(|i| 0.05 * (20_000f64).powf(f64::from(i) / 80.0))
        .map(|a| (a, log_lik(a)))
        .fold((1000.0, f64::NEG_INFINITY), |best, (a, l)| {
            if l > best.1 {
                (a, l)
            } else {
                best
            }
        })
        .0
}

/// The account-years added up by meetings, each weighted by its account's level, so that a big
/// account holding many meetings does not pass its size off as the curve's shape.
pub fn tally(data: &[AccountYear], levels: &BTreeMap<AccountId, f64>) -> Tally {
    let mut tally = Tally::default();
    for row in data {
        let level = levels.get(&row.account).copied().unwrap_or(1.0);
        tally.add(row.meetings, level, f64::from(row.deals));
    }
    tally
}

/// The curve and the levels fitted together: four rounds of curve-given-levels and
/// levels-given-curve, each round starting from the last (enough for the levels to settle on
/// the demo and the synthetic portfolios; not a proof of the joint optimum).
pub fn fit(data: &[AccountYear]) -> Option<(Curve, f64, BTreeMap<AccountId, f64>)> {
    let mut levels: BTreeMap<AccountId, f64> = BTreeMap::new();
    let mut curve = tally(data, &levels).fit()?;
    let mut spread_now = 1000.0;
    for _ in 0..4 {
        let recs = records(data, &curve);
        spread_now = spread(&recs);
        levels = recs.iter().map(|(a, r)| (*a, level(spread_now, *r))).collect();
        curve = tally(data, &levels).refine(curve.half_at, curve.steepness)?;
    }
    Some((curve, spread_now, levels))
}
