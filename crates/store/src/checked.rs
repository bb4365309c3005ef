//! Checked appends: the house rule that a decision made on read state is recorded only if
//! that state still holds when its events are written.
//!
//! A use case reads the log's size first ([`Store::decision_point`](crate::Store::decision_point)),
//! then reads what it decides on and decides with the pure `core` rules, and appends with an
//! [`Expect`]: "nothing has been recorded about these matters at or after that index". The
//! store checks it under the sequencer lock, inside the append's transaction (SQLite: in the
//! `IMMEDIATE` transaction; PostgreSQL: after `pg_advisory_xact_lock`), before any row is
//! written; a mismatch fails the whole append with `append_conflict` and writes nothing. Of two
//! concurrent decisions about one matter, the second to reach the sequencer finds the first's
//! events and fails, whatever the interleaving of their reads.
//!
//! The size is read before the state, so the check is conservative: an event about the matter
//! that landed between the two reads (and that the decision may in fact have seen) also fails
//! the append; the caller reads again and decides again.
//!
//! Matters are looked up in what the append already maintains, so the rule costs no table and
//! no write: the events of a subject (the journal's `event_subject` index) and the names of
//! the candidate index (`proj_name_key` with `proj_name.id`, the index of the event that
//! brought each name).

use shijian_core::{Code, Error, Result};

use crate::db_err;

/// Something a decision was made on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matter {
    /// Everything recorded about a subject: the events whose subject it is (an entity's credit
    /// code, a complaint's number, a plan's id).
    Subject(String),
    /// The names a refusing name rule would meet: names brought into the candidate index under
    /// any of these hashes ([`crate::name_key_hash`] of an office and a key). `what` names the
    /// matter in the error (the proposed name).
    Names { what: String, hashes: Vec<i64> },
}

impl Matter {
    fn describe(&self) -> &str {
        match self {
            Matter::Subject(s) => s,
            Matter::Names { what, .. } => what,
        }
    }
}

/// What a decision expects of the journal at append time: nothing recorded about any of its
/// `matters` at or after log index `seen` (the log's size when the decision started reading).
/// Without matters, an append is not checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expect {
    pub seen: u64,
    pub matters: Vec<Matter>,
}

impl Expect {
    /// A decision that started reading when the log had `seen` entries.
    pub fn since(seen: u64) -> Expect {
        Expect { seen, matters: Vec::new() }
    }

    /// Adds a subject the decision read.
    pub fn subject(mut self, subject: impl Into<String>) -> Expect {
        let subject = subject.into();
        if !self.matters.iter().any(|m| matches!(m, Matter::Subject(s) if *s == subject)) {
            self.matters.push(Matter::Subject(subject));
        }
        self
    }

    /// Adds the names a name check compared with (see [`Matter::Names`]).
    pub fn names(mut self, what: impl Into<String>, hashes: Vec<i64>) -> Expect {
        if !hashes.is_empty() {
            self.matters.push(Matter::Names { what: what.into(), hashes });
        }
        self
    }

    pub fn is_empty(&self) -> bool {
        self.matters.is_empty()
    }
}

fn conflict(matter: &Matter, index: i64) -> Error {
    Error::new(Code::AppendConflict).with("matter", matter.describe()).with("index", index)
}

/// Subjects with their matter.
type Subjects<'a> = Vec<(&'a str, &'a Matter)>;
/// Name hashes, each once, with the first matter naming it.
type NameHashes<'a> = Vec<(i64, &'a Matter)>;

/// The subjects of `expect`, and each name hash once with its matter.
fn split(expect: &Expect) -> (Subjects<'_>, NameHashes<'_>) {
    let mut subjects = Vec::new();
    let mut names = std::collections::BTreeMap::new();
    for m in &expect.matters {
        match m {
            Matter::Subject(s) => subjects.push((s.as_str(), m)),
            Matter::Names { hashes, .. } => {
                for h in hashes {
                    names.entry(*h).or_insert(m);
                }
            }
        }
    }
    (subjects, names.into_iter().collect())
}

/// Checks `expect` inside a SQLite write transaction.
pub(crate) fn check_sqlite(tx: &rusqlite::Connection, expect: &Expect) -> Result<()> {
    use rusqlite::OptionalExtension;
    if expect.is_empty() {
        return Ok(());
    }
    let seen = i64::try_from(expect.seen).map_err(db_err)?;
    let (subjects, names) = split(expect);
    // `subject IS NOT NULL` written out: the partial index's condition then does not depend on
    // the bound value (see `SELECT_EVENTS_OF_SUBJECT`).
    let mut st = tx
        .prepare_cached(
            "SELECT seq FROM event WHERE subject = ?1 AND subject IS NOT NULL AND seq >= ?2 ORDER BY seq LIMIT 1",
        )
        .map_err(db_err)?;
    for (subject, matter) in subjects {
        let found: Option<i64> =
            st.query_row(rusqlite::params![subject, seen], |r| r.get(0)).optional().map_err(db_err)?;
        if let Some(index) = found {
            return Err(conflict(matter, index));
        }
    }
    let mut st = tx
        .prepare_cached(
            "SELECT n.id FROM proj_name_key k JOIN proj_name n ON n.id = k.name_id WHERE k.h = ?1 AND n.id >= ?2 LIMIT 1",
        )
        .map_err(db_err)?;
    for (h, matter) in names {
        let found: Option<i64> = st.query_row(rusqlite::params![h, seen], |r| r.get(0)).optional().map_err(db_err)?;
        if let Some(index) = found {
            return Err(conflict(matter, index));
        }
    }
    Ok(())
}

/// Checks `expect` inside a PostgreSQL transaction that holds the sequencer's advisory lock:
/// one statement for the subjects and one for the names.
pub(crate) async fn check_postgres<C: tokio_postgres::GenericClient + Sync>(c: &C, expect: &Expect) -> Result<()> {
    if expect.is_empty() {
        return Ok(());
    }
    let seen = i64::try_from(expect.seen).map_err(db_err)?;
    let (subjects, names) = split(expect);
    if !subjects.is_empty() {
        let list: Vec<&str> = subjects.iter().map(|(s, _)| *s).collect();
        let row = c
            .query_opt(
                "SELECT subject, seq FROM event WHERE subject = ANY($1) AND seq >= $2 ORDER BY seq LIMIT 1",
                &[&list, &seen],
            )
            .await
            .map_err(db_err)?;
        if let Some(r) = row {
            let subject: String = r.try_get(0).map_err(db_err)?;
            let matter = subjects.iter().find(|(s, _)| *s == subject).map_or(subjects[0].1, |(_, m)| *m);
            return Err(conflict(matter, r.try_get(1).map_err(db_err)?));
        }
    }
    if !names.is_empty() {
        let list: Vec<i64> = names.iter().map(|(h, _)| *h).collect();
        let row = c
            .query_opt(
                "SELECT k.h, n.id FROM proj_name_key k JOIN proj_name n ON n.id = k.name_id
                 WHERE k.h = ANY($1) AND n.id >= $2 ORDER BY n.id LIMIT 1",
                &[&list, &seen],
            )
            .await
            .map_err(db_err)?;
        if let Some(r) = row {
            let h: i64 = r.try_get(0).map_err(db_err)?;
            let matter = names.iter().find(|(x, _)| *x == h).map_or(names[0].1, |(_, m)| *m);
            return Err(conflict(matter, r.try_get(1).map_err(db_err)?));
        }
    }
    Ok(())
}
