//! The saturating curve of seed 002 Q6 ("5 meetings → 1 deal, 10 → 2, … a turning point"):
//! expected deals in a year = top × (m/half)ˢ / (1 + (m/half)ˢ), a Hill curve of the number m of
//! customer meetings held that year. `half` is the half-saturation point; the steepness s > 1
//! gives the slow start, the steep middle and the flattening the interviews describe.

use serde::{Deserialize, Serialize};

/// No account holds more customer meetings than this in a year; searches stop here.
pub const MAX_MEETINGS: u32 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Curve {
    /// The deals a year that meetings alone approach but never pass.
    pub top: f64,
    /// Meetings a year at which half of `top` is reached.
    pub half_at: f64,
    /// How sharply the curve turns (1: no slow start; 2–3: an S-shape).
    pub steepness: f64,
}

impl Curve {
    /// The share of `top` reached with `meetings` meetings, 0..1.
    pub fn share(&self, meetings: f64) -> f64 {
        if meetings <= 0.0 {
            return 0.0;
        }
        let r = (meetings / self.half_at).powf(self.steepness);
        r / (1.0 + r)
    }

    pub fn expected(&self, meetings: f64) -> f64 {
        self.top * self.share(meetings)
    }

    /// The same shape at another level (an account above or below the portfolio).
    pub fn scaled(&self, level: f64) -> Curve {
        Curve {
            top: self.top * level,
            ..*self
        }
    }

    /// What the next meeting adds, in deals, after `meetings` held.
    pub fn marginal(&self, meetings: u32) -> f64 {
        self.expected(f64::from(meetings) + 1.0) - self.expected(f64::from(meetings))
    }

    /// The turning point: the fewest meetings, past the steepest part of the curve, after which
    /// one more meeting adds less than `worth` deals. `Some(0)` when no meeting ever adds that
    /// much; None when every step up to `MAX_MEETINGS` adds more.
    pub fn turning_point(&self, worth: f64) -> Option<u32> {
        let (steepest, most) =
            (0..=MAX_MEETINGS)
                .map(|m| (m, self.marginal(m)))
                .fold(
                    (0, f64::MIN),
                    |best, (m, v)| if v > best.1 { (m, v) } else { best },
                );
        if most < worth {
            return Some(0);
        }
        (steepest..=MAX_MEETINGS).find(|&m| self.marginal(m) < worth)
    }
}

/// Account-years added up by the number of meetings held: all the fit needs, so that refitting
/// (the bootstrap does it 200 times) costs a few dozen terms, not a pass over the data.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// (meetings, exposure, deals): exposure is the number of account-years with that many
    /// meetings, each weighted by its account's level.
    rows: Vec<(u32, f64, f64)>,
}

impl Tally {
    pub fn add(&mut self, meetings: u32, exposure: f64, deals: f64) {
        match self.rows.binary_search_by_key(&meetings, |r| r.0) {
            Ok(i) => {
                self.rows[i].1 += exposure;
                self.rows[i].2 += deals;
            }
            Err(i) => self.rows.insert(i, (meetings, exposure, deals)),
        }
    }

    /// The rows the curve can explain: a year with no meetings has no share of the curve, so it
    /// says nothing of the curve's shape (its deals came some other way, e.g. a public tender).
    fn with_meetings(&self) -> impl Iterator<Item = &(u32, f64, f64)> {
        self.rows.iter().filter(|r| r.0 > 0)
    }

    /// The Poisson fit for a given shape: the best `top` in closed form (all deals ÷ all shares)
    /// and the negative log-likelihood, without the terms that do not depend on the curve.
    fn profile(&self, half_at: f64, steepness: f64) -> (f64, f64) {
        let shape = Curve {
            top: 1.0,
            half_at,
            steepness,
        };
        let (mut shares, mut deals, mut log_shares) = (0.0, 0.0, 0.0);
        for &(m, exposure, d) in self.with_meetings() {
            let share = shape.share(f64::from(m));
            shares += exposure * share;
            deals += d;
            if d > 0.0 {
                log_shares += d * share.ln();
            }
        }
        if shares <= 0.0 {
            return (0.0, f64::INFINITY);
        }
        let top = deals / shares;
        // top × shares − Σ d·ln(top × share), the second sum split as deals·ln(top) + Σ d·ln(share).
        let nll = if deals > 0.0 {
            deals - deals * top.ln() - log_shares
        } else {
            0.0 // no deals: every shape explains them equally
        };
        (top, nll)
    }

    /// The maximum-likelihood curve: a coarse grid over the shape, then a pattern search.
    /// None when the data cannot place a curve (no deals, or meetings of fewer than two sizes).
    pub fn fit(&self) -> Option<Curve> {
        let deals: f64 = self.with_meetings().map(|r| r.2).sum();
        if deals <= 0.0 || self.with_meetings().count() < 2 {
            return None;
        }
        let mut best = (f64::INFINITY, 1.0, 1.0);
        for i in 0..48 {
            let half = 0.5 * (400f64).powf(f64::from(i) / 47.0); // 0.5 .. 200
            for j in 0..45 {
                let steep = 0.5 + 0.125 * f64::from(j); // 0.5 .. 6
                let nll = self.profile(half, steep).1;
                if nll < best.0 {
                    best = (nll, half, steep);
                }
            }
        }
        self.refine(best.1, best.2)
    }

    /// A pattern search from a starting shape (the bootstrap starts from the full data's fit).
    pub fn refine(&self, half_at: f64, steepness: f64) -> Option<Curve> {
        let (mut half, mut steep) = (half_at, steepness);
        let mut nll = self.profile(half, steep).1;
        let (mut h_step, mut s_step) = (0.25f64, 0.25f64);
        for _ in 0..60 {
            let mut moved = false;
            for (dh, ds) in [(1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
                let h = (half * (dh * h_step).exp()).clamp(0.2, 400.0);
                let s = (steep + ds * s_step).clamp(0.3, 8.0);
                let candidate = self.profile(h, s).1;
                if candidate < nll {
                    (half, steep, nll) = (h, s, candidate);
                    moved = true;
                }
            }
            if !moved {
                h_step /= 2.0;
                s_step /= 2.0;
                if h_step < 1e-4 {
                    break;
                }
            }
        }
        let (top, nll) = self.profile(half, steep);
        nll.is_finite().then_some(Curve {
            top,
            half_at: half,
            steepness: steep,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve() -> Curve {
        Curve {
            top: 6.0,
            half_at: 8.0,
            steepness: 2.0,
        }
    }

    #[test]
    fn half_the_top_at_the_half_saturation_point_and_none_without_meetings() {
        assert_eq!(curve().expected(0.0), 0.0);
        assert!((curve().expected(8.0) - 3.0).abs() < 1e-12);
        assert!(curve().expected(200.0) < 6.0);
    }

    #[test]
    fn the_turning_point_is_past_the_steep_part() {
        let c = curve();
        // The first steps add little too (the slow start), but they are before the steepest step.
        assert!(c.marginal(0) < 0.1);
        let turn = c.turning_point(0.1).unwrap();
        assert_eq!(
            turn, 17,
            "6 × (18²/388 − 17²/353) = 0.098 < 0.1; the step before adds 0.112"
        );
        assert!(c.marginal(turn - 1) >= 0.1);
        // A flat curve: the first meeting already adds too little.
        let flat = Curve { top: 0.05, ..c };
        assert_eq!(flat.turning_point(0.1), Some(0));
    }

    #[test]
    fn exact_data_gives_back_its_curve() {
        let truth = curve();
        let mut tally = Tally::default();
        for m in 1..=30 {
            // Expected deals observed as if averaged over many years: the fit must recover it.
            tally.add(m, 100.0, 100.0 * truth.expected(f64::from(m)));
        }
        let fit = tally.fit().unwrap();
        assert!((fit.half_at - 8.0).abs() < 0.05, "{fit:?}");
        assert!((fit.steepness - 2.0).abs() < 0.02, "{fit:?}");
        assert!((fit.top - 6.0).abs() < 0.05, "{fit:?}");
    }

    #[test]
    fn no_curve_without_deals_or_with_one_size_of_meeting() {
        let mut none = Tally::default();
        none.add(5, 3.0, 0.0);
        none.add(9, 3.0, 0.0);
        assert!(none.fit().is_none());
        let mut one = Tally::default();
        one.add(5, 3.0, 4.0);
        one.add(0, 2.0, 1.0);
        assert!(one.fit().is_none());
    }
}
