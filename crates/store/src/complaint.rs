//! The projections of 12315 work (`complaint.*` events): `proj_complaint` (each complaint's
//! state), `proj_complaint_fact` (its narrow columns, for worklists, disclosure and analysis)
//! and `proj_odr_member` (the ODR scheme). Both backends load the complaints a batch touches,
//! [`fold`] applies the events in log order with the pure `core` rules, and the backend writes
//! the result. An event that does not fold (a second receipt of one id, a step the procedure
//! does not allow) fails the whole append.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use shijian_core::complaint::clue::{Clue, ClueDecided, ClueFlagged};
use shijian_core::complaint::procedure::{
    Accepted, Designated, EntityConfirmed, Escalated, FilingDecided, Mediated, Notified, OdrAnswered, OdrMembership,
    Rated, Received, Refused, Terminated, TestingEnded, TestingStarted, TransferDisputed, Transferred,
    VerificationExtended,
};
use shijian_core::complaint::publication::{NarrativePublished, WarningPublished};
use shijian_core::complaint::{self as c, ComplaintState, OdrMember};
use shijian_core::{Code, Error, Result};

/// A 12315 event on its way into the projections.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ComplaintEffect {
    Received(Box<Received>),
    EntityConfirmed(EntityConfirmed),
    Transferred(Transferred),
    Disputed(TransferDisputed),
    Designated(Designated),
    Accepted(Accepted),
    Refused(Refused),
    TestingStarted(TestingStarted),
    TestingEnded(TestingEnded),
    Mediated(Mediated),
    Terminated(Terminated),
    PartiesNotified(Notified),
    OdrAnswered(OdrAnswered),
    Escalated(Escalated),
    Rated(Rated),
    Extended(VerificationExtended),
    FilingDecided(FilingDecided),
    ReporterNotified(Notified),
    OdrJoined(OdrMembership),
    OdrLeft(OdrMembership),
    Narrative(Box<NarrativePublished>),
    ClueFlagged(Box<ClueFlagged>),
    ClueDecided(ClueDecided),
    Warning(Box<WarningPublished>),
}

/// Whether events of `kind` fold here.
pub(crate) fn folds(kind: &str) -> bool {
    c::is_kind(kind)
}

pub(crate) fn effect(kind: &str, data: &serde_json::Value) -> Result<ComplaintEffect> {
    fn p<T: DeserializeOwned>(data: &serde_json::Value) -> Result<T> {
        serde_json::from_value(data.clone())
            .map_err(|e| Error::new(Code::EventInvalid).with("field", "data").with("reason", e))
    }
    Ok(match kind {
        c::KIND_RECEIVED => ComplaintEffect::Received(Box::new(p(data)?)),
        c::KIND_ENTITY_CONFIRMED => ComplaintEffect::EntityConfirmed(p(data)?),
        c::KIND_TRANSFERRED => ComplaintEffect::Transferred(p(data)?),
        c::KIND_TRANSFER_DISPUTED => ComplaintEffect::Disputed(p(data)?),
        c::KIND_JURISDICTION_DESIGNATED => ComplaintEffect::Designated(p(data)?),
        c::KIND_ACCEPTED => ComplaintEffect::Accepted(p(data)?),
        c::KIND_REFUSED => ComplaintEffect::Refused(p(data)?),
        c::KIND_TESTING_STARTED => ComplaintEffect::TestingStarted(p(data)?),
        c::KIND_TESTING_ENDED => ComplaintEffect::TestingEnded(p(data)?),
        c::KIND_MEDIATED => ComplaintEffect::Mediated(p(data)?),
        c::KIND_TERMINATED => ComplaintEffect::Terminated(p(data)?),
        c::KIND_PARTIES_NOTIFIED => ComplaintEffect::PartiesNotified(p(data)?),
        c::KIND_ODR_ANSWERED => ComplaintEffect::OdrAnswered(p(data)?),
        c::KIND_ESCALATED => ComplaintEffect::Escalated(p(data)?),
        c::KIND_RATED => ComplaintEffect::Rated(p(data)?),
        c::KIND_VERIFICATION_EXTENDED => ComplaintEffect::Extended(p(data)?),
        c::KIND_FILING_DECIDED => ComplaintEffect::FilingDecided(p(data)?),
        c::KIND_REPORTER_NOTIFIED => ComplaintEffect::ReporterNotified(p(data)?),
        c::KIND_ODR_JOINED => ComplaintEffect::OdrJoined(p(data)?),
        c::KIND_ODR_LEFT => ComplaintEffect::OdrLeft(p(data)?),
        c::KIND_NARRATIVE_PUBLISHED => ComplaintEffect::Narrative(Box::new(p(data)?)),
        c::KIND_CLUE_FLAGGED => ComplaintEffect::ClueFlagged(Box::new(p(data)?)),
        c::KIND_CLUE_DECIDED => ComplaintEffect::ClueDecided(p(data)?),
        c::KIND_WARNING_PUBLISHED => ComplaintEffect::Warning(Box::new(p(data)?)),
        _ => return Err(Error::new(Code::EventInvalid).with("field", "kind").with("reason", kind)),
    })
}

impl ComplaintEffect {
    /// The complaint the event is about; `None` for ODR membership.
    fn id(&self) -> Option<&str> {
        Some(match self {
            ComplaintEffect::Received(r) => &r.id,
            ComplaintEffect::EntityConfirmed(e) => &e.id,
            ComplaintEffect::Transferred(e) => &e.id,
            ComplaintEffect::Disputed(e) => &e.id,
            ComplaintEffect::Designated(e) => &e.id,
            ComplaintEffect::Accepted(e) => &e.id,
            ComplaintEffect::Refused(e) => &e.id,
            ComplaintEffect::TestingStarted(e) => &e.id,
            ComplaintEffect::TestingEnded(e) => &e.id,
            ComplaintEffect::Mediated(e) => &e.id,
            ComplaintEffect::Terminated(e) => &e.id,
            ComplaintEffect::PartiesNotified(e) | ComplaintEffect::ReporterNotified(e) => &e.id,
            ComplaintEffect::OdrAnswered(e) => &e.id,
            ComplaintEffect::Escalated(e) => &e.id,
            ComplaintEffect::Rated(e) => &e.id,
            ComplaintEffect::Extended(e) => &e.id,
            ComplaintEffect::FilingDecided(e) => &e.id,
            ComplaintEffect::Narrative(e) => &e.id,
            ComplaintEffect::OdrJoined(_)
            | ComplaintEffect::OdrLeft(_)
            | ComplaintEffect::ClueFlagged(_)
            | ComplaintEffect::ClueDecided(_)
            | ComplaintEffect::Warning(_) => return None,
        })
    }

    /// The record (clue or warning) the event creates or changes.
    fn record(&self) -> Option<&str> {
        match self {
            ComplaintEffect::ClueFlagged(e) => Some(&e.id),
            ComplaintEffect::ClueDecided(e) => Some(&e.id),
            ComplaintEffect::Warning(e) => Some(&e.id),
            _ => None,
        }
    }
}

/// What 12315 work publishes or passes on (`proj_complaint_record`).
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// The complaint's id (a narrative), the clue's or the warning's.
    pub id: String,
    /// `narrative`, `clue` or `warning`.
    pub kind: String,
    pub entity: Option<String>,
    pub office: String,
    /// The day it was published or flagged.
    pub day: String,
    /// A clue not yet checked.
    pub open: bool,
    /// [`NarrativePublished`], [`Clue`] or [`WarningPublished`] as JSON.
    pub body: String,
}

pub const RECORD_NARRATIVE: &str = "narrative";
pub const RECORD_CLUE: &str = "clue";
pub const RECORD_WARNING: &str = "warning";

impl Record {
    /// The body as its type.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T> {
        parse("proj_complaint_record", &self.body)
    }
}

/// One event of a batch: (index, effect).
pub(crate) type Entry = (u64, ComplaintEffect);

/// The records (clues, warnings) a batch creates or changes: loaded to refuse a second id and
/// to check a clue's decision.
pub(crate) fn record_keys(events: &[Entry]) -> Vec<String> {
    let mut ids: Vec<String> = events.iter().filter_map(|(_, e)| e.record().map(str::to_string)).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// What a batch needs loaded: the complaints (received ones included, to refuse a second
/// receipt) and the ODR members.
pub(crate) fn keys(events: &[Entry]) -> (Vec<String>, Vec<String>) {
    let mut ids: Vec<String> = events.iter().filter_map(|(_, e)| e.id().map(str::to_string)).collect();
    let mut members: Vec<String> = events
        .iter()
        .filter_map(|(_, e)| match e {
            ComplaintEffect::OdrJoined(m) | ComplaintEffect::OdrLeft(m) => Some(m.entity.clone()),
            _ => None,
        })
        .collect();
    ids.sort();
    ids.dedup();
    members.sort();
    members.dedup();
    (ids, members)
}

/// What was loaded for a batch.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub complaints: HashMap<String, ComplaintState>,
    pub members: HashMap<String, OdrMember>,
    pub records: HashMap<String, Record>,
}

/// A complaint to write: its state, the index of its last event, and whether it is new.
pub(crate) type ComplaintWrite = (ComplaintState, u64, bool);

/// The rows to write.
#[derive(Debug, Default)]
pub(crate) struct Writes {
    pub complaints: Vec<ComplaintWrite>,
    pub members: Vec<(OdrMember, u64)>,
    /// Records with the index of their last event (inserted or replaced).
    pub records: Vec<(Record, u64)>,
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::new(Code::Internal).with("reason", e))
}

/// Applies the batch to what was loaded.
pub(crate) fn fold(events: &[Entry], mut loaded: Loaded) -> Result<Writes> {
    let mut touched: HashMap<String, (u64, bool)> = HashMap::new();
    let mut members: HashMap<String, u64> = HashMap::new();
    let mut records: HashMap<String, u64> = HashMap::new();
    for (index, e) in events {
        let index = *index;
        match e {
            ComplaintEffect::ClueFlagged(x) => {
                shijian_core::complaint::clue::check_clue_id(&x.id)?;
                shijian_core::Uscc::parse(&x.entity)?;
                if x.complaints.is_empty() || loaded.records.contains_key(&x.id) {
                    return Err(c::field("clue", &x.id));
                }
                let clue = Clue { flagged: (**x).clone(), decided: None };
                let r = Record {
                    id: x.id.clone(),
                    kind: RECORD_CLUE.into(),
                    entity: Some(x.entity.clone()),
                    office: x.office.to_string(),
                    day: x.on.to_string(),
                    open: true,
                    body: json(&clue)?,
                };
                loaded.records.insert(x.id.clone(), r);
                records.insert(x.id.clone(), index);
                continue;
            }
            ComplaintEffect::ClueDecided(x) => {
                let unknown = || Error::new(Code::ComplaintClueUnknown).with("id", x.id.clone());
                let r =
                    loaded.records.get_mut(&x.id).filter(|r| r.kind == RECORD_CLUE && r.open).ok_or_else(unknown)?;
                let mut clue: Clue = r.parse()?;
                if x.on < clue.flagged.on {
                    return Err(c::field("on", x.on));
                }
                clue.decided = Some(x.clone());
                r.open = false;
                r.body = json(&clue)?;
                records.insert(x.id.clone(), index);
                continue;
            }
            ComplaintEffect::Warning(x) => {
                x.check()?;
                if loaded.records.contains_key(&x.id) {
                    return Err(c::field("id", &x.id));
                }
                let r = Record {
                    id: x.id.clone(),
                    kind: RECORD_WARNING.into(),
                    entity: None,
                    office: x.office.to_string(),
                    day: x.on.to_string(),
                    open: false,
                    body: json(&**x)?,
                };
                loaded.records.insert(x.id.clone(), r);
                records.insert(x.id.clone(), index);
                continue;
            }
            _ => {}
        }
        if let ComplaintEffect::Received(r) = e {
            if loaded.complaints.contains_key(&r.id) {
                return Err(Error::new(Code::ComplaintWorkflow)
                    .with("id", r.id.clone())
                    .with("status", "已收到 received")
                    .with("step", "receive again"));
            }
            loaded.complaints.insert(r.id.clone(), ComplaintState::received(r)?);
            touched.insert(r.id.clone(), (index, true));
            continue;
        }
        match e {
            ComplaintEffect::OdrJoined(m) => {
                shijian_core::Uscc::parse(&m.entity)?;
                let member = loaded.members.entry(m.entity.clone()).or_insert_with(|| OdrMember {
                    entity: m.entity.clone(),
                    office: m.office,
                    joined_on: m.on,
                    left_on: None,
                });
                member.office = m.office;
                member.joined_on = m.on;
                member.left_on = None;
                members.insert(m.entity.clone(), index);
                continue;
            }
            ComplaintEffect::OdrLeft(m) => {
                let member = loaded
                    .members
                    .get_mut(&m.entity)
                    .filter(|x| x.active())
                    .ok_or_else(|| Error::new(Code::ComplaintNotOdr).with("entity", m.entity.clone()))?;
                member.left_on = Some(m.on);
                members.insert(m.entity.clone(), index);
                continue;
            }
            _ => {}
        }
        let id = e.id().expect("complaint event");
        let s = loaded
            .complaints
            .get_mut(id)
            .ok_or_else(|| Error::new(Code::ComplaintUnknown).with("id", id.to_string()))?;
        match e {
            ComplaintEffect::EntityConfirmed(x) => s.confirm_entity(x)?,
            ComplaintEffect::Transferred(x) => s.transfer(x)?,
            ComplaintEffect::Disputed(x) => s.dispute(x)?,
            ComplaintEffect::Designated(x) => s.designate(x)?,
            ComplaintEffect::Accepted(x) => s.accept(x)?,
            ComplaintEffect::Refused(x) => s.refuse(x)?,
            ComplaintEffect::TestingStarted(x) => s.start_testing(x)?,
            ComplaintEffect::TestingEnded(x) => s.end_testing(x)?,
            ComplaintEffect::Mediated(x) => s.mediate(x)?,
            ComplaintEffect::Terminated(x) => s.terminate(x)?,
            ComplaintEffect::PartiesNotified(x) | ComplaintEffect::ReporterNotified(x) => s.notify(x)?,
            ComplaintEffect::OdrAnswered(x) => s.odr_answer(x)?,
            ComplaintEffect::Escalated(x) => s.escalate(x)?,
            ComplaintEffect::Rated(x) => s.rate(x)?,
            ComplaintEffect::Extended(x) => s.extend_verification(x)?,
            ComplaintEffect::FilingDecided(x) => s.decide_filing(x)?,
            ComplaintEffect::Narrative(x) => {
                s.publish_narrative(x)?;
                let r = Record {
                    id: x.id.clone(),
                    kind: RECORD_NARRATIVE.into(),
                    entity: x.entity.clone(),
                    office: s.office.to_string(),
                    day: x.on.to_string(),
                    open: false,
                    body: json(&**x)?,
                };
                loaded.records.insert(x.id.clone(), r);
                records.insert(x.id.clone(), index);
            }
            ComplaintEffect::Received(_)
            | ComplaintEffect::OdrJoined(_)
            | ComplaintEffect::OdrLeft(_)
            | ComplaintEffect::ClueFlagged(_)
            | ComplaintEffect::ClueDecided(_)
            | ComplaintEffect::Warning(_) => {
                unreachable!("handled above")
            }
        }
        let new = touched.get(id).is_some_and(|(_, n)| *n);
        touched.insert(id.to_string(), (index, new));
    }
    let mut w = Writes::default();
    for (id, (seq, new)) in touched {
        w.complaints.push((loaded.complaints.remove(&id).expect("folded complaint"), seq, new));
    }
    w.complaints.sort_by_key(|(_, s, _)| *s);
    for (e, seq) in members {
        w.members.push((loaded.members.remove(&e).expect("folded member"), seq));
    }
    w.members.sort_by_key(|(_, s)| *s);
    for (id, seq) in records {
        w.records.push((loaded.records.remove(&id).expect("folded record"), seq));
    }
    w.records.sort_by_key(|(_, s)| *s);
    Ok(w)
}

/// The narrow columns of a complaint (`proj_complaint_fact`): what worklists, disclosure and
/// analysis read without the state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub id: String,
    pub kind: String,
    pub office: String,
    pub status: String,
    pub open: bool,
    pub entity: Option<String>,
    /// The ODR enterprise, when the complaint went to one.
    pub odr_entity: Option<String>,
    pub received_on: String,
    pub closed_on: Option<String>,
    /// [`ComplaintState::outcome`]: empty while open.
    pub outcome: String,
    pub category: String,
    pub problem: String,
    pub place: String,
    pub channel: String,
    pub rating: Option<i64>,
    /// The sum in dispute and what the consumer got back, in fen.
    pub amount: Option<i64>,
    pub recovered: Option<i64>,
    /// ODR: whether the enterprise answered, on which day, and whether it settled.
    pub odr_answered_on: Option<String>,
    pub odr_settled: Option<bool>,
}

impl Fact {
    pub(crate) fn of(s: &ComplaintState) -> Fact {
        let odr = s.odr.as_ref();
        Fact {
            id: s.id.clone(),
            kind: s.kind().as_str().to_string(),
            office: s.office.to_string(),
            status: s.status.as_str().to_string(),
            open: s.open(),
            entity: s.entity.clone(),
            odr_entity: odr.map(|o| o.entity.clone()),
            received_on: s.received_on.to_string(),
            closed_on: s.closed_on.map(|d| d.to_string()),
            outcome: s.outcome(),
            category: s.intake.category.clone(),
            problem: s.intake.problem.clone(),
            place: s.intake.place.to_string(),
            channel: s.intake.channel.as_str().to_string(),
            rating: s.rating.map(i64::from),
            amount: s.intake.amount.as_deref().and_then(|a| c::parse_amount(a).ok()),
            recovered: s.recovered.as_deref().and_then(|a| c::parse_amount(a).ok()),
            odr_answered_on: odr.and_then(|o| o.answered_on).map(|d| d.to_string()),
            odr_settled: odr.and_then(|o| o.settled),
        }
    }
}

pub(crate) use crate::inspection::{parse, to_json};

/// The columns of `proj_complaint_fact` in [`Fact`] order.
pub(crate) const FACT_COLUMNS: &str = "f.id, f.kind, f.office, f.status, f.open, f.entity, f.odr_entity, f.received_on,
    f.closed_on, f.outcome, f.category, f.problem, f.place, f.channel, f.rating, f.amount, f.recovered, f.odr_answered_on,
    f.odr_settled";

// ----- persistence: the fold's loads and writes, and the reads -----

use crate::Store;
use crate::dialect::{Exec, Row, Sql, params};

fn fact_of(r: &Row) -> Result<Fact> {
    Ok(Fact {
        id: r.text(0)?,
        kind: r.text(1)?,
        office: r.text(2)?,
        status: r.text(3)?,
        open: r.bool(4)?,
        entity: r.opt_text(5)?,
        odr_entity: r.opt_text(6)?,
        received_on: r.text(7)?,
        closed_on: r.opt_text(8)?,
        outcome: r.text(9)?,
        category: r.text(10)?,
        problem: r.text(11)?,
        place: r.text(12)?,
        channel: r.text(13)?,
        rating: r.opt_int(14)?,
        amount: r.opt_int(15)?,
        recovered: r.opt_int(16)?,
        odr_answered_on: r.opt_text(17)?,
        odr_settled: r.opt_bool(18)?,
    })
}

const RECORD_COLUMNS: &str = "id, kind, entity, office, day, open, body";

fn record_of(r: &Row) -> Result<Record> {
    Ok(Record {
        id: r.text(0)?,
        kind: r.text(1)?,
        entity: r.opt_text(2)?,
        office: r.text(3)?,
        day: r.text(4)?,
        open: r.bool(5)?,
        body: r.text(6)?,
    })
}

/// Folds a batch's `complaint.*` events: loads the complaints, members and records they
/// touch, applies them in log order, writes the result. A second receipt of one id fails.
pub(crate) async fn apply<E: Exec>(e: &E, events: &[Entry]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let (ids, members) = keys(events);
    let mut loaded = Loaded::default();
    for r in e.query("SELECT id, state FROM proj_complaint WHERE id = ANY(?)", params![ids]).await? {
        loaded.complaints.insert(r.text(0)?, parse("proj_complaint", &r.text(1)?)?);
    }
    if !members.is_empty() {
        for r in e.query("SELECT entity, state FROM proj_odr_member WHERE entity = ANY(?)", params![members]).await? {
            loaded.members.insert(r.text(0)?, parse("proj_odr_member", &r.text(1)?)?);
        }
    }
    let records = record_keys(events);
    if !records.is_empty() {
        let sql = format!("SELECT {RECORD_COLUMNS} FROM proj_complaint_record WHERE id = ANY(?)");
        for r in e.query(&sql, params![records]).await? {
            let r = record_of(&r)?;
            loaded.records.insert(r.id.clone(), r);
        }
    }
    let w = fold(events, loaded)?;
    let mut updates = Vec::new();
    let mut facts = Vec::with_capacity(w.complaints.len());
    for (state, seq, new) in &w.complaints {
        let json = to_json(state)?;
        if *new {
            let inserted = e
                .insert_new(
                    "INSERT INTO proj_complaint (id, state, seq) VALUES (?, ?, ?)",
                    params![&state.id, json, *seq],
                )
                .await?;
            if !inserted {
                return Err(Error::new(Code::ComplaintWorkflow)
                    .with("id", state.id.clone())
                    .with("status", "已收到 received")
                    .with("step", "receive again"));
            }
        } else {
            updates.push(params![json, *seq, &state.id]);
        }
        let f = Fact::of(state);
        facts.push(params![
            f.id,
            f.kind,
            f.office,
            f.status,
            f.open,
            f.entity,
            f.odr_entity,
            f.received_on,
            f.closed_on,
            f.outcome,
            f.category,
            f.problem,
            f.place,
            f.channel,
            f.rating,
            f.amount,
            f.recovered,
            f.odr_answered_on,
            f.odr_settled,
        ]);
    }
    e.execute_many("UPDATE proj_complaint SET state = ?, seq = ? WHERE id = ?", &updates).await?;
    e.execute_many(
        "INSERT INTO proj_complaint_fact (id, kind, office, status, open, entity, odr_entity, received_on, closed_on,
             outcome, category, problem, place, channel, rating, amount, recovered, odr_answered_on, odr_settled)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET office = excluded.office, status = excluded.status, open = excluded.open,
             entity = excluded.entity, closed_on = excluded.closed_on, outcome = excluded.outcome,
             rating = excluded.rating,
             recovered = excluded.recovered, odr_answered_on = excluded.odr_answered_on,
             odr_settled = excluded.odr_settled",
        &facts,
    )
    .await?;
    let members = w
        .members
        .iter()
        .map(|(m, seq)| Ok(params![&m.entity, m.office.to_string(), m.active(), to_json(m)?, *seq]))
        .collect::<Result<Vec<Vec<Sql>>>>()?;
    e.execute_many(
        "INSERT INTO proj_odr_member (entity, office, active, state, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (entity) DO UPDATE SET office = excluded.office, active = excluded.active,
             state = excluded.state, seq = excluded.seq",
        &members,
    )
    .await?;
    let records: Vec<Vec<Sql>> = w
        .records
        .iter()
        .map(|(r, seq)| params![&r.id, &r.kind, r.entity.clone(), &r.office, &r.day, r.open, &r.body, *seq])
        .collect();
    e.execute_many(
        "INSERT INTO proj_complaint_record (id, kind, entity, office, day, open, body, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET open = excluded.open, body = excluded.body, seq = excluded.seq",
        &records,
    )
    .await?;
    Ok(())
}

async fn states(store: &Store, sql: &str, params: Vec<Sql>) -> Result<Vec<ComplaintState>> {
    store.query(sql, params).await?.iter().map(|r| parse("proj_complaint", &r.text(0)?)).collect()
}

/// A complaint or report.
pub(crate) async fn complaint(store: &Store, id: &str) -> Result<Option<ComplaintState>> {
    let rows = store.query("SELECT state FROM proj_complaint WHERE id = ?", params![id]).await?;
    rows.first().map(|r| parse("proj_complaint", &r.text(0)?)).transpose()
}

/// Open complaints of the offices in `range`, by id, `limit` after `after`.
pub(crate) async fn open_complaints(
    store: &Store,
    range: (String, String),
    after: &str,
    limit: usize,
) -> Result<Vec<ComplaintState>> {
    states(
        store,
        // The page on the index first, then only its states (see `case::desk`).
        "SELECT c.state FROM (SELECT f.id FROM proj_complaint_fact f
             WHERE f.open = 1 AND f.office BETWEEN ? AND ? AND f.id > ? ORDER BY f.id LIMIT ?) p
         JOIN proj_complaint c ON c.id = p.id ORDER BY p.id",
        params![range.0, range.1, after, limit as u64],
    )
    .await
}

/// Every complaint of the offices in `range`, by id, `limit` after `after`.
pub(crate) async fn complaints_of_office(
    store: &Store,
    range: (String, String),
    after: &str,
    limit: usize,
) -> Result<Vec<ComplaintState>> {
    states(
        store,
        "SELECT c.state FROM (SELECT f.id FROM proj_complaint_fact f
             WHERE f.office BETWEEN ? AND ? AND f.id > ? ORDER BY f.id LIMIT ?) p
         JOIN proj_complaint c ON c.id = p.id ORDER BY p.id",
        params![range.0, range.1, after, limit as u64],
    )
    .await
}

/// Complaints that went to the ODR enterprise `entity`, the newest first.
pub(crate) async fn odr_complaints(store: &Store, entity: &str, limit: usize) -> Result<Vec<ComplaintState>> {
    states(
        store,
        "SELECT c.state FROM proj_complaint_fact f JOIN proj_complaint c ON c.id = f.id
         WHERE f.odr_entity = ? AND f.odr_entity IS NOT NULL ORDER BY f.id DESC LIMIT ?",
        params![entity, limit as u64],
    )
    .await
}

/// The narrow records of every complaint about `entity`.
pub(crate) async fn facts_of_entity(store: &Store, entity: &str) -> Result<Vec<Fact>> {
    let sql = format!("SELECT {FACT_COLUMNS} FROM proj_complaint_fact f WHERE f.entity = ? AND f.entity IS NOT NULL");
    // A point lookup on the partial index `proj_complaint_fact_entity` (the public credit
    // file reads it on every view).
    store.lookup(&sql, params![entity]).await?.iter().map(fact_of).collect()
}

/// Calls `each` with the narrow record of every complaint received on or after `since`,
/// streaming.
pub(crate) async fn facts(store: &Store, since: String, mut each: Box<dyn FnMut(&Fact) + Send>) -> Result<()> {
    let sql = format!("SELECT {FACT_COLUMNS} FROM proj_complaint_fact f WHERE f.received_on >= ?");
    store
        .stream(
            &sql,
            params![since],
            Box::new(move |r: &Row| {
                each(&fact_of(r)?);
                Ok(())
            }),
        )
        .await
}

/// Records of one kind, newest first (see [`Store::complaint_records`]).
pub(crate) async fn records(
    store: &Store,
    kind: &str,
    entity: Option<&str>,
    open_only: bool,
    limit: u32,
) -> Result<Vec<Record>> {
    let rows = match entity {
        // One business's records (its credit file reads them on every view): a point lookup
        // on the partial index `proj_complaint_record_entity`, with no term whose plan depends
        // on a parameter's value (SQLite compiles such a statement again at each execution).
        Some(entity) => {
            let sql = format!(
                "SELECT {RECORD_COLUMNS} FROM proj_complaint_record
                 WHERE entity = ? AND entity IS NOT NULL AND kind = ? AND (? = 0 OR open = 1)
                 ORDER BY day DESC, id DESC LIMIT ?"
            );
            store.lookup(&sql, params![entity, kind, open_only, limit]).await?
        }
        None => {
            let sql = format!(
                "SELECT {RECORD_COLUMNS} FROM proj_complaint_record
                 WHERE kind = ? AND (? = 0 OR open = 1)
                 ORDER BY day DESC, id DESC LIMIT ?"
            );
            store.query(&sql, params![kind, open_only, limit]).await?
        }
    };
    rows.iter().map(record_of).collect()
}

/// An enterprise's membership of the ODR scheme.
pub(crate) async fn odr_member(store: &Store, entity: &str) -> Result<Option<OdrMember>> {
    let rows = store.lookup("SELECT state FROM proj_odr_member WHERE entity = ?", params![entity]).await?;
    rows.first().map(|r| parse("proj_odr_member", &r.text(0)?)).transpose()
}
