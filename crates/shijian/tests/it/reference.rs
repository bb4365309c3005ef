//! `shijian industry …`, with the full official table kept beside the project.

use crate::{shijian, shijian_in};

#[test]
fn show_prints_the_chain_of_a_shipped_division() {
    let r = shijian(&["industry", "show", "62"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, "62\t餐饮业\tdivision\nH\t住宿和餐饮业\tsection\n"));
    let r = shijian(&["industry", "show", "6210"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[industry_unknown]"), "{}", r.stderr);
}

#[test]
fn the_full_table_imports_and_a_broken_one_changes_nothing() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/reference/gbt4754-2017.tsv");
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("SKIPPED: reference table {path} not present");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("gbt4754.tsv");
    let table: String = text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, &table).unwrap();
    let r = shijian_in(&data, &["industry", "import", file.to_str().unwrap()], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "20 sections\t97 divisions\t473 groups\t1381 classes\n");
    let r = shijian_in(&data, &["industry", "show", "3741"], "");
    assert_eq!(
        r.stdout,
        "3741\t飞机制造\tclass\n374\t航空、航天器及设备制造\tgroup\n37\t铁路、船舶、航空航天和其他运输设备制造业\tdivision\nC\t制造业\tsection\n"
    );

    // A table whose class has no group: refused, and the imported table stays.
    let broken = dir.path().join("broken.tsv");
    std::fs::write(&broken, "code\tname\n9999\t无上级\n").unwrap();
    let r = shijian_in(&data, &["industry", "import", broken.to_str().unwrap()], "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[industry_parent_missing]"), "{}", r.stderr);
    let r = shijian_in(&data, &["industry", "show", "3741"], "");
    assert_eq!(r.code, 0);
}
