//! `shijian calendar …`.

use crate::{shijian, shijian_in};

#[test]
fn workdays_marks_adjusted_weekends_and_holidays() {
    // National Day 2025: 28 September (Sunday) worked, 1–8 October off, 11 October worked.
    let r = shijian(&["calendar", "workdays", "--from", "2025-09-26", "--to", "2025-10-01"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "2025-09-26\t1\n2025-09-27\t0\n2025-09-28\t1\n2025-09-29\t1\n2025-09-30\t1\n2025-10-01\t0\n");
}

#[test]
fn add_workdays_prints_the_date() {
    let r = shijian(&["calendar", "add-workdays", "2025-09-26", "7"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "2025-10-13\n"));
    // Across the year end: 2025-12-31 + 1 → 2026-01-05 (1–3 January off, 4 January worked).
    let r = shijian(&["calendar", "add-workdays", "2025-12-31", "1"]);
    assert_eq!(r.stdout, "2026-01-04\n");
    let r = shijian(&["calendar", "between", "2025-09-26", "2025-10-13"]);
    assert_eq!(r.stdout, "7\n");
    let r = shijian(&["calendar", "period-end", "2024-07-03", "90"]);
    assert_eq!(r.stdout, "2024-10-08\n");
}

#[test]
fn a_year_not_yet_published_is_counted_provisionally_and_says_so() {
    // 2027 on its provisional schedule: 1 January off.
    let r = shijian(&["calendar", "add-workdays", "2026-12-20", "20"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "2027-01-18\tprovisional\n"), "{}", r.stderr);
    let r = shijian(&["calendar", "add-workdays", "2026-11-02", "5"]);
    assert_eq!(r.stdout, "2026-11-09\n");
    let r = shijian(&["calendar", "workdays", "--from", "2026-12-31", "--to", "2027-01-02"]);
    assert_eq!(r.stdout, "2026-12-31\t1\n2027-01-01\t0\tprovisional\n2027-01-02\t0\tprovisional\n");
    // The Spring Festival 2027: 除夕 5 Feb to 8 Feb, make-up days 9 and 10 Feb.
    let r = shijian(&["calendar", "workdays", "--from", "2027-02-08", "--to", "2027-02-11"]);
    assert_eq!(
        r.stdout,
        "2027-02-08\t0\tprovisional\n2027-02-09\t0\tprovisional\n2027-02-10\t0\tprovisional\n2027-02-11\t1\tprovisional\n"
    );
    let r = shijian(&["calendar", "between", "2026-12-20", "2027-01-18"]);
    assert_eq!(r.stdout, "20\tprovisional\n");
    let r = shijian(&["calendar", "period-end", "2026-12-20", "13"]);
    assert_eq!(r.stdout, "2027-01-04\tprovisional\n");
}

#[test]
fn a_year_beyond_the_provisional_range_is_a_typed_error() {
    let r = shijian(&["calendar", "add-workdays", "2099-12-20", "20"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("错误 [calendar_year_not_covered] 2100年"), "{}", r.stderr);
    assert!(r.stderr.contains("error [calendar_year_not_covered] the official holiday schedule for 2100"));
}

#[test]
fn bad_dates_are_typed_errors() {
    let r = shijian(&["calendar", "add-workdays", "2025-02-30", "3"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[date_form]"), "{}", r.stderr);
    let r = shijian(&["calendar", "workdays", "--from", "2025-10-02", "--to", "2025-10-01"]);
    assert!(r.stderr.contains("[date_range_reversed]"), "{}", r.stderr);
}

const SCHEDULE_2027: &str =
    "date\tkind\tholiday\n2027-01-01\tholiday\t元旦\n2027-02-06\tworkday\t春节\n2027-02-08\tholiday\t春节\n";

/// Before any import, the shipped years end with 2026 and 2027 is listed as provisional.
#[test]
fn years_lists_the_provisional_ones_after_the_official() {
    let dir = tempfile::tempdir().unwrap();
    let r = shijian_in(&dir.path().join("data"), &["calendar", "years"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("2004\tshipped\n"), "{}", r.stdout);
    assert!(r.stdout.contains("2025\tshipped\n2026\tshipped\n2027\tprovisional\n"), "{}", r.stdout);
}

#[test]
fn import_adds_a_year_without_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2027.tsv");
    std::fs::write(&file, SCHEDULE_2027).unwrap();
    let data = dir.path().join("data");
    let r = shijian_in(&data, &["calendar", "import", file.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "2027\t2 holidays\t1 adjusted workdays\n");
    // Official now: no longer provisional.
    let r = shijian_in(&data, &["calendar", "add-workdays", "2026-12-31", "1"], "");
    assert_eq!(r.stdout, "2027-01-04\n");
    let r = shijian_in(&data, &["calendar", "add-workdays", "2026-12-20", "20"], "");
    assert_eq!(r.stdout, "2027-01-18\n");
    let r = shijian_in(&data, &["calendar", "workdays", "--from", "2027-02-06", "--to", "2027-02-08"], "");
    assert_eq!(r.stdout, "2027-02-06\t1\n2027-02-07\t0\n2027-02-08\t0\n");
    let r = shijian_in(&data, &["calendar", "years"], "");
    // The year after the last official one is listed as provisional.
    assert!(r.stdout.contains("2026\tshipped\n2027\timported\t2027.tsv\n2028\tprovisional\n"), "{}", r.stdout);
    assert!(
        r.stdout.lines().all(|l| l.ends_with("shipped") || l.contains("\timported\t") || l.ends_with("provisional"))
    );
}

#[test]
fn a_bad_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = dir.path().join("good.tsv");
    std::fs::write(&good, SCHEDULE_2027).unwrap();
    assert_eq!(shijian_in(&data, &["calendar", "import", good.to_str().unwrap()], "").code, 0);
    // Line 3 lists a Saturday as a holiday.
    let bad = dir.path().join("bad.tsv");
    std::fs::write(&bad, "date\tkind\n2027-01-01\tholiday\n2027-01-02\tholiday\n").unwrap();
    let r = shijian_in(&data, &["calendar", "import", bad.to_str().unwrap()], "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[calendar_holiday_on_weekend]") && r.stderr.contains("line=3"), "{}", r.stderr);
    let r = shijian_in(&data, &["calendar", "workdays", "--from", "2027-02-08", "--to", "2027-02-08"], "");
    assert_eq!(r.stdout, "2027-02-08\t0\n", "the earlier import is intact");
    let r = shijian_in(&data, &["calendar", "import", dir.path().join("missing.tsv").to_str().unwrap()], "");
    assert!(r.stderr.contains("[file_unreadable]"), "{}", r.stderr);
    let odd = dir.path().join("schedule.pdf");
    std::fs::write(&odd, "x").unwrap();
    let r = shijian_in(&data, &["calendar", "import", odd.to_str().unwrap()], "");
    assert!(r.stderr.contains("[file_format_unsupported]"), "{}", r.stderr);
}

#[test]
fn import_reads_csv_and_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let csv = dir.path().join("2027.csv");
    std::fs::write(&csv, "\u{feff}date,kind,holiday\n2027-01-01,holiday,元旦\n").unwrap();
    let r = shijian_in(&data, &["calendar", "import", csv.to_str().unwrap()], "");
    assert_eq!((r.code, r.stdout.as_str()), (0, "2027\t1 holidays\t0 adjusted workdays\n"), "{}", r.stderr);

    let xlsx = dir.path().join("2028.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (row, cells) in
        [["date", "kind", "holiday"], ["2028-01-03", "holiday", "元旦"], ["2028-01-29", "workday", "春节"]]
            .iter()
            .enumerate()
    {
        for (col, text) in cells.iter().enumerate() {
            sheet.write_string(row as u32, col as u16, *text).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    let r = shijian_in(&data, &["calendar", "import", xlsx.to_str().unwrap()], "");
    assert_eq!((r.code, r.stdout.as_str()), (0, "2028\t1 holidays\t1 adjusted workdays\n"), "{}", r.stderr);
    let r = shijian_in(&data, &["calendar", "workdays", "--from", "2028-01-29", "--to", "2028-01-29"], "");
    assert_eq!(r.stdout, "2028-01-29\t1\n");
}
