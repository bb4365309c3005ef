//! The working-day calendar (工作日) and the deadlines computed with it.
//!
//! The ordinary week has five workdays, Monday to Friday, and Saturday and Sunday as rest days
//! (国务院关于职工工作时间的规定 第三条、第七条). Each year the State Council General Office
//! publishes the holiday schedule (国务院办公厅关于某年部分节假日安排的通知) under the
//! 全国年节及纪念日放假办法: weekdays that are days off, and weekend days that are worked
//! instead (调休上班).
//!
//! The official schedules are the authority: 2004–2026 ship with the program
//! (`data/holiday-schedule.tsv`); an administrator adds a newly published year (or corrects one)
//! without a rebuild, and the imported years override the shipped ones. A year from 2025 to
//! [`PROVISIONAL_LAST_YEAR`] that has no official schedule yet gets a **provisional** one
//! computed from the 办法 itself ([`provisional_schedule`]): the 13 statutory days of 第二条 and
//! the make-up weekday of 第六条. The discretionary swaps (调休, 第七条) are unknown until the
//! State Council publishes them, so a provisional day may still change; every count that
//! touches a provisional year says so ([`Deadline::provisional`]). Before 2004 and after
//! [`PROVISIONAL_LAST_YEAR`] a year without an official schedule is an error
//! (`calendar_year_not_covered`), never a guess.
//!
//! Counting rules:
//! - A period "within N workdays of D" ends on the Nth workday after D: the day the period
//!   starts from does not count (民法典 第二百零一条: 按照年、月、日、小时计算期间的，开始的当日不计入).
//! - A calendar-day period whose last day is a rest day ends on the first workday after it
//!   (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).
//!
//! The legal day. Deadlines and filing days are dates in China Standard Time (UTC+8, no daylight
//! saving since 1991), whatever zone the host runs in: [`legal_date`] is the one conversion.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::{Code, Error, Result};

/// Deadlines in workdays used across shijian, with their legal basis.
pub mod deadlines {
    /// 市场监督管理投诉举报处理暂行办法 第十四条: decide whether to accept a complaint within
    /// 7 workdays of receipt. Also 第三十条 (jurisdiction disputes) and 市场监督管理行政处罚程序规定
    /// 第十三条、第十六条、第三十五条、第七十条.
    pub const WORKDAYS_7: u32 = 7;
    /// 市场监督管理行政处罚程序规定 第十八条: check leads and decide whether to file a case
    /// within 15 workdays (extendable by 15); 投诉举报处理暂行办法 第二十三条.
    pub const WORKDAYS_15: u32 = 15;
    /// 企业信息公示暂行条例 第十条 (instant disclosures) and 行政处罚信息公示规定 第九条
    /// (publication of penalties): 20 workdays. Also the 20-workday publication of random
    /// inspection results.
    pub const WORKDAYS_20: u32 = 20;
    /// 市场监督管理投诉举报处理暂行办法 第二十一条第五项: mediation ends if no agreement is
    /// reached within 45 workdays of acceptance.
    pub const WORKDAYS_45: u32 = 45;
    /// 市场监督管理行政处罚程序规定 第六十四条 and 行政处罚法 第六十条: a standard-procedure case
    /// is decided within 90 calendar days of filing.
    pub const CALENDAR_DAYS_90: u32 = 90;
}

/// Parses a date written `YYYY-MM-DD` (exactly; `2024-1-5` is refused).
pub fn parse_date(input: &str) -> Result<NaiveDate> {
    let s = input.trim();
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(Error::new(Code::DateForm).with("input", s));
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| Error::new(Code::DateForm).with("input", s))
}

/// How a listed date departs from the ordinary week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A weekday that is a day off (a statutory holiday or a bridged day).
    Holiday,
    /// A Saturday or Sunday that is an adjusted working day (调休上班).
    Workday,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }
}

/// One listed date of a schedule.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ScheduleEntry {
    pub date: NaiveDate,
    pub kind: DayKind,
    /// The holiday it belongs to, e.g. 春节 or Spring Festival; may be empty.
    pub name: String,
}

/// The published schedule of one year: every date that breaks the ordinary week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearSchedule {
    pub year: i32,
    pub entries: Vec<ScheduleEntry>,
}

fn is_weekend(d: &NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The legal date of an instant: its date in China Standard Time (UTC+8; 国务院 has used
/// 北京时间 for the whole country since 1949 and daylight saving ended in 1991). Every "today" of
/// the system (filing days, deadlines, worklists, numbering) is this date, never the host's
/// local date.
pub fn legal_date(instant: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    instant.with_timezone(&china_standard_time()).date_naive()
}

/// The legal date ([`legal_date`]) of a time as the journal records it (RFC 3339, in UTC), or
/// `None` when it does not parse: a record made at 01:00 in Wuhan is of that day, not of the
/// day before as the time's UTC date would say.
pub fn legal_date_of(time: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(time).ok().map(|t| legal_date(t.with_timezone(&chrono::Utc)))
}

/// [`legal_date_of`] as text, or the time's first ten characters when it does not parse.
pub fn legal_day_text(time: &str) -> String {
    legal_date_of(time).map_or_else(|| time.get(..10).unwrap_or(time).to_string(), |d| d.to_string())
}

/// China Standard Time as a fixed offset (UTC+8).
pub fn china_standard_time() -> chrono::FixedOffset {
    CHINA_STANDARD_TIME
}

const CHINA_STANDARD_TIME: chrono::FixedOffset = match chrono::FixedOffset::east_opt(8 * 3600) {
    Some(o) => o,
    None => panic!("UTC+8 is a valid offset"),
};

/// The first year a provisional schedule is computed for: the rule of [`provisional_schedule`]
/// is the 办法 as revised on 2024-11-10 (国务院令第798号), in force for 2025 on.
pub const PROVISIONAL_FIRST_YEAR: i32 = 2025;

/// The last year a provisional schedule is computed for. Beyond it a year without an official
/// schedule is `calendar_year_not_covered`: the rule may well have changed by then.
pub const PROVISIONAL_LAST_YEAR: i32 = 2099;

/// A date computed on the calendar, and whether any day counted to reach it lies in a year
/// whose schedule is provisional (暂定): such a date may move when the official schedule is
/// published and imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Deadline {
    pub date: NaiveDate,
    pub provisional: bool,
}

impl std::fmt::Display for Deadline {
    /// `YYYY-MM-DD`, followed by ` (暂定)` when provisional.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.provisional { write!(f, "{}（暂定）", self.date) } else { write!(f, "{}", self.date) }
    }
}

fn day(year: i32, month: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, d).ok_or_else(|| Error::new(Code::DateOutOfRange))
}

fn lunar_to_solar(year: i32, month: isize, d: usize) -> Result<NaiveDate> {
    let lunar = tyme4rs::tyme::lunar::LunarDay::new(year as isize, month, d)
        .map_err(|_| Error::new(Code::CalendarYearNotCovered).with("year", year))?;
    let s = lunar.get_solar_day();
    day(s.get_year() as i32, s.get_month() as u32, s.get_day() as u32)
}

/// The statutory holidays of a year under 全国年节及纪念日放假办法 第二条 as revised in 2024, each
/// with its name: 元旦 (1 Jan), 春节 (农历除夕 and 正月初一至初三), 清明节 (the solar-term day),
/// 劳动节 (1–2 May), 端午节 (农历五月初五), 中秋节 (农历八月十五), 国庆节 (1–3 Oct): 13 days. Lunar
/// dates and the 清明 solar term are computed (tyme4rs, the 寿星 algorithm), not looked up.
pub fn statutory_holidays(year: i32) -> Result<Vec<(NaiveDate, &'static str)>> {
    let spring = lunar_to_solar(year, 1, 1)?;
    let eve = spring.pred_opt().ok_or_else(|| Error::new(Code::DateOutOfRange))?;
    let qingming = tyme4rs::tyme::solar::SolarTerm::new(year as isize, "清明")
        .map_err(|_| Error::new(Code::CalendarYearNotCovered).with("year", year))?
        .get_solar_day();
    let qingming = day(qingming.get_year() as i32, qingming.get_month() as u32, qingming.get_day() as u32)?;
    let mut out = vec![(day(year, 1, 1)?, "元旦"), (eve, "春节")];
    let mut d = spring;
    for _ in 0..3 {
        out.push((d, "春节"));
        d = d.succ_opt().ok_or_else(|| Error::new(Code::DateOutOfRange))?;
    }
    out.push((qingming, "清明节"));
    out.push((day(year, 5, 1)?, "劳动节"));
    out.push((day(year, 5, 2)?, "劳动节"));
    out.push((lunar_to_solar(year, 5, 5)?, "端午节"));
    out.push((lunar_to_solar(year, 8, 15)?, "中秋节"));
    for n in 1..=3 {
        out.push((day(year, 10, n)?, "国庆节"));
    }
    out.sort_by_key(|(d, _)| *d);
    Ok(out)
}

/// The provisional schedule of a year not yet published (暂定): the statutory holidays of
/// [`statutory_holidays`] that fall on a weekday are days off, and for each one that falls on a
/// Saturday or Sunday a make-up weekday is given (全国年节及纪念日放假办法 第六条: 全体公民放假的
/// 假日，如果适逢周六、周日，应当在工作日补假). Where the make-up day goes is not in the 办法; we take
/// the next weekday(s) after the block of rest days the holiday belongs to, an assumption of our
/// own, and no 调休 swaps (第七条), which only the yearly notice sets. A holiday that coincides
/// with another (中秋 on 1–3 October) is counted once; how the notice would treat it is not
/// known. Fails with `calendar_year_not_covered` outside
/// [`PROVISIONAL_FIRST_YEAR`]..=[`PROVISIONAL_LAST_YEAR`].
pub fn provisional_schedule(year: i32) -> Result<YearSchedule> {
    if !(PROVISIONAL_FIRST_YEAR..=PROVISIONAL_LAST_YEAR).contains(&year) {
        return Err(Error::new(Code::CalendarYearNotCovered).with("year", year));
    }
    let holidays = statutory_holidays(year)?;
    let mut off: BTreeMap<NaiveDate, &'static str> = BTreeMap::new();
    for (d, name) in &holidays {
        off.entry(*d).or_insert(*name);
    }
    // Blocks of rest days: holidays joined by nothing but weekend days.
    let mut blocks: Vec<(NaiveDate, u32, &'static str)> = Vec::new();
    for (d, name) in &off {
        let joins = blocks
            .last()
            .is_some_and(|(end, _, _)| end.iter_days().skip(1).take_while(|x| x < d).all(|x| is_weekend(&x)));
        let owed = u32::from(is_weekend(d));
        match blocks.last_mut().filter(|_| joins) {
            Some(block) => {
                block.0 = *d;
                block.1 += owed;
            }
            None => blocks.push((*d, owed, *name)),
        }
    }
    for (end, mut owed, name) in blocks {
        let mut d = end;
        while owed > 0 {
            d = d.succ_opt().ok_or_else(|| Error::new(Code::DateOutOfRange))?;
            if !is_weekend(&d) && !off.contains_key(&d) {
                off.insert(d, name);
                owed -= 1;
            }
        }
    }
    let entries = off
        .into_iter()
        .filter(|(d, _)| !is_weekend(d) && d.year() == year)
        .map(|(date, name)| ScheduleEntry { date, kind: DayKind::Holiday, name: name.to_string() })
        .collect();
    Ok(YearSchedule { year, entries })
}

/// Reads a schedule from rows: an optional header (`date kind holiday`), then one listed date
/// per row: `YYYY-MM-DD`, `holiday` or `workday`, and optionally the holiday's name. Lines
/// starting with `#` are comments. Every row is checked (form, a holiday on a weekday, an
/// adjusted workday on a weekend, no date twice) and every year listed must contain at least
/// one holiday. Errors carry the `line`.
pub fn parse_schedule_rows(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Result<Vec<YearSchedule>> {
    let mut years: BTreeMap<i32, Vec<ScheduleEntry>> = BTreeMap::new();
    let mut seen = HashMap::new();
    for (line, cells) in rows {
        let first = cells.first().map(|s| s.trim()).unwrap_or("");
        if first.is_empty() || first.starts_with('#') || first.eq_ignore_ascii_case("date") || first == "日期" {
            continue;
        }
        let date = parse_date(first).map_err(|e| e.with("line", line))?;
        let kind_text = cells.get(1).map(|s| s.trim()).unwrap_or("");
        let kind = match kind_text.to_ascii_lowercase().as_str() {
            "holiday" | "休" | "休息" => DayKind::Holiday,
            "workday" | "班" | "上班" => DayKind::Workday,
            _ => {
                return Err(Error::new(Code::CalendarEntryKind).with("kind", kind_text).with("line", line));
            }
        };
        match (kind, is_weekend(&date)) {
            (DayKind::Holiday, true) => {
                return Err(Error::new(Code::CalendarHolidayOnWeekend).with("date", date).with("line", line));
            }
            (DayKind::Workday, false) => {
                return Err(Error::new(Code::CalendarWorkdayOnWeekday).with("date", date).with("line", line));
            }
            _ => {}
        }
        if seen.insert(date, line).is_some() {
            return Err(Error::new(Code::CalendarDuplicateDate).with("date", date).with("line", line));
        }
        let name = cells.get(2).map(|s| s.trim().to_string()).unwrap_or_default();
        years.entry(date.year()).or_default().push(ScheduleEntry { date, kind, name });
    }
    if years.is_empty() {
        return Err(Error::new(Code::FileEmpty));
    }
    let mut out = Vec::with_capacity(years.len());
    for (year, mut entries) in years {
        if !entries.iter().any(|e| e.kind == DayKind::Holiday) {
            return Err(Error::new(Code::CalendarYearIncomplete).with("year", year));
        }
        entries.sort_by_key(|e| e.date);
        out.push(YearSchedule { year, entries });
    }
    Ok(out)
}

crate::declare_events! {
    /// The kind of [`YearImported`] events. The basis names the year's notice, so the
    /// declaration's is completed by [`YearImported`]'s own.
    KIND_YEAR_IMPORTED, YEAR_IMPORTED = "calendar.year_imported",
        basis: "全国年节及纪念日放假办法 第二条、第六条、第七条; 国务院办公厅关于部分节假日安排的通知",
        zh: "节假日安排导入", en: "holiday schedule imported";
}

impl crate::event::EventData for YearImported {
    fn kind(&self) -> &'static crate::event::EventKind {
        &YEAR_IMPORTED
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Owned(format!(
            "全国年节及纪念日放假办法 第二条、第六条、第七条; 国务院办公厅关于{}年部分节假日安排的通知",
            self.year
        ))
    }
    fn data(&self) -> Result<serde_json::Value> {
        crate::event::to_data(self)
    }
}

/// The data of `calendar.year_imported`: an administrator imported the official holiday schedule
/// of a year (国务院办公厅关于某年部分节假日安排的通知), replacing the shipped, an earlier imported or
/// the provisional schedule of that year. Public: the schedule is a published notice. Every
/// deadline is computed at read time, so the import recomputes those that count the year.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct YearImported {
    pub year: i32,
    /// Where the schedule came from (the file's name, the notice's number).
    pub source: String,
    pub entries: Vec<ScheduleEntry>,
}

impl YearImported {
    /// Checks the schedule as [`parse_schedule_rows`] does (a holiday on a weekday, an adjusted
    /// workday on a weekend, no date twice, at least one holiday), every date in `year`.
    pub fn schedule(&self) -> Result<YearSchedule> {
        let rows = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (i + 1, vec![e.date.to_string(), e.kind.as_str().to_string(), e.name.clone()]));
        let years = parse_schedule_rows(rows)?;
        match years.as_slice() {
            [y] if y.year == self.year => Ok(y.clone()),
            _ => Err(Error::new(Code::EventInvalid).with("field", "entries").with("reason", "dates outside the year")),
        }
    }

    /// The event recording the import of `schedule`.
    pub fn event(
        schedule: &YearSchedule,
        source: &str,
        actor: &crate::event::Actor,
        at: chrono::DateTime<chrono::Utc>,
    ) -> Result<crate::event::NewEvent> {
        let data = YearImported { year: schedule.year, source: source.to_string(), entries: schedule.entries.clone() };
        data.schedule()?;
        crate::event::NewEvent::of(&data, None, actor, at)
    }
}

/// Splits tab-separated text into numbered rows for the row parsers.
pub fn tsv_rows(text: &str) -> Vec<(usize, Vec<String>)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r').split('\t').map(str::to_string).collect()))
        .collect()
}

/// The calendar: which years are covered and which of their dates break the ordinary week.
#[derive(Clone, Debug)]
pub struct Calendar {
    years: BTreeMap<i32, HashMap<NaiveDate, DayKind>>,
}

/// The provisional schedules of every year they are computed for, once per process.
fn provisional_years() -> &'static BTreeMap<i32, HashMap<NaiveDate, DayKind>> {
    static YEARS: std::sync::OnceLock<BTreeMap<i32, HashMap<NaiveDate, DayKind>>> = std::sync::OnceLock::new();
    YEARS.get_or_init(|| {
        (PROVISIONAL_FIRST_YEAR..=PROVISIONAL_LAST_YEAR)
            .filter_map(|y| provisional_schedule(y).ok())
            .map(|s| (s.year, s.entries.iter().map(|e| (e.date, e.kind)).collect()))
            .collect()
    })
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::builtin()
    }
}

impl Calendar {
    /// What identifies the shipped schedule and the provisional years: the SHA-256 (hex) of
    /// the shipped file and the provisional range. Counts kept from the calendar (a desk's
    /// order) are counted again when a program ships another.
    pub fn builtin_fingerprint() -> String {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(include_str!("../data/holiday-schedule.tsv").as_bytes());
        h.update(format!("provisional {PROVISIONAL_FIRST_YEAR}-{PROVISIONAL_LAST_YEAR}").as_bytes());
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The shipped schedule, 2004–2026 (parsed once per process).
    pub fn builtin() -> Calendar {
        static BUILTIN: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let text = include_str!("../data/holiday-schedule.tsv");
                // The shipped file is checked by the tests below; a failure here is a build bug.
                let years = parse_schedule_rows(tsv_rows(text)).unwrap_or_default();
                let mut cal = Calendar { years: BTreeMap::new() };
                cal.set_years(years);
                cal
            })
            .clone()
    }

    /// Adds or replaces the schedules of the given years.
    pub fn set_years(&mut self, years: impl IntoIterator<Item = YearSchedule>) {
        for y in years {
            self.years.insert(y.year, y.entries.iter().map(|e| (e.date, e.kind)).collect());
        }
    }

    /// The builder form of [`Calendar::set_years`].
    #[must_use]
    pub fn with_years(mut self, years: impl IntoIterator<Item = YearSchedule>) -> Calendar {
        self.set_years(years);
        self
    }

    /// The years covered, ascending.
    pub fn years(&self) -> Vec<i32> {
        self.years.keys().copied().collect()
    }

    /// True when the year has an official schedule (shipped or imported).
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    /// True when the year has no official schedule and is counted on the provisional one
    /// ([`provisional_schedule`]).
    pub fn is_provisional(&self, year: i32) -> bool {
        !self.covers(year) && provisional_years().contains_key(&year)
    }

    /// True when some day after `from` up to `to` (either order) lies in a provisional year.
    pub fn counts_provisional(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        (a.year()..=b.year()).any(|y| self.is_provisional(y))
    }

    fn year(&self, d: NaiveDate) -> Result<&HashMap<NaiveDate, DayKind>> {
        match self.years.get(&d.year()) {
            Some(y) => Ok(y),
            None => provisional_years()
                .get(&d.year())
                .ok_or_else(|| Error::new(Code::CalendarYearNotCovered).with("year", d.year())),
        }
    }

    /// True when `d` is a workday under the official schedule (or the provisional one of a year
    /// not yet published, see [`Calendar::is_provisional`]).
    pub fn is_workday(&self, d: NaiveDate) -> Result<bool> {
        Ok(match self.year(d)?.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !is_weekend(&d),
        })
    }

    /// [`Calendar::add_workdays`] with whether a provisional day was counted.
    pub fn workday_deadline(&self, from: NaiveDate, n: u32) -> Result<Deadline> {
        let date = self.add_workdays(from, n)?;
        Ok(Deadline { date, provisional: self.counts_provisional(from, date) })
    }

    /// [`Calendar::calendar_period_end`] with whether a provisional day was counted.
    pub fn period_deadline(&self, from: NaiveDate, days: u32) -> Result<Deadline> {
        let date = self.calendar_period_end(from, days)?;
        Ok(Deadline { date, provisional: self.counts_provisional(from, date) })
    }

    /// The `n`th workday after `from` (`from` itself does not count, 民法典 第二百零一条);
    /// `from` when `n` is 0.
    pub fn add_workdays(&self, from: NaiveDate, n: u32) -> Result<NaiveDate> {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = d.succ_opt().ok_or_else(|| Error::new(Code::DateOutOfRange))?;
            if self.is_workday(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// The number of workdays `d` with `from < d <= to`: the inverse of
    /// [`Calendar::add_workdays`]. Both dates' years must be covered.
    pub fn workdays_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32> {
        if from > to {
            return Err(Error::new(Code::DateRangeReversed).with("from", from).with("to", to));
        }
        self.year(from)?;
        let mut n = 0;
        for d in from.iter_days().skip(1).take_while(|d| *d <= to) {
            if self.is_workday(d)? {
                n += 1;
            }
        }
        Ok(n)
    }

    /// The last day of a period of `days` calendar days counted from `from` (which does not
    /// count): `from + days`, moved to the next workday when it is a rest day
    /// (民法典 第二百零一条、第二百零三条).
    pub fn calendar_period_end(&self, from: NaiveDate, days: u32) -> Result<NaiveDate> {
        let mut d = from
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .ok_or_else(|| Error::new(Code::DateOutOfRange))?;
        while !self.is_workday(d)? {
            d = d.succ_opt().ok_or_else(|| Error::new(Code::DateOutOfRange))?;
        }
        Ok(d)
    }

    /// Every date from `from` to `to` inclusive with whether it is a workday. The whole range
    /// is checked before anything is returned; [`Calendar::is_provisional`] tells which years
    /// are provisional.
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(NaiveDate, bool)>> {
        if from > to {
            return Err(Error::new(Code::DateRangeReversed).with("from", from).with("to", to));
        }
        from.iter_days().take_while(|d| *d <= to).map(|d| Ok((d, self.is_workday(d)?))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn cal() -> Calendar {
        Calendar::builtin()
    }

    #[test]
    fn ships_2004_to_2026() {
        let years = cal().years();
        assert_eq!(years.first(), Some(&2004));
        assert_eq!(years.last(), Some(&2026));
        assert_eq!(years.len(), 23);
    }

    #[test]
    fn workdays_per_year_match_the_published_totals() {
        // 2019–2026: 250, 249, 250, 249, 249, 251, 248, 248.
        let c = cal();
        for (year, expected) in
            [(2019, 250), (2020, 249), (2021, 250), (2022, 249), (2023, 249), (2024, 251), (2025, 248), (2026, 248)]
        {
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            let n = c.days(start, end).unwrap().iter().filter(|(_, w)| *w).count();
            assert_eq!(n, expected, "{year}");
        }
    }

    #[test]
    fn adjusted_weekends_are_workdays_and_holidays_are_not() {
        let c = cal();
        // 2024 Spring Festival: 2024-02-04 (Sunday) and 2024-02-18 (Sunday) were worked;
        // 2024-02-12 (Monday) was a holiday.
        assert!(c.is_workday(d("2024-02-04")).unwrap());
        assert!(c.is_workday(d("2024-02-18")).unwrap());
        assert!(!c.is_workday(d("2024-02-12")).unwrap());
        // National Day 2025: 1–8 October off, 28 September and 11 October (weekend) worked.
        assert!(!c.is_workday(d("2025-10-08")).unwrap());
        assert!(c.is_workday(d("2025-09-28")).unwrap());
        assert!(c.is_workday(d("2025-10-11")).unwrap());
        // An ordinary Saturday.
        assert!(!c.is_workday(d("2025-11-29")).unwrap());
    }

    #[test]
    fn add_workdays_skips_holidays_and_counts_adjusted_weekends() {
        let c = cal();
        // Received Friday 2025-09-26; 7 workdays: 28 Sep (Sun, worked) 1, 29 2, 30 3,
        // 1–8 Oct off, 9 4, 10 5, 11 (Sat, worked) 6, 13 7.
        assert_eq!(c.add_workdays(d("2025-09-26"), 7).unwrap(), d("2025-10-13"));
        // The start day does not count, even when it is a workday.
        assert_eq!(c.add_workdays(d("2025-11-24"), 1).unwrap(), d("2025-11-25"));
        assert_eq!(c.add_workdays(d("2025-11-24"), 0).unwrap(), d("2025-11-24"));
        // Across the year end and New Year's Day 2026 (1 Jan off; 2 Jan off, 4 Jan worked).
        let end = c.add_workdays(d("2025-12-30"), 3).unwrap();
        assert_eq!(c.workdays_between(d("2025-12-30"), end).unwrap(), 3);
        assert!(c.is_workday(end).unwrap());
    }

    #[test]
    fn the_standard_deadlines() {
        let c = cal();
        let from = d("2024-09-20");
        for n in [deadlines::WORKDAYS_7, deadlines::WORKDAYS_15, deadlines::WORKDAYS_20, deadlines::WORKDAYS_45] {
            let due = c.add_workdays(from, n).unwrap();
            assert_eq!(c.workdays_between(from, due).unwrap(), n);
            assert!(c.is_workday(due).unwrap());
        }
        // 45 workdays from 2024-09-20 crosses National Day 2024 (1–7 Oct off; 29 Sep and
        // 12 Oct worked).
        assert_eq!(c.add_workdays(from, 45).unwrap(), d("2024-11-27"));
    }

    #[test]
    fn workdays_between_is_half_open() {
        let c = cal();
        assert_eq!(c.workdays_between(d("2025-11-24"), d("2025-11-24")).unwrap(), 0);
        assert_eq!(c.workdays_between(d("2025-11-21"), d("2025-11-24")).unwrap(), 1);
        assert_eq!(c.workdays_between(d("2025-11-24"), d("2025-11-28")).unwrap(), 4);
        assert_eq!(c.workdays_between(d("2025-11-25"), d("2025-11-24")).unwrap_err().code(), Code::DateRangeReversed);
    }

    #[test]
    fn calendar_day_periods_end_on_the_next_workday() {
        let c = cal();
        // 90 days from 2024-07-03 is 2024-10-01, National Day; the holiday runs to 7 October.
        assert_eq!(c.calendar_period_end(d("2024-07-03"), deadlines::CALENDAR_DAYS_90).unwrap(), d("2024-10-08"));
        // A period ending on a Saturday moves to Monday.
        assert_eq!(c.calendar_period_end(d("2025-11-22"), 7).unwrap(), d("2025-12-01"));
        // One ending on an adjusted working Sunday stays there.
        assert_eq!(c.calendar_period_end(d("2025-09-21"), 7).unwrap(), d("2025-09-28"));
    }

    #[test]
    fn years_without_a_schedule_are_provisional_within_the_range_and_an_error_beyond() {
        let c = cal();
        assert!(!c.covers(2027) && c.is_provisional(2027));
        assert!(!c.is_provisional(2026), "2026 is official");
        // A deadline that runs into 2027 is counted on the provisional schedule and says so:
        // 2026-12-20 + 20 workdays: 21–31 Dec (9), 1 Jan off, 4–15 Jan (10), 18 Jan (20th).
        let dl = c.workday_deadline(d("2026-12-20"), 20).unwrap();
        assert_eq!(dl, Deadline { date: d("2027-01-18"), provisional: true });
        assert_eq!(dl.to_string(), "2027-01-18（暂定）");
        let dl = c.workday_deadline(d("2026-11-02"), 5).unwrap();
        assert_eq!(dl, Deadline { date: d("2026-11-09"), provisional: false });
        assert!(c.period_deadline(d("2026-12-20"), 15).unwrap().provisional);
        for year in [2003, 2100] {
            let e = c.is_workday(NaiveDate::from_ymd_opt(year, 6, 2).unwrap()).unwrap_err();
            assert_eq!(e.code(), Code::CalendarYearNotCovered);
            assert_eq!(e.detail("year"), Some(year.to_string().as_str()));
        }
        assert_eq!(c.add_workdays(d("2099-12-20"), 20).unwrap_err().code(), Code::CalendarYearNotCovered);
    }

    #[test]
    fn an_official_year_replaces_the_provisional_one() {
        let rows = tsv_rows("2027-01-01\tholiday\t元旦\n2027-02-20\tworkday\t春节\n");
        let c = cal().with_years(parse_schedule_rows(rows).unwrap());
        assert!(c.covers(2027) && !c.is_provisional(2027));
        assert!(c.is_workday(d("2027-02-09")).unwrap(), "only what the import lists is off");
        assert!(!c.workday_deadline(d("2026-12-20"), 20).unwrap().provisional);
        assert!(c.counts_provisional(d("2026-12-20"), d("2028-01-03")));
    }

    fn official_rest_days(year: i32) -> std::collections::HashSet<NaiveDate> {
        let c = cal();
        let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
        c.days(start, end).unwrap().into_iter().filter(|(_, w)| !*w).map(|(d, _)| d).collect()
    }

    #[test]
    fn computed_holidays_are_rest_days_in_every_official_schedule() {
        // Under each version of the 办法: 2004–2007 (元旦, 春节 初一–初三, 五一 1–3, 国庆 1–3),
        // 2008–2013 (+除夕, 清明, 端午, 中秋; 五一 1 day), 2014–2024 (除夕 removed), 2025 on
        // (除夕 and 2 May restored). Every statutory day of its era is a rest day in the
        // official schedule.
        for year in 2004..=2026 {
            let rest = official_rest_days(year);
            for (date, name) in statutory_holidays(year).unwrap() {
                let applies = match name {
                    "清明节" | "端午节" | "中秋节" => year >= 2008,
                    "劳动节" => date.day() == 1 || !(2008..2025).contains(&year),
                    "春节" if date < lunar_to_solar(year, 1, 1).unwrap() => {
                        (2008..=2013).contains(&year) || year >= 2025
                    }
                    _ => true,
                };
                if applies {
                    assert!(rest.contains(&date), "{year}: {name} {date} is not a rest day in the official schedule");
                }
            }
        }
        // A few lunar and solar-term dates written out (official notices).
        let named = |y: i32, n: &str| -> Vec<NaiveDate> {
            statutory_holidays(y).unwrap().into_iter().filter(|(_, x)| *x == n).map(|(d, _)| d).collect()
        };
        assert_eq!(named(2026, "春节")[1], d("2026-02-17"));
        assert_eq!(named(2026, "清明节"), vec![d("2026-04-05")]);
        assert_eq!(named(2026, "端午节"), vec![d("2026-06-19")]);
        assert_eq!(named(2026, "中秋节"), vec![d("2026-09-25")]);
        assert_eq!(named(2025, "中秋节"), vec![d("2025-10-06")]);
        assert_eq!(named(2004, "春节")[1], d("2004-01-22"));
    }

    #[test]
    fn the_rule_reproduces_the_workday_totals_of_2025_and_2026() {
        for year in [2025, 2026] {
            let provisional = Calendar { years: BTreeMap::new() }.with_years([provisional_schedule(year).unwrap()]);
            let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            let workdays = provisional.days(start, end).unwrap().iter().filter(|(_, w)| *w).count();
            assert_eq!(workdays, 248, "{year}");
            let rest = official_rest_days(year);
            for (date, name) in statutory_holidays(year).unwrap() {
                assert!(rest.contains(&date), "{year}: {name} {date}");
            }
        }
    }

    #[test]
    fn provisional_2027_is_the_worked_example() {
        // domain-rules-2 §8: weekday holidays and the make-up days after each block.
        let s = provisional_schedule(2027).unwrap();
        let got: Vec<String> = s.entries.iter().map(|e| format!("{} {}", e.date, e.name)).collect();
        assert_eq!(
            got,
            [
                "2027-01-01 元旦",
                "2027-02-05 春节",
                "2027-02-08 春节",
                "2027-02-09 春节",
                "2027-02-10 春节",
                "2027-04-05 清明节",
                "2027-05-03 劳动节",
                "2027-05-04 劳动节",
                "2027-06-09 端午节",
                "2027-09-15 中秋节",
                "2027-10-01 国庆节",
                "2027-10-04 国庆节",
                "2027-10-05 国庆节",
            ]
        );
        assert!(s.entries.iter().all(|e| e.kind == DayKind::Holiday));
        let c = cal();
        let n = c.days(d("2027-01-01"), d("2027-12-31")).unwrap().iter().filter(|(_, w)| *w).count();
        assert_eq!(n, 248);
        assert_eq!(provisional_schedule(2024).unwrap_err().code(), Code::CalendarYearNotCovered);
    }

    #[test]
    fn the_legal_date_is_china_standard_time() {
        use chrono::TimeZone;
        let at = |s: &str| {
            chrono::Utc.from_utc_datetime(&chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap())
        };
        assert_eq!(legal_date(at("2026-12-06 15:59:59")), d("2026-12-06"));
        assert_eq!(legal_date(at("2026-12-06 16:00:00")), d("2026-12-07"));
        assert_eq!(legal_date(at("2026-12-31 23:00:00")), d("2027-01-01"));
    }

    #[test]
    fn an_imported_year_is_used() {
        let rows = tsv_rows("date\tkind\tholiday\n2027-01-01\tholiday\t元旦\n2027-02-06\tworkday\t春节\n");
        let years = parse_schedule_rows(rows).unwrap();
        let c = cal().with_years(years);
        assert!(c.covers(2027));
        assert!(!c.is_workday(d("2027-01-01")).unwrap());
        assert!(c.is_workday(d("2027-02-06")).unwrap());
        assert!(c.is_workday(d("2027-01-04")).unwrap());
    }

    #[test]
    fn bad_schedule_rows_are_refused_with_their_line() {
        let err = |text: &str| parse_schedule_rows(tsv_rows(text)).unwrap_err();
        let e = err("2027-01-01\tholiday\n2027-13-01\tholiday\n");
        assert_eq!((e.code(), e.detail("line")), (Code::DateForm, Some("2")));
        let e = err("2027-1-1\tholiday\n");
        assert_eq!(e.code(), Code::DateForm);
        let e = err("2027-01-01\tday-off\n");
        assert_eq!((e.code(), e.detail("kind")), (Code::CalendarEntryKind, Some("day-off")));
        // 2027-01-02 is a Saturday.
        assert_eq!(err("2027-01-02\tholiday\n").code(), Code::CalendarHolidayOnWeekend);
        assert_eq!(err("2027-01-04\tworkday\n").code(), Code::CalendarWorkdayOnWeekday);
        assert_eq!(err("2027-01-01\tholiday\n2027-01-01\tholiday\n").code(), Code::CalendarDuplicateDate);
        assert_eq!(err("2027-02-06\tworkday\n").code(), Code::CalendarYearIncomplete);
        assert_eq!(err("# nothing\n").code(), Code::FileEmpty);
    }

    #[test]
    fn dates_are_parsed_strictly() {
        assert_eq!(parse_date("2024-02-29").unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        for bad in ["2023-02-29", "2024-2-1", "20240201", "2024/02/01", "", "2024-02-01x"] {
            assert_eq!(parse_date(bad).unwrap_err().code(), Code::DateForm, "{bad}");
        }
    }
}
