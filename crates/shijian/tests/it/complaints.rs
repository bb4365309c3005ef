//! 12315 on the command line: another channel's records imported (all rows or none), the
//! worklist, and the monthly export as CSV and XLSX, on SQLite and on PostgreSQL.

use std::path::Path;

use crate::{PgDatabase, shijian_in};

const IMPORT: &str = "类型,收到日期,投诉举报人,联系电话,被投诉举报对象,消费地,商品服务类别,问题类别,涉及金额,事实,诉求
投诉,2026-09-28,李华,13800000000,红光餐厅,420111,餐饮和住宿服务,价格,268,多收68元,退款
举报,2026-09-30,,,绿叶超市,420106,一般食品,食品安全,,销售过期食品,
";

fn run(dir: &Path, db: &[&str], args: &[&str]) -> crate::Run {
    let mut all: Vec<&str> = db.to_vec();
    all.extend_from_slice(args);
    shijian_in(dir, &all, "")
}

fn import_and_export(dir: &Path, db: &[&str]) {
    let csv = dir.join("in.csv");
    std::fs::create_dir_all(dir).unwrap();
    // A bad row: nothing is imported.
    std::fs::write(&csv, IMPORT.replace("420106", "999999")).unwrap();
    let r = run(dir, db, &["import", "complaints", csv.to_str().unwrap()]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("complaint_import_row") || r.stderr.contains("第3行"), "{}", r.stderr);
    std::fs::write(&csv, IMPORT).unwrap();
    let r = run(dir, db, &["import", "complaints", csv.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("imported\t2\n"), "{}", r.stdout);
    // The worklist on 2026-10-14: the complaint's 7 workdays (across National Day and the
    // worked Saturday 10-10) ended on 10-13.
    let r = run(dir, db, &["complaints", "worklist", "--division", "420100", "--today", "2026-10-14"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r.stdout.lines().find(|l| l.starts_with("TS20260928")).expect("the complaint");
    assert!(line.contains("\t2026-10-13\t-1\toverdue"), "{line}");
    let out = dir.join("out.csv");
    let r = run(dir, db, &["export", "complaints", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("exported\t2\t"), "{}", r.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for col in ["id", "received_on", "accept_due", "accepted_on", "mediation_due", "status", "outcome"] {
        assert!(header.contains(&col), "{col} in {header:?}");
    }
    let col = |row: &str, name: &str| -> String {
        let i = header.iter().position(|h| *h == name).unwrap();
        row.split(',').nth(i).unwrap().to_string()
    };
    let rows: Vec<&str> = lines.collect();
    let complaint = rows.iter().find(|r| r.starts_with("TS")).unwrap();
    assert_eq!(col(complaint, "received_on"), "2026-09-28");
    assert_eq!(col(complaint, "accept_due"), "2026-10-13");
    assert_eq!((col(complaint, "accepted_on"), col(complaint, "mediation_due")), (String::new(), String::new()));
    assert_eq!((col(complaint, "status"), col(complaint, "outcome")), ("received".into(), String::new()));
    assert_eq!(col(complaint, "provisional"), "");
    let report = rows.iter().find(|r| r.starts_with("JB")).unwrap();
    // 15 workdays after 09-30: 10-08, 10-09, 10-10 (worked Saturday), 10-12..16, 10-19..23, 10-26, 10-27.
    assert_eq!(col(report, "verify_due"), "2026-10-27");
    let xlsx = dir.join("out.xlsx");
    let r = run(dir, db, &["export", "complaints", "--division", "420111", xlsx.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("exported\t1\t"), "{}", r.stdout);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
}

#[test]
fn complaints_are_imported_listed_and_exported() {
    let tmp = tempfile::tempdir().unwrap();
    import_and_export(&tmp.path().join("d"), &[]);
}

#[test]
fn complaints_are_imported_listed_and_exported_on_postgres() {
    let Some(db) = PgDatabase::create("shijian_cli_complaints") else { return };
    let tmp = tempfile::tempdir().unwrap();
    import_and_export(&tmp.path().join("d"), &["--database", &db.url]);
}

/// A synthetic province with its three years of complaints: the daily analysis with its
/// spreadsheet, the 诉转案 job (flags once), and the clues' list.
fn analyse_and_flag(dir: &Path, db: &[&str]) {
    std::fs::create_dir_all(dir).unwrap();
    let r = run(dir, db, &["synth", "--entities", "4000", "--as-of", "2026-11-20", "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.join("analysis.csv");
    let r = run(dir, db, &["complaints", "analyse", "--today", "2026-11-20", "--out", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let read: u64 = r.stdout.lines().next().and_then(|l| l.split('\t').nth(1)).unwrap().parse().unwrap();
    assert!(read > 2_000, "three years of complaints for 4,000 entities: {}", r.stdout);
    assert!(r.stdout.contains("baseline_years\t2"), "{}", r.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("类别 category,S04") && text.contains("地区 region,420100"), "{text}");
    let xlsx = dir.join("analysis.xlsx");
    let r = run(dir, db, &["complaints", "analyse", "--today", "2026-11-20", "--out", xlsx.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let r = run(dir, db, &["complaints", "flag-clues", "--today", "2026-11-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let flagged: usize = r.stdout.lines().last().and_then(|l| l.strip_prefix("flagged\t")).unwrap().parse().unwrap();
    assert!(flagged > 0, "{}", r.stdout);
    let r = run(dir, db, &["complaints", "flag-clues", "--today", "2026-11-20"]);
    assert!(r.stdout.ends_with("flagged\t0\n"), "{}", r.stdout);
    let r = run(dir, db, &["complaints", "clues", "--today", "2026-11-20"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), flagged + 1, "{}", r.stdout);
    // Due 15 workdays after Fri 2026-11-20: 2026-12-11.
    assert!(r.stdout.lines().skip(1).all(|l| l.contains("\t2026-11-20\t2026-12-11\t")), "{}", r.stdout);
    // The last column says `provisional` when the due day counts a day of an unpublished year.
    assert!(r.stdout.starts_with("id\t") && r.stdout.lines().next().unwrap().ends_with("\tdecided\tprovisional"));
    assert!(r.stdout.lines().skip(1).all(|l| !l.ends_with("provisional")), "{}", r.stdout);
}

#[test]
fn complaints_are_analysed_and_clues_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    analyse_and_flag(&tmp.path().join("d"), &[]);
}

#[test]
fn complaints_are_analysed_and_clues_flagged_on_postgres() {
    let Some(db) = PgDatabase::create("shijian_cli_analysis") else { return };
    let tmp = tempfile::tempdir().unwrap();
    analyse_and_flag(&tmp.path().join("d"), &["--database", &db.url]);
}

const DECEMBER: &str =
    "类型,收到日期,投诉举报人,联系电话,被投诉举报对象,消费地,商品服务类别,问题类别,涉及金额,事实,诉求
投诉,2026-12-28,李华,13800000000,红光餐厅,420111,餐饮和住宿服务,价格,268,多收68元,退款
";

/// A complaint received at the end of December: its deadline is counted on 2027's provisional
/// schedule and marked so in the worklist and the export; importing the published 2027
/// schedule recomputes it.
#[test]
fn a_deadline_into_an_unpublished_year_is_provisional_until_the_year_is_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("in.csv");
    std::fs::write(&csv, DECEMBER).unwrap();
    let r = run(&dir, &[], &["import", "complaints", csv.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // 7 workdays from Monday 2026-12-28: 29, 30, 31 Dec, (1 Jan off), 4, 5, 6, 7 Jan.
    let worklist = ["complaints", "worklist", "--division", "420100", "--today", "2026-12-29"];
    let r = run(&dir, &[], &worklist);
    assert!(r.stdout.starts_with("id\tkind\tstatus\toffice\treceived_on\tdue\tworkdays_left\toverdue\tprovisional\n"));
    let line = r.stdout.lines().find(|l| l.starts_with("TS20261228")).expect("the complaint");
    assert!(line.ends_with("\t2027-01-07\t6\t\tprovisional"), "{line}");
    let out = dir.join("out.csv");
    assert_eq!(run(&dir, &[], &["export", "complaints", out.to_str().unwrap()]).code, 0);
    let text = std::fs::read_to_string(&out).unwrap();
    let row = text.lines().find(|l| l.starts_with("TS20261228")).unwrap();
    assert!(row.contains(",2027-01-07,") && row.ends_with(",provisional"), "{row}");

    // The published schedule (here: 1 and 4 January off) replaces the provisional one.
    let schedule = dir.join("2027.tsv");
    std::fs::write(&schedule, "date\tkind\tholiday\n2027-01-01\tholiday\t元旦\n2027-01-04\tholiday\t元旦\n").unwrap();
    let r = run(&dir, &[], &["calendar", "import", schedule.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&dir, &[], &worklist);
    let line = r.stdout.lines().find(|l| l.starts_with("TS20261228")).expect("the complaint");
    assert!(line.ends_with("\t2027-01-08\t6\t\t"), "{line}");
    // The import is a public journal event.
    let r = run(&dir, &[], &["ledger", "verify"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// "Today" is the legal day (China Standard Time) whatever the process's time zone: the same
/// worklist under zones 26 hours apart.
#[test]
fn today_does_not_depend_on_the_host_time_zone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("in.csv");
    std::fs::write(&csv, DECEMBER).unwrap();
    assert_eq!(run(&dir, &[], &["import", "complaints", csv.to_str().unwrap()]).code, 0);
    let args = ["complaints", "worklist", "--division", "420100"];
    let outputs: Vec<String> = ["UTC", "America/New_York", "UTC-14", "UTC+12", "Asia/Shanghai"]
        .iter()
        .map(|tz| {
            let r = crate::shijian_env(&dir, &args, "", &[("TZ", tz)]);
            assert_eq!(r.code, 0, "{tz}: {}", r.stderr);
            r.stdout
        })
        .collect();
    assert!(outputs.iter().all(|o| *o == outputs[0]), "{outputs:?}");
}
