//! Enforcement on the command line: the monthly statistics export as CSV and XLSX, on SQLite
//! and on PostgreSQL.

use std::path::Path;

use shijian_app::case::{Cases, NewClue, StepInput};
use shijian_core::case::procedure::{NotFiledGround, Party, PartyKind, Source, SourceKind};
use shijian_core::event::{Actor, Role};
use shijian_core::{DivisionCode, parse_date};
use shijian_store::Store;

use crate::{PgDatabase, shijian_in};

fn at(day: &str) -> chrono::DateTime<chrono::Utc> {
    parse_date(day).unwrap().and_hms_opt(1, 0, 0).unwrap().and_utc()
}

/// Two clues of 2026-09-30 (before National Day): one filed and decided without penalty, one
/// left open; one of 2026-12-28, whose filing limit falls in 2027 (provisional).
async fn cases(store: &Store) {
    store.migrate().await.unwrap();
    let cases = Cases::new(store);
    let me = Actor {
        role: Role::CaseOfficer,
        office: Some(DivisionCode::parse("420111").unwrap()),
        pseudonym: Some("o".into()),
    };
    let clue = NewClue {
        office: DivisionCode::parse("420111").unwrap(),
        source: Source { kind: SourceKind::Manual, reference: None, reporter_named: false },
        party: Party {
            kind: PartyKind::Organisation,
            name: "武汉市洪山区示例便利店".into(),
            entity: None,
            id_number: None,
            address: None,
        },
        facts: "销售超过保质期的食品".into(),
        violation_on: Some(parse_date("2026-09-20").unwrap()),
        harm: false,
        row: Some("food-expired".into()),
    };
    let a = cases.receive(&me, clue.clone(), at("2026-09-30")).await.unwrap();
    cases.receive(&me, clue.clone(), at("2026-09-30")).await.unwrap();
    cases.receive(&me, clue, at("2026-12-28")).await.unwrap();
    let file = StepInput::File { approved_by: "局长".into(), officers: vec!["a".into(), "b".into()], row: None };
    cases.step(&me, &a.id, file, at("2026-10-09")).await.unwrap();
    let no = StepInput::Decide {
        penalty: None,
        no_penalty: Some(NotFiledGround::NoViolation),
        education: None,
        approved_by: "局长".into(),
    };
    cases.step(&me, &a.id, no, at("2026-10-12")).await.unwrap();
}

fn export(dir: &Path, db: &[&str]) {
    let run = |args: &[&str]| {
        let mut all: Vec<&str> = db.to_vec();
        all.extend_from_slice(args);
        shijian_in(dir, &all, "")
    };
    let out = dir.join("cases.csv");
    let r = run(&["export", "cases", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("exported\t3\t"), "{}", r.stdout);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    for col in [
        "id",
        "clue_received_on",
        "filing_due",
        "filed_on",
        "decision_due",
        "decided_on",
        "procedure",
        "outcome",
        "fine_yuan",
        "hearing_offered",
        "published_on",
        "publicity_until",
    ] {
        assert!(header.contains(&col), "{col} in {header:?}");
    }
    let col = |row: &str, name: &str| -> String {
        let i = header.iter().position(|h| *h == name).unwrap();
        row.split(',').nth(i).unwrap().to_string()
    };
    let rows: Vec<&str> = lines.collect();
    let decided = rows.iter().find(|r| r.starts_with("AJ20260930000001")).unwrap();
    // 15 workdays after 09-30 across National Day and the worked Saturday 10-10.
    assert_eq!(col(decided, "filing_due"), "2026-10-27");
    assert_eq!((col(decided, "filed_on"), col(decided, "decision_due")), ("2026-10-09".into(), "2027-01-07".into()));
    assert_eq!((col(decided, "procedure"), col(decided, "outcome")), ("standard".into(), "no_penalty".into()));
    assert_eq!((col(decided, "fine_yuan"), col(decided, "hearing_offered")), (String::new(), "false".into()));
    assert_eq!((col(decided, "published_on"), col(decided, "publicity_until")), (String::new(), String::new()));
    let open = rows.iter().find(|r| r.starts_with("AJ20260930000002")).unwrap();
    assert_eq!(
        (col(open, "filed_on"), col(open, "decision_due"), col(open, "outcome")),
        (String::new(), String::new(), "open".into())
    );
    let late = rows.iter().find(|r| r.starts_with("AJ20261228")).unwrap();
    assert_eq!(col(late, "provisional"), "true");
    let xlsx = dir.join("cases.xlsx");
    let r = run(&["export", "cases", "--division", "420111", xlsx.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("exported\t3\t"), "{}", r.stdout);
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let r = run(&["export", "cases", "--division", "420500", xlsx.to_str().unwrap()]);
    assert!(r.stdout.starts_with("exported\t0\t"), "{}", r.stdout);
}

#[test]
fn cases_are_exported_for_the_monthly_statistics() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    std::fs::create_dir_all(&dir).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async { cases(&Store::open_sqlite(&dir.join("shijian.db")).await.unwrap()).await });
    export(&dir, &[]);
}

#[test]
fn cases_are_exported_for_the_monthly_statistics_on_postgres() {
    let Some(db) = PgDatabase::create("shijian_cli_cases") else { return };
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("d")).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async { cases(&Store::open_postgres(&db.url).await.unwrap()).await });
    export(&tmp.path().join("d"), &["--database", &db.url]);
}

/// The synthetic province's case history: cases of three years (from the benchmark's first day
/// at the earliest), every course among them, the penalties published with the decision's hash
/// (when a CJK font is found), and a rebuild of the projections from the journal gives the same
/// tables.
#[test]
fn the_synthetic_history_holds_cases_of_every_course() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let r = shijian_in(dir, &["synth", "--entities", "10000", "--seed", "5", "--as-of", "2026-11-28", "--quiet"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.join("cases.csv");
    let r = shijian_in(dir, &["export", "cases", out.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    // 469 a year per 100,000 entities: about 135 from 2024-01-01 for 10,000.
    assert!((110..170).contains(&rows.len()), "{} cases", rows.len());
    assert!(rows.iter().all(|r| r[col("clue_received_on")] >= "2024-01-01"), "none before the benchmark");
    for outcome in ["penalty", "no_penalty", "not_filed", "open"] {
        assert!(rows.iter().any(|r| r[col("outcome")] == outcome), "no {outcome}");
    }
    assert!(rows.iter().any(|r| r[col("procedure")] == "summary"), "no summary decision");
    let published = rows.iter().filter(|r| !r[col("published_on")].is_empty()).count();
    assert!(published > 15, "{published} published");
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = Store::open_sqlite(&dir.join("shijian.db")).await.unwrap();
        let found = shijian_app::case::PublicPenalties { store: &store }
            .search("", None, 100, parse_date("2026-11-28").unwrap())
            .await
            .unwrap();
        assert!(!found.is_empty());
        // Repeated violations are decided in the heavier band; in the serious-list fields they
        // propose an entry to the credit office.
        let decided = store.decided_cases_of_entities("", "\u{10FFFF}").await.unwrap();
        let heavier = decided
            .iter()
            .filter(|c| c.current_penalty().is_some_and(|p| p.band == shijian_core::case::procedure::Band::Heavier))
            .count();
        assert!(heavier > 0, "no heavier penalty among {}", decided.len());
        if shijian_documents::Renderer::from_system().is_ok() {
            assert!(found.iter().all(|p| p.document_sha256.is_some()), "each decision's hash is published");
        }
        shijian_store::testing::assert_rebuild_reproduces(&store).await;
    });
}
