//! Entities on the command line.
//!
//! - `shijian entity show USCC [--json]`: the register's record and its history.
//! - `shijian import entities FILE [--skip-invalid] [--report PATH]`: registers the rows of an
//!   xlsx/csv/tsv file (header: the API's field names, see [`shijian_app::import::COLUMNS`], or
//!   the usual Chinese headers). Every bad row is reported with its line and reason; the file is
//!   imported whole or not at all unless `--skip-invalid`, which imports the good rows and
//!   writes the refused ones to a report (`FILE.report.csv` by default).
//! - `shijian export entities [--division CODE] FILE`: the public columns, xlsx or csv by the
//!   file's extension, header row first.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use shijian_app::Registry;
use shijian_app::import::{COLUMNS, Header, ImportReport, export_row, import_entities};
use shijian_core::event::{Actor, Role};
use shijian_core::{Code, DivisionCode, Error, Lang};

use super::{Ctx, progress};
use crate::{Outcome, tabular};

#[derive(Subcommand)]
pub enum EntityCommand {
    /// An entity's registration and history. 查看市场主体登记信息及历史。
    Show {
        uscc: String,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Register entities from a spreadsheet. 从表格批量导入市场主体。
    Entities {
        file: PathBuf,
        /// Import the valid rows and report the others. 跳过不合规的行。
        #[arg(long)]
        skip_invalid: bool,
        /// Where to write the refused rows (default: FILE.report.csv). 报告文件。
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Take in complaints and reports received through another channel (all rows or none).
    /// 批量导入其他渠道收到的投诉举报。
    Complaints { file: PathBuf },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Export the register's public columns. 导出市场主体公示信息。
    Entities {
        /// Only entities registered by offices inside this division. 仅导出该区划内登记机关的主体。
        #[arg(long)]
        division: Option<String>,
        file: PathBuf,
    },
    /// Export complaints and reports for the monthly report (xlsx or csv by extension).
    /// 导出投诉举报（月报）。
    Complaints {
        /// Only those of offices inside this division. 仅导出该区划内处理机关的投诉举报。
        #[arg(long)]
        division: Option<String>,
        file: PathBuf,
    },
    /// Export enforcement matters (clues and cases) for the monthly statistics (xlsx or csv by
    /// extension). 导出行政执法案件（月度统计）。
    Cases {
        /// Only those of offices inside this division (default: the province).
        /// 仅导出该区划内办案机关的案件。
        #[arg(long)]
        division: Option<String>,
        file: PathBuf,
    },
}

pub async fn show(ctx: &Ctx, c: EntityCommand) -> anyhow::Result<Outcome> {
    let EntityCommand::Show { uscc, json } = c;
    let store = ctx.open_migrated().await?;
    let registry = Registry::new(&store);
    let state = registry.entity(&uscc).await?;
    let history = registry.history(&uscc).await?;
    if json {
        let events: Vec<serde_json::Value> = history
            .iter()
            .map(|e| serde_json::json!({"index": e.index, "id": e.id, "kind": e.kind, "occurred_at": e.occurred_at}))
            .collect();
        println!("{}", serde_json::json!({"entity": state, "history": events}));
        return Ok(Outcome::Success);
    }
    let e = &state.entity;
    println!("统一社会信用代码 uscc\t{}", e.uscc);
    println!("名称 name\t{}", e.name);
    println!("类型 kind\t{}\t{}", e.kind.zh(), e.kind.as_str());
    println!("法定代表人/负责人 representative\t{}", e.representative);
    if let Some(c) = &e.capital {
        println!("注册资本 capital\t{c} 万{}", e.currency);
    }
    println!("成立日期 established_on\t{}", e.established_on);
    println!("登记机关 authority\t{}\t{}", e.authority, e.authority.full_name());
    println!("住所 address\t{}", e.address);
    println!("经营范围 scope\t{}", e.scope_text);
    println!("登记状态 status\t{}\t{}", state.status.zh(), state.status.as_str());
    for f in &state.former_names {
        println!("曾用名 former_name\t{}\t{}", f.name, f.until);
    }
    for ev in history {
        println!("history\t{}\t{}\t{}", ev.index, shijian_core::calendar::legal_day_text(&ev.occurred_at), ev.kind);
    }
    Ok(Outcome::Success)
}

pub async fn import(ctx: &Ctx, c: ImportCommand) -> anyhow::Result<Outcome> {
    let (file, skip_invalid, report) = match c {
        ImportCommand::Entities { file, skip_invalid, report } => (file, skip_invalid, report),
        ImportCommand::Complaints { file } => return super::complaints::import(ctx, file).await,
    };
    let rows = tabular::read_rows(&file)?;
    let mut rows = rows.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let (_, header) = rows.next().ok_or_else(|| Error::new(Code::FileEmpty))?;
    let header = Header::parse(&header)?;
    let parsed: Vec<_> = rows.map(|(line, cells)| (line, header.entity(&cells))).collect();
    if parsed.is_empty() {
        return Err(Error::new(Code::FileEmpty).into());
    }
    let store = ctx.open_migrated().await?;
    // The command line acts for the administration as a whole (an office's import is
    // authorised by the server per office).
    let actor = Actor { role: Role::System, office: None, pseudonym: Some("import".into()) };
    let bar = progress(parsed.len() as u64, "检查 checking");
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    let result =
        import_entities(&store, &actor, parsed, skip_invalid, today, chrono::Utc::now(), |n| bar.set_position(n))
            .await?;
    bar.finish_and_clear();
    for (line, e) in &result.rejected {
        eprintln!("第{line}行 line {line}\t[{}]\t{}\t{}", e.code().as_str(), e.message(Lang::Zh), e.message(Lang::En));
    }
    if result.aborted {
        let (line, first) = &result.rejected[0];
        return Err(Error::new(Code::ImportInvalidRows)
            .with("count", result.rejected.len())
            .with("line", line)
            .with("reason", first.message(Lang::Zh))
            .into());
    }
    if !result.rejected.is_empty() {
        let path = report.unwrap_or_else(|| report_path(&file));
        write_report(&path, &result)?;
        eprintln!("报告 report\t{}", path.display());
    }
    println!("imported\t{}\trejected\t{}", result.imported, result.rejected.len());
    Ok(Outcome::Success)
}

fn report_path(file: &Path) -> PathBuf {
    let mut name = file.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".report.csv");
    file.with_file_name(name)
}

fn write_report(path: &Path, report: &ImportReport) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(path).with_context(|| format!("writing {}", path.display()))?;
    w.write_record(["line", "code", "message_zh", "message_en"])?;
    for (line, e) in &report.rejected {
        w.write_record([line.to_string(), e.code().as_str().to_string(), e.message(Lang::Zh), e.message(Lang::En)])?;
    }
    w.flush()?;
    Ok(())
}

/// Rows per sheet in an xlsx export (Excel's limit is 1,048,576 including the header).
const XLSX_SHEET_ROWS: u32 = 1_000_000;

pub async fn export(ctx: &Ctx, c: ExportCommand) -> anyhow::Result<Outcome> {
    let (division, file) = match c {
        ExportCommand::Entities { division, file } => (division, file),
        ExportCommand::Complaints { division, file } => return super::complaints::export(ctx, division, &file).await,
        ExportCommand::Cases { division, file } => return super::cases::export(ctx, division, &file).await,
    };
    let division = division.map(|d| DivisionCode::parse(&d)).transpose()?;
    let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if ext != "csv" && ext != "xlsx" {
        return Err(Error::new(Code::FileFormatUnsupported).with("extension", ext).into());
    }
    let store = ctx.open_migrated().await?;
    let total = store.entity_count().await?;
    let bar = progress(total, "导出 exporting");
    let mut sink: Box<dyn Sink> =
        if ext == "csv" { Box::new(CsvSink::new(&file)?) } else { Box::new(XlsxSink::new("entities")) };
    sink.row(COLUMNS.iter().map(|s| s.to_string()).collect())?;
    let mut after: Option<String> = None;
    let mut n = 0u64;
    loop {
        let page = store.entities_page(division, after.as_deref(), 10_000).await?;
        let Some(last) = page.last() else { break };
        after = Some(last.state.entity.uscc.to_string());
        for row in &page {
            sink.row(export_row(&row.state))?;
        }
        n += page.len() as u64;
        bar.set_position(n);
    }
    sink.finish(&file)?;
    bar.finish_and_clear();
    println!("exported\t{n}\t{}", file.display());
    Ok(Outcome::Success)
}

pub(crate) trait Sink {
    fn row(&mut self, cells: Vec<String>) -> anyhow::Result<()>;
    fn finish(self: Box<Self>, path: &Path) -> anyhow::Result<()>;
}

pub(crate) struct CsvSink(csv::Writer<std::fs::File>);

impl CsvSink {
    pub(crate) fn new(path: &Path) -> anyhow::Result<CsvSink> {
        let mut f = std::fs::File::create(path).with_context(|| format!("writing {}", path.display()))?;
        // A byte-order mark, so that spreadsheet programs read the file as UTF-8.
        std::io::Write::write_all(&mut f, b"\xEF\xBB\xBF")?;
        Ok(CsvSink(csv::Writer::from_writer(f)))
    }
}

impl Sink for CsvSink {
    fn row(&mut self, cells: Vec<String>) -> anyhow::Result<()> {
        self.0.write_record(&cells)?;
        Ok(())
    }
    fn finish(mut self: Box<Self>, _: &Path) -> anyhow::Result<()> {
        self.0.flush()?;
        Ok(())
    }
}

pub(crate) struct XlsxSink {
    name: &'static str,
    book: rust_xlsxwriter::Workbook,
    header: Vec<String>,
    row: u32,
    sheets: usize,
}

impl XlsxSink {
    /// Sheets are named `<name>1`, `<name>2`, … (a sheet holds at most a million rows).
    pub(crate) fn new(name: &'static str) -> XlsxSink {
        XlsxSink { name, book: rust_xlsxwriter::Workbook::new(), header: Vec::new(), row: 0, sheets: 0 }
    }

    fn sheet(&mut self) -> anyhow::Result<&mut rust_xlsxwriter::Worksheet> {
        let n = self.book.worksheets().len();
        Ok(self.book.worksheet_from_index(n.saturating_sub(1))?)
    }
}

impl Sink for XlsxSink {
    fn row(&mut self, cells: Vec<String>) -> anyhow::Result<()> {
        if self.header.is_empty() {
            self.header = cells.clone();
        }
        if self.sheets == 0 || self.row >= XLSX_SHEET_ROWS {
            // Constant memory: rows are written to a temporary file as they come.
            let sheet = self.book.add_worksheet_with_constant_memory()?;
            self.sheets += 1;
            sheet.set_name(format!("{}{}", self.name, self.sheets))?;
            self.row = 0;
            if self.sheets > 1 {
                let header = self.header.clone();
                let sheet = self.sheet()?;
                for (c, v) in header.iter().enumerate() {
                    sheet.write_string(0, c as u16, v)?;
                }
                self.row = 1;
            }
        }
        let r = self.row;
        let sheet = self.sheet()?;
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, v)?;
        }
        self.row += 1;
        Ok(())
    }
    fn finish(mut self: Box<Self>, path: &Path) -> anyhow::Result<()> {
        self.book.save(path).with_context(|| format!("writing {}", path.display()))?;
        Ok(())
    }
}
