//! The register on the command line: synth, name check, import and export, credit jobs and
//! search, on SQLite and (the synth and export path) on PostgreSQL.

use std::path::Path;

use crate::{PgDatabase, shijian_in};

fn synth(dir: &Path, n: &str, seed: &str, extra: &[&str]) {
    let mut args = vec!["synth", "--entities", n, "--seed", seed, "--as-of", "2026-11-28", "--quiet"];
    args.extend_from_slice(extra);
    let r = shijian_in(dir, &args, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(&format!("{n}\t")), "{}", r.stdout);
}

fn export(dir: &Path, file: &Path, extra: &[&str]) -> String {
    let mut args = vec!["export", "entities"];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    let r = shijian_in(dir, &args, "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// The same seed gives the same province; `export` writes the API's field names.
#[test]
fn synth_is_deterministic_and_exports_the_public_columns() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    synth(&a, "400", "9", &[]);
    synth(&b, "400", "9", &[]);
    let (fa, fb) = (tmp.path().join("a.csv"), tmp.path().join("b.csv"));
    assert_eq!(export(&a, &fa, &[]), format!("exported\t400\t{}\n", fa.display()));
    export(&b, &fb, &[]);
    let text = std::fs::read_to_string(&fa).unwrap();
    assert_eq!(text, std::fs::read_to_string(&fb).unwrap());
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(header.starts_with("uscc,name,kind,division,"), "{header}");
    // A second synth into the same register is refused.
    let r = shijian_in(&a, &["synth", "--entities", "10", "--quiet"], "");
    assert_eq!(r.code, 1);
    // Only Wuhan's offices.
    let wuhan = tmp.path().join("wuhan.csv");
    export(&a, &wuhan, &["--division", "420100"]);
    let rows: Vec<String> = std::fs::read_to_string(&wuhan).unwrap().lines().skip(1).map(str::to_string).collect();
    assert!(!rows.is_empty() && rows.len() < 400);
    assert!(rows.iter().all(|r| r.split(',').nth(3).unwrap().starts_with("4201")), "{rows:?}");
    // The log verifies.
    let r = shijian_in(&a, &["ledger", "verify"], "");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

/// `name check --json` prints the verdict, the parsed name and the findings with the
/// conflicting entity; a refused name exits 1.
#[test]
fn name_check_prints_verdict_and_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    synth(&dir, "300", "4", &[]);
    let csv = tmp.path().join("all.csv");
    export(&dir, &csv, &[]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let row: Vec<String> = text.lines().nth(5).unwrap().split(',').map(str::to_string).collect();
    let (uscc, name, kind, division) = (&row[0], &row[1], &row[2], &row[3]);
    let r = shijian_in(&dir, &["name", "check", name, "--division", division, "--kind", kind, "--json"], "");
    assert_eq!(r.code, 1, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["verdict"], "refuse");
    assert_eq!(v["parsed"]["name"], name.as_str());
    let f = &v["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), f["conflict_uscc"].as_str(), f["conflict_name"].as_str()),
        (Some("identical"), Some(uscc.as_str()), Some(name.as_str()))
    );
    assert!(f["detail"].as_str().is_some_and(|d| !d.is_empty()));
    // The same check by brute force agrees.
    let brute = shijian_in(
        &dir,
        &["name", "check", name, "--division", division, "--kind", kind, "--json", "--brute-force"],
        "",
    );
    assert_eq!(brute.stdout, r.stdout);
    // A fresh name is accepted; division and kind are inferred from the name.
    let r = shijian_in(&dir, &["name", "check", "武汉星辰云图科技有限公司", "--json"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(
        (v["verdict"].as_str(), v["authority"].as_str(), v["kind"].as_str()),
        (Some("accept"), Some("420100"), Some("limited_company"))
    );
    // A forbidden word is refused on its own (规定 第十一条).
    let r = shijian_in(&dir, &["name", "check", "武汉赌场娱乐有限公司"], "");
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("refuse\t"), "{}", r.stdout);
}

const HEADER: &str = "uscc,name,kind,division,representative,established_on,address,capital\n";

fn code(n: u32) -> String {
    shijian_core::Uscc::compose('9', '1', "420111", &format!("MA{n:06}")).unwrap().to_string()
}

/// A file is imported whole or not at all; `--skip-invalid` imports the good rows and writes
/// a report naming the others by line; xlsx and csv exports import back.
#[test]
fn import_is_whole_or_nothing_and_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let file = tmp.path().join("in.csv");
    let rows = [
        format!("{},武汉红光餐饮有限公司,limited_company,420111,张三,2024-01-02,武汉市洪山区珞喻路1号,100", code(1)),
        format!(
            "{},武汉红光餐饮有限责任公司,limited_company,420111,李四,2024-01-02,武汉市洪山区珞喻路2号,100",
            code(2)
        ),
        format!("{},武汉蓝天物流有限公司,limited_company,420111,王五,2024-02-30,武汉市洪山区珞喻路3号,100", code(3)),
        format!("{},武汉白云商贸有限公司,limited_company,420111,赵六,2024-01-02,武汉市洪山区珞喻路4号,100", code(4)),
    ];
    std::fs::write(&file, format!("{HEADER}{}\n", rows.join("\n"))).unwrap();
    let r = shijian_in(&dir, &["import", "entities", file.to_str().unwrap()], "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[import_invalid_rows]"), "{}", r.stderr);
    assert!(r.stderr.contains("line 3") && r.stderr.contains("line 4"), "{}", r.stderr);
    assert_eq!(
        export(&dir, &tmp.path().join("none.csv"), &[]),
        format!("exported\t0\t{}\n", tmp.path().join("none.csv").display())
    );
    let r = shijian_in(&dir, &["import", "entities", file.to_str().unwrap(), "--skip-invalid"], "");
    assert_eq!((r.code, r.stdout.as_str()), (0, "imported\t2\trejected\t2\n"), "{}", r.stderr);
    let report = std::fs::read_to_string(tmp.path().join("in.csv.report.csv")).unwrap();
    assert!(report.contains("\n3,registry_name_refused,") && report.contains("\n4,registry_field,"), "{report}");
    // Export as xlsx and csv; both import into a new register.
    for ext in ["xlsx", "csv"] {
        let out = tmp.path().join(format!("out.{ext}"));
        export(&dir, &out, &[]);
        let other = tmp.path().join(format!("other-{ext}"));
        let r = shijian_in(&other, &["import", "entities", out.to_str().unwrap()], "");
        assert_eq!((r.code, r.stdout.as_str()), (0, "imported\t2\trejected\t0\n"), "{}", r.stderr);
        let r = shijian_in(&other, &["entity", "show", &code(4)], "");
        assert!(r.stdout.contains("武汉白云商贸有限公司"), "{}", r.stdout);
    }
}

/// The credit jobs and search on a synthetic province.
#[test]
fn credit_classify_and_search() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    synth(&dir, "500", "5", &["--register-only"]);
    let r = shijian_in(&dir, &["credit", "classify", "--as-of", "2026-11-28"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f: Vec<u64> = r.stdout.split('\t').take(6).map(|x| x.parse().unwrap()).collect();
    assert_eq!(f[0], f[2] + f[3] + f[4] + f[5], "{}", r.stdout);
    assert_eq!(f[0], f[1]);
    let r = shijian_in(&dir, &["credit", "classify", "--as-of", "2026-11-28"], "");
    assert!(r.stdout.starts_with(&format!("{}\t0\t", f[0])), "{}", r.stdout);
    let csv = tmp.path().join("all.csv");
    export(&dir, &csv, &[]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let row: Vec<&str> = text.lines().nth(3).unwrap().split(',').collect();
    let r = shijian_in(&dir, &["search", row[0]], "");
    assert!(r.stdout.starts_with(row[0]), "{}", r.stdout);
    let r = shijian_in(&dir, &["search", row[1]], "");
    assert!(r.stdout.lines().any(|l| l.starts_with(row[0])), "{}", r.stdout);
    let r = shijian_in(&dir, &["credit", "show", row[0], "--json"], "");
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(v["entity"]["uscc"], row[0]);
    assert!(v["history"][0]["kind"] == "registry.entity_registered");
}

/// The same synthetic province through PostgreSQL.
#[test]
fn synth_and_export_on_postgres() {
    let Some(db) = PgDatabase::create("shijian_cli_register") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    synth(&dir, "300", "9", &["--database", &db.url]);
    let out = tmp.path().join("pg.csv");
    let r = shijian_in(&dir, &["--database", &db.url, "export", "entities", out.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sqlite = tmp.path().join("lite");
    synth(&sqlite, "300", "9", &[]);
    let lite = tmp.path().join("lite.csv");
    export(&sqlite, &lite, &[]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), std::fs::read_to_string(&lite).unwrap());
    let r = shijian_in(&dir, &["--database", &db.url, "credit", "classify", "--as-of", "2026-11-28"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
}
