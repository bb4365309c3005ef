//! The command line, run as a user runs it: the real binary, a private data directory, and
//! (when `SHIJIAN_TEST_PG_URL` names a server) a private PostgreSQL database.

mod calendar;
mod cases;
mod complaints;
mod crash;
mod db;
mod draw;
mod id;
mod ledger;
mod reference;
mod register;
mod serve;

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
    shijian_env(data_dir, args, stdin, &[])
}

/// [`shijian_in`] with extra environment variables (e.g. `TZ`).
pub fn shijian_env(data_dir: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .envs(env.iter().copied())
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

/// A private PostgreSQL database for one test, dropped at the end; `None` (with a notice)
/// when no server is configured.
pub struct PgDatabase {
    /// The URL of the test's database.
    pub url: String,
    admin: shijian_store::PgConfig,
    name: String,
}

impl PgDatabase {
    pub fn create(prefix: &str) -> Option<PgDatabase> {
        let Ok(url) = std::env::var("SHIJIAN_TEST_PG_URL") else {
            assert!(std::env::var("SHIJIAN_REQUIRE_PG").is_err(), "SHIJIAN_REQUIRE_PG=1 without SHIJIAN_TEST_PG_URL");
            eprintln!("SKIPPED: PostgreSQL (SHIJIAN_TEST_PG_URL not set)");
            return None;
        };
        let admin: shijian_store::PgConfig = url.parse().expect("SHIJIAN_TEST_PG_URL");
        let name = format!("{prefix}_{}", std::process::id());
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(shijian_store::create_postgres_database(&admin, &name)).expect("create test database");
        Some(PgDatabase { url: db::with_dbname(&url, &name), admin, name })
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(rt) = tokio::runtime::Runtime::new() {
            let _ = rt.block_on(shijian_store::drop_postgres_database(&self.admin, &self.name));
        }
    }
}
