//! A burst of concurrent sign-ins against the bound on password checks: how many are checked,
//! how many are refused as too busy, how long the burst takes, and the process's peak memory.
//!
//! `cargo run --release -p shijian-app --example sign_in_burst -- 200 [unbounded]`
//!
//! With `unbounded`, the baseline: every check may run at once (as before the bound).

use std::time::Instant;

use chrono::Utc;
use shijian_app::accounts::{Accounts, PasswordChecks};
use shijian_core::Code;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

/// The process's peak resident memory (Linux `VmHWM`), in MiB.
fn peak_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let unbounded = std::env::args().nth(2).as_deref() == Some("unbounded");
    let dir = tempfile::tempdir()?;
    let store = Store::open_sqlite(&dir.path().join("bench.db")).await?;
    store.migrate().await?;
    // One account per sign-in, so that no lock interferes: every attempt costs a full check.
    let accounts = Accounts::new(&store);
    let password = "hubei2026market";
    let mut names = Vec::with_capacity(n);
    for i in 0..n {
        let a = Account {
            username: format!("bench.{i}"),
            role: Role::Inspector,
            office: shijian_core::DivisionCode::lookup("420100"),
            uscc: None,
            display_name: "测试".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        names.push(a.username.clone());
        accounts.create_without_password(&Actor::system(), std::slice::from_ref(&a), Utc::now()).await?;
    }
    let hash = shijian_app::accounts::hash_password(password).await?;
    for name in &names {
        store.set_password(name, &hash, "2026-01-01T00:00:00Z").await?;
    }
    let before = peak_mib();
    let checks =
        if unbounded { PasswordChecks::new(n, 0, std::time::Duration::ZERO) } else { PasswordChecks::shared() };
    let started = Instant::now();
    let mut set = tokio::task::JoinSet::new();
    for name in names {
        let store = store.clone();
        let checks = checks.clone();
        set.spawn(async move {
            let accounts = Accounts::with_checks(&store, checks);
            accounts.sign_in(&name, password, None, Utc::now()).await.map(|_| ()).map_err(|e| e.code())
        });
    }
    let results = set.join_all().await;
    let elapsed = started.elapsed();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    let busy = results.iter().filter(|r| **r == Err(Code::TooBusy)).count();
    println!(
        "sign-ins\t{n}\nchecked\t{ok}\ntoo_busy\t{busy}\nother\t{}\nelapsed_ms\t{}\nchecks_per_s\t{:.1}\n\
         limit\t{}\npeak_concurrent\t{}\npeak_rss_mib_before\t{}\npeak_rss_mib\t{}",
        n - ok - busy,
        elapsed.as_millis(),
        ok as f64 / elapsed.as_secs_f64(),
        checks.limit(),
        checks.peak(),
        before.map_or("-".into(), |m| m.to_string()),
        peak_mib().map_or("-".into(), |m| m.to_string()),
    );
    Ok(())
}
