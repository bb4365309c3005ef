//! Reading the spreadsheets offices exchange: TSV, CSV (UTF-8, with or without BOM) and XLSX
//! (the first sheet), chosen by the file's extension, into numbered rows of text cells.
//!
//! Line numbers are those a person sees: the first row is line 1.

use std::path::Path;

use calamine::{Data, Reader};
use shijian_core::{Code, Error, Result};

/// A row with its line number.
pub type Row = (usize, Vec<String>);

fn unreadable(path: &Path, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::FileUnreadable).with("path", path.display()).with("reason", reason)
}

/// Reads every row of the file.
pub fn read_rows(path: &Path) -> Result<Vec<Row>> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    match ext.as_str() {
        "tsv" | "txt" => {
            let text = read_text(path)?;
            Ok(shijian_core::calendar::tsv_rows(&text))
        }
        "csv" => {
            let text = read_text(path)?;
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for (i, record) in reader.records().enumerate() {
                let record = record.map_err(|e| unreadable(path, e).with("line", i + 1))?;
                let line = record.position().map(|p| p.line() as usize).unwrap_or(i + 1);
                rows.push((line, record.iter().map(str::to_string).collect()));
            }
            Ok(rows)
        }
        "xlsx" | "xlsm" | "xls" | "ods" => {
            let mut workbook = calamine::open_workbook_auto(path).map_err(|e| unreadable(path, e))?;
            let range = workbook
                .worksheet_range_at(0)
                .ok_or_else(|| Error::new(Code::FileEmpty))?
                .map_err(|e| unreadable(path, e))?;
            let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
            Ok(range
                .rows()
                .enumerate()
                .map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell_text).collect()))
                .collect())
        }
        other => Err(Error::new(Code::FileFormatUnsupported).with("extension", other)),
    }
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|_| unreadable(path, "not UTF-8 text (save it as UTF-8)"))
}

/// A cell as the text a person sees: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            // Excel's serial day 0 is 1899-12-30 (with the 1900 leap-year bug folded in).
            let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
            let days = dt.as_f64().floor() as i64;
            base.checked_add_signed(chrono::TimeDelta::days(days)).map(|d| d.to_string()).unwrap_or_default()
        }
        other => other.to_string(),
    }
}
