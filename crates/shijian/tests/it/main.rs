//! The command line, run as a user runs it: the real binary, a private data directory, and
//! (when `SHIJIAN_TEST_PG_URL` names a server) a private PostgreSQL database.

mod calendar;
mod crash;
mod db;
mod id;
mod ledger;
mod reference;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// What a run printed and how it ended.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// Runs `shijian` with `args` in the data directory `data_dir`, feeding `stdin`.
pub fn shijian_in(data_dir: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env_remove("SHIJIAN_DATABASE_URL")
        .env_remove("SHIJIAN_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shijian");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("wait for shijian");
    Run {
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Runs `shijian` with a fresh data directory that is thrown away afterwards.
pub fn shijian(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().expect("tempdir");
    shijian_in(dir.path(), args, "")
}
