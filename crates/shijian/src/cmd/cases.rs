//! Enforcement from the command line: the monthly statistics export.

use std::path::Path;

use shijian_app::case::{Cases, ExportRow};
use shijian_core::event::{Actor, Role};
use shijian_core::{Code, DivisionCode, Error};

use super::entity::{CsvSink, Sink, XlsxSink};
use super::{Ctx, progress};
use crate::Outcome;

fn operator() -> Actor {
    Actor { role: Role::System, office: None, pseudonym: Some("cli".into()) }
}

/// `shijian export cases FILE`: every matter of the offices inside `division` (the province by
/// default), one row each, dates as YYYY-MM-DD and empty where not reached (xlsx or csv by the
/// file's extension).
pub async fn export(ctx: &Ctx, division: Option<String>, file: &Path) -> anyhow::Result<Outcome> {
    let division = match division {
        Some(d) => DivisionCode::parse(&d)?,
        None => DivisionCode::parse("420000")?,
    };
    let ext = file.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if ext != "csv" && ext != "xlsx" {
        return Err(Error::new(Code::FileFormatUnsupported).with("extension", ext).into());
    }
    let store = ctx.open_migrated().await?;
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    let rows = Cases::new(&store).export(&operator(), division, today).await?;
    let bar = progress(rows.len() as u64, "导出 exporting");
    let mut sink: Box<dyn Sink> =
        if ext == "csv" { Box::new(CsvSink::new(file)?) } else { Box::new(XlsxSink::new("cases")) };
    sink.row(ExportRow::HEADER.iter().map(|s| s.to_string()).collect())?;
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
