//! Synthetic enforcement: what becomes of each case of a province's history, decided from the
//! seed alone. The steps themselves are taken by the application's rules (`app::case`), so a
//! synthetic case is as valid as an office's.
//!
//! Volumes follow Hubei's scale: about 30,000 cases a year for 6.39 million entities
//! ([`per_year`]; 湖北省市场监管局 2022 年办结案件约 3 万件 [P]), 29 % of them closed without a
//! penalty. Where they come from: 45 % 12315 complaints and reports (诉转案), 30 % inspections,
//! 15 % referrals from other departments, 10 % found by officers [M: the split is shijian's
//! assumption]. How they end: 10 % not filed, 29 % no penalty (a first or minor violation,
//! 首违不罚), 1 % transferred to the police, 8 % decided under the summary procedure, the rest
//! penalties in the standard procedure; of those, one in ten pays late.

use chrono::{Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

/// Cases a year at full scale, and the register they come from.
pub const PER_YEAR_FULL: u64 = 30_000;
pub const FULL_ENTITIES: u64 = 6_390_000;

/// Cases a year for a register of `entities` (at least one).
pub fn per_year(entities: u64) -> u64 {
    ((PER_YEAR_FULL as u128 * entities as u128 / FULL_ENTITIES as u128) as u64).max(1)
}

/// Where a clue came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Complaint,
    Inspection,
    Referral,
    Manual,
}

/// How a case ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Course {
    NotFiled,
    NoPenalty,
    Police,
    Summary,
    /// A penalty in the standard procedure, paid `late_days` after the payment limit (0: on
    /// time).
    Penalty {
        late_days: u32,
    },
}

/// One case of the history.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub origin: Origin,
    pub course: Course,
    /// Which of the parties given (an index into them).
    pub party: usize,
    /// Which of the rows given (an index into them).
    pub row: usize,
    pub goods_value_yuan: i64,
    pub illegal_gains_yuan: i64,
    /// A repeated violation (the benchmark's 从重 circumstance): one standard penalty in twenty,
    /// in the heavier band, which in the serious-list fields proposes an entry to the credit
    /// office [M: the share is shijian's assumption].
    pub repeated: bool,
    /// Days from one step to the next: filing, investigation, notice, statements, decision,
    /// service, payment, publication, closure.
    pub gaps: [u64; 9],
}

fn rng(seed: u64, serial: u64) -> ChaCha8Rng {
    let mut h = Sha256::new();
    h.update(b"shijian synth case\n");
    h.update(seed.to_le_bytes());
    h.update(serial.to_le_bytes());
    ChaCha8Rng::from_seed(h.finalize().into())
}

/// The case `serial` of a history, among `parties` businesses and `rows` benchmark rows.
pub fn plan(seed: u64, serial: u64, parties: usize, rows: usize) -> Planned {
    let mut r = rng(seed, serial);
    let origin = match r.random_range(0..100) {
        0..45 => Origin::Complaint,
        45..75 => Origin::Inspection,
        75..90 => Origin::Referral,
        _ => Origin::Manual,
    };
    let course = match r.random_range(0..100) {
        0..10 => Course::NotFiled,
        10..39 => Course::NoPenalty,
        39..40 => Course::Police,
        40..48 => Course::Summary,
        _ => Course::Penalty { late_days: if r.random_range(0..10) == 0 { r.random_range(1..20) } else { 0 } },
    };
    let goods_value_yuan = [300, 800, 2_000, 6_000, 15_000, 40_000][r.random_range(0..6)];
    let illegal_gains_yuan = goods_value_yuan / [2, 4, 10][r.random_range(0..3)];
    let gaps = [
        r.random_range(1..12),
        r.random_range(10..40),
        r.random_range(1..10),
        r.random_range(1..6),
        r.random_range(6..20),
        r.random_range(0..5),
        r.random_range(1..14),
        r.random_range(1..10),
        r.random_range(2..15),
    ];
    let party = r.random_range(0..parties.max(1));
    let row = r.random_range(0..rows.max(1));
    // Drawn last, so the draws before it are those of histories built without it.
    let repeated = matches!(course, Course::Penalty { .. }) && r.random_range(0..20) == 0;
    Planned { origin, course, party, row, goods_value_yuan, illegal_gains_yuan, repeated, gaps }
}

/// How many cases arrive on each day from `from` to `to`: `per_year` spread evenly, whole
/// cases, deterministic.
pub fn daily_counts(per_year: u64, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, u32)> {
    let mut out = Vec::new();
    let mut owed = 0f64;
    let per_day = per_year as f64 / 365.0;
    let mut d = from;
    while d <= to {
        owed += per_day;
        let n = owed.floor();
        owed -= n;
        out.push((d, n as u32));
        d = d + Days::new(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        shijian_core::parse_date(s).unwrap()
    }

    #[test]
    fn volumes_and_shares_follow_the_province() {
        assert_eq!(per_year(FULL_ENTITIES), 30_000);
        assert_eq!(per_year(100_000), 469);
        assert_eq!(per_year(10), 1);
        let days = daily_counts(469, d("2025-01-01"), d("2025-12-31"));
        let total: u32 = days.iter().map(|(_, n)| n).sum();
        assert!((467..=469).contains(&total), "{total}");
        let plans: Vec<Planned> = (0..10_000).map(|n| plan(7, n, 50, 90)).collect();
        let share = |f: &dyn Fn(&Planned) -> bool| plans.iter().filter(|p| f(p)).count() as f64 / 10_000.0;
        assert!((0.42..0.48).contains(&share(&|p| p.origin == Origin::Complaint)));
        assert!((0.27..0.31).contains(&share(&|p| p.course == Course::NoPenalty)));
        assert!((0.08..0.12).contains(&share(&|p| p.course == Course::NotFiled)));
        assert!(plans.iter().all(|p| p.party < 50 && p.row < 90));
        // One standard penalty in twenty is a repeated violation, and nothing else is.
        assert!(plans.iter().all(|p| !p.repeated || matches!(p.course, Course::Penalty { .. })));
        let penalties = share(&|p| matches!(p.course, Course::Penalty { .. }));
        let repeated = share(&|p| p.repeated) / penalties;
        assert!((0.04..0.06).contains(&repeated), "{repeated}");
        assert_eq!(plan(7, 3, 50, 90), plans[3], "the seed decides");
    }
}
