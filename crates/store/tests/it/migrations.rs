//! The two migrations trees must stay in step.

use shijian_store::migrations::{Migration, POSTGRES, SQLITE};

fn files(backend: &str) -> Vec<(i64, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(backend);
    let mut out: Vec<(i64, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|f| {
            let stem = f.strip_suffix(".sql")?;
            let (v, name) = stem.split_once('_')?;
            Some((v.parse().unwrap(), name.to_string()))
        })
        .collect();
    out.sort();
    out
}

fn registered(list: &[Migration]) -> Vec<(i64, String)> {
    list.iter().map(|m| (m.version, m.name.to_string())).collect()
}

#[test]
fn both_backends_have_the_same_version_list() {
    assert_eq!(registered(SQLITE), registered(POSTGRES));
}

#[test]
fn every_migration_file_is_registered_in_order() {
    assert_eq!(files("sqlite"), registered(SQLITE));
    assert_eq!(files("postgres"), registered(POSTGRES));
    let versions: Vec<i64> = SQLITE.iter().map(|m| m.version).collect();
    assert!(versions.windows(2).all(|w| w[1] == w[0] + 1), "versions are consecutive: {versions:?}");
    assert_eq!(versions.first(), Some(&1));
}
