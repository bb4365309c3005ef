//! The conformance suite: every test here runs on SQLite and on PostgreSQL.

use chrono::NaiveDate;
use shijian_core::calendar::{DayKind, ScheduleEntry, YearSchedule, parse_schedule_rows, tsv_rows};
use shijian_core::event::Actor;
use shijian_core::industry::parse_industry_rows;
use shijian_core::{Code, IndustryCatalogue};
use shijian_store::Store;

shijian_store::conformance!(
    migrate_applies_every_migration_once,
    check_reports_a_sound_database,
    check_reports_pending_migrations,
    a_changed_migration_is_refused,
    a_newer_schema_is_refused,
    calendar_import_round_trips_and_replaces_a_year,
    calendar_import_is_all_or_nothing,
    industry_import_round_trips_and_replaces_the_table,
    industry_import_is_all_or_nothing,
    insert_benchmark_runs_and_cleans_up,
);

fn d(s: &str) -> NaiveDate {
    shijian_core::parse_date(s).unwrap()
}

fn schedule_2027() -> Vec<YearSchedule> {
    parse_schedule_rows(tsv_rows(
        "date\tkind\tholiday\n2027-01-01\tholiday\t元旦\n2027-02-06\tworkday\t春节\n2027-02-08\tholiday\t春节\n",
    ))
    .unwrap()
}

async fn migrate_applies_every_migration_once(store: Store) {
    let all: Vec<i64> = store.migrations().iter().map(|m| m.version).collect();
    assert_eq!(store.schema_status().await.unwrap().pending, all);
    assert_eq!(store.migrate().await.unwrap(), all);
    assert_eq!(store.migrate().await.unwrap(), Vec::<i64>::new());
    let status = store.schema_status().await.unwrap();
    assert!(status.is_current(), "{status:?}");
    assert_eq!(status.applied, all);
}

async fn check_reports_a_sound_database(store: Store) {
    store.migrate().await.unwrap();
    let report = store.check().await.unwrap();
    assert_eq!(report.backend, store.backend());
    assert!(report.schema.is_current());
    assert_eq!(report.integrity, "ok");
    assert!(!report.server_version.is_empty());
}

async fn check_reports_pending_migrations(store: Store) {
    let report = store.check().await.unwrap();
    assert!(!report.schema.is_current());
    assert_eq!(report.schema.problem().unwrap().code(), Code::DbMigrationsPending);
}

async fn a_changed_migration_is_refused(store: Store) {
    store.migrate().await.unwrap();
    store.danger_execute_sql("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1").await.unwrap();
    assert_eq!(store.migrate().await.unwrap_err().code(), Code::DbMigrationChanged);
    assert_eq!(store.schema_status().await.unwrap().changed, vec![1]);
}

async fn a_newer_schema_is_refused(store: Store) {
    store.migrate().await.unwrap();
    store
        .danger_execute_sql(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, 'future', 'x', '2030-01-01')",
        )
        .await
        .unwrap();
    let e = store.migrate().await.unwrap_err();
    assert_eq!((e.code(), e.detail("version")), (Code::DbSchemaNewer, Some("9999")));
}

async fn calendar_import_round_trips_and_replaces_a_year(store: Store) {
    store.migrate().await.unwrap();
    assert!(!store.calendar().await.unwrap().covers(2027));
    store.import_calendar(&Actor::system(), &schedule_2027(), "国办发明电〔2026〕test").await.unwrap();
    let imported = store.imported_calendar().await.unwrap();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].schedule, schedule_2027()[0]);
    assert_eq!(imported[0].source, "国办发明电〔2026〕test");
    // The import is a public journal event carrying the year's rows.
    let events = store.events_from(0, 10).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, shijian_core::calendar::KIND_YEAR_IMPORTED);
    assert!(events[0].record.contains("\"2027-02-06\"") && events[0].publicity.is_public_on(d("2027-01-01")));
    // An event whose schedule breaks the rules (a Saturday as a holiday) is refused by append.
    let mut bad =
        shijian_core::calendar::YearImported::event(&schedule_2027()[0], "x", &Actor::system(), chrono::Utc::now())
            .unwrap();
    bad.data["entries"][0]["date"] = serde_json::json!("2027-01-02");
    assert_eq!(store.append(&[bad]).await.unwrap_err().code(), Code::CalendarHolidayOnWeekend);
    // Rebuilding the projections replays the import.
    store.rebuild_projections().await.unwrap();
    assert_eq!(store.imported_calendar().await.unwrap()[0].schedule, schedule_2027()[0]);
    let cal = store.calendar().await.unwrap();
    assert!(!cal.is_workday(d("2027-02-08")).unwrap());
    assert!(cal.is_workday(d("2027-02-06")).unwrap());
    // The shipped years are still there.
    assert!(cal.covers(2026));

    // Importing the year again replaces it whole.
    let corrected = parse_schedule_rows(tsv_rows("2027-01-01\tholiday\t元旦\n")).unwrap();
    store.import_calendar(&Actor::system(), &corrected, "correction").await.unwrap();
    let cal = store.calendar().await.unwrap();
    assert!(cal.is_workday(d("2027-02-08")).unwrap());
    assert!(!cal.is_workday(d("2027-02-06")).unwrap());
    assert_eq!(store.imported_calendar().await.unwrap()[0].schedule.entries.len(), 1);

    // An imported year overrides a shipped one.
    let y2026 = parse_schedule_rows(tsv_rows("2026-01-01\tholiday\t元旦\n")).unwrap();
    store.import_calendar(&Actor::system(), &y2026, "override").await.unwrap();
    let cal = store.calendar().await.unwrap();
    assert!(cal.is_workday(d("2026-02-17")).unwrap(), "the shipped Spring Festival 2026 is replaced");
}

async fn calendar_import_is_all_or_nothing(store: Store) {
    store.migrate().await.unwrap();
    store.import_calendar(&Actor::system(), &schedule_2027(), "first").await.unwrap();
    // A second import whose last year breaks the table's key: nothing of it may stay.
    let entry = |date: &str| ScheduleEntry { date: d(date), kind: DayKind::Holiday, name: String::new() };
    let broken = vec![
        YearSchedule { year: 2027, entries: vec![entry("2027-01-01")] },
        YearSchedule { year: 2028, entries: vec![entry("2028-01-03"), entry("2028-01-03")] },
    ];
    assert!(store.import_calendar(&Actor::system(), &broken, "broken").await.is_err());
    let imported = store.imported_calendar().await.unwrap();
    assert_eq!(imported.len(), 1);
    assert_eq!(imported[0].schedule, schedule_2027()[0]);
    assert_eq!(imported[0].source, "first");
}

fn industry_rows(text: &str) -> Vec<shijian_core::Industry> {
    parse_industry_rows(tsv_rows(text)).unwrap()
}

async fn industry_import_round_trips_and_replaces_the_table(store: Store) {
    store.migrate().await.unwrap();
    assert_eq!(store.industries().await.unwrap().counts(), IndustryCatalogue::builtin().counts());
    let first = industry_rows("code\tname\n621\t正餐服务\n6210\t正餐服务\n");
    store.import_industries(&first, "test").await.unwrap();
    assert_eq!(store.imported_industries().await.unwrap(), first);
    let cat = store.industries().await.unwrap();
    assert_eq!(cat.parse("6210").unwrap().as_str(), "6210");
    let second = industry_rows("code\tname\n622\t快餐服务\n");
    store.import_industries(&second, "test").await.unwrap();
    let cat = store.industries().await.unwrap();
    assert_eq!(cat.parse("6210").unwrap_err().code(), Code::IndustryUnknown);
    assert!(cat.parse("622").is_ok());
}

async fn industry_import_is_all_or_nothing(store: Store) {
    store.migrate().await.unwrap();
    let first = industry_rows("code\tname\n621\t正餐服务\n");
    store.import_industries(&first, "test").await.unwrap();
    let mut broken = industry_rows("code\tname\n622\t快餐服务\n");
    broken.push(broken[0].clone());
    assert!(store.import_industries(&broken, "broken").await.is_err());
    assert_eq!(store.imported_industries().await.unwrap(), first);
}

async fn insert_benchmark_runs_and_cleans_up(store: Store) {
    store.migrate().await.unwrap();
    let r = store.bench_insert(2_500, 1_000).await.unwrap();
    assert_eq!(r.rows, 2_500);
    assert!(r.rows_per_second() > 0.0);
    assert!(store.danger_execute_sql("SELECT 1 FROM bench_row").await.is_err(), "the scratch table is dropped");
}
