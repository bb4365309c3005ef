//! The journal's conformance suite: every test runs on SQLite and on PostgreSQL.

use chrono::{DateTime, Utc};
use serde_json::json;
use shijian_core::event::{Actor, KIND_PUBLICITY_CHANGED, NewEvent, Publicity, Role};
use shijian_core::{Code, DivisionCode, parse_date};
use shijian_ledger::commitment;
use shijian_ledger::hash::{Hash, leaf_hash, merkle_root};
use shijian_ledger::note::{Signer, TYPE_ED25519};
use shijian_ledger::receipt::Receipt;
use shijian_ledger::tree;
use shijian_store::{Backend, Store};

shijian_store::conformance!(
    append_assigns_consecutive_indexes_and_stores_commitments,
    a_failed_append_changes_nothing,
    the_stored_tree_is_the_tree_of_the_entries,
    checkpoints_and_receipts_verify_offline,
    verify_passes_on_a_sound_log,
    verify_names_a_tampered_entry,
    verify_names_a_tampered_hash,
    verify_catches_tampered_internal_nodes,
    events_are_immutable,
    publicity_changes_flow_through_a_projection,
    projections_rebuild_from_the_journal,
    concurrent_appends_keep_one_sequence,
    cosignatures_and_witness_state_are_projections,
    a_rebuild_reproduces_every_projection_table,
    the_registry_names_every_projection_table,
);

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

pub fn event(n: u64) -> NewEvent {
    NewEvent {
        // A kind without a projection of its own: the journal alone is under test here.
        kind: "filing.document_received".into(),
        subject: Some("91420100MA4K2X5T27".into()),
        occurred_at: at("2026-11-28T08:00:00Z") + chrono::Duration::seconds(n as i64),
        actor: Actor { role: Role::Registrar, office: DivisionCode::lookup("420102"), pseudonym: Some("s-1".into()) },
        basis: "市场主体登记管理条例 第二十一条".into(),
        data: json!({"name": format!("武汉市江岸区红光{n}餐饮管理有限公司"), "n": n}),
        publicity: Publicity::Public { until: None },
    }
}

fn events(from: u64, n: u64) -> Vec<NewEvent> {
    (from..from + n).map(event).collect()
}

fn signer() -> Signer {
    Signer::from_seed("shijian.test/log", TYPE_ED25519, &[7; 32]).unwrap()
}

async fn leaves(store: &Store) -> Vec<Hash> {
    let size = store.log_size().await.unwrap();
    store.entries(0, size).await.unwrap().iter().map(|e| leaf_hash(e)).collect()
}

async fn append_assigns_consecutive_indexes_and_stores_commitments(store: Store) {
    store.migrate().await.unwrap();
    let a = store.append(&events(0, 3)).await.unwrap();
    assert_eq!(a.iter().map(|r| r.index).collect::<Vec<_>>(), [0, 1, 2]);
    let b = store.append(&events(3, 2)).await.unwrap();
    assert_eq!(b.iter().map(|r| r.index).collect::<Vec<_>>(), [3, 4]);
    assert_eq!(store.log_size().await.unwrap(), 5);
    let e = store.event_by_id(&b[1].event_id).await.unwrap();
    assert_eq!(e.index, 4);
    assert_eq!(e, store.event_by_index(4).await.unwrap());
    assert_eq!(e.record, event(4).record(&e.id).unwrap());
    assert_eq!(e.entry, commitment::entry(&e.salt, e.record.as_bytes()).to_vec());
    assert_eq!(e.subject.as_deref(), Some("91420100MA4K2X5T27"));
    assert_eq!(e.occurred_at, "2026-11-28T08:00:04.000000Z");
    // Salts are per event.
    assert_ne!(store.event_by_index(3).await.unwrap().salt, e.salt);
    assert_eq!(store.event_by_id("nope").await.unwrap_err().code(), Code::EventUnknown);
    assert_eq!(store.event_by_index(5).await.unwrap_err().code(), Code::LogIndexUnknown);
}

async fn a_failed_append_changes_nothing(store: Store) {
    store.migrate().await.unwrap();
    store.append(&events(0, 10)).await.unwrap();
    let head = store.tree_head().await.unwrap();
    // An invalid event in the batch: refused before anything is written.
    let mut bad = events(10, 5);
    bad[3].kind = "Not A Kind".into();
    assert_eq!(store.append(&bad).await.unwrap_err().code(), Code::EventInvalid);
    // A publicity change for an event that does not exist: refused inside the transaction,
    // after the rows and tiles were written, so the rollback is what keeps them out.
    let mut batch = events(10, 5);
    batch.push(NewEvent {
        kind: KIND_PUBLICITY_CHANGED.into(),
        data: json!({"event_id": "no-such-event", "public_until": null, "restricted": true}),
        ..event(99)
    });
    assert_eq!(store.append(&batch).await.unwrap_err().code(), Code::EventUnknown);
    assert_eq!(store.tree_head().await.unwrap(), head);
    assert_eq!(store.event_counts().await.unwrap().iter().map(|c| c.2).sum::<i64>(), 10);
    // The sequencer is intact: the next append continues the same tree.
    let next = store.append(&events(10, 1)).await.unwrap();
    assert_eq!(next[0].index, 10);
    assert_eq!(store.tree_head().await.unwrap().1, merkle_root(&leaves(&store).await));
}

async fn the_stored_tree_is_the_tree_of_the_entries(store: Store) {
    store.migrate().await.unwrap();
    assert_eq!(store.tree_head().await.unwrap(), (0, Hash::empty()));
    let mut sizes = Vec::new();
    let mut n = 0;
    // Batches that cross tile boundaries at levels 0 and 1.
    for batch in [1u64, 255, 1, 300, 511, 1000, 7, 66_000 - 2075] {
        store.append(&events(n, batch)).await.unwrap();
        n += batch;
        sizes.push((n, store.tree_head().await.unwrap().1));
    }
    let all = leaves(&store).await;
    assert_eq!(all.len() as u64, n);
    for &(size, root) in &sizes {
        assert_eq!(root, merkle_root(&all[..size as usize]), "root at {size}");
    }
    for &(size, root) in &sizes {
        for index in [0, size / 2, size - 1] {
            let p = store.inclusion_proof(index, size).await.unwrap();
            tree::verify_inclusion(index, size, &all[index as usize], &p, &root).unwrap();
        }
    }
    for pair in sizes.windows(2) {
        let ((a, ra), (b, rb)) = (pair[0], pair[1]);
        let p = store.consistency_proof(a, b).await.unwrap();
        tree::verify_consistency(a, b, &ra, &rb, &p).unwrap();
    }
    assert_eq!(store.inclusion_proof(n, n).await.unwrap_err().code(), Code::LogIndexUnknown);
}

async fn checkpoints_and_receipts_verify_offline(store: Store) {
    store.migrate().await.unwrap();
    let s = signer();
    // An empty log still gets its first checkpoint.
    let first = store.sign_checkpoint(&s).await.unwrap().unwrap();
    assert_eq!(first.size, 0);
    assert!(store.sign_checkpoint(&s).await.unwrap().is_none(), "nothing new to sign");
    let appended = store.append(&events(0, 300)).await.unwrap();
    assert_eq!(store.receipt(10).await.unwrap_err().code(), Code::LogNotCheckpointed);
    let cp = store.sign_checkpoint(&s).await.unwrap().unwrap();
    assert_eq!((cp.size, cp.root), store.tree_head().await.unwrap());
    assert_eq!(store.latest_checkpoint().await.unwrap(), Some(cp.clone()));
    assert_eq!(store.checkpoints().await.unwrap().len(), 2);

    let text = store.receipt(257).await.unwrap().to_text();
    // What a member of the public holds: the record, its salt, the receipt, the log's key.
    let e = store.event_by_index(257).await.unwrap();
    let receipt = Receipt::parse(&text).unwrap();
    assert_eq!(receipt.extra.as_deref(), Some(appended[257].event_id.as_bytes()));
    let leaf = commitment::leaf_for(&e.salt, e.record.as_bytes());
    receipt.verify(&leaf, "shijian.test/log", &s.verifier(), &[], 0).unwrap();
    // A changed record does not verify.
    let forged = e.record.replace("红光257", "红光258");
    assert!(
        receipt
            .verify(&commitment::leaf_for(&e.salt, forged.as_bytes()), "shijian.test/log", &s.verifier(), &[], 0)
            .is_err()
    );
    assert_eq!(store.receipt(300).await.unwrap_err().code(), Code::LogIndexUnknown);
}

async fn verify_passes_on_a_sound_log(store: Store) {
    store.migrate().await.unwrap();
    let s = signer();
    let mut n = 0;
    for batch in [700u64, 1, 300, 2000] {
        store.append(&events(n, batch)).await.unwrap();
        n += batch;
        store.sign_checkpoint(&s).await.unwrap();
    }
    let audit = store.verify_log(&[s.verifier()], "shijian.test/log", |_, _| {}).await.unwrap();
    assert_eq!((audit.entries, audit.checkpoints), (n, 4));
    assert_eq!(audit.root, store.tree_head().await.unwrap().1);
    // With a different key, the checkpoints do not verify.
    let other = Signer::from_seed("shijian.test/log", TYPE_ED25519, &[8; 32]).unwrap();
    let e = store.verify_log(&[other.verifier()], "shijian.test/log", |_, _| {}).await.unwrap_err();
    assert_eq!(e.code(), Code::LogVerifyFailed);
}

/// Drops the immutability triggers, as someone with direct database access could.
async fn drop_guards(store: &Store) {
    let sql = match store.backend() {
        Backend::Sqlite => "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;",
        Backend::Postgres => "DROP TRIGGER event_immutable ON event;",
    };
    store.danger_execute_sql(sql).await.unwrap();
}

async fn verify_names_a_tampered_entry(store: Store) {
    store.migrate().await.unwrap();
    let s = signer();
    store.append(&events(0, 1000)).await.unwrap();
    store.sign_checkpoint(&s).await.unwrap();
    drop_guards(&store).await;
    store
        .danger_execute_sql("UPDATE event SET record = replace(record, '红光123', '红光999') WHERE seq = 123")
        .await
        .unwrap();
    let e = store.verify_log(&[s.verifier()], "shijian.test/log", |_, _| {}).await.unwrap_err();
    assert_eq!((e.code(), e.detail("index")), (Code::LogVerifyFailed, Some("123")), "{e}");
    // A missing entry is a gap.
    store.danger_execute_sql("DELETE FROM event WHERE seq = 50").await.unwrap();
    let e = store.verify_log(&[s.verifier()], "shijian.test/log", |_, _| {}).await.unwrap_err();
    assert_eq!(e.detail("index"), Some("50"), "{e}");
}

async fn verify_names_a_tampered_hash(store: Store) {
    store.migrate().await.unwrap();
    let s = signer();
    store.append(&events(0, 1000)).await.unwrap();
    store.sign_checkpoint(&s).await.unwrap();
    // Flip one byte of the hash of leaf 517 (tile 0/2, position 5).
    let tile = shijian_ledger::tile::Tile { level: 0, index: 2, width: 256 };
    let mut data = store.read_tiles(&[tile]).await.unwrap().remove(0);
    data[5 * 32] ^= 0xFF;
    let hex: String = data.iter().map(|b| format!("{b:02x}")).collect();
    let sql = match store.backend() {
        Backend::Sqlite => format!("UPDATE log_tile SET data = X'{hex}' WHERE key = 2"),
        Backend::Postgres => format!("UPDATE log_tile SET data = decode('{hex}', 'hex') WHERE level = 0 AND idx = 2"),
    };
    store.danger_execute_sql(&sql).await.unwrap();
    let e = store.verify_log(&[s.verifier()], "shijian.test/log", |_, _| {}).await.unwrap_err();
    assert_eq!((e.code(), e.detail("index")), (Code::LogVerifyFailed, Some("517")), "{e}");
}

async fn verify_catches_tampered_internal_nodes(store: Store) {
    store.migrate().await.unwrap();
    let s = signer();
    store.append(&events(0, 1000)).await.unwrap();
    store.sign_checkpoint(&s).await.unwrap();
    // Proofs read the stored internal nodes; a wrong one must not go unnoticed.
    let tile = shijian_ledger::tile::Tile { level: 0, index: 1, width: 256 };
    let data = store.read_tiles(&[tile]).await.unwrap().remove(0);
    let mut nodes = shijian_ledger::tile::tile_nodes(&data);
    nodes[0] ^= 0xFF;
    let hex: String = nodes.iter().map(|b| format!("{b:02x}")).collect();
    let sql = match store.backend() {
        Backend::Sqlite => format!("UPDATE log_tile SET nodes = X'{hex}' WHERE key = 1"),
        Backend::Postgres => format!("UPDATE log_tile SET nodes = decode('{hex}', 'hex') WHERE level = 0 AND idx = 1"),
    };
    store.danger_execute_sql(&sql).await.unwrap();
    let e = store.verify_log(&[s.verifier()], "shijian.test/log", |_, _| {}).await.unwrap_err();
    assert_eq!((e.code(), e.detail("index")), (Code::LogVerifyFailed, Some("256")), "{e}");
}

async fn events_are_immutable(store: Store) {
    store.migrate().await.unwrap();
    store.append(&events(0, 3)).await.unwrap();
    store.sign_checkpoint(&signer()).await.unwrap();
    assert!(store.danger_execute_sql("UPDATE event SET kind = 'x.y' WHERE seq = 1").await.is_err());
    assert!(store.danger_execute_sql("DELETE FROM event WHERE seq = 2").await.is_err());
    assert!(store.danger_execute_sql("DELETE FROM log_checkpoint").await.is_err());
    assert_eq!(store.log_size().await.unwrap(), 3);
}

async fn publicity_changes_flow_through_a_projection(store: Store) {
    store.migrate().await.unwrap();
    let day = |s| parse_date(s).unwrap();
    let penalty = NewEvent {
        kind: "enforcement.penalty_decided".into(),
        publicity: Publicity::Public { until: Some(day("2029-06-30")) },
        ..event(0)
    };
    let personal = NewEvent { kind: "enforcement.clue_recorded".into(), publicity: Publicity::Restricted, ..event(1) };
    let r = store.append(&[penalty, personal]).await.unwrap();
    let p = store.event_by_id(&r[0].event_id).await.unwrap();
    assert_eq!(p.publicity, Publicity::Public { until: Some(day("2029-06-30")) });
    assert!(p.is_public_on(day("2029-06-30")) && !p.is_public_on(day("2029-07-01")));
    assert!(!store.event_by_id(&r[1].event_id).await.unwrap().is_public_on(day("2026-01-01")));
    // Credit repair ends the penalty's publicity early.
    let change = NewEvent {
        kind: KIND_PUBLICITY_CHANGED.into(),
        basis: "市场监督管理信用修复管理办法 第二条".into(),
        data: json!({"event_id": r[0].event_id, "public_until": "2027-03-31", "restricted": false}),
        actor: Actor::system(),
        ..event(2)
    };
    store.append(&[change]).await.unwrap();
    let p = store.event_by_id(&r[0].event_id).await.unwrap();
    assert_eq!(p.publicity, Publicity::Public { until: Some(day("2027-03-31")) });
    // The record itself (and so its commitment) is unchanged.
    assert_eq!(p.entry, commitment::entry(&p.salt, p.record.as_bytes()).to_vec());
}

async fn projections_rebuild_from_the_journal(store: Store) {
    store.migrate().await.unwrap();
    let r = store.append(&events(0, 120)).await.unwrap();
    let change = NewEvent {
        kind: KIND_PUBLICITY_CHANGED.into(),
        data: json!({"event_id": r[5].event_id, "public_until": null, "restricted": true}),
        ..event(200)
    };
    store.append(&[change]).await.unwrap();
    let counts = store.event_counts().await.unwrap();
    assert_eq!(counts.iter().map(|c| c.2).sum::<i64>(), 121);
    let before = store.event_by_id(&r[5].event_id).await.unwrap();
    assert_eq!(before.publicity, Publicity::Restricted);
    // Lose the projections, then rebuild them from the journal.
    store.danger_execute_sql("DELETE FROM proj_event_count; DELETE FROM proj_publicity;").await.unwrap();
    assert!(store.event_counts().await.unwrap().is_empty());
    assert_eq!(store.rebuild_projections().await.unwrap(), 121);
    assert_eq!(store.event_counts().await.unwrap(), counts);
    assert_eq!(store.event_by_id(&r[5].event_id).await.unwrap(), before);
    // Rebuilding twice gives the same.
    store.rebuild_projections().await.unwrap();
    assert_eq!(store.event_counts().await.unwrap(), counts);
}

async fn concurrent_appends_keep_one_sequence(store: Store) {
    store.migrate().await.unwrap();
    let mut tasks = Vec::new();
    for t in 0..4u64 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut got = Vec::new();
            for i in 0..25u64 {
                got.extend(s.append(&events(t * 1000 + i * 10, 10)).await.unwrap().into_iter().map(|a| a.index));
            }
            got
        }));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    all.sort_unstable();
    assert_eq!(all, (0..1000).collect::<Vec<_>>());
    assert_eq!(store.tree_head().await.unwrap().1, merkle_root(&leaves(&store).await));
    let s = signer();
    store.sign_checkpoint(&s).await.unwrap();
    store.verify_log(&[s.verifier()], "shijian.test/log", |_, _| {}).await.unwrap();
}

async fn cosignatures_and_witness_state_are_projections(store: Store) {
    use shijian_core::event::{CheckpointCosigned, CosignatureAdded, KIND_CHECKPOINT_COSIGNED, KIND_COSIGNATURE_ADDED};
    use shijian_ledger::note::TYPE_COSIGNATURE_V1;
    store.migrate().await.unwrap();
    let s = signer();
    let witness = Signer::from_seed("witness.test/w", TYPE_COSIGNATURE_V1, &[3; 32]).unwrap();
    store.append(&events(0, 50)).await.unwrap();
    let cp = store.sign_checkpoint(&s).await.unwrap().unwrap();
    let note = shijian_ledger::note::Note::parse(&cp.note).unwrap();
    let sig = witness.sign(&note.text, 1_800_000_000);
    let added = CosignatureAdded { size: cp.size, witness: sig.name.clone(), key_id: sig.key_id, line: sig.line() };
    let record =
        |kind: &str, data: serde_json::Value| NewEvent { kind: kind.into(), data, actor: Actor::system(), ..event(0) };
    store.append(&[record(KIND_COSIGNATURE_ADDED, serde_json::to_value(&added).unwrap())]).await.unwrap();
    store.sign_checkpoint(&s).await.unwrap().unwrap();
    assert_eq!(store.cosignatures(50).await.unwrap(), vec![sig.line()]);
    assert!(store.cosigned_note(&cp).await.unwrap().ends_with(&sig.line()));
    // Receipts prefer the cosigned checkpoint, which verifies with a witness quorum.
    let receipt = store.receipt(3).await.unwrap();
    let e = store.event_by_index(3).await.unwrap();
    receipt
        .verify(
            &commitment::leaf_for(&e.salt, e.record.as_bytes()),
            "shijian.test/log",
            &s.verifier(),
            &[witness.verifier()],
            1,
        )
        .unwrap();

    // Witness state only moves forward.
    let seen = |size: u64| CheckpointCosigned { origin: "other.log/x".into(), size, root: Hash::empty().to_base64() };
    for size in [10u64, 30, 20] {
        store.append(&[record(KIND_CHECKPOINT_COSIGNED, serde_json::to_value(seen(size)).unwrap())]).await.unwrap();
    }
    assert_eq!(store.witness_state("other.log/x").await.unwrap(), Some((30, Hash::empty().to_base64())));
    assert_eq!(store.witness_state("unknown").await.unwrap(), None);
    store.danger_execute_sql("DELETE FROM proj_cosignature; DELETE FROM proj_witness;").await.unwrap();
    store.rebuild_projections().await.unwrap();
    assert_eq!(store.cosignatures(50).await.unwrap(), vec![sig.line()]);
    assert_eq!(store.witness_state("other.log/x").await.unwrap().map(|w| w.0), Some(30));
}

async fn a_rebuild_reproduces_every_projection_table(store: Store) {
    use shijian_core::event::{CheckpointCosigned, KIND_CHECKPOINT_COSIGNED};
    store.migrate().await.unwrap();
    let r = store.append(&events(0, 40)).await.unwrap();
    let change = NewEvent {
        kind: KIND_PUBLICITY_CHANGED.into(),
        data: json!({"event_id": r[3].event_id, "public_until": "2027-03-31", "restricted": false}),
        ..event(100)
    };
    store.append(&[change]).await.unwrap();
    let s = signer();
    let cp = store.sign_checkpoint(&s).await.unwrap().unwrap();
    let seen = CheckpointCosigned { origin: "other.log/x".into(), size: cp.size, root: cp.root.to_base64() };
    let witnessed = NewEvent {
        kind: KIND_CHECKPOINT_COSIGNED.into(),
        data: serde_json::to_value(seen).unwrap(),
        actor: Actor::system(),
        ..event(101)
    };
    store.append(&[witnessed]).await.unwrap();
    let year = shijian_core::calendar::parse_schedule_rows(shijian_core::calendar::tsv_rows(
        "date\tkind\tholiday\n2027-01-01\tholiday\t元旦\n2027-02-06\tworkday\t春节\n",
    ))
    .unwrap();
    store.import_calendar(&Actor::system(), &year, "国务院办公厅通知").await.unwrap();
    let dump = store.dump_projections().await.unwrap();
    assert_eq!(dump["proj_publicity"].len(), 1);
    assert_eq!(dump["calendar_day"].len(), 2);
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
    // A projection row lost is found again by the rebuild; one the journal does not give is
    // dropped.
    store.danger_execute_sql("DELETE FROM calendar_day; DELETE FROM proj_witness;").await.unwrap();
    store.rebuild_projections().await.unwrap();
    assert_eq!(store.dump_projections().await.unwrap(), dump);
}

async fn the_registry_names_every_projection_table(store: Store) {
    store.migrate().await.unwrap();
    let mut named: Vec<String> =
        store.projection_tables().into_iter().filter(|t| t.starts_with("proj_")).map(String::from).collect();
    named.sort();
    // A table added to the schema without its projection in the registry would be neither
    // cleared by a rebuild nor compared after one.
    assert_eq!(store.schema_tables("proj_").await.unwrap(), named);
}
