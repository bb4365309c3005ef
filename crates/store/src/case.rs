//! The projection of enforcement (`case.*` events): `proj_case` (each matter's state),
//! `proj_case_fact` (its narrow columns for desks, statistics and the export),
//! `proj_case_public` (the publicity records) and `proj_case_number` (document numbers taken).
//! The matters a batch touches are loaded, [`fold`] applies the events in log order with the
//! pure `core` rules, and the result is written through the dialect layer. An event that does
//! not fold (a second clue of one id, a step the procedure does not allow, a number taken)
//! fails the whole append.

use std::collections::HashMap;

use shijian_core::case::procedure::{CaseEvent, Published};
use shijian_core::case::{self as c, CaseState, Queue};
use shijian_core::{Calendar, Code, Error, Result};

use crate::Store;
use crate::dialect::{Exec, Row, Sql, params};
use crate::inspection::{parse, to_json};

/// One event of a batch: (index, event).
pub(crate) type Entry = (u64, CaseEvent);

/// Whether events of `kind` fold here.
pub(crate) fn folds(kind: &str) -> bool {
    c::is_kind(kind)
}

pub(crate) fn effect(kind: &str, data: &serde_json::Value) -> Result<CaseEvent> {
    CaseEvent::parse(kind, data)
}

/// The narrow columns of a matter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub id: String,
    pub office: String,
    pub status: String,
    pub open: bool,
    pub entity: Option<String>,
    pub officer: Option<String>,
    pub received_on: String,
    pub filed_on: Option<String>,
    pub decided_on: Option<String>,
    pub closed_on: Option<String>,
    pub procedure: Option<String>,
    pub outcome: String,
    pub fine_fen: i64,
    pub row: Option<String>,
    /// The nearest running limit ([`CaseState::nearest_limit`]), [`NO_LIMIT`] when none runs
    /// or the matter is closed: the desk's order.
    pub due: String,
    /// The account in charge: the desk's "mine".
    pub in_charge: Option<String>,
    /// Whether the matter awaits a review opinion.
    pub review: bool,
    /// Whether the matter awaits the collective decision.
    pub collective: bool,
    /// Whether its decided penalty proposes a serious-list entry for a registered party
    /// ([`CaseState::serious_proposal`]).
    pub serious: bool,
}

/// The `due` of a matter no limit runs for: after every day.
pub const NO_LIMIT: &str = "9999-12-31";

impl Fact {
    fn of(s: &CaseState, cal: &Calendar) -> Fact {
        let d = s.decision.as_ref();
        let open = s.closed_on.is_none();
        Fact {
            id: s.id.clone(),
            office: s.office.to_string(),
            status: s.status.as_str().to_string(),
            open,
            entity: s.party.entity.clone(),
            officer: s.officers.first().cloned(),
            received_on: s.received_on.to_string(),
            filed_on: s.filed_on.map(|d| d.to_string()),
            decided_on: d.map(|d| d.on.to_string()),
            closed_on: s.closed_on.map(|d| d.to_string()),
            procedure: d.map(|d| d.procedure.as_str().to_string()),
            outcome: s.outcome().as_str().to_string(),
            fine_fen: s.current_penalty().map_or(0, |p| p.fine_fen),
            row: s.row.clone(),
            due: s.nearest_limit(cal).filter(|_| open).map_or_else(|| NO_LIMIT.to_string(), |d| d.to_string()),
            in_charge: s.in_charge.clone(),
            review: Queue::Review.holds(s, None),
            collective: Queue::Collective.holds(s, None),
            serious: s.serious_proposal().is_some(),
        }
    }
}

/// A publicity record as stored: the published body and its term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicRecord {
    pub record: Published,
    /// The day publicity ended before its term (withdrawn or stopped early).
    pub ended_on: Option<String>,
}

/// The rows a batch writes.
#[derive(Debug, Default)]
pub(crate) struct Writes {
    /// (state, index of its last event, new).
    pub cases: Vec<(CaseState, u64, bool)>,
    /// Numbers taken: (number, case id, index).
    pub numbers: Vec<(String, String, u64)>,
    /// Publicity records to write: (record, ended_on, index).
    pub public: Vec<(Published, Option<String>, u64)>,
    /// Publicity ended: (id, day, index).
    pub ended: Vec<(String, String, u64)>,
}

/// Applies the batch to the states loaded (`loaded`: every matter the batch names that exists).
pub(crate) fn fold(events: &[Entry], mut loaded: HashMap<String, CaseState>) -> Result<Writes> {
    let mut touched: HashMap<String, (u64, bool)> = HashMap::new();
    let mut w = Writes::default();
    for (index, e) in events {
        let index = *index;
        let id = e.id();
        if let CaseEvent::ClueReceived(r) = e {
            if loaded.contains_key(id) {
                return Err(Error::new(Code::CaseWorkflow)
                    .with("id", id.to_string())
                    .with("status", "已登记")
                    .with("step", "再次登记 / receive again"));
            }
            loaded.insert(id.to_string(), CaseState::received(r)?);
            touched.insert(id.to_string(), (index, true));
            continue;
        }
        let s = loaded.get_mut(id).ok_or_else(|| Error::new(Code::CaseUnknown).with("id", id.to_string()))?;
        s.apply(e)?;
        match e {
            CaseEvent::Decided(d) => w.numbers.push((d.number.clone(), d.id.clone(), index)),
            CaseEvent::Published(p) => w.public.push(((**p).clone(), None, index)),
            CaseEvent::PublicityEnded(p) => w.ended.push((p.id.clone(), p.on.to_string(), index)),
            _ => {}
        }
        let new = touched.get(id).is_some_and(|(_, n)| *n);
        touched.insert(id.to_string(), (index, new));
    }
    for (id, (seq, new)) in touched {
        w.cases.push((loaded.remove(&id).expect("folded case"), seq, new));
    }
    w.cases.sort_by_key(|(_, s, _)| *s);
    Ok(w)
}

fn fact_params(f: Fact) -> Vec<Sql> {
    params![
        f.id,
        f.office,
        f.status,
        f.open,
        f.entity,
        f.officer,
        f.received_on,
        f.filed_on,
        f.decided_on,
        f.closed_on,
        f.procedure,
        f.outcome,
        f.fine_fen,
        f.row,
        f.due,
        f.in_charge,
        f.review,
        f.collective,
        f.serious,
    ]
}

/// The calendar in force as the transaction `e` sees it: the shipped schedule overlaid with the
/// imported years.
async fn calendar_in<E: Exec>(e: &E) -> Result<Calendar> {
    let imported = crate::calendar::imported_in(e).await?;
    Ok(Calendar::builtin().with_years(imported.into_iter().map(|y| y.schedule)))
}

const UPSERT_FACT: &str =
    "INSERT INTO proj_case_fact (id, office, status, open, entity, officer, received_on, filed_on,
         decided_on, closed_on, procedure, outcome, fine_fen, row_code, due, in_charge, review, collective, serious)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET office = excluded.office, status = excluded.status, open = excluded.open,
         entity = excluded.entity, officer = excluded.officer, filed_on = excluded.filed_on,
         decided_on = excluded.decided_on, closed_on = excluded.closed_on, procedure = excluded.procedure,
         outcome = excluded.outcome, fine_fen = excluded.fine_fen, row_code = excluded.row_code,
         due = excluded.due, in_charge = excluded.in_charge, review = excluded.review,
         collective = excluded.collective, serious = excluded.serious";

/// Computes the desk's columns of every open matter again on the calendar in force: after a
/// holiday year is imported (limits counted on it move).
pub(crate) async fn refresh_desk<E: Exec>(e: &E) -> Result<()> {
    let cal = calendar_in(e).await?;
    let rows = e
        .query("SELECT c.state FROM proj_case_fact f JOIN proj_case c ON c.id = f.id WHERE f.open = 1", Vec::new())
        .await?;
    let mut facts = Vec::with_capacity(rows.len());
    for r in rows {
        let state: CaseState = parse("proj_case", &r.text(0)?)?;
        facts.push(fact_params(Fact::of(&state, &cal)));
    }
    e.execute_many(UPSERT_FACT, &facts).await?;
    Ok(())
}

/// Fills the desk's columns of the matters recorded before they existed (`due` empty), and
/// counts every open matter's `due` again when this program ships another holiday schedule
/// than the one they were counted on ([`Calendar::builtin_fingerprint`]); run when the
/// database is opened. A matter a concurrent append changed meanwhile is left as that append
/// wrote it.
pub(crate) async fn sync_desk(store: &Store) -> Result<()> {
    let fingerprint = Calendar::builtin_fingerprint();
    let stored = store.query("SELECT fingerprint FROM case_desk_calendar", Vec::new()).await?;
    let same = stored.first().map(|r| r.text(0)).transpose()?.is_some_and(|f| f == fingerprint);
    let which = if same { "f.due = ''" } else { "f.due = '' OR f.open = 1" };
    let rows = store
        .query(
            &format!("SELECT c.state, c.seq FROM proj_case_fact f JOIN proj_case c ON c.id = f.id WHERE {which}"),
            Vec::new(),
        )
        .await?;
    if same && rows.is_empty() {
        return Ok(());
    }
    let cal = store.calendar().await?;
    let mut updates = Vec::with_capacity(rows.len());
    for r in rows {
        let state: CaseState = parse("proj_case", &r.text(0)?)?;
        let f = Fact::of(&state, &cal);
        updates.push(params![f.due, f.in_charge, f.review, f.collective, f.serious, f.id, r.int(1)?]);
    }
    let mut writes = vec![crate::dialect::Write(
        "UPDATE proj_case_fact SET due = ?, in_charge = ?, review = ?, collective = ?, serious = ?
         WHERE id = ? AND EXISTS (SELECT 1 FROM proj_case c WHERE c.id = proj_case_fact.id AND c.seq = ?)",
        updates,
    )];
    if !same {
        writes.push(crate::dialect::Write::once("DELETE FROM case_desk_calendar", Vec::new()));
        writes.push(crate::dialect::Write::once(
            "INSERT INTO case_desk_calendar (fingerprint) VALUES (?)",
            params![fingerprint],
        ));
    }
    store.write_all(writes).await?;
    Ok(())
}

/// Marks as listed the matters whose decision's number a batch's serious-list entries name,
/// each against its own party (the credit office decided their proposal), so that they leave
/// the proposals' index. A matter once listed stays so: its proposal was decided, and the
/// entry's end (its term, or early removal after repair) does not propose it again.
pub(crate) async fn mark_listed<E: Exec>(
    e: &E,
    credit: &[(u64, Option<String>, crate::credit::CreditEffect)],
) -> Result<()> {
    let listed: Vec<Vec<Sql>> = credit
        .iter()
        .filter(|(_, _, c)| c.kind == shijian_core::credit::lists::KIND_SERIOUS_LISTED)
        .filter_map(|(_, entity, c)| Some(params![entity.clone()?, c.data["decision"].as_str()?]))
        .collect();
    e.execute_many(MARK_LISTED, &listed).await?;
    Ok(())
}

const MARK_LISTED: &str = "UPDATE proj_case_fact SET listed = 1
     WHERE entity = ? AND id IN (SELECT id FROM proj_case_number WHERE number = ?)";

/// Marks as listed the matters proposing a serious-list entry that their party's log shows
/// listed under their decision's number, but whose row says otherwise: rows written before
/// migration 16 kept no such mark. Run when the database is opened; it reads only the
/// proposals still undecided in the index, a few events each.
pub(crate) async fn sync_listed(store: &Store) -> Result<()> {
    let rows = store
        .query(
            "SELECT f.entity, n.number FROM proj_case_fact f JOIN proj_case_number n ON n.id = f.id
             WHERE f.serious = 1 AND f.listed = 0 AND f.entity IS NOT NULL",
            Vec::new(),
        )
        .await?;
    let mut listed = Vec::new();
    for r in rows {
        let (entity, number) = (r.text(0)?, r.text(1)?);
        for event in store.events_of_subject(&entity).await? {
            if event.kind != shijian_core::credit::lists::KIND_SERIOUS_LISTED {
                continue;
            }
            let record: serde_json::Value = parse("event", &event.record)?;
            if record["data"]["decision"].as_str() == Some(number.as_str()) {
                listed.push(params![entity.clone(), number.clone()]);
            }
        }
    }
    if !listed.is_empty() {
        store.write_all(vec![crate::dialect::Write(MARK_LISTED, listed)]).await?;
    }
    Ok(())
}

/// Folds a batch's `case.*` events and writes the result.
pub(crate) async fn apply<E: Exec>(e: &E, events: &[Entry]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut ids: Vec<String> = events.iter().map(|(_, x)| x.id().to_string()).collect();
    ids.sort();
    ids.dedup();
    let mut loaded = HashMap::new();
    for r in e.query("SELECT id, state FROM proj_case WHERE id = ANY(?)", params![ids]).await? {
        loaded.insert(r.text(0)?, parse::<CaseState>("proj_case", &r.text(1)?)?);
    }
    let w = fold(events, loaded)?;
    let cal = calendar_in(e).await?;
    for (number, id, seq) in &w.numbers {
        let (series, year, n) = c::parse_document_number(number)?;
        let inserted = e
            .insert_new(
                "INSERT INTO proj_case_number (number, id, series, year, seq) VALUES (?, ?, ?, ?, ?)",
                params![number, id, series, i64::from(year), i64::from(n)],
            )
            .await?;
        if !inserted {
            return Err(Error::new(Code::CaseNumberTaken).with("number", number.clone()).with("index", *seq));
        }
    }
    let mut updates = Vec::new();
    let mut facts = Vec::with_capacity(w.cases.len());
    for (state, seq, new) in &w.cases {
        let json = to_json(state)?;
        if *new {
            let inserted = e
                .insert_new("INSERT INTO proj_case (id, state, seq) VALUES (?, ?, ?)", params![&state.id, json, *seq])
                .await?;
            if !inserted {
                return Err(Error::new(Code::CaseWorkflow)
                    .with("id", state.id.clone())
                    .with("status", "已登记")
                    .with("step", "再次登记 / receive again"));
            }
        } else {
            updates.push(params![json, *seq, &state.id]);
        }
        facts.push(fact_params(Fact::of(state, &cal)));
    }
    e.execute_many("UPDATE proj_case SET state = ?, seq = ? WHERE id = ?", &updates).await?;
    e.execute_many(UPSERT_FACT, &facts).await?;
    let public = w
        .public
        .iter()
        .map(|(p, ended, seq)| {
            Ok(params![
                &p.id,
                &p.number,
                &p.party,
                p.entity.clone(),
                p.office.to_string(),
                p.decided_on.to_string(),
                p.on.to_string(),
                p.until.to_string(),
                ended.clone(),
                to_json(p)?,
                *seq
            ])
        })
        .collect::<Result<Vec<Vec<Sql>>>>()?;
    e.execute_many(
        "INSERT INTO proj_case_public (id, number, party, entity, office, decided_on, published_on, until, ended_on,
             body, seq)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        &public,
    )
    .await?;
    let grams: Vec<Vec<Sql>> = w
        .public
        .iter()
        .flat_map(|(p, _, _)| {
            let mut g = grams(&p.party);
            g.extend(grams(&p.number));
            g.sort();
            g.dedup();
            g.into_iter().map(|gram| params![gram, &p.id])
        })
        .collect();
    e.execute_many("INSERT INTO proj_case_public_gram (gram, id) VALUES (?, ?) ON CONFLICT DO NOTHING", &grams).await?;
    let ended: Vec<Vec<Sql>> = w.ended.iter().map(|(id, on, seq)| params![on, *seq, id]).collect();
    e.execute_many("UPDATE proj_case_public SET ended_on = ?, seq = ? WHERE id = ?", &ended).await?;
    Ok(())
}

// ----- reads -----

const FACT_COLUMNS: &str = "f.id, f.office, f.status, f.open, f.entity, f.officer, f.received_on, f.filed_on,
    f.decided_on, f.closed_on, f.procedure, f.outcome, f.fine_fen, f.row_code, f.due, f.in_charge, f.review,
    f.collective, f.serious";

fn fact_of(r: &Row) -> Result<Fact> {
    Ok(Fact {
        id: r.text(0)?,
        office: r.text(1)?,
        status: r.text(2)?,
        open: r.bool(3)?,
        entity: r.opt_text(4)?,
        officer: r.opt_text(5)?,
        received_on: r.text(6)?,
        filed_on: r.opt_text(7)?,
        decided_on: r.opt_text(8)?,
        closed_on: r.opt_text(9)?,
        procedure: r.opt_text(10)?,
        outcome: r.text(11)?,
        fine_fen: r.int(12)?,
        row: r.opt_text(13)?,
        due: r.text(14)?,
        in_charge: r.opt_text(15)?,
        review: r.bool(16)?,
        collective: r.bool(17)?,
        serious: r.bool(18)?,
    })
}

const PUBLIC_COLUMNS: &str = "body, ended_on";

fn public_of(r: &Row) -> Result<PublicRecord> {
    Ok(PublicRecord { record: parse("proj_case_public", &r.text(0)?)?, ended_on: r.opt_text(1)? })
}

async fn states(store: &Store, sql: &str, params: Vec<Sql>) -> Result<Vec<CaseState>> {
    store.query(sql, params).await?.iter().map(|r| parse("proj_case", &r.text(0)?)).collect()
}

/// A matter by id.
pub(crate) async fn case(store: &Store, id: &str) -> Result<Option<CaseState>> {
    let rows = store.lookup("SELECT state FROM proj_case WHERE id = ?", params![id]).await?;
    rows.first().map(|r| parse("proj_case", &r.text(0)?)).transpose()
}

/// The condition of a desk's queue on `proj_case_fact f`, with its parameter.
fn queue_filter(queue: Queue, me: Option<&str>) -> (&'static str, Vec<Sql>) {
    match queue {
        Queue::Open => ("", Vec::new()),
        Queue::Mine => (" AND f.in_charge = ?", params![me.unwrap_or_default()]),
        Queue::Review => (" AND f.review = 1", Vec::new()),
        Queue::Collective => (" AND f.collective = 1", Vec::new()),
    }
}

/// A page of a desk: the open matters of the offices in `range` in `queue` (for the account
/// `me`), nearest limit first, `limit` from the `offset`-th.
pub(crate) async fn desk(
    store: &Store,
    range: (String, String),
    queue: Queue,
    me: Option<&str>,
    offset: usize,
    limit: usize,
) -> Result<Vec<CaseState>> {
    let (cond, extra) = queue_filter(queue, me);
    // The page is chosen on the index alone, then only its matters' states are read: ordering
    // the join instead reads the state (about 2 KB) of every open matter of the offices before
    // keeping a page of them (the province's desk: 2,089 states for 50).
    let sql = format!(
        "SELECT c.state FROM (SELECT f.id, f.due FROM proj_case_fact f
             WHERE f.open = 1 AND f.office BETWEEN ? AND ?{cond} ORDER BY f.due, f.id LIMIT ? OFFSET ?) p
         JOIN proj_case c ON c.id = p.id ORDER BY p.due, p.id"
    );
    let mut p = params![range.0, range.1];
    p.extend(extra);
    p.extend(params![limit as u64, offset as u64]);
    states(store, &sql, p).await
}

/// How many open matters of the offices in `range` each queue holds for the account `me`, in
/// the order of [`Queue::ALL`].
pub(crate) async fn desk_counts(store: &Store, range: (String, String), me: Option<&str>) -> Result<[u64; 4]> {
    let rows = store
        .query(
            "SELECT count(*), count(*) FILTER (WHERE f.in_charge = ?), count(*) FILTER (WHERE f.review = 1),
                 count(*) FILTER (WHERE f.collective = 1)
             FROM proj_case_fact f WHERE f.open = 1 AND f.office BETWEEN ? AND ?",
            params![me.unwrap_or_default(), range.0, range.1],
        )
        .await?;
    let r = rows.first().ok_or_else(|| Error::new(Code::DbIntegrity).with("reason", "count"))?;
    let n = |i| r.int(i).map(|v| v.max(0) as u64);
    Ok([n(0)?, n(1)?, n(2)?, n(3)?])
}

/// Every matter of the offices in `range` received from `since`, by id, `limit` after `after`.
pub(crate) async fn cases_of_office(
    store: &Store,
    range: (String, String),
    after: &str,
    limit: usize,
) -> Result<Vec<CaseState>> {
    states(
        store,
        // The page on the index first, then only its states (see `desk`).
        "SELECT c.state FROM (SELECT f.id FROM proj_case_fact f
             WHERE f.office BETWEEN ? AND ? AND f.id > ? ORDER BY f.id LIMIT ?) p
         JOIN proj_case c ON c.id = p.id ORDER BY p.id",
        params![range.0, range.1, after, limit as u64],
    )
    .await
}

/// Whether matter `id` is marked listed ([`mark_listed`]).
pub(crate) async fn listed(store: &Store, id: &str) -> Result<bool> {
    let rows = store.lookup("SELECT listed FROM proj_case_fact WHERE id = ?", params![id]).await?;
    Ok(rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0) != 0)
}

/// The matters of the offices in `range` whose penalty proposes a serious-list entry, by id.
pub(crate) async fn serious_proposals(store: &Store, range: (String, String)) -> Result<Vec<CaseState>> {
    states(
        store,
        "SELECT c.state FROM proj_case_fact f JOIN proj_case c ON c.id = f.id
         WHERE f.serious = 1 AND f.listed = 0 AND f.office BETWEEN ? AND ? ORDER BY f.id",
        params![range.0, range.1],
    )
    .await
}

/// The decided matters against entities from `lo` to `hi` (credit codes), by entity and id.
pub(crate) async fn decided_of_entities(store: &Store, lo: &str, hi: &str) -> Result<Vec<CaseState>> {
    states(
        store,
        "SELECT c.state FROM proj_case_fact f JOIN proj_case c ON c.id = f.id
         WHERE f.entity IS NOT NULL AND f.entity >= ? AND f.entity <= ? AND f.decided_on IS NOT NULL
         ORDER BY f.entity, f.id",
        params![lo, hi],
    )
    .await
}

/// Every matter against `entity`, by id.
pub(crate) async fn of_entity(store: &Store, entity: &str) -> Result<Vec<CaseState>> {
    states(
        store,
        "SELECT c.state FROM proj_case_fact f JOIN proj_case c ON c.id = f.id
         WHERE f.entity = ? AND f.entity IS NOT NULL ORDER BY f.id",
        params![entity],
    )
    .await
}

/// The narrow records of the matters against `entity`.
pub(crate) async fn facts_of_entity(store: &Store, entity: &str) -> Result<Vec<Fact>> {
    let sql = format!("SELECT {FACT_COLUMNS} FROM proj_case_fact f WHERE f.entity = ? AND f.entity IS NOT NULL");
    store.lookup(&sql, params![entity]).await?.iter().map(fact_of).collect()
}

/// The highest id of the clues received on a day (`prefix` = `AJ` + the day).
pub(crate) async fn highest_id(store: &Store, prefix: &str) -> Result<Option<String>> {
    let hi = format!("{prefix}999999");
    let rows = store.query("SELECT max(id) FROM proj_case WHERE id >= ? AND id <= ?", params![prefix, hi]).await?;
    rows.first().map(|r| r.opt_text(0)).transpose().map(Option::flatten)
}

/// The highest number taken in a document series and year.
pub(crate) async fn highest_number(store: &Store, series: &str, year: i32) -> Result<u32> {
    let rows = store
        .query("SELECT max(seq) FROM proj_case_number WHERE series = ? AND year = ?", params![series, i64::from(year)])
        .await?;
    Ok(rows.first().map(|r| r.opt_int(0)).transpose()?.flatten().unwrap_or(0) as u32)
}

/// The two-character pieces of `text`, in order, ASCII letters in lower case as SQLite's `LIKE`
/// compares them (none for a text of one character).
pub(crate) fn grams(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().map(|c| c.to_ascii_lowercase()).collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// Publicity records public on `day` whose party or number contains `text` (all when empty),
/// newest decision first, `limit` after the cursor `(decided_on, id)`. A text of two characters
/// or more reads only the records holding its rarest piece (of its first eight).
pub(crate) async fn public_penalties(
    store: &Store,
    day: &str,
    text: &str,
    after: Option<(String, String)>,
    limit: usize,
) -> Result<Vec<PublicRecord>> {
    let (after_day, after_id) = after.unwrap_or_else(|| ("9999-12-31".into(), String::new()));
    let like = format!("%{}%", text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let mut pieces = grams(text);
    pieces.truncate(8);
    pieces.sort();
    pieces.dedup();
    if !pieces.is_empty() && shijian_core::Uscc::parse(text).is_err() {
        let mut rarest: Option<(i64, String)> = None;
        for g in pieces {
            let rows = store.query("SELECT count(*) FROM proj_case_public_gram WHERE gram = ?", params![&g]).await?;
            let n = rows.first().map(|r| r.int(0)).transpose()?.unwrap_or(0);
            if n == 0 {
                return Ok(Vec::new());
            }
            if rarest.as_ref().is_none_or(|(m, _)| n < *m) {
                rarest = Some((n, g));
            }
        }
        let gram = rarest.map(|(_, g)| g).unwrap_or_default();
        let rows = store
            .query(
                "SELECT p.body, p.ended_on FROM proj_case_public_gram g JOIN proj_case_public p ON p.id = g.id
                 WHERE g.gram = ? AND p.published_on <= ? AND p.until >= ? AND p.ended_on IS NULL
                   AND (p.party LIKE ? ESCAPE '\\' OR p.number LIKE ? ESCAPE '\\')
                   AND (p.decided_on < ? OR (p.decided_on = ? AND p.id < ?))
                 ORDER BY p.decided_on DESC, p.id DESC LIMIT ?",
                params![gram, day, day, &like, &like, &after_day, &after_day, &after_id, limit as u64],
            )
            .await?;
        return rows.iter().map(public_of).collect();
    }
    let sql = format!(
        "SELECT {PUBLIC_COLUMNS} FROM proj_case_public
         WHERE published_on <= ? AND until >= ? AND ended_on IS NULL
           AND (? = '' OR party LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\' OR entity = ?)
           AND (decided_on < ? OR (decided_on = ? AND id < ?))
         ORDER BY decided_on DESC, id DESC LIMIT ?"
    );
    let rows = store
        .query(&sql, params![day, day, text, &like, &like, text, &after_day, &after_day, &after_id, limit as u64])
        .await?;
    rows.iter().map(public_of).collect()
}

/// One publicity record, whether or not it is still public (the caller decides by the day).
pub(crate) async fn public_penalty(store: &Store, id: &str) -> Result<Option<PublicRecord>> {
    let sql = format!("SELECT {PUBLIC_COLUMNS} FROM proj_case_public WHERE id = ?");
    store.lookup(&sql, params![id]).await?.first().map(public_of).transpose()
}

/// The publicity records of `entity` public on `day`, newest first.
pub(crate) async fn public_penalties_of_entity(store: &Store, entity: &str, day: &str) -> Result<Vec<PublicRecord>> {
    let sql = format!(
        "SELECT {PUBLIC_COLUMNS} FROM proj_case_public
         WHERE entity = ? AND entity IS NOT NULL AND published_on <= ? AND until >= ? AND ended_on IS NULL
         ORDER BY decided_on DESC, id DESC"
    );
    store.lookup(&sql, params![entity, day, day]).await?.iter().map(public_of).collect()
}
