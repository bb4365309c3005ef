//! `shijian credit`: the credit file's jobs and the public view, and `shijian search`.
//!
//! - `credit classify [--as-of DATE]`: recomputes every entity's risk class (A–D) and records
//!   the changes; prints `entities\tchanged\tA\tB\tC\tD\tseconds\tmodel`.
//! - `credit list-missing-reports --year Y [--on DATE]`: after 30 June, lists every entity
//!   missing the report of year Y as abnormal; prints the number listed.
//! - `credit due-moves [--on DATE]`: the lists' scheduled moves; prints how many were recorded.
//! - `credit show USCC [--json]`: the public credit file.
//! - `credit worklist [--division CODE] [--on DATE] [--json]`: repair requests and objections
//!   waiting for the office, most urgent first, one per line
//!   `due\toverdue\tmatter\tstep\treference\tuscc\tname`.
//! - `search QUERY [--limit N] [--json]`: entities by code or name words, one per line
//!   `uscc\tname\tkind\tstatus\tdivision`.

use std::time::Instant;

use clap::Subcommand;
use shijian_app::credit::{Credit, public_file};
use shijian_core::credit::classify::Model;
use shijian_core::event::{Actor, Role};

use super::{Ctx, progress as bar};
use crate::Outcome;

#[derive(Subcommand)]
pub enum CreditCommand {
    /// Recompute every entity's credit risk class (国市监信发〔2022〕6号). 信用风险分类。
    Classify {
        /// The day classified (default: today). 分类日期。
        #[arg(long)]
        as_of: Option<String>,
    },
    /// List entities missing an annual report as abnormal (after 30 June). 未年报列异。
    ListMissingReports {
        #[arg(long)]
        year: i32,
        /// The day of the listing decision (default: today). 列入日期。
        #[arg(long)]
        on: Option<String>,
    },
    /// The scheduled list moves on a day: serious entries ending, abnormal entries moving to the
    /// serious list after 3 years, reminders. 名单到期处理。
    DueMoves {
        /// The day (default: today). 日期。
        #[arg(long)]
        on: Option<String>,
    },
    /// Repair requests and objections waiting for the office, with their due days. 待办事项。
    Worklist {
        /// Only inside this division (default: the whole province). 辖区。
        #[arg(long)]
        division: Option<String>,
        /// The day overdue is judged on (default: today). 日期。
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The public credit file of an entity. 企业信用信息公示。
    Show {
        uscc: String,
        #[arg(long)]
        json: bool,
    },
}

fn day(s: &Option<String>) -> anyhow::Result<chrono::NaiveDate> {
    Ok(match s {
        Some(d) => shijian_core::parse_date(d)?,
        None => shijian_core::calendar::legal_date(chrono::Utc::now()),
    })
}

/// The command line acts for the provincial credit office.
fn credit_office() -> anyhow::Result<Actor> {
    Ok(Actor {
        role: Role::CreditOfficer,
        office: Some(shijian_core::DivisionCode::parse("420000")?),
        pseudonym: Some("cli".into()),
    })
}

pub async fn run(ctx: &Ctx, c: CreditCommand) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    let credit = Credit::new(&store);
    match c {
        CreditCommand::Classify { as_of } => {
            let as_of = day(&as_of)?;
            let model = Model::builtin()?;
            let started = Instant::now();
            let progress = bar(store.entity_count().await?, "分类 classifying");
            let report = credit
                .classify_all(&credit_office()?, &model, as_of, chrono::Utc::now(), |n| progress.set_position(n))
                .await?;
            progress.finish_and_clear();
            let [a, b, c, d] = report.classes;
            println!(
                "{}\t{}\t{a}\t{b}\t{c}\t{d}\t{:.1}\t{}",
                report.entities,
                report.changed,
                started.elapsed().as_secs_f64(),
                report.model_version
            );
        }
        CreditCommand::ListMissingReports { year, on } => {
            let on = day(&on)?;
            let progress = bar(store.entity_count().await?, "列异 listing");
            let n = credit
                .list_missing_reports(&credit_office()?, year, on, chrono::Utc::now(), |n| progress.set_position(n))
                .await?;
            progress.finish_and_clear();
            println!("{n}");
        }
        CreditCommand::DueMoves { on } => {
            let on = day(&on)?;
            let progress = bar(store.entity_count().await?, "到期 due");
            let n =
                credit.run_due_moves(&credit_office()?, on, chrono::Utc::now(), |n| progress.set_position(n)).await?;
            progress.finish_and_clear();
            println!("{n}");
        }
        CreditCommand::Worklist { division, on, json } => {
            let division = division.as_deref().map(shijian_core::DivisionCode::parse).transpose()?;
            for w in credit.worklist(&credit_office()?, division, day(&on)?).await? {
                if json {
                    println!("{}", serde_json::to_string(&w)?);
                } else {
                    // The last column: `provisional` when the due day counts a provisional
                    // year, or why it cannot be counted.
                    let note = match (&w.matter.uncounted, w.matter.provisional) {
                        (Some(u), _) => format!("{} {}", u.text(false), u.text(true)),
                        (None, true) => "provisional".to_string(),
                        (None, false) => String::new(),
                    };
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{note}",
                        w.matter.due.map(|d| d.to_string()).unwrap_or_default(),
                        if w.overdue { "逾期 overdue" } else { "" },
                        w.matter.matter.zh(),
                        w.matter.step.zh(),
                        w.matter.reference,
                        w.uscc,
                        w.name
                    );
                }
            }
        }
        CreditCommand::Show { uscc, json } => {
            let file = public_file(&store, &uscc, shijian_core::calendar::legal_date(chrono::Utc::now())).await?;
            if json {
                println!("{}", serde_json::to_string(&file)?);
            } else {
                let e = &file.entity.entity;
                println!("{}\t{}\t{}\t{}", e.uscc, e.name, file.entity.status.zh(), e.kind.zh());
                for r in &file.annual_reports {
                    println!(
                        "年报 annual_report\t{}\t{}\t{}",
                        r["year"],
                        r["filed_on"],
                        if r["late"] == true { "补报 late" } else { "" }
                    );
                }
                for a in &file.abnormal {
                    println!("经营异常 abnormal\t{}\t{}", a["kind"], a["data"]);
                }
                for s in &file.serious {
                    println!("严重违法失信 serious\t{}\t{}", s["kind"], s["data"]);
                }
                for h in &file.history {
                    println!("history\t{}\t{}\t{}\t{}", h.index, h.day, h.kind, h.basis);
                }
            }
        }
    }
    Ok(Outcome::Success)
}

pub async fn search(ctx: &Ctx, query: &str, limit: usize, json: bool) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    let hits = shijian_app::search::search(&store, query, limit).await?;
    for h in &hits {
        if json {
            println!("{}", serde_json::to_string(h)?);
        } else {
            println!("{}\t{}\t{}\t{}\t{}", h.uscc, h.name, h.kind, h.status, h.division);
        }
    }
    Ok(Outcome::Success)
}
