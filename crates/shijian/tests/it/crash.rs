//! Crash safety: `kill -9` at random moments during sustained appends, then restart and check
//! that every acknowledged event is there, there are no gaps, and `ledger verify` passes.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng, rngs::StdRng};

/// Appends under `args` (data dir and database), killed after a random delay; returns the
/// highest acknowledged index, if any.
fn run_and_kill(args: &[String], delay: Duration) -> Option<u64> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .args(args)
        .args(["ledger", "selftest", "--events", "100000000", "--batch", "250", "--ack"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start selftest");
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(i) = line.strip_prefix("ack\t") {
                let _ = tx.send(i.parse::<u64>().expect("ack index"));
            }
        }
    });
    let start = Instant::now();
    let mut last = None;
    // Wait for the first acknowledgement (start-up), then the random delay.
    while start.elapsed() < Duration::from_secs(60) {
        if let Ok(i) = rx.recv_timeout(Duration::from_millis(20)) {
            last = Some(i);
            break;
        }
    }
    let until = Instant::now() + delay;
    while Instant::now() < until {
        if let Ok(i) = rx.recv_timeout(Duration::from_millis(5)) {
            last = Some(i);
        }
    }
    child.kill().expect("kill -9"); // SIGKILL on Unix
    child.wait().expect("reap");
    reader.join().expect("reader");
    // Acknowledgements read before the kill landed are acknowledged too.
    while let Ok(i) = rx.try_recv() {
        last = Some(i);
    }
    last
}

fn verify(args: &[String]) -> u64 {
    let out =
        Command::new(env!("CARGO_BIN_EXE_shijian")).args(args).args(["ledger", "verify"]).output().expect("verify");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "verify failed: {}{}", stdout, String::from_utf8_lossy(&out.stderr));
    let fields: Vec<&str> = stdout.trim().split('\t').collect();
    assert_eq!(fields[0], "ok", "{stdout}");
    fields[1].parse().expect("entries")
}

fn crash_rounds(args: Vec<String>, rounds: usize, seed: u64) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut acked_total: Option<u64> = None;
    for round in 0..rounds {
        let delay = Duration::from_millis(rng.random_range(20..400));
        let acked = run_and_kill(&args, delay);
        if let Some(a) = acked {
            acked_total = Some(acked_total.map_or(a, |t: u64| t.max(a)));
        }
        let entries = verify(&args);
        if let Some(a) = acked_total {
            assert!(entries > a, "round {round}: acknowledged index {a} lost (log has {entries} entries)");
        }
    }
    assert!(acked_total.is_some(), "no append was ever acknowledged");
}

#[test]
fn kill_9_during_appends_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let args = vec!["--data-dir".to_string(), dir.path().join("data").display().to_string()];
    crash_rounds(args, 20, 9);
}

#[test]
fn kill_9_during_appends_on_postgres() {
    let Some(db) = crate::PgDatabase::create("shijian_crash") else { return };
    let dir = tempfile::tempdir().unwrap();
    let args = vec![
        "--data-dir".to_string(),
        dir.path().join("data").display().to_string(),
        "--database".to_string(),
        db.url.clone(),
    ];
    crash_rounds(args, 20, 10);
}
