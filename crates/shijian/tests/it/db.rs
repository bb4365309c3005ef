//! `shijian db …` and `shijian status`, on SQLite and (when configured) PostgreSQL.

use crate::shijian_in;

/// What `db migrate` prints on a new database.
const MIGRATED: &str = "applied\t1\tfoundation\napplied\t2\tjournal\napplied\t3\twitness\napplied\t4\tregister\napplied\t5\tdeferred_name_keys\napplied\t6\tcredit_worklist\napplied\t7\taccess\napplied\t8\tinspection\napplied\t9\tinspection_object\napplied\t10\tcomplaint\napplied\t11\tcomplaint_record\napplied\t12\tlist_order\napplied\t13\tcase\napplied\t14\tcase_search\napplied\t15\tcase_desk\napplied\t16\tcase_listed\ncurrent\t16\n";

/// `url` (a `postgres://` URL or a key=value string) with its database replaced by `name`.
pub fn with_dbname(url: &str, name: &str) -> String {
    match url.find("://") {
        Some(scheme_end) => {
            let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
            let host_end = base[scheme_end + 3..].find('/').map_or(base.len(), |i| scheme_end + 3 + i);
            let mut out = format!("{}/{name}", &base[..host_end]);
            if let Some(q) = query {
                out.push('?');
                out.push_str(q);
            }
            out
        }
        None => format!("{url} dbname={name}"),
    }
}

#[test]
fn with_dbname_handles_both_forms() {
    assert_eq!(
        with_dbname("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
        "postgres://u:p@h:5432/x?sslmode=disable"
    );
    assert_eq!(with_dbname("postgresql://h", "x"), "postgresql://h/x");
    assert_eq!(with_dbname("host=/tmp port=5 dbname=postgres", "x"), "host=/tmp port=5 dbname=postgres dbname=x");
}

#[test]
fn migrate_then_check_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| shijian_in(dir.path(), args, "");
    {
        let r = run(&["db", "check"]);
        assert_eq!(r.code, 1, "an empty database has pending migrations");
        assert!(r.stderr.contains("[db_migrations_pending]"), "{}", r.stderr);
        let r = run(&["db", "migrate"]);
        assert_eq!((r.code, r.stdout.as_str()), (0, MIGRATED), "{}", r.stderr);
        let r = run(&["db", "migrate"]);
        assert_eq!(r.stdout, "current\t16\n");
        let r = run(&["db", "check"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.starts_with("backend\tsqlite\n"));
        assert!(r.stdout.ends_with("schema\t16\nintegrity\tok\nok\n"), "{}", r.stdout);
    }
}

#[test]
fn status_initialises_the_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fresh");
    let r = shijian_in(&data, &["status"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(data.join("shijian.db").exists());
    assert!(r.stdout.contains("湖北省 17 prefecture-level, 103 county-level"), "{}", r.stdout);
    assert!(r.stdout.contains("2004–2026\t23 years"), "{}", r.stdout);
}

/// The same commands against a private PostgreSQL database.
#[test]
fn migrate_then_check_on_postgres() {
    let Some(db) = crate::PgDatabase::create("shijian_cli") else { return };
    let db_url = db.url.clone();
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--database", db_url.as_str()];
        all.extend_from_slice(args);
        shijian_in(dir.path(), &all, "")
    };
    let r = run(&["db", "migrate"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, MIGRATED), "{}", r.stderr);
    let r = run(&["db", "check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("backend\tpostgres\n"), "{}", r.stdout);
    let file = dir.path().join("2027.tsv");
    std::fs::write(&file, "2027-01-01\tholiday\t元旦\n").unwrap();
    assert_eq!(run(&["calendar", "import", file.to_str().unwrap()]).code, 0);
    assert_eq!(run(&["calendar", "add-workdays", "2026-12-31", "1"]).stdout, "2027-01-04\n");
    assert!(!dir.path().join("shijian.db").exists(), "PostgreSQL runs leave no SQLite file");
}
