//! The working-day calendar (工作日) and the deadlines computed with it.
//!
//! The ordinary week has five workdays, Monday to Friday, and Saturday and Sunday as rest days
//! (国务院关于职工工作时间的规定 第三条、第七条). Each year the State Council General Office
//! publishes the holiday schedule (国务院办公厅关于某年部分节假日安排的通知) under the
//! 全国年节及纪念日放假办法: weekdays that are days off, and weekend days that are worked
//! instead (调休上班). A year's schedule is known only once published, so a date in a year the
//! calendar does not cover is an error (`calendar_year_not_covered`), never a guess.
//!
//! The schedule for 2004–2026 ships with the program (`data/holiday-schedule.tsv`); an
//! administrator adds a newly published year (or corrects one) without a rebuild, and the
//! imported years override the shipped ones.
//!
//! Counting rules:
//! - A period "within N workdays of D" ends on the Nth workday after D: the day the period
//!   starts from does not count (民法典 第二百零一条: 按照年、月、日、小时计算期间的，开始的当日不计入).
//! - A calendar-day period whose last day is a rest day ends on the first workday after it
//!   (民法典 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日).

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
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

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
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
        match (kind, is_weekend(date)) {
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

impl Default for Calendar {
    fn default() -> Self {
        Calendar::builtin()
    }
}

impl Calendar {
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

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    fn year(&self, d: NaiveDate) -> Result<&HashMap<NaiveDate, DayKind>> {
        self.years.get(&d.year()).ok_or_else(|| Error::new(Code::CalendarYearNotCovered).with("year", d.year()))
    }

    /// True when `d` is a workday under the official schedule.
    pub fn is_workday(&self, d: NaiveDate) -> Result<bool> {
        Ok(match self.year(d)?.get(&d) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !is_weekend(d),
        })
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
    /// is checked before anything is returned.
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
    fn uncovered_years_are_an_error_not_a_guess() {
        let c = cal();
        let e = c.is_workday(d("2027-01-04")).unwrap_err();
        assert_eq!(e.code(), Code::CalendarYearNotCovered);
        assert_eq!(e.detail("year"), Some("2027"));
        assert_eq!(c.is_workday(d("2003-06-02")).unwrap_err().code(), Code::CalendarYearNotCovered);
        // A deadline that runs into 2027 fails too.
        assert_eq!(c.add_workdays(d("2026-12-20"), 20).unwrap_err().code(), Code::CalendarYearNotCovered);
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
