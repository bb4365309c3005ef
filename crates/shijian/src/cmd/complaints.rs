//! `shijian export complaints`, `shijian import complaints` and `shijian complaints …`: the
//! offices' monthly spreadsheets, another channel's records taken in, the handlers' worklist
//! and the daily ODR job.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::Subcommand;
use shijian_app::complaints::{Complaints, ExportRow, analysis};
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party, Vocabulary, categories};
use shijian_core::event::{Actor, Role};
use shijian_core::{Code, DivisionCode, Error, Lang, parse_date};

use super::entity::{CsvSink, Sink, XlsxSink};
use super::{Ctx, field, progress};
use crate::{Outcome, tabular};

#[derive(Subcommand)]
pub enum ComplaintsCommand {
    /// The open work of offices inside a division, the most urgent first. 待办投诉举报及期限。
    Worklist {
        #[arg(long, default_value = "420000")]
        division: String,
        /// The day to count from (default: today). 计算日期。
        #[arg(long)]
        today: Option<String>,
    },
    /// Send on to the offices the ODR complaints left unanswered for 10 workdays (daily job).
    /// 将ODR企业逾期未处理的投诉转交监管部门。
    EscalateOverdue {
        #[arg(long)]
        today: Option<String>,
    },
    /// The daily analysis: trends by category, region, problem and business, unusual rises
    /// against the seasonal baseline with draft consumer warnings; `--out` writes the tables
    /// (xlsx or csv). 投诉举报趋势分析与消费警示草稿。
    Analyse {
        #[arg(long, default_value = "420000")]
        division: String,
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Flag case clues from repeated complaints (诉转案, daily job). 诉转案线索筛查。
    FlagClues {
        #[arg(long)]
        today: Option<String>,
    },
    /// The case clues of offices inside a division, with their check's due day. 案件线索及核查期限。
    Clues {
        #[arg(long, default_value = "420000")]
        division: String,
        #[arg(long)]
        today: Option<String>,
        /// Include clues already checked. 包括已处理线索。
        #[arg(long)]
        all: bool,
    },
}

fn operator() -> Actor {
    Actor { role: Role::System, office: None, pseudonym: Some("cli".into()) }
}

fn today(arg: Option<&str>) -> anyhow::Result<NaiveDate> {
    Ok(match arg {
        Some(d) => parse_date(d)?,
        None => shijian_core::calendar::legal_date(chrono::Utc::now()),
    })
}

pub async fn run(ctx: &Ctx, c: ComplaintsCommand) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    let me = Complaints::new(&store);
    match c {
        ComplaintsCommand::Worklist { division, today: day } => {
            let division = DivisionCode::parse(&division)?;
            let today = today(day.as_deref())?;
            let items = me.worklist(&operator(), division, today).await?;
            println!("id\tkind\tstatus\toffice\treceived_on\tdue\tworkdays_left\toverdue\tprovisional");
            for w in &items {
                let s = &w.complaint;
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    s.id,
                    s.kind().as_str(),
                    s.status.as_str(),
                    s.office,
                    s.received_on,
                    w.deadlines.current.map(|d| d.to_string()).unwrap_or_default(),
                    w.workdays_left.map(|d| d.to_string()).unwrap_or_default(),
                    if w.overdue { "overdue" } else { "" },
                    if w.deadlines.provisional { "provisional" } else { "" }
                );
            }
            eprintln!("待办 open\t{}\t逾期 overdue\t{}", items.len(), items.iter().filter(|w| w.overdue).count());
        }
        ComplaintsCommand::EscalateOverdue { today: day } => {
            let today = today(day.as_deref())?;
            let n = me.escalate_overdue(&operator(), today, chrono::Utc::now()).await?;
            println!("escalated\t{n}");
        }
        ComplaintsCommand::Analyse { division, today: day, out } => {
            let division = DivisionCode::parse(&division)?;
            let today = today(day.as_deref())?;
            let started = std::time::Instant::now();
            let a = analysis::analyse(&store, division, today).await?;
            let seconds = started.elapsed().as_secs_f64();
            println!("read\t{}\tseconds\t{seconds:.2}\tbaseline_years\t{}", a.read, a.baseline_years);
            println!(
                "window\t{}\t{}\tcomplaints\t{}",
                a.window.0,
                a.window.1,
                a.total.counts.last().copied().unwrap_or(0)
            );
            for alert in &a.alerts {
                println!(
                    "alert\t{}\t{}\t{}\tobserved\t{}\texpected\t{:.1}\tratio\t{:.2}",
                    alert.series.region,
                    alert.series.category.as_deref().or(alert.series.problem.as_deref()).unwrap_or(""),
                    alert.label,
                    alert.verdict.observed,
                    alert.verdict.expected,
                    alert.verdict.ratio
                );
            }
            if let Some(out) = out {
                write_analysis(&a, &out)?;
                println!("written\t{}", out.display());
            }
        }
        ComplaintsCommand::FlagClues { today: day } => {
            let today = today(day.as_deref())?;
            let flagged = me.flag_clues(&operator(), today, chrono::Utc::now()).await?;
            for f in &flagged {
                println!("{}\t{}\t{}\t{}\t{}", f.id, f.entity, f.rule.as_str(), f.office, f.complaints.len());
            }
            println!("flagged\t{}", flagged.len());
        }
        ComplaintsCommand::Clues { division, today: day, all } => {
            let division = DivisionCode::parse(&division)?;
            let today = today(day.as_deref())?;
            println!("id\tentity\trule\tproblem\toffice\tcomplaints\tflagged_on\tdue\toverdue\tdecided\tprovisional");
            for c in me.clues(&operator(), division, !all, today).await? {
                let f = &c.clue.flagged;
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    f.id,
                    f.entity,
                    f.rule.as_str(),
                    f.problem.as_deref().unwrap_or(""),
                    f.office,
                    f.complaints.len(),
                    f.on,
                    c.due.map(|d| d.to_string()).unwrap_or_default(),
                    if c.overdue { "overdue" } else { "" },
                    c.clue.decided.as_ref().map_or(String::new(), |d| if d.filed {
                        "filed".into()
                    } else {
                        "not_filed".into()
                    }),
                    if c.due_provisional { "provisional" } else { "" }
                );
            }
        }
    }
    Ok(Outcome::Success)
}

/// `shijian export complaints FILE`: every complaint and report of offices inside the division.
pub async fn export(ctx: &Ctx, division: Option<String>, file: &Path) -> anyhow::Result<Outcome> {
    let division = division.map(|d| DivisionCode::parse(&d)).transpose()?;
    let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if ext != "csv" && ext != "xlsx" {
        return Err(Error::new(Code::FileFormatUnsupported).with("extension", ext).into());
    }
    let store = ctx.open_migrated().await?;
    let rows = Complaints::new(&store).export(&operator(), division).await?;
    let bar = progress(rows.len() as u64, "导出 exporting");
    let mut sink: Box<dyn Sink> =
        if ext == "csv" { Box::new(CsvSink::new(file)?) } else { Box::new(XlsxSink::new("complaints")) };
    sink.row(ExportRow::COLUMNS.iter().map(|s| s.to_string()).collect())?;
    for (i, row) in rows.iter().enumerate() {
        sink.row(row.cells())?;
        if i % 10_000 == 0 {
            bar.set_position(i as u64);
        }
    }
    sink.finish(file)?;
    bar.finish_and_clear();
    println!("exported\t{}\t{}", rows.len(), file.display());
    Ok(Outcome::Success)
}

/// Writes the analysis's tables: one row per series and month, then the alerts with their
/// drafts.
fn write_analysis(a: &analysis::Analysis, file: &Path) -> anyhow::Result<()> {
    let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    let mut sink: Box<dyn Sink> = match ext.as_str() {
        "csv" => Box::new(CsvSink::new(file)?),
        "xlsx" => Box::new(XlsxSink::new("analysis")),
        _ => return Err(Error::new(Code::FileFormatUnsupported).with("extension", ext).into()),
    };
    let mut header: Vec<String> = ["分组 table", "代码 key", "名称 name"].iter().map(|s| s.to_string()).collect();
    header.extend(a.months.iter().cloned());
    header.extend(["近12个月 last 12 months".to_string(), "上年同期 12 months before".to_string()]);
    let width = header.len();
    sink.row(header)?;
    // Every row as wide as the header (CSV readers expect it).
    let mut row = |mut cells: Vec<String>| {
        cells.resize(width.max(cells.len()), String::new());
        sink.row(cells)
    };
    let tables: [(&str, &[analysis::Trend]); 4] = [
        ("合计 total", std::slice::from_ref(&a.total)),
        ("类别 category", &a.by_category),
        ("地区 region", &a.by_region),
        ("问题 problem", &a.by_problem),
    ];
    for (table, rows) in tables {
        for t in rows {
            let mut cells = vec![table.to_string(), t.key.clone(), format!("{} {}", t.zh, t.en)];
            cells.extend(t.counts.iter().map(u64::to_string));
            cells.extend([t.last_year.to_string(), t.year_before.to_string()]);
            row(cells)?;
        }
    }
    for e in &a.top_entities {
        row(vec![
            "经营者 business".into(),
            e.uscc.clone(),
            format!("近28日 {} / 此前月均 {:.1} / 近一年 {}", e.current, e.usual, e.last_year),
        ])?;
    }
    for alert in &a.alerts {
        row(vec![
            "异常上升 unusual rise".into(),
            alert.series.category.clone().or(alert.series.problem.clone()).unwrap_or_default(),
            alert.label.clone(),
            alert.verdict.observed.to_string(),
            format!("{:.1}", alert.verdict.expected),
            format!("{:.2}", alert.verdict.ratio),
            alert.draft.title.clone(),
            alert.draft.body.clone(),
        ])?;
    }
    sink.finish(file)
}

/// The columns of an import, by English or Chinese header.
const IMPORT_COLUMNS: &[(&str, &str, bool)] = &[
    ("kind", "类型", true),
    ("received_on", "收到日期", true),
    ("name", "投诉举报人", false),
    ("phone", "联系电话", false),
    ("address", "通讯地址", false),
    ("business_name", "被投诉举报对象", true),
    ("business_code", "统一社会信用代码", false),
    ("business_address", "经营地址", false),
    ("place", "消费地", true),
    ("category", "商品服务类别", true),
    ("problem", "问题类别", true),
    ("amount", "涉及金额", false),
    ("occurred_on", "知道受损日期", false),
    ("facts", "事实", true),
    ("request", "诉求", false),
];

/// Reads an import file into intakes, checking every row before anything is written.
pub fn parse_import(path: &Path) -> anyhow::Result<Vec<(Intake, NaiveDate)>> {
    let rows = tabular::read_rows(path)?;
    let mut rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, header) = rows.next().ok_or_else(|| Error::new(Code::FileEmpty))?;
    let mut at = Vec::new();
    for (en, zh, required) in IMPORT_COLUMNS {
        let i = header.iter().position(|h| h.trim() == *en || h.trim() == *zh);
        if i.is_none() && *required {
            return Err(Error::new(Code::ComplaintImportRow)
                .with("line", 1)
                .with("reason", format!("{zh} / {en}"))
                .into());
        }
        at.push(i);
    }
    let mut out = Vec::new();
    for (line, cells) in rows {
        let get = |k: usize| -> Option<String> {
            at[k].and_then(|i| cells.get(i)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
        };
        let row = (|| -> shijian_core::Result<(Intake, NaiveDate)> {
            let category = get(9).unwrap_or_default();
            let problem = get(10).unwrap_or_default();
            let intake = Intake {
                kind: Kind::parse(&get(0).unwrap_or_default())?,
                channel: Channel::Import,
                party: Party { name: get(2), phone: get(3), address: get(4) },
                business: Business { name: get(5).unwrap_or_default(), code: get(6), address: get(7) },
                place: DivisionCode::parse(&get(8).unwrap_or_default())?,
                category: categories::lookup(Vocabulary::Subject, &category)
                    .map_or(category.clone(), |c| c.code.clone()),
                problem: categories::lookup(Vocabulary::Problem, &problem).map_or(problem.clone(), |c| c.code.clone()),
                amount: get(11),
                occurred_on: get(12).map(|d| parse_date(&d)).transpose()?,
                facts: get(13).unwrap_or_default(),
                request: get(14).unwrap_or_default(),
                attachments: Vec::new(),
                consent_to_publish: false,
                odr: false,
            };
            intake.check()?;
            Ok((intake, parse_date(&get(1).unwrap_or_default())?))
        })();
        match row {
            Ok(r) => out.push(r),
            Err(e) => {
                return Err(Error::new(Code::ComplaintImportRow)
                    .with("line", line)
                    .with("reason", format!("[{}] {}", e.code().as_str(), field(&e.message(Lang::Zh))))
                    .into());
            }
        }
    }
    if out.is_empty() {
        return Err(Error::new(Code::FileEmpty).into());
    }
    Ok(out)
}

/// `shijian import complaints FILE`: all rows in one transaction, or none.
pub async fn import(ctx: &Ctx, file: PathBuf) -> anyhow::Result<Outcome> {
    let rows = parse_import(&file)?;
    let store = ctx.open_migrated().await?;
    let n = rows.len();
    let filed = Complaints::new(&store).import(&operator(), rows, chrono::Utc::now()).await?;
    println!("imported\t{n}");
    for f in filed {
        println!("{}\t{}\t{}", f.id, f.office, f.status.as_str());
    }
    Ok(Outcome::Success)
}
