//! Test support, shared by every crate's integration tests: backends for the conformance
//! suites: a fresh SQLite file, or a fresh PostgreSQL database
//! created under the server named by `SHIJIAN_TEST_PG_URL`.
//!
//! Without that variable the PostgreSQL half of the suite is skipped, and says so on stderr
//! (written past the test harness's capture). With `SHIJIAN_REQUIRE_PG=1` (as in CI) a missing
//! server is a failure instead.

use std::io::Write;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::{PgConfig, Store};

pub struct TestStore {
    pub store: Store,
    // Kept so the SQLite file lives as long as the test.
    _dir: Option<tempfile::TempDir>,
    pg: Option<(PgConfig, String)>,
}

impl TestStore {
    /// Drops the test's PostgreSQL database (SQLite files go with the temporary directory).
    pub async fn finish(self) {
        let TestStore { store, _dir, pg } = self;
        drop(store);
        if let Some((admin, name)) = pg {
            let _ = crate::drop_postgres_database(&admin, &name).await;
        }
    }
}

pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open_sqlite(&dir.path().join("shijian.db")).await.expect("open sqlite");
    TestStore { store, _dir: Some(dir), pg: None }
}

static SKIP_NOTICE: Once = Once::new();

/// A fresh, empty PostgreSQL database, or `None` when no server is configured.
pub async fn postgres() -> Option<TestStore> {
    let Ok(url) = std::env::var("SHIJIAN_TEST_PG_URL") else {
        if std::env::var("SHIJIAN_REQUIRE_PG").is_ok_and(|v| v == "1") {
            panic!("SHIJIAN_REQUIRE_PG=1 but SHIJIAN_TEST_PG_URL is not set");
        }
        SKIP_NOTICE.call_once(|| {
            let _ = writeln!(
                std::io::stderr(),
                "\n*** WARNING: PostgreSQL conformance tests SKIPPED: SHIJIAN_TEST_PG_URL is not set (see .ci/run) ***\n"
            );
        });
        return None;
    };
    let admin: PgConfig = url.parse().expect("SHIJIAN_TEST_PG_URL");
    static N: AtomicUsize = AtomicUsize::new(0);
    let name = format!(
        "shijian_test_{}_{}_{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_micros() % 1_000_000
    );
    let config = crate::create_postgres_database(&admin, &name)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at SHIJIAN_TEST_PG_URL: {e}"));
    let store = Store::open_postgres_config(config).await.expect("open postgres");
    Some(TestStore { store, _dir: None, pg: Some((admin, name)) })
}

/// Generates, for each async test function `f(Store)`, one test per backend.
#[macro_export]
macro_rules! conformance {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let t = $crate::testing::sqlite().await;
                    super::$name(t.store.clone()).await;
                    t.finish().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let Some(t) = $crate::testing::postgres().await else { return };
                    super::$name(t.store.clone()).await;
                    t.finish().await;
                }
            )*
        }
    };
}

/// An annual report for tests: an operating entity's contact details, the employees figure as
/// given, nothing else.
pub fn annual_report(
    year: i32,
    employees: Option<shijian_core::credit::annual::Count>,
) -> shijian_core::credit::annual::AnnualReport {
    use shijian_core::credit::annual::{AnnualReport, Contact, OperatingState};
    AnnualReport {
        year,
        contact: Contact {
            address: "武汉市洪山区珞喻路2号".into(),
            postcode: "430070".into(),
            phone: "027-87654321".into(),
            email: None,
        },
        state: OperatingState::Operating,
        websites: vec![],
        investments: vec![],
        contributions: vec![],
        equity_transfers: vec![],
        employees,
        members: None,
        figures: vec![],
    }
}

/// Dumps every projection table, rebuilds the projections from the journal, dumps again and
/// asserts the two are equal, naming the first table that differs.
pub async fn assert_rebuild_reproduces(store: &crate::Store) {
    let before = store.dump_projections().await.expect("dump before the rebuild");
    store.rebuild_projections().await.expect("rebuild");
    let after = store.dump_projections().await.expect("dump after the rebuild");
    for (table, rows) in &before {
        let again = &after[table];
        if rows != again {
            let first = rows.iter().zip(again).position(|(a, b)| a != b).unwrap_or(rows.len().min(again.len()));
            panic!(
                "{table} differs after a rebuild ({} rows before, {} after); first difference at row {first}:\n  before: {:?}\n  after:  {:?}",
                rows.len(),
                again.len(),
                rows.get(first),
                again.get(first)
            );
        }
    }
}

/// Empties the desk's columns of every matter, as a database written before they existed has
/// them (migration 15): the next [`crate::Store::migrate`] fills them in.
pub async fn forget_case_desk(store: &crate::Store) {
    store
        .write(
            "UPDATE proj_case_fact SET due = '', in_charge = NULL, review = 0, collective = 0, serious = 0",
            Vec::new(),
        )
        .await
        .expect("empty the desk's columns");
}

/// Forgets which matters' serious-list proposals were listed, as a database written before
/// migration 16 kept it: the next [`crate::Store::migrate`] marks them again from the log.
pub async fn forget_case_listed(store: &crate::Store) {
    store.write("UPDATE proj_case_fact SET listed = 0", Vec::new()).await.expect("forget the listed mark");
}

/// Counts the open matters' desk order on a wrong day and forgets which shipped holiday
/// schedule it was counted on, as after a program that ships another: the next
/// [`crate::Store::migrate`] counts them again.
pub async fn forget_case_desk_calendar(store: &crate::Store) {
    store.write("UPDATE proj_case_fact SET due = '2000-01-01' WHERE open = 1", Vec::new()).await.expect("a wrong due");
    store.write("DELETE FROM case_desk_calendar", Vec::new()).await.expect("forget the fingerprint");
}

/// A statement cached on the SQLite readers ([`recompilations`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Compiled {
    /// How many times SQLite compiled it again after preparing it, summed over the readers.
    pub again: i64,
    /// Its prepared handles (one per reader that holds it), as addresses.
    pub handles: std::collections::BTreeSet<usize>,
}

/// Every statement cached on the SQLite store's readers, by its text: how many times SQLite
/// compiled it again after preparing it (`SQLITE_STMTSTATUS_REPREPARE`) and its handles; empty
/// on PostgreSQL. A statement whose plan depends on a bound value is compiled again at every
/// execution, and one evicted from a connection's cache is prepared anew, either of which
/// costs a point lookup several times its work: a test compares these before and after the
/// reads it cares about ([`recompiled_since`]).
pub fn recompilations(store: &crate::Store) -> std::collections::BTreeMap<String, Compiled> {
    match store {
        crate::Store::Sqlite(s) => s.recompilations(),
        crate::Store::Postgres(_) => Default::default(),
    }
}

/// The statements compiled again since `before` ([`recompilations`]): compiled again on a
/// connection that held them, or gone from one (evicted, so prepared anew when next used),
/// with how many more compilations were counted.
pub fn recompiled_since(
    before: &std::collections::BTreeMap<String, Compiled>,
    after: &std::collections::BTreeMap<String, Compiled>,
) -> Vec<(String, i64)> {
    let empty = Compiled::default();
    before
        .keys()
        .chain(after.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|sql| {
            let (b, a) = (before.get(sql).unwrap_or(&empty), after.get(sql).unwrap_or(&empty));
            let more = a.again - b.again;
            let evicted = !b.handles.is_subset(&a.handles);
            (more > 0 || evicted).then(|| (sql.clone(), more))
        })
        .collect()
}
