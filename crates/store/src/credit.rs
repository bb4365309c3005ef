//! The credit file's projection (`proj_credit`): each entity's `credit.*` events (and the
//! other modules' kinds it declares it consumes) folded with [`CreditFile::apply`], which
//! re-checks the repair and objection transitions against the stored file. Written once over
//! the [dialect layer](crate::dialect): the files a batch touches are loaded in one query,
//! folded here, and written in one statement; an event for an unregistered entity fails the
//! append.
//!
//! PostgreSQL's append folds before it writes anything, so that the credit rows go out
//! pipelined with the event rows and the register's: entities registered in the same batch
//! are not stored yet then, and their kinds come from the register's fold ([`load_and_fold`]'s
//! `registered`). SQLite applies the register first and passes none.

use std::collections::HashMap;

use serde_json::Value;
use shijian_core::credit::file::CreditFile;
use shijian_core::registry::EntityKind;
use shijian_core::{Code, Error, Result};

use crate::dialect::{Exec, params};

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

/// A batch's folded files: (code, file, index of its last event), in log order.
pub(crate) type Files = Vec<(String, CreditFile, u64)>;

/// Loads the files (or the entities' kinds) a batch needs and folds its events. A stored
/// entity's row wins over `registered` (the batch's own registrations, not yet written).
pub(crate) async fn load_and_fold<E: Exec>(
    e: &E,
    events: &[(u64, Option<String>, CreditEffect)],
    registered: Option<&crate::register::RegisterWrites>,
) -> Result<Files> {
    let mut loaded = HashMap::new();
    if let Some(w) = registered {
        for (code, state, _) in &w.entities {
            loaded.insert(code.clone(), Loaded::Kind(state.entity.kind));
        }
    }
    let rows = e
        .query(
            "SELECT e.uscc, e.kind, c.state FROM proj_entity e LEFT JOIN proj_credit c ON c.uscc = e.uscc
             WHERE e.uscc = ANY(?)",
            params![subjects(events)],
        )
        .await?;
    for r in &rows {
        let l = match r.opt_text(2)? {
            Some(json) => Loaded::File(Box::new(parse(&json)?)),
            None => Loaded::Kind(
                EntityKind::parse(&r.text(1)?).map_err(|e| Error::new(Code::DbIntegrity).with("reason", e))?,
            ),
        };
        loaded.insert(r.text(0)?, l);
    }
    fold(events, loaded)
}

/// Writes folded files: one statement for the batch.
pub(crate) async fn write<E: Exec>(e: &E, files: &[(String, CreditFile, u64)]) -> Result<()> {
    let rows = files
        .iter()
        .map(|(code, f, seq)| {
            Ok(params![
                code,
                to_json(f)?,
                class_of(f),
                f.lists.on_abnormal_list(),
                f.lists.on_serious_list(),
                f.has_open_matters(),
                *seq,
                f.lists.abnormal.iter().map(|e| e.listed_on.to_string()).max(),
                f.lists.serious.iter().map(|e| e.listed_on.to_string()).max()
            ])
        })
        .collect::<Result<Vec<_>>>()?;
    e.execute_rows(
        "INSERT INTO proj_credit (uscc, state, class, abnormal, serious, open, seq, abnormal_since, serious_since)
         SELECT * FROM UNNEST(?::text[], ?::text[], ?::text[], ?::bool[], ?::bool[], ?::bool[], ?::bigint[],
                              ?::text[], ?::text[]) WHERE true
         ON CONFLICT (uscc) DO UPDATE SET state = excluded.state, class = excluded.class,
             abnormal = excluded.abnormal, serious = excluded.serious, open = excluded.open, seq = excluded.seq,
             abnormal_since = excluded.abnormal_since, serious_since = excluded.serious_since",
        &rows,
    )
    .await?;
    Ok(())
}

/// Folds a batch's credit events into `proj_credit` (the register's rows already written).
pub(crate) async fn apply<E: Exec>(e: &E, events: &[(u64, Option<String>, CreditEffect)]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    write(e, &load_and_fold(e, events, None).await?).await
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
