//! Synthetic 12315 history: complaints and reports about the province's businesses, with the
//! steps an office takes on them, as events.
//!
//! Volumes follow Hubei's scale: about 1.5 million items a year for 6.39 million entities
//! ([`per_year`]), growing 8% a year, with the seasons of consumption (the Spring Festival, 3·15,
//! the "618" and "Double 11" sales, summer travel, the school year) in the total and in the
//! categories they touch, fewer on weekends, and concentrated on few businesses (a few shops
//! draw many complaints). The last four weeks carry one emerging issue on purpose, so that the
//! analysis has something to find: complaints about education and training (S04, prepaid
//! courses of a closing school) in the first prefecture rise about fourfold.
//!
//! Each complaint is received, accepted or refused within 7 workdays, and mediated or ended
//! within the 45 workdays; the parties are told of a termination; about half the complainants
//! rate the outcome. Reports are checked and a filing decision recorded. Steps after `as_of`
//! have not happened: recent complaints are still open. All days are workdays on the official
//! calendar; a step in a year without a schedule is left out.

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};
use shijian_core::Calendar;
use shijian_core::complaint::procedure::{
    Accepted, EntityConfirmed, FilingDecided, Mediated, Notified, Rated, Received, RefusalGround, Refused, Terminated,
    TerminationGround, VerificationExtended,
};
use shijian_core::complaint::{self as c, Business as Named, Channel, Intake, Kind, Party};
use shijian_core::event::{Actor, Declared, EventData, NewEvent, Role};
use shijian_core::{DivisionCode, Tier};

/// Items a year at full scale, and the register they come from.
pub const PER_YEAR_FULL: u64 = 1_500_000;
pub const FULL_ENTITIES: u64 = 6_390_000;
/// Yearly growth of 12315 volumes.
pub const GROWTH: f64 = 1.08;
/// The emerging issue of the last four weeks: category, and how many times its usual volume.
pub const SURGE_CATEGORY: &str = "S04";
pub const SURGE_FACTOR: f64 = 4.0;

/// Items a year for a register of `entities`.
pub fn per_year(entities: u64) -> u64 {
    (PER_YEAR_FULL as u128 * entities as u128 / FULL_ENTITIES as u128) as u64
}

/// A business complaints can name.
#[derive(Clone, Debug)]
pub struct Business {
    pub uscc: String,
    pub name: String,
    pub address: String,
    pub authority: DivisionCode,
}

/// Goods and services with their share (per mille) and the months they peak in.
const CATEGORIES: &[(&str, u32, &[u32])] = &[
    ("G01", 80, &[1, 2]),
    ("G02", 20, &[]),
    ("G03", 50, &[]),
    ("G04", 50, &[6, 11]),
    ("G05", 60, &[6, 9, 11]),
    ("G06", 20, &[6, 11]),
    ("G07", 20, &[1, 2]),
    ("G08", 10, &[]),
    ("G09", 60, &[11]),
    ("G10", 30, &[]),
    ("G11", 30, &[4, 5]),
    ("G12", 10, &[]),
    ("G13", 10, &[]),
    ("G14", 10, &[6]),
    ("G15", 20, &[]),
    ("G16", 10, &[]),
    ("G99", 20, &[]),
    ("S01", 60, &[1, 2, 10]),
    ("S02", 70, &[]),
    ("S03", 80, &[11]),
    ("S04", 50, &[3, 9]),
    ("S05", 30, &[7, 8]),
    ("S06", 40, &[]),
    ("S07", 30, &[]),
    ("S08", 20, &[]),
    ("S09", 20, &[7, 8, 10]),
    ("S10", 10, &[]),
    ("S11", 10, &[]),
    ("S12", 10, &[]),
    ("S13", 10, &[11]),
    ("S14", 5, &[]),
    ("S15", 30, &[]),
    ("S99", 20, &[]),
];

/// Problem kinds and their share (per mille).
const PROBLEMS: &[(&str, u32)] = &[
    ("P01", 250),
    ("P02", 40),
    ("P03", 90),
    ("P04", 20),
    ("P05", 50),
    ("P06", 260),
    ("P07", 200),
    ("P08", 40),
    ("P09", 10),
    ("P10", 10),
    ("P11", 10),
    ("P99", 20),
];

/// The month's weight in the year's volume.
fn month_weight(month: u32) -> f64 {
    match month {
        1 => 1.10,
        2 => 0.85,
        3 => 1.15,
        6 => 1.10,
        7 | 8 => 1.05,
        11 => 1.25,
        12 => 0.95,
        _ => 1.0,
    }
}

fn at(d: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default()))
}

fn gaussian(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// The number of items received on each day from `from` to `to`, `per_year` a year at the level
/// of `to`'s year.
pub fn daily_counts(seed: u64, per_year: u64, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, u32)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x1231_5000);
    let mut out = Vec::new();
    let mut d = from;
    let mean_weight = (1..=12).map(month_weight).sum::<f64>() / 12.0;
    while d <= to {
        let years_back = to.year() - d.year();
        let level = per_year as f64 / 365.0 / GROWTH.powi(years_back) / mean_weight;
        let weekday = if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) { 0.8 } else { 1.08 };
        let mean = level * month_weight(d.month()) * weekday;
        let n = (mean * (1.0 + 0.08 * gaussian(&mut rng)) + rng.random::<f64>()).floor().max(0.0);
        out.push((d, n as u32));
        d = d + Days::new(1);
    }
    out
}

/// Picks an entry of a weighted table.
fn pick<'a>(rng: &mut ChaCha8Rng, table: &[(&'a str, f64)]) -> &'a str {
    let total: f64 = table.iter().map(|(_, w)| w).sum();
    let mut x = rng.random::<f64>() * total;
    for (k, w) in table {
        if x < *w {
            return k;
        }
        x -= w;
    }
    table.last().map_or("", |(k, _)| k)
}

/// The generator of one history: the businesses, indexed by prefecture, and the tables.
pub struct History<'a> {
    seed: u64,
    businesses: &'a [Business],
    /// Indexes of `businesses` in the surge's prefecture.
    surge_businesses: Vec<usize>,
    surge_prefecture: Option<DivisionCode>,
    counties: std::collections::HashMap<DivisionCode, Vec<DivisionCode>>,
    calendar: &'a Calendar,
    as_of: NaiveDate,
    problems: Vec<(&'static str, f64)>,
}

fn prefecture_of(d: DivisionCode) -> Option<DivisionCode> {
    d.chain().into_iter().find(|x| x.tier() == Tier::Prefecture)
}

impl<'a> History<'a> {
    pub fn new(seed: u64, businesses: &'a [Business], calendar: &'a Calendar, as_of: NaiveDate) -> History<'a> {
        let surge_prefecture = businesses.iter().filter_map(|b| prefecture_of(b.authority)).min();
        let surge_businesses = businesses
            .iter()
            .enumerate()
            .filter(|(_, b)| surge_prefecture.is_some() && prefecture_of(b.authority) == surge_prefecture)
            .map(|(i, _)| i)
            .collect();
        let mut counties = std::collections::HashMap::new();
        for b in businesses {
            counties.entry(b.authority).or_insert_with(|| {
                let below: Vec<DivisionCode> =
                    b.authority.children().into_iter().filter(|c| c.tier() == Tier::County).collect();
                if below.is_empty() { vec![b.authority] } else { below }
            });
        }
        History {
            seed,
            businesses,
            surge_businesses,
            surge_prefecture,
            counties,
            calendar,
            as_of,
            problems: PROBLEMS.iter().map(|(k, w)| (*k, f64::from(*w))).collect(),
        }
    }

    /// The prefecture of the emerging issue.
    pub fn surge_prefecture(&self) -> Option<DivisionCode> {
        self.surge_prefecture
    }

    fn categories(month: u32) -> Vec<(&'static str, f64)> {
        CATEGORIES
            .iter()
            .map(|(k, w, peaks)| (*k, f64::from(*w) * if peaks.contains(&month) { 1.6 } else { 1.0 }))
            .collect()
    }

    /// The events of item number `serial`, received on `day`.
    pub fn item(&self, serial: u64, day: NaiveDate) -> Vec<NewEvent> {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ serial);
        if self.businesses.is_empty() {
            return Vec::new();
        }
        let in_surge = self.as_of.signed_duration_since(day).num_days() < 28 && !self.surge_businesses.is_empty();
        // In the surge window, the extra share of the surge's category in its prefecture.
        let surge_share = {
            let base = CATEGORIES.iter().find(|c| c.0 == SURGE_CATEGORY).map_or(0.0, |c| f64::from(c.1) / 1000.0);
            let prefecture = self.surge_businesses.len() as f64 / self.businesses.len() as f64;
            base * prefecture * (SURGE_FACTOR - 1.0)
        };
        let surge = in_surge && rng.random::<f64>() < surge_share;
        let (business, category) = if surge {
            let i = self.surge_businesses[rng.random_range(0..self.surge_businesses.len())];
            (&self.businesses[i], SURGE_CATEGORY)
        } else {
            // Few businesses draw many complaints: a skewed pick.
            let u: f64 = rng.random();
            let i = ((self.businesses.len() as f64) * u.powf(2.5)) as usize;
            let cats = Self::categories(day.month());
            (&self.businesses[i.min(self.businesses.len() - 1)], pick(&mut rng, &cats))
        };
        let problem = if surge { "P06" } else { pick(&mut rng, &self.problems) };
        let kind = if rng.random::<f64>() < 0.13 { Kind::Report } else { Kind::Complaint };
        let place = {
            let counties = &self.counties[&business.authority];
            counties[rng.random_range(0..counties.len())]
        };
        let office = if business.authority.tier() == Tier::County { business.authority } else { place };
        let id = c::make_id(kind, day, serial);
        let named = kind == Kind::Complaint || rng.random::<f64>() < 0.8;
        let phone = format!("1{}{:09}", [3, 5, 7, 8, 9][rng.random_range(0..5)], rng.random_range(0..1_000_000_000u64));
        let amount_fen: i64 = rng.random_range(3_000..500_000);
        let intake = Intake {
            kind,
            channel: [Channel::Web, Channel::Web, Channel::Hotline, Channel::Platform, Channel::Counter]
                [rng.random_range(0..5)],
            party: if named {
                Party {
                    name: Some(format!(
                        "{}{}",
                        SURNAMES[rng.random_range(0..SURNAMES.len())],
                        GIVEN[rng.random_range(0..GIVEN.len())]
                    )),
                    phone: Some(phone),
                    address: None,
                }
            } else {
                Party::default()
            },
            business: Named {
                name: business.name.clone(),
                code: None,
                address: Some(business.address.clone()).filter(|a| !a.is_empty()),
            },
            place,
            category: category.to_string(),
            problem: problem.to_string(),
            amount: Some(c::format_amount(amount_fen)),
            occurred_on: day.checked_sub_days(Days::new(rng.random_range(0..20))),
            facts: facts(category, problem, surge),
            request: if kind == Kind::Complaint { "退款并赔偿损失".into() } else { String::new() },
            attachments: Vec::new(),
            consent_to_publish: rng.random::<f64>() < 0.2,
            odr: false,
        };
        let handler = Actor { role: Role::ComplaintHandler, office: Some(office), pseudonym: Some("synth".into()) };
        // The generator's own types always serialise: an event that could not be made is left out.
        let event =
            |data: &dyn EventData, on: NaiveDate, hour: u32| NewEvent::of(data, Some(&id), &handler, at(on, hour)).ok();
        let coded = rng.random::<f64>() < 0.6;
        let received = Received {
            id: id.clone(),
            intake,
            received_on: day,
            office,
            odr: None,
            entity: coded.then(|| business.uscc.clone()),
            tracking: shijian_core::inspection::hex(&Sha256::digest(format!("{}:{serial}", self.seed).as_bytes())),
        };
        let mut out: Vec<NewEvent> = event(&received, day, 1).into_iter().collect();
        if !coded && rng.random::<f64>() < 0.75 {
            let e =
                EntityConfirmed { id: id.clone(), entity: business.uscc.clone(), score: Some(900), reasons: vec![] };
            out.extend(event(&e, day, 2));
        }
        let cal = self.calendar;
        let as_of = self.as_of;
        let later = |from: NaiveDate, n: u32| cal.add_workdays(from, n).ok().filter(|d| *d <= as_of);
        match kind {
            Kind::Complaint => {
                let Some(decided) = later(day, rng.random_range(1..=5)) else { return out };
                if rng.random::<f64>() < 0.08 {
                    let ground =
                        [RefusalGround::NotConsumerDispute, RefusalGround::AlreadyHandled, RefusalGround::NotCompetent]
                            [rng.random_range(0..3)];
                    let r = Refused { id: id.clone(), on: decided, ground, reason: "经审查不予受理".into() };
                    out.extend(event(&r, decided, 3));
                    return out;
                }
                out.extend(event(&Accepted { id: id.clone(), on: decided }, decided, 3));
                let Some(closed) = later(decided, rng.random_range(2..=40)) else { return out };
                if rng.random::<f64>() < 0.68 {
                    let recovered = amount_fen * rng.random_range(30..=100) / 100;
                    let m = Mediated {
                        id: id.clone(),
                        on: closed,
                        agreement: "双方达成调解协议，经营者退还款项".into(),
                        recovered: Some(c::format_amount(recovered)),
                    };
                    out.extend(event(&m, closed, 4));
                } else {
                    let ground =
                        [TerminationGround::Refused, TerminationGround::NoAgreement, TerminationGround::Withdrawn]
                            [rng.random_range(0..3)];
                    let t = Terminated { id: id.clone(), on: closed, ground, reason: "调解终止".into() };
                    out.extend(event(&t, closed, 4));
                    let Some(told) = later(closed, rng.random_range(1..=5)) else { return out };
                    let n = Notified { id: id.clone(), on: told };
                    out.extend(event(&Declared::new(&c::PARTIES_NOTIFIED, &n), told, 5));
                }
                if rng.random::<f64>() < 0.55 {
                    let on = closed + Days::new(rng.random_range(0..4));
                    if on <= as_of {
                        let score = if out.iter().any(|e| e.kind == c::KIND_MEDIATED) {
                            rng.random_range(3..=5)
                        } else {
                            rng.random_range(1..=3)
                        };
                        let r = Rated { id: id.clone(), on, score };
                        // Generated histories have always recorded ratings under the mediation
                        // basis (the use case records 受理's); kept, so a seed gives the same history.
                        out.extend(event(&Declared::new(&c::RATED, &r).with_basis(c::BASIS_MEDIATION), on, 6));
                    }
                }
            }
            Kind::Report => {
                let mut days = rng.random_range(5..=14);
                if rng.random::<f64>() < 0.1 {
                    let Some(on) = later(day, 12) else { return out };
                    let v = VerificationExtended { id: id.clone(), on, reason: "需进一步核查".into() };
                    out.extend(event(&v, on, 3));
                    days = rng.random_range(16..=28);
                }
                let Some(on) = later(day, days) else { return out };
                let filed = rng.random::<f64>() < 0.25;
                let reason = if filed { "涉嫌违法，予以立案" } else { "经核查，违法事实不成立" };
                let f = FilingDecided { id: id.clone(), on, filed, reason: reason.into() };
                out.extend(event(&f, on, 4));
                if named {
                    let Some(told) = later(on, rng.random_range(1..=4)) else { return out };
                    let n = Notified { id: id.clone(), on: told };
                    out.extend(event(&Declared::new(&c::REPORTER_NOTIFIED, &n), told, 5));
                }
            }
        }
        out
    }
}

const SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "胡", "朱", "高"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明"];

/// What happened, in the consumer's words, from the category and problem.
fn facts(category: &str, problem: &str, surge: bool) -> String {
    if surge {
        return "预付了一年的课程费用后，培训机构突然停课并无法联系，要求退还剩余课时费用。".into();
    }
    let what = c::categories::zh(category);
    let issue = match problem {
        "P01" => "商品存在质量问题，使用不久即出现故障",
        "P02" => "使用过程中存在安全隐患",
        "P03" => "结算价格与标价不符，多收了费用",
        "P04" => "实际分量不足",
        "P05" => "实际情况与广告宣传不符",
        "P06" => "经营者不履行合同约定",
        "P07" => "经营者拒绝按规定退换货或维修",
        "P08" => "食品变质或超过保质期",
        "P09" => "经营者以虚假交易方式误导消费",
        "P10" => "疑似购买到假冒注册商标的商品",
        "P11" => "在消费过程中受到人身侮辱",
        _ => "与经营者发生消费纠纷",
    };
    format!("在该经营者处购买{what}，{issue}，协商未果。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volumes_follow_the_scale_the_seasons_and_growth() {
        assert_eq!(per_year(FULL_ENTITIES), PER_YEAR_FULL);
        assert_eq!(per_year(100_000), 23_474);
        let to = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let from = NaiveDate::from_ymd_opt(2023, 12, 1).unwrap();
        let days = daily_counts(1, 365_000, from, to);
        let in_year = |y: i32| days.iter().filter(|(d, _)| d.year() == y).map(|(_, n)| u64::from(*n)).sum::<u64>();
        let (y24, y25) = (in_year(2024), in_year(2025));
        assert!((1.03..1.13).contains(&(y25 as f64 / y24 as f64)), "{y24} {y25}");
        let in_month = |y: i32, m: u32| {
            days.iter().filter(|(d, _)| d.year() == y && d.month() == m).map(|(_, n)| u64::from(*n)).sum::<u64>()
        };
        assert!(in_month(2025, 11) > in_month(2025, 10));
    }

    #[test]
    fn items_are_valid_steps_in_order() {
        let cal = Calendar::builtin();
        let businesses = vec![Business {
            uscc: "91420100MA4K00000Q".into(),
            name: "武汉某某教育咨询有限公司".into(),
            address: "武汉市洪山区".into(),
            authority: DivisionCode::parse("420111").unwrap(),
        }];
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let h = History::new(7, &businesses, &cal, as_of);
        let mut steps = 0;
        for serial in 0..200 {
            let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() + Days::new(serial % 200);
            let events = h.item(serial, day);
            assert_eq!(events[0].kind, c::KIND_RECEIVED);
            let r: Received = serde_json::from_value(events[0].data.clone()).unwrap();
            r.intake.check().unwrap();
            let mut s = shijian_core::complaint::ComplaintState::received(&r).unwrap();
            for e in &events[1..] {
                let d = &e.data;
                let ok = match e.kind.as_str() {
                    c::KIND_ENTITY_CONFIRMED => s.confirm_entity(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_ACCEPTED => s.accept(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_REFUSED => s.refuse(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_MEDIATED => s.mediate(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_TERMINATED => s.terminate(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_PARTIES_NOTIFIED | c::KIND_REPORTER_NOTIFIED => {
                        s.notify(&serde_json::from_value(d.clone()).unwrap())
                    }
                    c::KIND_RATED => s.rate(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_VERIFICATION_EXTENDED => s.extend_verification(&serde_json::from_value(d.clone()).unwrap()),
                    c::KIND_FILING_DECIDED => s.decide_filing(&serde_json::from_value(d.clone()).unwrap()),
                    k => panic!("unexpected {k}"),
                };
                ok.unwrap_or_else(|e| panic!("{}: {e}", events[0].subject.as_deref().unwrap_or("")));
                steps += 1;
            }
        }
        assert!(steps > 300, "{steps}");
    }
}
