//! `shijian serve`: listens where told, answers, and stops cleanly on SIGTERM.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// One HTTP/1.1 GET; the status line and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    get_with(addr, path, "")
}

/// One HTTP/1.1 GET with a bearer token.
fn get_as(addr: &str, path: &str, token: &str) -> (String, String) {
    get_with(addr, path, &format!("Authorization: Bearer {token}\r\n"))
}

fn get_with(addr: &str, path: &str, headers: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n").unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let status = text.lines().next().unwrap_or_default().to_string();
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

#[test]
#[cfg(unix)]
fn serve_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env_remove("SHIJIAN_DATABASE_URL")
        .env_remove("SHIJIAN_LISTEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    let addr = line.trim().strip_prefix("serving\thttp://").unwrap_or_else(|| panic!("{line:?}")).to_string();
    let (status, body) = get(&addr, "/healthz");
    assert!(status.contains(" 200 "), "{status}");
    assert_eq!(body, "ok\n");
    // The log is followable from the start: an empty tree's checkpoint, signed.
    let (status, note) = get(&addr, "/log/checkpoint");
    assert!(status.contains(" 200 "), "{status}");
    assert!(note.starts_with("demo.shijian.local/log\n0\n"), "{note}");
    let (status, _) = get(&addr, "/api/v1/entities/91420111MA0000015D");
    assert!(status.contains(" 404 "), "{status}");
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a clean stop");
}

/// Starts `shijian demo` in `dir` and returns the child and the address it serves on.
#[cfg(unix)]
fn start_demo(dir: &std::path::Path) -> (std::process::Child, String) {
    start_demo_logging(dir, Stdio::null())
}

/// Kills a child process when a test fails before stopping it, so that no server outlives
/// its test.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if std::thread::panicking() {
            let _ = Command::new("kill").args(["-KILL", &self.0.to_string()]).status();
        }
    }
}

/// [`start_demo`] with its standard error sent to `stderr`.
#[cfg(unix)]
fn start_demo_logging(dir: &std::path::Path, stderr: Stdio) -> (std::process::Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .arg("--data-dir")
        .arg(dir)
        .args(["demo", "--entities", "300", "--listen", "127.0.0.1:0"])
        .env_remove("SHIJIAN_DATABASE_URL")
        .env_remove("SHIJIAN_LISTEN")
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.starts_with("serving\t") {
        line.clear();
        assert!(out.read_line(&mut line).unwrap() > 0, "demo ended before serving");
    }
    let addr = line.trim().strip_prefix("serving\thttp://").unwrap().to_string();
    (child, addr)
}

#[test]
#[cfg(unix)]
fn demo_builds_a_province_with_an_account_for_every_role() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, addr) = start_demo(dir.path());
    let _guard = KillOnDrop(child.id());
    let file = dir.path().join("demo-accounts.txt");
    let text = std::fs::read_to_string(&file).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    let roles: Vec<&str> = lines.iter().map(|l| l[0]).collect();
    assert_eq!(
        roles,
        [
            "enterprise",
            "registrar",
            "credit_officer",
            "inspector",
            "complaint_handler",
            "case_officer",
            "supervisor",
            "auditor",
            "administrator"
        ]
    );
    for l in &lines {
        assert_eq!(l.len(), 4, "{l:?}");
        let (status, body) = get_as(&addr, "/api/v1/me", l[3]);
        assert!(status.contains(" 200 "), "{status} {body}");
        assert!(body.contains(&format!("\"username\":\"{}\"", l[1])), "{body}");
    }
    let (status, _) = get(&addr, "/api/v1/search?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8"); // 有限公司
    assert!(status.contains(" 200 "), "{status}");
    // Every account has its journey to walk: the enterprise is an active company with an
    // objection before the credit office and a complaint in its ODR inbox; the inspector has
    // tasks.
    let token = |role: &str| lines.iter().find(|l| l[0] == role).unwrap()[3];
    let (_, me) = get_as(&addr, "/api/v1/me", token("enterprise"));
    let uscc = me.split("\"uscc\":\"").nth(1).and_then(|r| r.split('"').next()).expect("the enterprise's code");
    let (_, credit_file) = get(&addr, &format!("/api/v1/entities/{uscc}"));
    assert!(credit_file.contains("\"status\":\"active\""), "{credit_file}");
    let (status, inbox) = get_as(&addr, &format!("/api/v1/odr/{uscc}/complaints"), token("enterprise"));
    assert!(status.contains(" 200 ") && inbox.contains("\"id\":\"TS"), "{status} {inbox}");
    let (status, work) = get_as(&addr, "/api/v1/credit/worklist", token("credit_officer"));
    assert!(status.contains(" 200 ") && work.contains(&format!("\"uscc\":\"{uscc}\"")), "{status} {work}");
    let (status, tasks) = get_as(&addr, "/api/v1/inspection/tasks/mine", token("inspector"));
    assert!(status.contains(" 200 ") && tasks.contains("\"status\":\"assigned\""), "{status} {tasks}");
    // The case officer has a case under investigation on the desk (a 12315 clue filed), and the
    // public a penalty to read.
    let (status, desk) = get_as(&addr, "/api/v1/cases", token("case_officer"));
    assert!(status.contains(" 200 ") && desk.contains("\"status\":\"investigating\""), "{status} {desk}");
    let (status, penalties) = get(&addr, "/api/v1/penalties");
    assert!(status.contains(" 200 ") && penalties.contains("\"number\":\"鄂"), "{status} {penalties}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
    // Started again: the same province, the same accounts.
    let (mut child, addr) = start_demo(dir.path());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let (status, _) = get_as(&addr, "/api/v1/me", lines[2][3]);
    assert!(status.contains(" 200 "), "{status}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[test]
#[cfg(unix)]
fn an_interrupted_demo_build_is_never_served_and_the_next_start_finishes_it() {
    let dir = tempfile::tempdir().unwrap();
    let logs = tempfile::tempdir().unwrap();
    // A first start stopped hard while it builds: nothing is in place.
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["demo", "--entities", "20000", "--listen", "127.0.0.1:0"])
        .env_remove("SHIJIAN_DATABASE_URL")
        .env_remove("SHIJIAN_LISTEN")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _first = KillOnDrop(child.id());
    let staged = dir.path().join(".building").join("shijian.db");
    let started = std::time::Instant::now();
    while !staged.exists() {
        assert!(started.elapsed().as_secs() < 120, "the build never started");
        assert!(child.try_wait().unwrap().is_none(), "demo ended before building");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(!dir.path().join("shijian.db").exists(), "a half-built province is in place");
    assert!(!dir.path().join("demo-accounts.txt").exists());

    // The next start says so, builds the whole province and serves it.
    let log = logs.path().join("second.log");
    let (mut child, addr) = start_demo_logging(dir.path(), std::fs::File::create(&log).unwrap().into());
    let _second = KillOnDrop(child.id());
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("an unfinished build of the demo province was found"), "{said}");
    assert!(dir.path().join("demo-accounts.txt").exists());
    assert!(!dir.path().join(".building").exists());
    let (status, body) = get(&addr, "/api/v1/search?q=%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8"); // 有限公司
    assert!(status.contains(" 200 ") && body.contains("uscc"), "{status} {body}");
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));

    // A database without the demo's accounts (as an interrupted build of an earlier version
    // left it) is set aside, not served, and not deleted.
    std::fs::remove_file(dir.path().join("demo-accounts.txt")).unwrap();
    let log = logs.path().join("third.log");
    let (mut child, _) = start_demo_logging(dir.path(), std::fs::File::create(&log).unwrap().into());
    let _third = KillOnDrop(child.id());
    let said = std::fs::read_to_string(&log).unwrap();
    assert!(said.contains("is not a finished demo province"), "{said}");
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("unfinished-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(aside[0].path().join("shijian.db").exists());
    assert!(dir.path().join("demo-accounts.txt").exists());
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(0));
}
