//! The journal's own projections: events per kind and day (`proj_event_count`), publicity
//! changes (`proj_publicity`), witnesses' cosignatures (`proj_cosignature`) and the witnessed
//! logs' latest checkpoints (`proj_witness`); their folds and reads.

use std::collections::BTreeMap;

use shijian_core::event::{CheckpointCosigned, CosignatureAdded};
use shijian_core::{Code, Error, Result};

use crate::Store;
use crate::dialect::{Exec, Sql, params};

pub(crate) async fn apply_counts<E: Exec>(e: &E, counts: &BTreeMap<(String, String), i64>) -> Result<()> {
    let rows: Vec<Vec<Sql>> = counts.iter().map(|((kind, day), n)| params![kind, day, *n]).collect();
    // One statement for the batch (each (kind, day) once: the keys of a map).
    e.execute_rows(
        "INSERT INTO proj_event_count (kind, day, n) SELECT * FROM UNNEST(?::text[], ?::text[], ?::bigint[]) WHERE true
         ON CONFLICT (kind, day) DO UPDATE SET n = proj_event_count.n + excluded.n",
        &rows,
    )
    .await?;
    Ok(())
}

/// A change of an unknown event fails the append.
pub(crate) async fn apply_publicity<E: Exec>(e: &E, changes: &[(String, bool, Option<String>, u64)]) -> Result<()> {
    for (target, restricted, until, by) in changes {
        let n = e
            .execute(
                "INSERT INTO proj_publicity (seq, restricted, public_until, changed_by)
                 SELECT seq, ?, ?, ? FROM event WHERE id = ?
                 ON CONFLICT (seq) DO UPDATE SET restricted = excluded.restricted,
                     public_until = excluded.public_until, changed_by = excluded.changed_by",
                params![*restricted, until.clone(), *by, target],
            )
            .await?;
        if n == 0 {
            return Err(Error::new(Code::EventUnknown).with("id", target));
        }
    }
    Ok(())
}

pub(crate) async fn apply_cosignatures<E: Exec>(e: &E, added: &[(CosignatureAdded, u64)]) -> Result<()> {
    let rows: Vec<Vec<Sql>> =
        added.iter().map(|(c, seq)| params![c.size, &c.witness, c.key_id, &c.line, *seq]).collect();
    e.execute_many(
        "INSERT INTO proj_cosignature (size, witness, key_id, line, seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (size, witness, key_id) DO NOTHING",
        &rows,
    )
    .await?;
    Ok(())
}

pub(crate) async fn apply_witnessed<E: Exec>(e: &E, witnessed: &[(CheckpointCosigned, u64)]) -> Result<()> {
    let rows: Vec<Vec<Sql>> = witnessed.iter().map(|(w, seq)| params![&w.origin, w.size, &w.root, *seq]).collect();
    e.execute_many(
        "INSERT INTO proj_witness (origin, size, root, seq) VALUES (?, ?, ?, ?)
         ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root, seq = excluded.seq
         WHERE excluded.size > proj_witness.size",
        &rows,
    )
    .await?;
    Ok(())
}

/// The cosignature lines of the checkpoint of `size`, in the order they were recorded.
pub(crate) async fn cosignatures(store: &Store, size: u64) -> Result<Vec<String>> {
    let rows = store.query("SELECT line FROM proj_cosignature WHERE size = ? ORDER BY seq", params![size]).await?;
    rows.iter().map(|r| r.text(0)).collect()
}

/// The latest (size, root) a witnessed log has shown us.
pub(crate) async fn witness_state(store: &Store, origin: &str) -> Result<Option<(u64, String)>> {
    let rows = store.query("SELECT size, root FROM proj_witness WHERE origin = ?", params![origin]).await?;
    rows.first().map(|r| Ok((r.int(0)? as u64, r.text(1)?))).transpose()
}

/// (kind, day, events), by kind and day.
pub(crate) async fn event_counts(store: &Store) -> Result<Vec<(String, String, i64)>> {
    let rows = store.query("SELECT kind, day, n FROM proj_event_count ORDER BY kind, day", Vec::new()).await?;
    rows.iter().map(|r| Ok((r.text(0)?, r.text(1)?, r.int(2)?))).collect()
}
