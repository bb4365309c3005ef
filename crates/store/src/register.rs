//! The register's projections: each entity's current state (`proj_entity`), every name used or
//! reserved (`proj_name`) and the candidate index of names (`proj_name_key`).
//!
//! Both backends share the fold here: they load the current states of the entities a batch
//! touches, [`fold`] applies the batch's registry events in log order with
//! [`shijian_core::entity::apply`], and the backend writes the result. An event that does not
//! fold (a change to an unregistered entity, a second registration of a code) fails the whole
//! append: the register never disagrees with the journal.

use std::collections::HashMap;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use shijian_core::entity::{EntityState, RegistryEvent, apply};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error, Result};
use shijian_text::Text;

/// A registry event on its way into the projections, with the candidate keys of the name it
/// brings (computed when the event is prepared, outside the writer's lock, where the event
/// alone says enough: registrations and reservations).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RegistryEffect {
    pub event: RegistryEvent,
    pub name_keys: Option<Vec<i64>>,
    /// The search words of the name it brings, space-separated.
    pub words: Option<String>,
}

impl RegistryEffect {
    pub fn new(event: RegistryEvent) -> Result<RegistryEffect> {
        let (name_keys, words) = match &event {
            RegistryEvent::Registered { entity, .. } => {
                (Some(name_keys(&entity.name, entity.kind, entity.authority)?), Some(search_words(&entity.name)?))
            }
            RegistryEvent::NameReserved(r) => (Some(name_keys(&r.name, r.kind, r.authority)?), None),
            _ => (None, None),
        };
        Ok(RegistryEffect { event, name_keys, words })
    }
}

/// The 64-bit key of the candidate index: a hash of the registration authority and a key of
/// [`shijian_text::names::index_keys`] (names are compared within one authority,
/// 企业名称登记管理规定 第十七条).
pub fn name_key_hash(authority: DivisionCode, key: &str) -> i64 {
    let mut h = Sha256::new();
    h.update(authority.to_string().as_bytes());
    h.update([0u8]);
    h.update(key.as_bytes());
    let d = h.finalize();
    i64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// The candidate-index keys of a registered (or reserved) name.
pub fn name_keys(name: &str, kind: EntityKind, authority: DivisionCode) -> Result<Vec<i64>> {
    let (parsed, _) = shijian_core::name::check(name, Some(kind), Some(authority));
    Ok(shijian_text::names::index_keys(Text::shared()?, &parsed).iter().map(|k| name_key_hash(authority, k)).collect())
}

/// The words a name is found under by search, space-separated.
pub fn search_words(name: &str) -> Result<String> {
    Ok(shijian_text::segment::index_words(Text::shared()?, name).join(" "))
}

/// A row of `proj_name`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRow {
    /// The log index of the event that brought the name.
    pub id: u64,
    pub name: String,
    pub uscc: Option<String>,
    pub kind: EntityKind,
    pub authority: DivisionCode,
    pub ended_on: Option<NaiveDate>,
    pub reserved_until: Option<NaiveDate>,
}

/// What a batch writes to the register's projections.
#[derive(Debug, Default)]
pub(crate) struct RegisterWrites {
    /// Final states: (code, state, last event index).
    pub entities: Vec<(String, EntityState, u64)>,
    /// Names already stored whose use ended: (code, day). Applied before `names` is inserted.
    pub end_names: Vec<(String, NaiveDate)>,
    /// Reservations used by a registration: (reservation's id, last day).
    pub consumed: Vec<(u64, NaiveDate)>,
    pub names: Vec<NameRow>,
    /// (key hash, name id)
    pub keys: Vec<(i64, i64)>,
    /// (name id, search words)
    pub search: Vec<(i64, String)>,
}

/// The codes whose stored state the batch needs.
pub(crate) fn subjects(events: &[(u64, Option<String>, RegistryEffect)]) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter()
        .filter(|(_, _, e)| !matches!(e.event, RegistryEvent::NameReserved(_)))
        .filter_map(|(_, s, _)| s.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

fn invalid(index: u64, reason: impl std::fmt::Display) -> Error {
    Error::new(Code::EventInvalid).with("field", "subject").with("reason", format!("#{index}: {reason}"))
}

/// Folds a batch's registry events (in log order) into the states loaded from the store.
pub(crate) fn fold(
    events: &[(u64, Option<String>, RegistryEffect)],
    mut states: HashMap<String, EntityState>,
) -> Result<RegisterWrites> {
    let mut w = RegisterWrites::default();
    let mut touched: HashMap<String, u64> = HashMap::new();
    for (index, subject, effect) in events {
        let index = *index;
        if let RegistryEvent::NameReserved(r) = &effect.event {
            if subject.is_some() {
                return Err(invalid(index, "a reservation has no subject"));
            }
            let keys = match &effect.name_keys {
                Some(k) => k.clone(),
                None => name_keys(&r.name, r.kind, r.authority)?,
            };
            w.keys.extend(keys.into_iter().map(|h| (h, index as i64)));
            w.names.push(NameRow {
                id: index,
                name: r.name.clone(),
                uscc: None,
                kind: r.kind,
                authority: r.authority,
                ended_on: None,
                reserved_until: Some(r.expires_on),
            });
            continue;
        }
        let Some(code) = subject else { return Err(invalid(index, "no subject")) };
        if let RegistryEvent::Registered { entity, .. } = &effect.event
            && entity.uscc.as_str() != code
        {
            return Err(invalid(index, "the subject is not the registered code"));
        }
        let before = states.remove(code);
        let before_name = before.as_ref().map(|s| s.entity.name.clone());
        let before_ended = before.as_ref().and_then(|s| s.ended_on);
        let after = apply(before, &effect.event)?;
        // The name's row: a new one on registration or a change of name; the old one ends.
        let new_name = match &effect.event {
            RegistryEvent::Registered { reservation, .. } => {
                if let Some(r) = reservation {
                    let day = after.entity.established_on.pred_opt().unwrap_or(after.entity.established_on);
                    // The reservation's row: in this batch (a rebuild folds both in one), or
                    // already stored.
                    match w.names.iter_mut().find(|n| n.id == *r && n.uscc.is_none()) {
                        Some(row) => row.reserved_until = Some(day),
                        None => w.consumed.push((*r, day)),
                    }
                }
                true
            }
            RegistryEvent::Changed { .. } => before_name.as_deref() != Some(after.entity.name.as_str()),
            _ => false,
        };
        let ended_now = match (&effect.event, before_ended, after.ended_on) {
            (RegistryEvent::Changed { on, .. }, _, _) if new_name => Some(*on),
            (_, None, Some(day)) => Some(day),
            _ => None,
        };
        if let Some(day) = ended_now {
            // The current name's row: in this batch, or already stored.
            match w.names.iter_mut().rev().find(|n| n.uscc.as_deref() == Some(code) && n.ended_on.is_none()) {
                Some(row) => row.ended_on = Some(day),
                None => w.end_names.push((code.clone(), day)),
            }
        }
        if new_name {
            let keys = match (&effect.event, &effect.name_keys) {
                (RegistryEvent::Registered { .. }, Some(k)) => k.clone(),
                _ => name_keys(&after.entity.name, after.entity.kind, after.entity.authority)?,
            };
            w.keys.extend(keys.into_iter().map(|h| (h, index as i64)));
            let words = match (&effect.event, &effect.words) {
                (RegistryEvent::Registered { .. }, Some(words)) => words.clone(),
                _ => search_words(&after.entity.name)?,
            };
            w.search.push((index as i64, words));
            w.names.push(NameRow {
                id: index,
                name: after.entity.name.clone(),
                uscc: Some(code.clone()),
                kind: after.entity.kind,
                authority: after.entity.authority,
                ended_on: None,
                reserved_until: None,
            });
        }
        touched.insert(code.clone(), index);
        states.insert(code.clone(), after);
    }
    let mut touched: Vec<(String, u64)> = touched.into_iter().collect();
    touched.sort_by_key(|(_, i)| *i);
    for (code, index) in touched {
        if let Some(state) = states.remove(&code) {
            w.entities.push((code, state, index));
        }
    }
    Ok(w)
}

/// Reads a stored state.
pub(crate) fn parse_state(json: &str) -> Result<EntityState> {
    serde_json::from_str(json).map_err(|e| Error::new(Code::DbIntegrity).with("reason", format!("proj_entity: {e}")))
}

pub(crate) fn state_json(state: &EntityState) -> Result<String> {
    serde_json::to_string(state).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

/// An entity in a listing (export, pool): the columns of `proj_entity` and the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRow {
    pub state: EntityState,
    /// The last event folded into it.
    pub seq: u64,
}

/// An entity with every event about it, in log order.
#[derive(Clone, Debug)]
pub struct EntityWithEvents {
    pub row: EntityRow,
    pub events: Vec<crate::StoredEvent>,
}

/// Builds a `proj_name` row from its columns.
pub(crate) fn name_row(
    id: i64,
    name: String,
    uscc: Option<String>,
    kind: &str,
    authority: &str,
    ended_on: Option<&str>,
    reserved_until: Option<&str>,
) -> Result<NameRow> {
    let integrity = |e: Error| Error::new(Code::DbIntegrity).with("reason", format!("proj_name {id}: {e}"));
    let date = |s: Option<&str>| s.map(shijian_core::parse_date).transpose().map_err(integrity);
    Ok(NameRow {
        id: id as u64,
        name,
        uscc,
        kind: EntityKind::parse(kind).map_err(integrity)?,
        authority: DivisionCode::parse(authority).map_err(integrity)?,
        ended_on: date(ended_on)?,
        reserved_until: date(reserved_until)?,
    })
}

/// The range of registration-authority codes inside a division: a province's or a city's
/// codes share its leading digits.
pub fn authority_range(division: Option<DivisionCode>) -> (String, String) {
    let Some(d) = division else { return ("000000".into(), "999999".into()) };
    let code = d.to_string();
    // A code ending in 00 covers the codes below it (420100 → 4201xx); units directly under a
    // province (429004 仙桃) end otherwise and cover only themselves.
    let keep = if &code[4..] != "00" {
        6
    } else if &code[2..4] != "00" {
        4
    } else {
        2
    };
    let lo = format!("{:0<6}", &code[..keep]);
    let hi = format!("{:9<6}", &code[..keep]);
    (lo, hi)
}

// ----- reads written once (the name index and search stay per backend) -----

use crate::Store;
use crate::dialect::{Row, params};

fn entity_row(r: &Row) -> Result<EntityRow> {
    Ok(EntityRow { state: parse_state(&r.text(0)?)?, seq: r.int(1)? as u64 })
}

/// An entity's state and the index of its last event.
pub(crate) async fn entity(store: &Store, uscc: &str) -> Result<Option<EntityRow>> {
    let rows = store.lookup("SELECT state, seq FROM proj_entity WHERE uscc = ?", params![uscc]).await?;
    rows.first().map(entity_row).transpose()
}

/// What a list of entities shows of each (search hits, a plan's drawn targets): the
/// register's own columns, read without parsing the entity's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntitySummary {
    pub uscc: String,
    pub name: String,
    pub kind: EntityKind,
    pub authority: DivisionCode,
    pub status: shijian_core::registry::Status,
}

/// The summaries of the entities `codes` that are registered, in the order of `codes`.
pub(crate) async fn entity_summaries(store: &Store, codes: &[String]) -> Result<Vec<EntitySummary>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let rows = store
        .lookup(
            "SELECT uscc, name, kind, authority, status FROM proj_entity WHERE uscc = ANY(?)",
            params![codes.to_vec()],
        )
        .await?;
    let mut found: HashMap<String, EntitySummary> = HashMap::with_capacity(rows.len());
    for r in &rows {
        let status = r.text(4)?;
        let status = shijian_core::registry::Status::ALL
            .iter()
            .copied()
            .find(|s| s.as_str() == status)
            .ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", format!("proj_entity: status {status}")))?;
        let summary = EntitySummary {
            uscc: r.text(0)?,
            name: r.text(1)?,
            kind: EntityKind::parse(&r.text(2)?)?,
            authority: DivisionCode::parse(&r.text(3)?)?,
            status,
        };
        found.insert(summary.uscc.clone(), summary);
    }
    Ok(codes.iter().filter_map(|c| found.remove(c)).collect())
}

/// A page of the entities of the offices in `range`, by code, `limit` after `after`.
pub(crate) async fn entities_page(
    store: &Store,
    range: (String, String),
    after: Option<&str>,
    limit: usize,
) -> Result<Vec<EntityRow>> {
    let rows = store
        .query(
            "SELECT state, seq FROM proj_entity WHERE authority BETWEEN ? AND ? AND uscc > ? ORDER BY uscc LIMIT ?",
            params![range.0, range.1, after.unwrap_or_default(), limit as u64],
        )
        .await?;
    rows.iter().map(entity_row).collect()
}

/// The greatest code of `proj_entity` in `[lo, hi)` (a backwards walk of its primary key).
pub(crate) async fn highest_code(store: &Store, lo: &str, hi: &str) -> Result<Option<String>> {
    let rows = store
        .lookup("SELECT uscc FROM proj_entity WHERE uscc >= ? AND uscc < ? ORDER BY uscc DESC LIMIT 1", params![lo, hi])
        .await?;
    rows.first().map(|r| r.text(0)).transpose()
}

pub(crate) async fn entity_count(store: &Store) -> Result<u64> {
    let rows = store.query("SELECT count(*) FROM proj_entity", Vec::new()).await?;
    Ok(rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0) as u64)
}
