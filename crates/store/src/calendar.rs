//! Official holiday schedules (`calendar.year_imported`) in `calendar_year` and
//! `calendar_day`: the fold and the read.

use shijian_core::calendar::YearImported;
use shijian_core::{Code, Error, Result};

use crate::dialect::{Exec, Sql, params};
use crate::{ImportedYear, Store, group_years, kind_from_str};

/// Each year imported replaces what was stored for it (a later import of the same year wins).
/// `imported_at` is when the import was recorded (the event's time), so a rebuild gives the
/// same rows.
pub(crate) async fn apply<E: Exec>(e: &E, years: &[(String, YearImported)]) -> Result<()> {
    for (at, y) in years {
        e.execute("DELETE FROM calendar_year WHERE year = ?", params![y.year]).await?;
        e.execute(
            "INSERT INTO calendar_year (year, source, imported_at) VALUES (?, ?, ?)",
            params![y.year, &y.source, at],
        )
        .await?;
        let rows: Vec<Vec<Sql>> =
            y.entries.iter().map(|d| params![d.date.to_string(), y.year, d.kind.as_str(), &d.name]).collect();
        e.execute_many("INSERT INTO calendar_day (day, year, kind, name) VALUES (?, ?, ?, ?)", &rows).await?;
    }
    Ok(())
}

/// The years imported, each with its days in order.
pub(crate) async fn imported(store: &Store) -> Result<Vec<ImportedYear>> {
    let rows = store.query(IMPORTED, Vec::new()).await?;
    years_of(rows)
}

/// The years imported, as the transaction `e` sees them.
pub(crate) async fn imported_in<E: Exec>(e: &E) -> Result<Vec<ImportedYear>> {
    years_of(e.query(IMPORTED, Vec::new()).await?)
}

const IMPORTED: &str = "SELECT y.year, y.source, d.day, d.kind, d.name
     FROM calendar_year y JOIN calendar_day d ON d.year = y.year ORDER BY d.day";

fn years_of(rows: Vec<crate::dialect::Row>) -> Result<Vec<ImportedYear>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let year = i32::try_from(r.int(0)?).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))?;
        let date =
            shijian_core::parse_date(&r.text(2)?).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))?;
        out.push((year, r.text(1)?, date, kind_from_str(&r.text(3)?)?, r.text(4)?));
    }
    Ok(group_years(out))
}
