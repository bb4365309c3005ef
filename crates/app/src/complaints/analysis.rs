//! The daily analysis of 12315 work: trends by category, region and business, unusual rises
//! against the seasonal baseline ([`shijian_core::complaint::trend`], the method and its
//! thresholds), and for each rise a draft consumer warning (消费警示) for an officer to edit and
//! publish.
//!
//! One pass over the narrow complaint records (`proj_complaint_fact`) of the last six years
//! counts complaints and reports (refused ones included: a rise in what people bring to 12315
//! is the signal, whatever the office decides) per day and per series; everything else is
//! sums over those counts. Series are a category across the scope, a category in each region
//! directly below the scope (the prefectures for the province), and a problem kind across the
//! scope.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;
use shijian_core::complaint::categories::{self, Vocabulary};
use shijian_core::complaint::trend::{self, Verdict, Window};
use shijian_core::{DivisionCode, Result};
use shijian_store::Store;

/// Months in the trend tables.
pub const MONTHS: usize = 13;
/// Businesses in the table of most complained-about.
pub const TOP_ENTITIES: usize = 20;

/// One row of a trend table: a category, region or problem kind, month by month.
#[derive(Clone, Debug, Serialize)]
pub struct Trend {
    pub key: String,
    pub zh: String,
    pub en: String,
    /// Counts in each of [`Analysis::months`].
    pub counts: Vec<u64>,
    /// The last 12 months, and the 12 before them.
    pub last_year: u64,
    pub year_before: u64,
}

impl Trend {
    /// Change of the last 12 months over the 12 before, per mille; `None` without a base.
    pub fn change_permille(&self) -> Option<i64> {
        (self.year_before > 0)
            .then(|| (self.last_year as i64 - self.year_before as i64) * 1000 / self.year_before as i64)
    }
}

/// A business with many complaints lately.
#[derive(Clone, Debug, Serialize)]
pub struct EntityTrend {
    pub uscc: String,
    /// In the current 28 days, and the mean of the 12 windows of 28 days before it.
    pub current: u64,
    pub usual: f64,
    /// In the last 12 months.
    pub last_year: u64,
}

/// The series an alert is about.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub region: DivisionCode,
    pub category: Option<String>,
    pub problem: Option<String>,
}

/// A draft consumer warning.
#[derive(Clone, Debug, Serialize)]
pub struct Draft {
    pub title: String,
    pub body: String,
}

/// An unusual rise, with what the draft warning needs.
#[derive(Clone, Debug, Serialize)]
pub struct Alert {
    pub series: Series,
    pub label: String,
    pub window: Window,
    pub verdict: Verdict,
    /// The most frequent problem kinds in the window (code, name, count).
    pub problems: Vec<(String, String, u64)>,
    pub draft: Draft,
}

/// The analysis of one scope on one day.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    pub as_of: NaiveDate,
    pub scope: DivisionCode,
    /// Complaint records read.
    pub read: u64,
    /// The first day with data in the scope.
    pub data_from: Option<NaiveDate>,
    /// `YYYY-MM`, oldest first, the last one the month of `as_of` (to that day).
    pub months: Vec<String>,
    pub total: Trend,
    pub by_category: Vec<Trend>,
    pub by_region: Vec<Trend>,
    pub by_problem: Vec<Trend>,
    pub top_entities: Vec<EntityTrend>,
    /// The current window and the earlier years the baseline used.
    pub window: Window,
    pub baseline_years: u32,
    pub alerts: Vec<Alert>,
}

/// Daily counts of one series, from `start`.
#[derive(Clone, Default)]
struct Daily {
    counts: Vec<u32>,
}

impl Daily {
    fn add(&mut self, i: usize) {
        if self.counts.len() <= i {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += 1;
    }

    fn sum(&self, from: usize, to: usize) -> u64 {
        let to = to.min(self.counts.len().saturating_sub(1));
        if self.counts.is_empty() || from > to {
            return 0;
        }
        self.counts[from..=to].iter().map(|n| u64::from(*n)).sum()
    }
}

/// Parses `YYYY-MM-DD` quickly (the store writes dates so).
fn parse_day(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        b[r].iter().try_fold(0u32, |a, c| c.is_ascii_digit().then(|| a * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(num(0..4)? as i32, num(5..7)?, num(8..10)?)
}

/// The regions directly below `scope` (counties of a prefecture, prefectures of the province);
/// a county is its own only region.
fn regions(scope: DivisionCode) -> Vec<DivisionCode> {
    let below = scope.children();
    if below.is_empty() { vec![scope] } else { below }
}

struct Counts {
    start: NaiveDate,
    total: Daily,
    /// (category index, region index) → days.
    category_region: HashMap<(u16, u16), Daily>,
    category: HashMap<u16, Daily>,
    region: HashMap<u16, Daily>,
    problem: HashMap<u16, Daily>,
    /// (category index, problem index) in the current window, for the drafts.
    window_problems: HashMap<(u16, Option<u16>, u16), u64>,
    entity: HashMap<String, [u32; 14]>,
    first: Option<NaiveDate>,
    read: u64,
}

impl Counts {
    fn new(start: NaiveDate) -> Counts {
        Counts {
            start,
            total: Daily::default(),
            category_region: HashMap::new(),
            category: HashMap::new(),
            region: HashMap::new(),
            problem: HashMap::new(),
            window_problems: HashMap::new(),
            entity: HashMap::new(),
            first: None,
            read: 0,
        }
    }
}

/// Analyses the complaints of `scope` as of `as_of`.
pub async fn analyse(store: &Store, scope: DivisionCode, as_of: NaiveDate) -> Result<Analysis> {
    let subjects: Vec<&'static categories::Category> =
        categories::all().iter().filter(|c| c.vocabulary == Vocabulary::Subject).collect();
    let problems: Vec<&'static categories::Category> =
        categories::all().iter().filter(|c| c.vocabulary == Vocabulary::Problem).collect();
    let regions = regions(scope);
    let start = as_of.checked_sub_months(Months::new(12 * (trend::MAX_YEARS + 1))).unwrap_or(as_of);
    let current = trend::window(as_of);
    let state = std::sync::Arc::new(std::sync::Mutex::new(Counts::new(start)));
    {
        let sink = state.clone();
        let subject_index: HashMap<&'static str, u16> =
            subjects.iter().enumerate().map(|(i, c)| (c.code.as_str(), i as u16)).collect();
        let problem_index: HashMap<&'static str, u16> =
            problems.iter().enumerate().map(|(i, c)| (c.code.as_str(), i as u16)).collect();
        let regions = regions.clone();
        let mut place_region: HashMap<String, Option<u16>> = HashMap::new();
        let entity_from = as_of - Days::new(14 * trend::WINDOW_DAYS - 1);
        store
            .complaint_facts(
                start,
                Box::new(move |f| {
                    let mut c = sink.lock().expect("analysis counts");
                    c.read += 1;
                    let Some(day) = parse_day(&f.received_on).filter(|d| *d <= as_of) else { return };
                    let region = *place_region.entry(f.place.clone()).or_insert_with(|| {
                        let place = DivisionCode::lookup(&f.place)?;
                        if !scope.contains(place) {
                            return None;
                        }
                        regions.iter().position(|r| r.contains(place)).map(|i| i as u16).or(Some(u16::MAX))
                    });
                    let Some(region) = region else { return };
                    let i = (day - c.start).num_days() as usize;
                    c.first = Some(c.first.map_or(day, |d| d.min(day)));
                    c.total.add(i);
                    let cat = subject_index.get(f.category.as_str()).copied();
                    let prob = problem_index.get(f.problem.as_str()).copied();
                    if let Some(cat) = cat {
                        c.category.entry(cat).or_default().add(i);
                        if region != u16::MAX {
                            c.category_region.entry((cat, region)).or_default().add(i);
                        }
                    }
                    if region != u16::MAX {
                        c.region.entry(region).or_default().add(i);
                    }
                    if let Some(p) = prob {
                        c.problem.entry(p).or_default().add(i);
                        if day >= current.0 {
                            if let Some(cat) = cat {
                                *c.window_problems.entry((cat, None, p)).or_default() += 1;
                                if region != u16::MAX {
                                    *c.window_problems.entry((cat, Some(region), p)).or_default() += 1;
                                }
                            }
                            *c.window_problems.entry((u16::MAX, None, p)).or_default() += 1;
                        }
                    }
                    if day >= entity_from
                        && let Some(e) = &f.entity
                    {
                        let w = ((as_of - day).num_days() as u64 / trend::WINDOW_DAYS) as usize;
                        let slot = c.entity.entry(e.clone()).or_insert([0; 14]);
                        slot[w.min(13)] += 1;
                    }
                }),
            )
            .await?;
    }
    let c = std::mem::replace(&mut *state.lock().expect("analysis counts"), Counts::new(start));
    let idx = |d: NaiveDate| (d - start).num_days().max(0) as usize;
    let sum = |days: &Daily, w: Window| if w.0 < start { 0 } else { days.sum(idx(w.0), idx(w.1)) };

    // Months: the 13 calendar months ending with as_of's.
    let first_month = NaiveDate::from_ymd_opt(as_of.year(), as_of.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(MONTHS as u32 - 1)))
        .unwrap_or(as_of);
    let month_windows: Vec<Window> = (0..MONTHS as u32)
        .filter_map(|k| {
            let from = first_month.checked_add_months(Months::new(k))?;
            let to = from.checked_add_months(Months::new(1))?.pred_opt()?.min(as_of);
            Some((from, to))
        })
        .collect();
    let year = (as_of - Days::new(364), as_of);
    let year_before = (as_of - Days::new(729), as_of - Days::new(365));
    let trend_of = |key: String, zh: String, en: String, days: &Daily| Trend {
        counts: month_windows.iter().map(|w| sum(days, *w)).collect(),
        last_year: sum(days, year),
        year_before: sum(days, year_before),
        key,
        zh,
        en,
    };
    let by_count = |mut v: Vec<Trend>| {
        v.sort_by(|a, b| b.last_year.cmp(&a.last_year).then(a.key.cmp(&b.key)));
        v
    };
    let by_category = by_count(
        c.category
            .iter()
            .map(|(i, d)| {
                let s = subjects[*i as usize];
                trend_of(s.code.clone(), s.zh.clone(), s.en.clone(), d)
            })
            .collect(),
    );
    let by_region = by_count(
        c.region
            .iter()
            .map(|(i, d)| {
                let r = regions[*i as usize];
                trend_of(r.to_string(), r.name().to_string(), r.to_string(), d)
            })
            .collect(),
    );
    let by_problem = by_count(
        c.problem
            .iter()
            .map(|(i, d)| {
                let p = problems[*i as usize];
                trend_of(p.code.clone(), p.zh.clone(), p.en.clone(), d)
            })
            .collect(),
    );
    let total = trend_of("total".into(), "合计".into(), "total".into(), &c.total);

    // The baseline years the data covers: the earliest window and the level year must lie
    // after the first day of data.
    let baseline = trend::baseline_windows(as_of, trend::MAX_YEARS);
    let usable: Vec<(&[Window; 3], f64)> = baseline
        .iter()
        .filter(|w| c.first.is_some_and(|first| trend::level_window(w[1].1).0 >= first && w[0].0 >= first))
        .filter_map(|w| {
            let level = sum(&c.total, trend::level_window(w[1].1));
            let now = sum(&c.total, trend::level_window(as_of));
            (level > 0).then(|| (w, now as f64 / level as f64))
        })
        .collect();
    let judge = |days: &Daily| -> Option<Verdict> {
        let values: Vec<[f64; 3]> =
            usable.iter().map(|(ws, factor)| ws.map(|w| sum(days, w) as f64 * factor)).collect();
        trend::judge(sum(days, current), &values)
    };
    let top_problems = |key: (u16, Option<u16>)| -> Vec<(String, String, u64)> {
        let mut v: Vec<(String, String, u64)> = c
            .window_problems
            .iter()
            .filter(|((cat, region, _), _)| (*cat, *region) == key)
            .map(|((_, _, p), n)| (problems[*p as usize].code.clone(), problems[*p as usize].zh.clone(), *n))
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        v.truncate(3);
        v
    };
    let mut alerts = Vec::new();
    for (cat, days) in &c.category {
        if let Some(v) = judge(days).filter(|v| v.unusual) {
            let s = subjects[*cat as usize];
            let series = Series { region: scope, category: Some(s.code.clone()), problem: None };
            let problems = top_problems((*cat, None));
            alerts.push(alert(series, &s.zh, &s.en, current, v, problems));
        }
    }
    for ((cat, region), days) in &c.category_region {
        if regions.len() < 2 {
            break;
        }
        if let Some(v) = judge(days).filter(|v| v.unusual) {
            let s = subjects[*cat as usize];
            let series = Series { region: regions[*region as usize], category: Some(s.code.clone()), problem: None };
            let problems = top_problems((*cat, Some(*region)));
            alerts.push(alert(series, &s.zh, &s.en, current, v, problems));
        }
    }
    for (p, days) in &c.problem {
        if let Some(v) = judge(days).filter(|v| v.unusual) {
            let s = problems[*p as usize];
            let series = Series { region: scope, category: None, problem: Some(s.code.clone()) };
            alerts.push(alert(series, &s.zh, &s.en, current, v, Vec::new()));
        }
    }
    alerts.sort_by(|a, b| {
        b.verdict
            .ratio
            .total_cmp(&a.verdict.ratio)
            .then(a.series.region.cmp(&b.series.region))
            .then(a.label.cmp(&b.label))
    });

    let mut top_entities: Vec<EntityTrend> = c
        .entity
        .iter()
        .map(|(uscc, w)| EntityTrend {
            uscc: uscc.clone(),
            current: u64::from(w[0]),
            usual: w[1..13].iter().map(|n| f64::from(*n)).sum::<f64>() / 12.0,
            last_year: w[0..13].iter().map(|n| u64::from(*n)).sum(),
        })
        .filter(|e| e.current > 0)
        .collect();
    top_entities
        .sort_by(|a, b| b.current.cmp(&a.current).then(b.last_year.cmp(&a.last_year)).then(a.uscc.cmp(&b.uscc)));
    top_entities.truncate(TOP_ENTITIES);

    Ok(Analysis {
        as_of,
        scope,
        read: c.read,
        data_from: c.first,
        months: month_windows.iter().map(|w| w.0.format("%Y-%m").to_string()).collect(),
        total,
        by_category,
        by_region,
        by_problem,
        top_entities,
        window: current,
        baseline_years: usable.len() as u32,
        alerts,
    })
}

/// Advice for consumers by problem kind, for the drafts.
fn advice(problem: Option<&str>) -> &'static str {
    match problem {
        Some("P06") => "签订合同前仔细阅读条款，谨慎大额预付或办理长期预付卡，保存好合同和付款凭证",
        Some("P01") | Some("P02") => "选择正规渠道购买，索要并保存发票等购物凭证，发现质量安全问题及时停止使用",
        Some("P03") => "留意明码标价，结账时核对小票和扣款金额",
        Some("P04") => "对计量有疑问时可要求复秤或使用公平秤",
        Some("P05") => "理性看待广告宣传，不轻信“最低价”“包过”等承诺",
        Some("P07") => "购买前了解退换货和保修政策，并保留相关凭证",
        Some("P08") => "注意查看生产日期和保质期，不购买来源不明的食品",
        _ => "理性消费，保存好消费凭证",
    }
}

fn alert(
    series: Series,
    zh: &str,
    en: &str,
    window: Window,
    verdict: Verdict,
    problems: Vec<(String, String, u64)>,
) -> Alert {
    let region = series.region;
    let top: Vec<String> = problems.iter().map(|(_, name, n)| format!("{name}（{n}件）")).collect();
    let main = problems.first().map(|p| p.0.as_str()).or(series.problem.as_deref());
    let what = if series.category.is_some() { format!("{zh}类") } else { format!("“{zh}”问题") };
    let title =
        format!("关于{}消费的提示 / Consumer warning: {en}", if series.category.is_some() { zh } else { "维权" });
    let mut body = format!(
        "{}至{}，{}12315共收到{}投诉举报{}件，是往年同期水平（约{:.0}件）的{:.1}倍。",
        window.0,
        window.1,
        region.name(),
        what,
        verdict.observed,
        verdict.expected,
        verdict.ratio
    );
    if !top.is_empty() {
        body.push_str(&format!("反映较多的问题是：{}。", top.join("、")));
    }
    body.push_str(&format!(
        "市场监管部门提醒广大消费者：{}。遇到消费纠纷，可通过全国12315平台、12315热线或本系统“12315投诉举报”页面依法维权。\n\n",
        advice(main)
    ));
    body.push_str(&format!(
        "From {} to {}, 12315 in {} received {} complaints and reports about {en}, {:.1} times the usual level \
         for the time of year (about {:.0}). Keep receipts and contracts, be careful with prepayments, and bring \
         disputes to 12315.",
        window.0,
        window.1,
        region.name(),
        verdict.observed,
        verdict.ratio,
        verdict.expected
    ));
    Alert {
        label: format!("{} · {zh}", region.name()),
        series,
        window,
        verdict,
        problems,
        draft: Draft { title, body },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_parse_and_drafts_read_well() {
        assert_eq!(parse_day("2026-11-29"), NaiveDate::from_ymd_opt(2026, 11, 29));
        assert_eq!(parse_day("2026-13-29"), None);
        assert_eq!(parse_day("2026/11/29"), None);
        let window = trend::window(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap());
        let v = trend::judge(40, &[[10.0, 12.0, 9.0], [11.0, 10.0, 8.0]]).unwrap();
        let series =
            Series { region: DivisionCode::parse("420100").unwrap(), category: Some("S04".into()), problem: None };
        let a =
            alert(series, "教育培训服务", "education and training", window, v, vec![("P06".into(), "合同".into(), 30)]);
        assert!(a.draft.title.starts_with("关于教育培训服务消费的提示"), "{}", a.draft.title);
        assert!(a.draft.body.contains("武汉市") && a.draft.body.contains("40件") && a.draft.body.contains("预付"));
        assert!(a.draft.title.chars().count() <= shijian_core::complaint::publication::MAX_WARNING_TITLE_CHARS);
    }
}
