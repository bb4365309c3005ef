//! `shijian calendar …`: workdays under the official holiday schedule, and the provisional one
//! of a year not yet published (every output that counts a provisional day says
//! `\tprovisional`).

use std::path::PathBuf;

use chrono::Datelike;
use clap::Subcommand;
use shijian_core::calendar::parse_schedule_rows;
use shijian_core::parse_date;

use super::{Ctx, source_name};
use crate::{Outcome, tabular};

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Print `YYYY-MM-DD\t1` (workday) or `\t0` (rest day) for every date of a range, followed
    /// by `\tprovisional` for a date of a year whose schedule is not yet published.
    Workdays {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Print the date N workdays after DATE (DATE itself does not count), followed by
    /// `\tprovisional` when a day counted lies in a year whose schedule is not yet published.
    AddWorkdays { date: String, n: u32 },
    /// Print the number of workdays after FROM up to and including TO (`\tprovisional` as above).
    Between { from: String, to: String },
    /// Print the last day of a period of DAYS calendar days from DATE, moved to the next
    /// workday when it falls on a rest day (`\tprovisional` as above).
    PeriodEnd { date: String, days: u32 },
    /// List the years covered: `YYYY\tshipped` or `YYYY\timported\t<source>` for the official
    /// schedules, then `YYYY\tprovisional` for the years after them counted on the provisional
    /// schedule, through the year after the last official one and at least through next year.
    Years,
    /// Import a newly published year (or a correction) from a TSV, CSV or XLSX file with the
    /// columns date, kind (holiday|workday) and holiday name; replaces those years (shipped,
    /// imported or provisional). Each year is a `calendar.year_imported` journal event.
    Import { file: PathBuf },
}

const PROVISIONAL: &str = "\tprovisional";

fn mark(provisional: bool) -> &'static str {
    if provisional { PROVISIONAL } else { "" }
}

pub async fn run(ctx: &Ctx, cmd: CalendarCommand) -> anyhow::Result<Outcome> {
    match cmd {
        CalendarCommand::Workdays { from, to } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let cal = ctx.calendar().await?;
            let days = cal.days(from, to)?;
            let mut out = String::with_capacity(days.len() * 13);
            for (d, w) in days {
                let mark = if cal.is_provisional(d.year()) { PROVISIONAL } else { "" };
                out.push_str(&format!("{d}\t{}{mark}\n", u8::from(w)));
            }
            print!("{out}");
        }
        CalendarCommand::AddWorkdays { date, n } => {
            let date = parse_date(&date)?;
            let due = ctx.calendar().await?.workday_deadline(date, n)?;
            println!("{}{}", due.date, mark(due.provisional));
        }
        CalendarCommand::Between { from, to } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let cal = ctx.calendar().await?;
            let n = cal.workdays_between(from, to)?;
            println!("{n}{}", mark(cal.counts_provisional(from, to)));
        }
        CalendarCommand::PeriodEnd { date, days } => {
            let date = parse_date(&date)?;
            let due = ctx.calendar().await?.period_deadline(date, days)?;
            println!("{}{}", due.date, mark(due.provisional));
        }
        CalendarCommand::Years => {
            let imported =
                if ctx.has_database() { ctx.open_migrated().await?.imported_calendar().await? } else { Vec::new() };
            let cal = ctx.calendar().await?;
            let years = cal.years();
            for &year in &years {
                match imported.iter().find(|y| y.schedule.year == year) {
                    Some(y) => println!("{year}\timported\t{}", super::field(&y.source)),
                    None => println!("{year}\tshipped"),
                }
            }
            let next_year = shijian_core::calendar::legal_date(chrono::Utc::now()).year() + 1;
            let last = years.last().map_or(next_year, |y| (y + 1).max(next_year));
            let first = years.last().map_or(shijian_core::calendar::PROVISIONAL_FIRST_YEAR, |y| y + 1);
            for year in (first..=last).filter(|y| cal.is_provisional(*y)) {
                println!("{year}\tprovisional");
            }
        }
        CalendarCommand::Import { file } => {
            let years = parse_schedule_rows(tabular::read_rows(&file)?)?;
            let store = ctx.open_migrated().await?;
            let operator = shijian_core::event::Actor {
                role: shijian_core::event::Role::System,
                office: None,
                pseudonym: Some("cli".into()),
            };
            store.import_calendar(&operator, &years, &source_name(&file)).await?;
            for y in &years {
                let holidays = y.entries.iter().filter(|e| e.kind == shijian_core::calendar::DayKind::Holiday).count();
                println!("{}\t{} holidays\t{} adjusted workdays", y.year, holidays, y.entries.len() - holidays);
            }
        }
    }
    Ok(Outcome::Success)
}
