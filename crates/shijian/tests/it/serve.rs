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
    let mut child = Command::new(env!("CARGO_BIN_EXE_shijian"))
        .arg("--data-dir")
        .arg(dir)
        .args(["demo", "--entities", "300", "--listen", "127.0.0.1:0"])
        .env_remove("SHIJIAN_DATABASE_URL")
        .env_remove("SHIJIAN_LISTEN")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
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
