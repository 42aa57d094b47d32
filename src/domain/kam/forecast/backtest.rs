//! Does the curve earn its keep? Each past year in turn is held out: the forecast is fitted on
//! the years before it and predicts that year's deals from that year's meetings, beside the
//! naive ratio a director would work out by hand (the account's deals per meeting so far, or the
//! portfolio's when the account has held none).

use super::{AccountYear, Model};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// The held-out years, oldest first.
    pub years: Vec<i32>,
    /// Account-years predicted.
    pub predictions: usize,
    /// Mean absolute error in deals per account-year.
    pub forecast_error: f64,
    pub naive_error: f64,
}

/// None when no year has an earlier year the forecast could be fitted on.
pub fn backtest(data: &[AccountYear]) -> Option<Backtest> {
    let mut years: Vec<i32> = data.iter().map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let mut out = Backtest {
        years: Vec::new(),
        predictions: 0,
        forecast_error: 0.0,
        naive_error: 0.0,
    };
    for &year in years.iter().skip(1) {
        let past: Vec<AccountYear> = data.iter().filter(|r| r.year < year).cloned().collect();
        let Some(model) = Model::fit(&past) else { continue };
        let ratio = |rows: &mut dyn Iterator<Item = &AccountYear>| {
            let (deals, meetings) = rows.fold((0.0, 0.0), |(d, m), r| {
                (d + f64::from(r.deals), m + f64::from(r.meetings))
            });
            (meetings > 0.0).then(|| deals / meetings)
        };
        let portfolio = ratio(&mut past.iter()).unwrap_or(0.0);
        out.years.push(year);
        for row in data.iter().filter(|r| r.year == year) {
            let actual = f64::from(row.deals);
            let meetings = f64::from(row.meetings);
            let forecast = model.expected(row.account, row.meetings);
            let own = ratio(&mut past.iter().filter(|r| r.account == row.account));
            let naive = own.unwrap_or(portfolio) * meetings;
            out.forecast_error += (forecast - actual).abs();
            out.naive_error += (naive - actual).abs();
            out.predictions += 1;
        }
    }
    if out.predictions == 0 {
        return None;
    }
    out.forecast_error /= out.predictions as f64;
    out.naive_error /= out.predictions as f64;
    Some(out)
}
