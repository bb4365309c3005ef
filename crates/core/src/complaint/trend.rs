//! Unusual rises in complaints against a seasonal baseline, for consumer warnings.
//!
//! The method is the "historical limits" method of public-health surveillance (Stroup, Wharton,
//! Kafadar & Dean, *Evaluation of a method for detecting aberrations in public health
//! surveillance data*, American Journal of Epidemiology 137 (1993); CDC's MMWR "Figure I"),
//! which compares a period with the same time of year in earlier years, so that the seasons of
//! consumption (the Spring Festival, summer travel, the "Double 11" sales) are not taken for
//! rises. Applied to one series (complaints about one category, in one region):
//!
//! 1. The current period is the [`WINDOW_DAYS`] days ending on the day of the analysis.
//! 2. The baseline is, for each of the earlier years available (at least [`MIN_YEARS`], at most
//!    [`MAX_YEARS`]), the same 28-day window one year back, the window before it and the window
//!    after it: 3 values a year ([`baseline_windows`]).
//! 3. Each baseline value is scaled by the growth of all complaints between its year and the
//!    current one (the 364 days before the current window against the 364 days before the
//!    baseline window), so that more people using 12315 is not read as a rise in every category.
//! 4. With μ and σ the mean and standard deviation of the scaled values, and σ not less than
//!    √μ (the spread a Poisson count has, so that a steady series is not judged on a σ of zero),
//!    the period is an unusual rise when the count exceeds μ + 2σ, is at least [`MIN_RATIO`]
//!    times μ, and is at least [`MIN_OBSERVED`] (small counts are noise) ([`judge`]).
//! 5. It must also be at least [`MIN_RATIO`] times the mean of the same windows alone (the
//!    middle value of each year): a sharp seasonal peak, such as the "Double 11" weeks, is
//!    diluted by the neighbouring windows in μ, and without this test would be taken for a rise
//!    every year.
//! 6. And the count must be improbable for a Poisson count at the larger of the two means:
//!    P(X ≥ count) below [`MAX_P`]. A province's analysis tests some 600 series a day; with
//!    this bound (0.05 / 600, Bonferroni's correction) a false alarm on a given day is unlikely,
//!    where the normal approximation of step 4 alone lets small counts through.
//!
//! The thresholds are shijian's, chosen so that an office sees few and meaningful alerts; the
//! draft warning an alert produces is only a draft until an officer publishes it.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

/// Days of the current period and of each baseline window.
pub const WINDOW_DAYS: u64 = 28;
/// Earlier years the baseline needs, and uses at most.
pub const MIN_YEARS: u32 = 2;
pub const MAX_YEARS: u32 = 5;
/// A rise is unusual above μ + `SIGMAS`·σ …
pub const SIGMAS: f64 = 2.0;
/// … and at least this many times μ …
pub const MIN_RATIO: f64 = 1.5;
/// … and with at least this many complaints …
pub const MIN_OBSERVED: u64 = 10;
/// … and no more likely than this for a Poisson count at the expected level.
pub const MAX_P: f64 = 1e-4;

/// ln k! (exact sum below 256, Stirling's series above).
fn ln_factorial(k: u64) -> f64 {
    if k < 256 {
        return (2..=k).map(|i| (i as f64).ln()).sum();
    }
    let x = k as f64;
    x * x.ln() - x + 0.5 * (2.0 * std::f64::consts::PI * x).ln() + 1.0 / (12.0 * x) - 1.0 / (360.0 * x.powi(3))
}

/// P(X ≥ k) for X Poisson with mean `lambda`.
pub fn poisson_tail(k: u64, lambda: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if lambda <= 0.0 {
        return 0.0;
    }
    if (k as f64) <= lambda {
        // The tail holds most of the mass: 1 − P(X < k), summed from the top down.
        let mut term = -lambda + (k - 1) as f64 * lambda.ln() - ln_factorial(k - 1);
        let mut below = 0.0;
        let mut i = k - 1;
        loop {
            below += term.exp();
            if i == 0 || term < -50.0 + below.max(1e-300).ln() {
                break;
            }
            term += (i as f64).ln() - lambda.ln();
            i -= 1;
        }
        return (1.0 - below).max(0.0);
    }
    let mut term = -lambda + k as f64 * lambda.ln() - ln_factorial(k);
    let first = term;
    let mut sum = 0.0;
    let mut i = k;
    while term - first > -40.0 {
        sum += (term - first).exp();
        i += 1;
        term += lambda.ln() - (i as f64).ln();
    }
    (first.exp() * sum).min(1.0)
}

/// A window of days, both ends included.
pub type Window = (NaiveDate, NaiveDate);

/// The window of `WINDOW_DAYS` days ending on `end`.
pub fn window(end: NaiveDate) -> Window {
    (end - Days::new(WINDOW_DAYS - 1), end)
}

/// The baseline windows for the period ending on `as_of`, `years` years back: for each year,
/// the window a year back, and the windows just before and just after it, grouped by year
/// (index 0 is one year back).
pub fn baseline_windows(as_of: NaiveDate, years: u32) -> Vec<[Window; 3]> {
    (1..=years.min(MAX_YEARS))
        .filter_map(|k| {
            let end = as_of.checked_sub_months(Months::new(12 * k))?;
            Some([window(end - Days::new(WINDOW_DAYS)), window(end), window(end + Days::new(WINDOW_DAYS))])
        })
        .collect()
}

/// The 364 days ending on `end` (the level of all complaints, for step 3).
pub fn level_window(end: NaiveDate) -> Window {
    (end - Days::new(363), end)
}

/// How a period compares with its baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub observed: u64,
    /// μ: what the baseline expects.
    pub expected: f64,
    /// σ (not less than √μ).
    pub sd: f64,
    /// μ + 2σ.
    pub limit: f64,
    /// observed / μ (observed when μ is 0).
    pub ratio: f64,
    /// P(X ≥ observed) for a Poisson count at the larger of μ and the same windows' mean.
    pub p: f64,
    pub unusual: bool,
}

/// Judges `observed` against the scaled baseline values, by year `[before, same, after]`
/// (steps 4 and 5). `None` with fewer than [`MIN_YEARS`] years.
pub fn judge(observed: u64, years: &[[f64; 3]]) -> Option<Verdict> {
    if years.len() < MIN_YEARS as usize {
        return None;
    }
    let baseline: Vec<f64> = years.iter().flatten().copied().collect();
    let same = years.iter().map(|y| y[1]).sum::<f64>() / years.len() as f64;
    let n = baseline.len() as f64;
    let mean = baseline.iter().sum::<f64>() / n;
    let var = baseline.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let sd = var.sqrt().max(mean.sqrt());
    let limit = mean + SIGMAS * sd;
    let o = observed as f64;
    let ratio = if mean > 0.0 { o / mean } else { o };
    let p = poisson_tail(observed, mean.max(same));
    let unusual = observed >= MIN_OBSERVED && o > limit && o >= MIN_RATIO * mean && o >= MIN_RATIO * same && p < MAX_P;
    Some(Verdict { observed, expected: mean, sd, limit, ratio, p, unusual })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_fall_on_the_same_time_of_earlier_years() {
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(window(as_of).0, NaiveDate::from_ymd_opt(2026, 11, 2).unwrap());
        let b = baseline_windows(as_of, 3);
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0][1],
            (NaiveDate::from_ymd_opt(2025, 11, 2).unwrap(), NaiveDate::from_ymd_opt(2025, 11, 29).unwrap())
        );
        assert_eq!(b[0][0].1, NaiveDate::from_ymd_opt(2025, 11, 1).unwrap());
        assert_eq!(b[0][2].0, NaiveDate::from_ymd_opt(2025, 11, 30).unwrap());
        assert_eq!(b[2][1].1, NaiveDate::from_ymd_opt(2023, 11, 29).unwrap());
        // 29 February falls back to the 28th.
        let leap = baseline_windows(NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(), 1);
        assert_eq!(leap[0][1].1, NaiveDate::from_ymd_opt(2027, 2, 28).unwrap());
        assert_eq!(level_window(b[0][1].1).0, NaiveDate::from_ymd_opt(2024, 12, 1).unwrap());
    }

    #[test]
    fn poisson_tails() {
        // P(X ≥ 1 | 1) = 1 − e^−1; P(X ≥ 3 | 1) = 1 − e^−1 (1 + 1 + 1/2).
        assert!((poisson_tail(1, 1.0) - (1.0 - (-1.0f64).exp())).abs() < 1e-12);
        assert!((poisson_tail(3, 1.0) - (1.0 - 2.5 * (-1.0f64).exp())).abs() < 1e-12);
        assert_eq!(poisson_tail(0, 5.0), 1.0);
        // Large counts: the median is near λ; far above it the tail is tiny.
        let mid = poisson_tail(1000, 1000.0);
        assert!((0.49..0.52).contains(&mid), "{mid}");
        assert!(poisson_tail(1200, 1000.0) < 1e-8);
        assert!(poisson_tail(4300, 943.0) < 1e-300 || poisson_tail(4300, 943.0) == 0.0);
        assert!(poisson_tail(10, 20.0) > 0.99);
    }

    #[test]
    fn a_rise_is_unusual_only_above_the_limits() {
        let steady = [[20.0, 22.0, 19.0], [21.0, 20.0, 18.0]];
        let v = judge(45, &steady).unwrap();
        assert!(v.unusual, "{v:?}");
        // Above μ + 2σ and 1.5 μ, but 32 against 21 is not improbable enough for one of ~600
        // series.
        let v = judge(32, &steady).unwrap();
        assert!(v.observed as f64 > v.limit && v.p > MAX_P && !v.unusual, "{v:?}");
        assert!((v.expected - 20.0).abs() < 1e-9);
        // Within two σ (σ is at least √20 ≈ 4.5): not unusual.
        assert!(!judge(28, &steady).unwrap().unusual);
        // A seasonal high that the baseline also had is not a rise.
        let seasonal = [[80.0, 100.0, 60.0], [85.0, 110.0, 70.0]];
        assert!(!judge(120, &seasonal).unwrap().unusual);
        // A sharp peak in the same weeks each year, diluted in μ by the weeks around it.
        let peak = [[6.0, 18.0, 5.0], [5.0, 20.0, 6.0]];
        let v = judge(26, &peak).unwrap();
        assert!(v.observed as f64 > v.limit && !v.unusual, "{v:?}");
        // Small counts never are.
        assert!(!judge(9, &[[1.0, 0.0, 1.0], [2.0, 0.0, 1.0]]).unwrap().unusual);
        assert!(judge(12, &[[1.0, 0.0, 1.0], [2.0, 0.0, 1.0]]).unwrap().unusual);
        // Too little history: no verdict.
        assert!(judge(50, &[[1.0, 2.0, 3.0]]).is_none());
    }
}
