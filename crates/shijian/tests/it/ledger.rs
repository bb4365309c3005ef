//! `shijian ledger …` as an operator and a member of the public use it.

use std::path::Path;

use shijian_ledger::checkpoint;
use shijian_ledger::commitment;
use shijian_ledger::hash::leaf_hash;
use shijian_ledger::note::Verifier;
use shijian_ledger::receipt::Receipt;
use shijian_ledger::tile::{AuthenticatedTiles, Tile, TileReader, decode_bundle};
use shijian_ledger::tree;

use crate::shijian_in;

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let r = shijian_in(dir, args, "");
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

#[test]
fn selftest_key_checkpoint_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    let out = run_ok(&d, &["ledger", "selftest", "--events", "3000", "--batch", "700"]);
    let line = out.lines().next().unwrap();
    let f: Vec<&str> = line.split('\t').collect();
    assert_eq!((f[0], f[1], f.len()), ("ledger.selftest", "3000", 4), "{out}");
    assert!(f[3].parse::<f64>().unwrap() > 0.0);
    assert!(out.lines().nth(1).unwrap().starts_with("checkpoint\t3000\t"), "{out}");

    let vkey = run_ok(&d, &["ledger", "key"]);
    assert!(vkey.starts_with("demo.shijian.local/log+") && vkey.ends_with('\n') && vkey.lines().count() == 1);
    let verifier = Verifier::parse(vkey.trim()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join("keys/log.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let note = run_ok(&d, &["ledger", "checkpoint"]);
    let cp = checkpoint::open(&note, "demo.shijian.local/log", &verifier, &[]).unwrap();
    assert_eq!(cp.checkpoint.size, 3000);

    let out = run_ok(&d, &["ledger", "verify"]);
    assert!(out.starts_with("ok\t3000\t"), "{out}");
    assert!(out.trim_end().ends_with(&cp.checkpoint.root.to_base64()));
    assert_eq!(run_ok(&d, &["db", "rebuild-projections"]), "rebuilt\t3000\n");
}

/// Opens the data directory's database as the test's own window into what is stored.
fn stored_event(d: &Path, index: u64) -> shijian_store::StoredEvent {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = shijian_store::Store::open_sqlite(&d.join("shijian.db")).await.unwrap();
        store.event_by_index(index).await.unwrap()
    })
}

#[test]
fn receipts_verify_offline_with_record_and_salt() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    run_ok(&d, &["ledger", "selftest", "--events", "600"]);
    let verifier = Verifier::parse(run_ok(&d, &["ledger", "key"]).trim()).unwrap();
    let event = stored_event(&d, 321);
    let by_index = run_ok(&d, &["ledger", "receipt", "--index", "321"]);
    let by_event = run_ok(&d, &["ledger", "receipt", "--event", &event.id]);
    assert_eq!(by_index, by_event);
    assert!(by_index.starts_with("c2sp.org/tlog-proof@v1\nextra "));
    let receipt = Receipt::parse(&by_index).unwrap();
    let leaf = commitment::leaf_for(&event.salt, event.record.as_bytes());
    receipt.verify(&leaf, "demo.shijian.local/log", &verifier, &[], 0).unwrap();
    let r = shijian_in(&d, &["ledger", "receipt", "--index", "600"], "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[log_index_unknown]"), "{}", r.stderr);
}

/// Tiles read from an exported directory, as any HTTP client would read them.
struct Dir<'a>(&'a Path);

impl TileReader for Dir<'_> {
    fn read_tiles(&self, tiles: &[Tile]) -> shijian_ledger::error::Result<Vec<Vec<u8>>> {
        tiles
            .iter()
            .map(|t| {
                std::fs::read(self.0.join(t.path()))
                    .map_err(|e| shijian_ledger::Error::Source(format!("{}: {e}", t.path())))
            })
            .collect()
    }
}

#[test]
fn exported_tiles_are_a_verifiable_static_log() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    run_ok(&d, &["ledger", "selftest", "--events", "70000", "--batch", "1000"]);
    let out = dir.path().join("public");
    assert_eq!(
        run_ok(&d, &["ledger", "export-tiles", out.to_str().unwrap()]),
        format!("exported\t70000\t{}\n", out.display())
    );
    let verifier = Verifier::parse(run_ok(&d, &["ledger", "key"]).trim()).unwrap();
    let note = std::fs::read_to_string(out.join("checkpoint")).unwrap();
    let verified = checkpoint::open(&note, "demo.shijian.local/log", &verifier, &[]).unwrap();
    let cp = verified.checkpoint.clone();
    assert_eq!(cp.size, 70000);
    // The spec's example tree: 273 full level-0 tiles and a partial one of width 112, ...
    assert!(out.join("tile/0/272").exists());
    assert!(out.join("tile/0/273.p/112").exists());
    assert!(
        out.join("tile/1/000").exists() && out.join("tile/1/001.p/17").exists() && out.join("tile/2/000.p/1").exists()
    );
    assert!(out.join("tile/entries/273.p/112").exists());
    // A client that trusts only the signed checkpoint authenticates every tile it reads.
    let files = Dir(&out);
    let auth = AuthenticatedTiles::from_checkpoint(&verified, &files);
    let bundle = decode_bundle(&std::fs::read(out.join("tile/entries/100")).unwrap()).unwrap();
    assert_eq!(bundle.len(), 256);
    for (i, entry) in [(25_600u64, &bundle[0]), (25_855, &bundle[255])] {
        let proof = tree::inclusion_proof(i, cp.size, &auth).unwrap();
        tree::verify_inclusion(i, cp.size, &leaf_hash(entry), &proof, &cp.root).unwrap();
    }
    // A tampered tile on the server is refused.
    let path = out.join("tile/0/100");
    let mut data = std::fs::read(&path).unwrap();
    data[0] ^= 1;
    std::fs::write(&path, data).unwrap();
    assert!(tree::inclusion_proof(25_600, cp.size, &AuthenticatedTiles::new(cp.size, cp.root, &files)).is_err());
}

#[test]
fn verify_names_the_first_bad_index_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    run_ok(&d, &["ledger", "selftest", "--events", "2000"]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = shijian_store::Store::open_sqlite(&d.join("shijian.db")).await.unwrap();
        store.danger_execute_sql("DROP TRIGGER event_no_update").await.unwrap();
        store.danger_execute_sql("UPDATE event SET record = record || ' ' WHERE seq = 1234").await.unwrap();
    });
    let r = shijian_in(&d, &["ledger", "verify"], "");
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("[log_verify_failed]") && r.stderr.contains("1234"), "{}", r.stderr);
}

#[test]
fn the_origin_comes_from_the_configuration_and_the_key_must_match_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    std::fs::create_dir_all(&d).unwrap();
    std::fs::write(d.join("shijian.toml"), "deployment = \"hubei\"\n").unwrap();
    assert!(run_ok(&d, &["ledger", "key"]).starts_with("hubei.shijian.local/log+"));
    std::fs::write(
        d.join("shijian.toml"),
        "deployment = \"hubei\"\n[log]\norigin = \"samr.hubei.gov.cn/shijian/log\"\n",
    )
    .unwrap();
    let r = shijian_in(&d, &["ledger", "key"], "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[log_key]"), "{}", r.stderr);
    std::fs::write(d.join("shijian.toml"), "[log]\norigin = \"has space\"\n").unwrap();
    assert_eq!(shijian_in(&d, &["ledger", "key"], "").code, 1);
}

/// A second instance acts as a witness: it cosigns the log's checkpoints only while they stay
/// consistent, and receipts then carry its cosignature.
#[test]
fn a_second_instance_witnesses_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log");
    let witness = dir.path().join("witness");
    run_ok(&log, &["ledger", "selftest", "--events", "500"]);
    let log_key = run_ok(&log, &["ledger", "key"]);
    let witness_key = run_ok(&witness, &["ledger", "witness-key"]);
    assert!(witness_key.starts_with("demo.shijian.local/witness+"));

    let cp1 = dir.path().join("cp1");
    std::fs::write(&cp1, run_ok(&log, &["ledger", "checkpoint"])).unwrap();
    let line =
        run_ok(&witness, &["ledger", "cosign", "--log-key", log_key.trim(), "--checkpoint", cp1.to_str().unwrap()]);
    assert!(line.starts_with("\u{2014} demo.shijian.local/witness "), "{line}");
    assert_eq!(
        run_ok(&log, &["ledger", "add-cosignature", "--witness-key", witness_key.trim(), line.trim()]),
        "added\t500\tdemo.shijian.local/witness\n"
    );

    // Receipts now carry the cosignature, and verify with a witness quorum of one.
    let text = run_ok(&log, &["ledger", "receipt", "--index", "7"]);
    let event = stored_event(&log, 7);
    let receipt = Receipt::parse(&text).unwrap();
    let leaf = commitment::leaf_for(&event.salt, event.record.as_bytes());
    let (lk, wk) = (Verifier::parse(log_key.trim()).unwrap(), Verifier::parse(witness_key.trim()).unwrap());
    receipt.verify(&leaf, "demo.shijian.local/log", &lk, std::slice::from_ref(&wk), 1).unwrap();

    // The log grows: the witness needs the consistency proof.
    run_ok(&log, &["ledger", "selftest", "--events", "300"]);
    let cp2 = dir.path().join("cp2");
    let note2 = run_ok(&log, &["ledger", "checkpoint"]);
    std::fs::write(&cp2, &note2).unwrap();
    let r = shijian_in(
        &witness,
        &["ledger", "cosign", "--log-key", log_key.trim(), "--checkpoint", cp2.to_str().unwrap()],
        "",
    );
    assert_eq!(r.code, 1, "no proof, no cosignature");
    let size2 = note2.lines().nth(1).unwrap();
    let proof = dir.path().join("proof");
    std::fs::write(&proof, run_ok(&log, &["ledger", "consistency", "--from", "500", "--to", size2])).unwrap();
    let line2 = run_ok(
        &witness,
        &[
            "ledger",
            "cosign",
            "--log-key",
            log_key.trim(),
            "--checkpoint",
            cp2.to_str().unwrap(),
            "--proof",
            proof.to_str().unwrap(),
        ],
    );
    assert!(
        run_ok(&log, &["ledger", "add-cosignature", "--witness-key", witness_key.trim(), line2.trim()])
            .starts_with(&format!("added\t{size2}\t"))
    );
    // Going back to the older checkpoint is a rollback: refused.
    let r = shijian_in(
        &witness,
        &["ledger", "cosign", "--log-key", log_key.trim(), "--checkpoint", cp1.to_str().unwrap()],
        "",
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("roll the log back"), "{}", r.stderr);
    // A line that is not a cosignature of this log is refused.
    let r = shijian_in(
        &log,
        &["ledger", "add-cosignature", "--witness-key", witness_key.trim(), "\u{2014} x AAAAAAAAAAAA"],
        "",
    );
    assert_eq!(r.code, 1);
    // Everything the witness did is in its own journal and log.
    assert!(run_ok(&witness, &["ledger", "verify"]).starts_with("ok\t2\t"));
}
