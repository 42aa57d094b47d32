//! Deterministic random draws for the forecast's bootstrap and for synthetic test data.
//!
//! Hand-written (splitmix64, Knuth's Poisson, Marsaglia–Tsang's gamma, Lanczos' log-gamma, about
//! sixty lines) rather than `rand`/`rand_distr`/`statrs`: `domain` compiles for the browser too,
//! where those crates need feature surgery, and a fixed seed must give the same band on every
//! machine so that a forecast shown twice does not wobble.

/// splitmix64: small, fast and good enough for resampling (not for secrets).
#[derive(Debug, Clone)]
pub struct Draws(u64);

impl Draws {
    pub fn seeded(seed: u64) -> Draws {
        Draws(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // (0, 1]: ln is finite
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Gamma(shape, rate): mean shape / rate (Marsaglia–Tsang; shape < 1 by the boost).
    pub fn gamma(&mut self, shape: f64, rate: f64) -> f64 {
        if shape < 1.0 {
            let boost = self.unit().max(f64::MIN_POSITIVE).powf(1.0 / shape);
            return self.gamma(shape + 1.0, rate) * boost;
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v <= 0.0 {
                continue;
            }
            let u = self.unit();
            if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v / rate;
            }
        }
    }

    /// Poisson(mean), Knuth's method (the means here are a few deals a year).
    pub fn poisson(&mut self, mean: f64) -> u32 {
        let limit = (-mean.max(0.0)).exp();
        let mut k = 0;
        let mut p = self.unit();
        while p > limit && k < 10_000 {
            k += 1;
            p *= self.unit();
        }
        k
    }
}

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = G[0];
    for (i, g) in G.iter().enumerate().skip(1) {
        sum += g / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (std::f64::consts::TAU).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_gamma_matches_factorials() {
        // Γ(n) = (n−1)!
        assert!((ln_gamma(1.0)).abs() < 1e-12);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(11.0) - 3_628_800f64.ln()).abs() < 1e-10);
        // Γ(1/2) = √π
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
    }

    #[test]
    fn draws_have_the_means_they_promise() {
        let mut draws = Draws::seeded(7);
        let n = 20_000;
        let poisson: f64 = (0..n).map(|_| draws.poisson(2.5) as f64).sum::<f64>() / n as f64;
        assert!((poisson - 2.5).abs() < 0.05, "poisson mean {poisson}");
        let gamma: f64 = (0..n).map(|_| draws.gamma(3.0, 2.0)).sum::<f64>() / n as f64;
        assert!((gamma - 1.5).abs() < 0.03, "gamma mean {gamma}");
        let small: f64 = (0..n).map(|_| draws.gamma(0.5, 1.0)).sum::<f64>() / n as f64;
        assert!((small - 0.5).abs() < 0.03, "gamma(0.5) mean {small}");
    }

    #[test]
    fn the_same_seed_gives_the_same_draws() {
        let a: Vec<u64> = (0..5)
            .scan(Draws::seeded(42), |d, _| Some(d.next_u64()))
            .collect();
        let b: Vec<u64> = (0..5)
            .scan(Draws::seeded(42), |d, _| Some(d.next_u64()))
            .collect();
        assert_eq!(a, b);
    }
}
