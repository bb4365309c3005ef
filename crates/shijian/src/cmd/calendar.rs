//! `shijian calendar …`: workdays under the official holiday schedule.

use std::path::PathBuf;

use clap::Subcommand;
use shijian_core::calendar::parse_schedule_rows;
use shijian_core::parse_date;

use super::{Ctx, source_name};
use crate::{Outcome, tabular};

#[derive(Subcommand)]
pub enum CalendarCommand {
    /// Print `YYYY-MM-DD\t1` (workday) or `\t0` (rest day) for every date of a range.
    Workdays {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
    /// Print the date N workdays after DATE (DATE itself does not count).
    AddWorkdays { date: String, n: u32 },
    /// Print the number of workdays after FROM up to and including TO.
    Between { from: String, to: String },
    /// Print the last day of a period of DAYS calendar days from DATE, moved to the next
    /// workday when it falls on a rest day.
    PeriodEnd { date: String, days: u32 },
    /// List the years covered: `YYYY\tshipped` or `YYYY\timported\t<source>`.
    Years,
    /// Import a newly published year (or a correction) from a TSV, CSV or XLSX file with the
    /// columns date, kind (holiday|workday) and holiday name; replaces those years.
    Import { file: PathBuf },
}

pub async fn run(ctx: &Ctx, cmd: CalendarCommand) -> anyhow::Result<Outcome> {
    match cmd {
        CalendarCommand::Workdays { from, to } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            let days = ctx.calendar().await?.days(from, to)?;
            let mut out = String::with_capacity(days.len() * 13);
            for (d, w) in days {
                out.push_str(&format!("{d}\t{}\n", u8::from(w)));
            }
            print!("{out}");
        }
        CalendarCommand::AddWorkdays { date, n } => {
            let date = parse_date(&date)?;
            println!("{}", ctx.calendar().await?.add_workdays(date, n)?);
        }
        CalendarCommand::Between { from, to } => {
            let (from, to) = (parse_date(&from)?, parse_date(&to)?);
            println!("{}", ctx.calendar().await?.workdays_between(from, to)?);
        }
        CalendarCommand::PeriodEnd { date, days } => {
            let date = parse_date(&date)?;
            println!("{}", ctx.calendar().await?.calendar_period_end(date, days)?);
        }
        CalendarCommand::Years => {
            let imported =
                if ctx.has_database() { ctx.open_migrated().await?.imported_calendar().await? } else { Vec::new() };
            for year in ctx.calendar().await?.years() {
                match imported.iter().find(|y| y.schedule.year == year) {
                    Some(y) => println!("{year}\timported\t{}", super::field(&y.source)),
                    None => println!("{year}\tshipped"),
                }
            }
        }
        CalendarCommand::Import { file } => {
            let years = parse_schedule_rows(tabular::read_rows(&file)?)?;
            let store = ctx.open_migrated().await?;
            store.import_calendar(&years, &source_name(&file)).await?;
            for y in &years {
                let holidays = y.entries.iter().filter(|e| e.kind == shijian_core::calendar::DayKind::Holiday).count();
                println!("{}\t{} holidays\t{} adjusted workdays", y.year, holidays, y.entries.len() - holidays);
            }
        }
    }
    Ok(Outcome::Success)
}
