//! The use cases' integration tests, each run on SQLite and on PostgreSQL.

mod accounts;
mod case;
mod complaint_analysis;
mod complaints;
mod concurrency;
mod credit;
mod inspection;
mod names;
mod register;

/// What every suite here uses: dates, times and offices from text.
mod support {
    use chrono::{NaiveDate, TimeZone, Utc};
    use shijian_core::DivisionCode;

    pub fn d(s: &str) -> NaiveDate {
        shijian_core::parse_date(s).unwrap()
    }

    /// 09:00 in Beijing on `day`.
    pub fn at(day: &str) -> chrono::DateTime<Utc> {
        Utc.from_utc_datetime(&d(day).and_hms_opt(1, 0, 0).unwrap())
    }

    pub fn office(code: &str) -> DivisionCode {
        DivisionCode::parse(code).unwrap()
    }
}
