//! The meeting-to-deal forecast (issue 19, seed 002 Q6): how many deals an account can expect
//! from the customer meetings it holds in a year, where more meetings stop paying off, and what
//! the next meeting is worth.
//!
//! - `curve`: the saturating (Hill) curve and its maximum-likelihood fit;
//! - `pooling`: each account's level against it, borrowed from the portfolio when data is thin;
//! - `backtest`: held-out past years, the forecast against the naive deals-per-meeting ratio;
//! - `sample`: the deterministic draws behind the uncertainty band.

pub mod backtest;
pub mod curve;
pub mod pooling;
pub mod sample;

use crate::domain::ids::AccountId;
use curve::Curve;
use sample::Draws;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One account's year: customer meetings held (from the clock) and deals won (the deal log).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountYear {
    pub account: AccountId,
    pub year: i32,
    pub meetings: u32,
    pub deals: u32,
}

/// Bootstrap rounds behind the band: enough for steady 10th/90th percentiles, cheap because a
/// refit works on a tally of a few dozen rows.
const BOOTSTRAP_ROUNDS: usize = 200;

/// The portfolio's curve and every account's level, fitted from the account-years.
#[derive(Debug, Clone)]
pub struct Model {
    pub curve: Curve,
    /// The gamma prior's shape = rate: how alike the portfolio's accounts are.
    pub spread: f64,
    levels: BTreeMap<AccountId, f64>,
    data: Vec<AccountYear>,
}

/// What the forecast says of one account at a number of meetings a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub meetings: u32,
    /// Deals expected in the year.
    pub expected: f64,
    /// The 80 % band of the expected deals (10th and 90th percentile): the curve's uncertainty
    /// and the account's own, widest where the account has little record.
    pub low: f64,
    pub high: f64,
    /// What one more meeting this year adds, in deals.
    pub next_meeting_adds: f64,
    /// Meetings a year for half of what meetings can bring this account.
    pub half_at: f64,
    /// The turning point: after this many meetings a year each extra one adds under `worth`.
    pub turning_point: Option<u32>,
    pub worth: f64,
    /// Years of this account's own record behind its level (0: the portfolio's level).
    pub years_of_record: usize,
    /// Deals expected at 0, 1, 2 … meetings a year, far enough to show where the curve bends
    /// (past the turning point, twice the half-saturation point and this year's meetings).
    pub curve: Vec<f64>,
    /// This account's past years as the curve learned them, oldest first.
    pub history: Vec<AccountYear>,
}

/// The curve is drawn at most this far (meetings a year).
pub const CURVE_SPAN_MAX: u32 = 40;

/// A meeting pays for itself when it adds a tenth of a deal: the default until admins set
/// their own (a meeting's cost ÷ a deal's worth).
pub const DEFAULT_WORTH: f64 = 0.1;

/// The forecast page of one account: this year so far, the forecast at this year's meetings,
/// and how well the forecast did on the portfolio's past years.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountForecast {
    pub year: i32,
    /// Customer meetings on this year's clock, held or planned for today or later.
    pub meetings_on_clock: u32,
    pub meetings_held: u32,
    pub deals_won: u32,
    /// None while the portfolio's record cannot place a curve.
    pub forecast: Option<Forecast>,
    pub backtest: Option<backtest::Backtest>,
    /// Account-years of the portfolio behind the curve.
    pub account_years: usize,
}

impl Model {
    /// None when the data cannot place a curve (no deals, or meetings of fewer than two sizes).
    pub fn fit(data: &[AccountYear]) -> Option<Model> {
        let (curve, spread, levels) = pooling::fit(data)?;
        Some(Model {
            curve,
            spread,
            levels,
            data: data.to_vec(),
        })
    }

    /// The account's level against the portfolio (1: as the portfolio; an account with no
    /// record, or only years without meetings, is taken to be as the portfolio).
    pub fn level(&self, account: AccountId) -> f64 {
        self.levels.get(&account).copied().unwrap_or(1.0)
    }

    pub fn expected(&self, account: AccountId, meetings: u32) -> f64 {
        self.level(account) * self.curve.expected(f64::from(meetings))
    }

    /// The forecast for an account at `meetings` a year; `worth` is the deals one meeting must
    /// bring to pay for itself (a meeting's cost ÷ a deal's worth, admin-set).
    pub fn forecast(&self, account: AccountId, meetings: u32, worth: f64) -> Forecast {
        let own = self.curve.scaled(self.level(account));
        let (low, high) = self.band(account, meetings);
        let turning_point = own.turning_point(worth);
        let span = (meetings.max(turning_point.unwrap_or(0)) + 2)
            .max((own.half_at * 2.0).ceil() as u32)
            .min(CURVE_SPAN_MAX);
        let history: Vec<AccountYear> = self
            .data
            .iter()
            .filter(|r| r.account == account)
            .copied()
            .collect();
        Forecast {
            meetings,
            expected: own.expected(f64::from(meetings)),
            low,
            high,
            next_meeting_adds: own.marginal(meetings),
            half_at: own.half_at,
            turning_point,
            worth,
            years_of_record: history.len(),
            curve: (0..=span).map(|m| own.expected(f64::from(m))).collect(),
            history,
        }
    }

    /// A cluster bootstrap: accounts drawn with replacement, the curve refitted, the account's
    /// level drawn from its posterior under that curve. Seeded by the account and the meetings,
    /// so the same question gets the same band.
    fn band(&self, account: AccountId, meetings: u32) -> (f64, f64) {
        let accounts: Vec<AccountId> = self.levels.keys().copied().collect();
        let mut by_account: BTreeMap<AccountId, Vec<AccountYear>> = BTreeMap::new();
        for row in &self.data {
            by_account.entry(row.account).or_default().push(*row);
        }
        let own: Vec<AccountYear> = by_account.get(&account).cloned().unwrap_or_default();
        let seed = (account.0 as u64).wrapping_mul(0x1000_0001) ^ u64::from(meetings);
        let mut draws = Draws::seeded(seed);
        let mut outcomes = Vec::with_capacity(BOOTSTRAP_ROUNDS);
        for _ in 0..BOOTSTRAP_ROUNDS {
            let mut sample = Vec::with_capacity(self.data.len());
            for _ in 0..accounts.len() {
                let drawn = accounts[draws.below(accounts.len())];
                sample.extend_from_slice(&by_account[&drawn]);
            }
            let curve = pooling::tally(&sample, &self.levels)
                .refine(self.curve.half_at, self.curve.steepness)
                .unwrap_or(self.curve);
            let record = pooling::records(&own, &curve)
                .get(&account)
                .copied()
                .unwrap_or_default();
            let level = draws.gamma(self.spread + record.deals, self.spread + record.expected);
            outcomes.push(level * curve.expected(f64::from(meetings)));
        }
        outcomes.sort_by(f64::total_cmp);
        let at = |q: f64| outcomes[((outcomes.len() - 1) as f64 * q).round() as usize];
        (at(0.1), at(0.9))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUTH: Curve = Curve {
        top: 6.0,
        half_at: 8.0,
        steepness: 2.0,
    };

    /// A portfolio whose deals come from the true curve: `accounts` accounts over `years` years,
    /// 0–24 meetings a year, levels spread 0.6–1.4, Poisson deals.
    fn portfolio(accounts: i64, years: i32, seed: u64) -> Vec<AccountYear> {
        let mut draws = Draws::seeded(seed);
        let mut out = Vec::new();
        for a in 1..=accounts {
            let level = 0.6 + 0.8 * draws.unit();
            for y in 0..years {
                let meetings = draws.below(25) as u32;
                let mean = level * TRUTH.expected(f64::from(meetings));
                out.push(AccountYear {
                    account: AccountId(a),
                    year: 2020 + y,
                    meetings,
                    deals: draws.poisson(mean),
                });
            }
        }
        out
    }

    #[test]
    fn the_curve_and_its_turning_point_are_found_in_noisy_data() {
        let model = Model::fit(&portfolio(100, 6, 1)).unwrap();
        let c = model.curve;
        assert!((c.half_at - 8.0).abs() < 1.6, "half-saturation {c:?}");
        assert!((c.steepness - 2.0).abs() < 0.6, "steepness {c:?}");
        let turn = c.turning_point(0.1).unwrap();
        assert!(
            (15..=19).contains(&turn),
            "turning point {turn} (truth 17), {c:?}"
        );
    }

    #[test]
    fn an_account_with_one_year_borrows_and_one_with_many_follows_its_record() {
        let mut data = portfolio(60, 6, 2);
        // Account 100: one year, 8 deals from 8 meetings (the portfolio expects about 3).
        data.push(AccountYear {
            account: AccountId(100),
            year: 2025,
            meetings: 8,
            deals: 8,
        });
        // Account 101: six years, always twice the portfolio's deals.
        for y in 0..6 {
            let meetings = 6 + 3 * y as u32;
            data.push(AccountYear {
                account: AccountId(101),
                year: 2020 + y,
                meetings,
                deals: (2.0 * TRUTH.expected(f64::from(meetings))).round() as u32,
            });
        }
        let model = Model::fit(&data).unwrap();
        let one = model.level(AccountId(100));
        let many = model.level(AccountId(101));
        assert!(
            one > 1.0 && one < 2.2,
            "one good year lifts it only part way: {one}"
        );
        assert!((many - 2.0).abs() < 0.4, "six years at double: {many}");
        assert_eq!(
            model.level(AccountId(999)),
            1.0,
            "no record: the portfolio's level"
        );

        let f_one = model.forecast(AccountId(100), 8, 0.1);
        let f_many = model.forecast(AccountId(101), 8, 0.1);
        assert_eq!((f_one.years_of_record, f_many.years_of_record), (1, 6));
        assert!(f_one.low <= f_one.expected && f_one.expected <= f_one.high);
        assert!(f_many.low <= f_many.expected && f_many.expected <= f_many.high);
        let width = |f: &Forecast| (f.high - f.low) / f.expected;
        assert!(
            width(&f_one) > width(&f_many),
            "one year is less sure than six: {f_one:?} vs {f_many:?}"
        );
        // The same question twice gives the same band.
        assert_eq!(model.forecast(AccountId(100), 8, 0.1), f_one);
    }

    #[test]
    fn the_next_meeting_is_worth_more_before_the_turning_point_than_after() {
        let model = Model::fit(&portfolio(80, 5, 3)).unwrap();
        let f = model.forecast(AccountId(1), 6, 0.1);
        let turn = f.turning_point.unwrap();
        let after = model.forecast(AccountId(1), turn + 2, 0.1);
        assert!(f.next_meeting_adds > after.next_meeting_adds);
        assert!(after.next_meeting_adds < 0.1 * model.level(AccountId(1)).max(1.0));
    }

    #[test]
    fn on_held_out_years_the_curve_beats_deals_per_meeting() {
        let data = portfolio(100, 6, 4);
        let result = backtest::backtest(&data).unwrap();
        assert_eq!(result.years, vec![2021, 2022, 2023, 2024, 2025]);
        assert_eq!(result.predictions, 500);
        assert!(
            result.forecast_error < result.naive_error,
            "forecast {:.3} vs naive {:.3} deals per account-year",
            result.forecast_error,
            result.naive_error
        );
    }

    #[test]
    fn deals_in_a_year_without_meetings_do_not_lift_a_level() {
        let mut data = portfolio(40, 5, 6);
        let before = Model::fit(&data).unwrap().level(AccountId(1));
        // A public tender won in a year with no meetings: nothing the curve could explain.
        data.push(AccountYear {
            account: AccountId(1),
            year: 2030,
            meetings: 0,
            deals: 6,
        });
        let after = Model::fit(&data).unwrap().level(AccountId(1));
        assert_eq!(before, after);
    }

    #[test]
    fn no_forecast_without_deals() {
        let data: Vec<AccountYear> = portfolio(10, 3, 5)
            .into_iter()
            .map(|r| AccountYear { deals: 0, ..r })
            .collect();
        assert!(Model::fit(&data).is_none());
        assert!(backtest::backtest(&data).is_none());
    }
}
