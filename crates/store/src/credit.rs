//! The credit file's projection (`proj_credit`): each entity's `credit.*` events folded with
//! [`CreditFile::apply`]. Like the register, both backends load the files a batch touches, fold
//! here, and write the result; an event for an unregistered entity fails the append.

use std::collections::HashMap;

use serde_json::Value;
use shijian_core::credit::file::CreditFile;
use shijian_core::registry::EntityKind;
use shijian_core::{Code, Error, Result};

/// A credit event on its way into the projection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CreditEffect {
    pub kind: String,
    pub data: Value,
}

/// The codes whose files the batch needs.
pub(crate) fn subjects(events: &[(u64, Option<String>, CreditEffect)]) -> Vec<String> {
    let mut out: Vec<String> = events.iter().filter_map(|(_, s, _)| s.clone()).collect();
    out.sort();
    out.dedup();
    out
}

/// A stored file, or the kind of an entity that has none yet.
pub(crate) enum Loaded {
    File(Box<CreditFile>),
    Kind(EntityKind),
}

/// Folds a batch's credit events into the loaded files; returns (code, file, last index).
pub(crate) fn fold(
    events: &[(u64, Option<String>, CreditEffect)],
    mut loaded: HashMap<String, Loaded>,
) -> Result<Vec<(String, CreditFile, u64)>> {
    let mut files: HashMap<String, (CreditFile, u64)> = HashMap::new();
    for (index, subject, effect) in events {
        let Some(code) = subject else {
            return Err(Error::new(Code::EventInvalid)
                .with("field", "subject")
                .with("reason", format!("#{index}: none")));
        };
        let file = match files.get_mut(code) {
            Some((f, i)) => {
                *i = *index;
                f
            }
            None => {
                let f = match loaded.remove(code) {
                    Some(Loaded::File(f)) => *f,
                    Some(Loaded::Kind(k)) => CreditFile::new(k),
                    None => return Err(Error::new(Code::RegistryUnknownEntity).with("uscc", code)),
                };
                &mut files.entry(code.clone()).or_insert((f, *index)).0
            }
        };
        file.apply(&effect.kind, &effect.data)?;
    }
    let mut out: Vec<(String, CreditFile, u64)> = files.into_iter().map(|(c, (f, i))| (c, f, i)).collect();
    out.sort_by_key(|(_, _, i)| *i);
    Ok(out)
}

pub(crate) fn parse(json: &str) -> Result<CreditFile> {
    serde_json::from_str(json).map_err(|e| Error::new(Code::DbIntegrity).with("reason", format!("proj_credit: {e}")))
}

pub(crate) fn to_json(file: &CreditFile) -> Result<String> {
    serde_json::to_string(file).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

pub(crate) fn class_of(file: &CreditFile) -> Option<&'static str> {
    file.class.as_ref().map(|c| c.class.as_str())
}

// ----- reads written once (the public lists, with their index hints, stay per backend) -----

use crate::Store;
use crate::dialect::params;

/// An entity's credit file.
pub(crate) async fn file(store: &Store, uscc: &str) -> Result<Option<CreditFile>> {
    let rows = store.lookup("SELECT state FROM proj_credit WHERE uscc = ?", params![uscc]).await?;
    rows.first().map(|r| parse(&r.text(0)?)).transpose()
}

/// The credit files of `codes` that have one, in the order of `codes`.
pub(crate) async fn files(store: &Store, codes: &[String]) -> Result<Vec<(String, CreditFile)>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let rows = store.query("SELECT uscc, state FROM proj_credit WHERE uscc = ANY(?)", params![codes]).await?;
    let mut found = HashMap::with_capacity(rows.len());
    for r in &rows {
        found.insert(r.text(0)?, parse(&r.text(1)?)?);
    }
    Ok(codes.iter().filter_map(|c| found.remove(c).map(|f| (c.clone(), f))).collect())
}
