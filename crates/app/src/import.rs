//! Registering entities in bulk from a spreadsheet (an office's hand-over, a migration from an
//! older system): every row checked like a single registration — the record on its own, the code
//! not yet registered (nor twice in the file), the name not refused against the register *and*
//! the file's earlier rows — and the valid rows appended in one transaction.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use shijian_core::entity::{Entity, RegistryEvent};
use shijian_core::event::Actor;
use shijian_core::name::Severity;
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error, IndustryCode, Result, Uscc};
use shijian_store::{Expect, Store};
use shijian_text::Text;
use shijian_text::names::{Registered, compare, index_keys, query_keys};

use crate::access::{Action, authorize};
use crate::names::{self, Against, Exclude};
use crate::registry::new_event;

/// The columns of an entity spreadsheet, as the API names the fields. Import needs the first
/// eight; export writes them all.
pub const COLUMNS: &[&str] = &[
    "uscc",
    "name",
    "kind",
    "division",
    "representative",
    "established_on",
    "address",
    "status",
    "capital",
    "currency",
    "industry",
    "scope",
    "scope_text",
    "parent",
];

const REQUIRED: &[&str] = &["uscc", "name", "kind", "division", "representative", "established_on", "address"];

/// Chinese headers accepted for the same columns (as offices' spreadsheets have them).
const ALIASES: &[(&str, &str)] = &[
    ("统一社会信用代码", "uscc"),
    ("名称", "name"),
    ("企业名称", "name"),
    ("主体类型", "kind"),
    ("类型", "kind"),
    ("登记机关", "division"),
    ("登记机关区划", "division"),
    ("法定代表人", "representative"),
    ("负责人", "representative"),
    ("经营者", "representative"),
    ("成立日期", "established_on"),
    ("住所", "address"),
    ("经营场所", "address"),
    ("登记状态", "status"),
    ("注册资本", "capital"),
    ("币种", "currency"),
    ("行业", "industry"),
    ("行业代码", "industry"),
    ("经营范围代码", "scope"),
    ("经营范围", "scope_text"),
    ("隶属企业", "parent"),
];

/// Where each column is in the file.
pub struct Header(HashMap<&'static str, usize>);

impl Header {
    pub fn parse(cells: &[String]) -> Result<Header> {
        let mut map = HashMap::new();
        for (i, c) in cells.iter().enumerate() {
            let c = c.trim().trim_start_matches('\u{feff}');
            let name = COLUMNS
                .iter()
                .copied()
                .find(|k| k.eq_ignore_ascii_case(c))
                .or_else(|| ALIASES.iter().find(|(a, _)| *a == c).map(|(_, k)| *k));
            if let Some(name) = name {
                map.insert(name, i);
            }
        }
        let missing: Vec<&str> = REQUIRED.iter().copied().filter(|k| !map.contains_key(k)).collect();
        if !missing.is_empty() {
            return Err(Error::new(Code::FileHeader)
                .with("expected", REQUIRED.join(","))
                .with("found", cells.join(",")));
        }
        Ok(Header(map))
    }

    fn get<'a>(&self, row: &'a [String], col: &str) -> &'a str {
        self.0.get(col).and_then(|&i| row.get(i)).map(|s| s.trim()).unwrap_or("")
    }

    /// Reads one row into an entity (not yet validated against the rules).
    pub fn entity(&self, row: &[String]) -> Result<Entity> {
        let opt = |col: &str| Some(self.get(row, col)).filter(|s| !s.is_empty()).map(str::to_string);
        let field = |f: &str, e: Error| Error::new(Code::RegistryField).with("field", f.to_string()).with("reason", e);
        let status = self.get(row, "status");
        if !status.is_empty() && status != "active" && status != "存续" {
            return Err(Error::new(Code::RegistryField).with("field", "status").with(
                "reason",
                format!("导入只登记存续的主体，“{status}”请办理相应登记 / only active entities are imported"),
            ));
        }
        Ok(Entity {
            uscc: Uscc::parse(self.get(row, "uscc")).map_err(|e| field("uscc", e))?,
            name: self.get(row, "name").to_string(),
            kind: EntityKind::parse(self.get(row, "kind")).map_err(|e| field("kind", e))?,
            representative: self.get(row, "representative").to_string(),
            capital: opt("capital"),
            currency: opt("currency").unwrap_or_else(|| "CNY".into()),
            established_on: shijian_core::parse_date(self.get(row, "established_on"))
                .map_err(|e| field("established_on", e))?,
            authority: DivisionCode::parse(self.get(row, "division")).map_err(|e| field("division", e))?,
            address: self.get(row, "address").to_string(),
            scope: self
                .get(row, "scope")
                .split([';', '；', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            scope_text: self.get(row, "scope_text").to_string(),
            industry: opt("industry")
                .map(|i| IndustryCode::parse_form(&i))
                .transpose()
                .map_err(|e| field("industry", e))?,
            parent: opt("parent").map(|p| Uscc::parse(&p)).transpose().map_err(|e| field("parent", e))?,
        })
    }
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Rows registered.
    pub imported: usize,
    /// Rows refused: (line, why).
    pub rejected: Vec<(usize, Error)>,
    /// True when invalid rows stopped the whole import (without `skip_invalid`).
    pub aborted: bool,
}

/// Checks every row and, unless a row is invalid and `skip_invalid` is false, registers the
/// valid ones in one append (one transaction: the file is imported whole, or not at all).
/// `progress` is called with the number of rows checked so far.
pub async fn import_entities(
    store: &Store,
    actor: &Actor,
    rows: Vec<(usize, Result<Entity>)>,
    skip_invalid: bool,
    today: NaiveDate,
    at: DateTime<Utc>,
    progress: impl Fn(u64),
) -> Result<ImportReport> {
    let text = Text::shared()?;
    let mut report = ImportReport::default();
    let mut accepted: Vec<Entity> = Vec::new();
    let mut codes = HashSet::new();
    // The file's accepted names, by candidate key, so rows are compared with earlier rows too.
    let mut keyed: HashMap<String, Vec<usize>> = HashMap::new();
    // Each accepted row's code and name must still be free when the file is appended
    // (checked appends: see `shijian_store::checked`).
    let mut expect = Expect::since(store.decision_point().await?);
    for (n, (line, row)) in rows.into_iter().enumerate() {
        progress(n as u64 + 1);
        let checked = async {
            let mut entity = row?;
            authorize(actor, Action::Register, Some(entity.authority))?;
            crate::registry::choose_scope(&mut entity.scope, &mut entity.scope_text)?;
            entity.validate()?;
            if !codes.insert(entity.uscc) || store.entity(entity.uscc.as_str()).await?.is_some() {
                return Err(Error::new(Code::RegistryDuplicate).with("uscc", entity.uscc));
            }
            let check = names::check(
                store,
                &entity.name,
                Some(entity.kind),
                Some(entity.authority),
                Exclude::default(),
                today,
                Against::Index,
            )
            .await?;
            if let Some(f) = check.first_refusal() {
                return Err(Error::new(Code::RegistryNameRefused)
                    .with("name", &entity.name)
                    .with("reason", format!("{}（{}）", f.detail, f.conflict_name.as_deref().unwrap_or("-"))));
            }
            // Earlier rows of the same file.
            let mut earlier = HashSet::new();
            for k in query_keys(text, &check.parsed) {
                if let Some(rows) = keyed.get(&k) {
                    earlier.extend(rows.iter().copied());
                }
            }
            // Compared under the same division as against the register.
            let scope = check.authority.unwrap_or(entity.authority);
            let others: Vec<Registered> = earlier
                .into_iter()
                .map(|i| &accepted[i])
                .filter(|e: &&Entity| scope.contains(e.authority))
                .map(|e| Registered {
                    uscc: Some(e.uscc),
                    name: e.name.clone(),
                    parsed: shijian_core::name::check(&e.name, Some(e.kind), Some(e.authority)).0,
                    ended_on: None,
                })
                .collect();
            if let Some(c) =
                compare(text, &check.parsed, &others, today).into_iter().find(|c| c.severity == Severity::Refuse)
            {
                return Err(Error::new(Code::RegistryNameRefused)
                    .with("name", &entity.name)
                    .with("reason", format!("{}（本文件中的{}）", c.detail, c.conflict_name)));
            }
            Ok((entity, check))
        }
        .await;
        match checked {
            Ok((entity, check)) => {
                expect = names::expect_name(expect, &check)?.subject(entity.uscc.to_string());
                let parsed = check.parsed;
                for k in index_keys(text, &parsed) {
                    keyed.entry(k).or_default().push(accepted.len());
                }
                accepted.push(entity);
            }
            Err(e) => report.rejected.push((line, e)),
        }
    }
    if !report.rejected.is_empty() && !skip_invalid {
        report.aborted = true;
        return Ok(report);
    }
    let events: Vec<_> = accepted
        .into_iter()
        .map(|entity| {
            let subject = entity.uscc.to_string();
            new_event(actor, &RegistryEvent::Registered { entity, reservation: None }, Some(&subject), at)
        })
        .collect();
    report.imported = events.len();
    if !events.is_empty() {
        store.append_checked(&events, &expect).await?;
    }
    Ok(report)
}

/// An entity's row for a spreadsheet, in [`COLUMNS`] order: the public columns.
pub fn export_row(state: &shijian_core::entity::EntityState) -> Vec<String> {
    let e = &state.entity;
    vec![
        e.uscc.to_string(),
        e.name.clone(),
        e.kind.as_str().to_string(),
        e.authority.to_string(),
        e.representative.clone(),
        e.established_on.to_string(),
        e.address.clone(),
        state.status.as_str().to_string(),
        e.capital.clone().unwrap_or_default(),
        e.currency.clone(),
        e.industry.map(|i| i.to_string()).unwrap_or_default(),
        e.scope.join(";"),
        e.scope_text.clone(),
        e.parent.map(|p| p.to_string()).unwrap_or_default(),
    ]
}
