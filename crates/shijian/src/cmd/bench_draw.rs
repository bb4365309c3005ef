//! `shijian bench draw`: the random-inspection draw at province scale, against the naive
//! `ORDER BY random() LIMIT` in the same database in the same run.
//!
//! The pool is synthetic, made here: `--targets` entities in the shares of credit classes the
//! full synthetic province was classified into (BENCHMARKS.md), spread over Hubei's county-level
//! offices, and `--inspectors` staff spread over the province's, cities' and counties' offices.
//! It is stored as a pool file in a scratch SQLite database under the data directory, and
//! loaded there as a table for the baseline.

use std::time::Instant;

use shijian_core::inspection::draw::{AssignRules, DrawOutcome};
use shijian_core::inspection::plan::{Ratios, Stratum};
use shijian_core::inspection::pool::{Inspector, Pool, Target};
use shijian_core::{DivisionCode, Tier};
use shijian_store::Store;

use super::Ctx;
use crate::Outcome;

/// Shares of the classes A, B, C, D per 1,000,000 (the classification of the synthetic
/// province: A 4,476,143, B 45,317, C 1,021,851, D 6,978 of 6,390,000; the rest unclassified).
const SHARES: [(Stratum, u64); 4] =
    [(Stratum::A, 700_492), (Stratum::B, 7_092), (Stratum::C, 159_914), (Stratum::D, 1_092)];

fn stratum_of(i: u64) -> Stratum {
    // A fixed pseudo-random permutation of positions, so classes are not in runs of codes.
    let x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) % 1_000_000;
    let mut acc = 0;
    for (s, share) in SHARES {
        acc += share;
        if x < acc {
            return s;
        }
    }
    Stratum::U
}

pub async fn run(ctx: &Ctx, targets: u64, inspectors: u64) -> anyhow::Result<Outcome> {
    let hubei = DivisionCode::parse("420000")?;
    let cities = hubei.children();
    let counties: Vec<DivisionCode> = cities
        .iter()
        .flat_map(|c| if c.children().is_empty() { vec![*c] } else { c.children() })
        .filter(|d| d.tier() == Tier::County || d.children().is_empty())
        .collect();
    let started = Instant::now();
    let pool_targets: Vec<Target> = (0..targets)
        .map(|i| Target {
            id: format!("9142{:06}{:08}", counties[(i % counties.len() as u64) as usize].as_u32() % 1_000_000, i),
            stratum: stratum_of(i),
            office: counties[(i % counties.len() as u64) as usize],
        })
        .collect();
    let mut offices: Vec<DivisionCode> = vec![hubei];
    offices.extend(cities.iter().copied());
    offices.extend(counties.iter().copied());
    let staff: Vec<Inspector> = (0..inspectors)
        .map(|i| Inspector {
            pseudonym: format!("insp-{i:05}"),
            office: offices[(i % offices.len() as u64) as usize],
            department: "市场监管".into(),
            certified: i % 10 < 7,
            excluded: Vec::new(),
        })
        .collect();
    let pool = Pool::new("bench-draw", pool_targets, staff)?;
    let strata = pool.strata();
    println!("pool\t{targets} targets\t{inspectors} inspectors\tbuilt in {:.2} s", started.elapsed().as_secs_f64());
    for (s, n) in &strata {
        println!("stratum\t{}\t{n}", s.as_str());
    }
    let ratios = Ratios { a: 0, b: 300, c: 800, d: 3_000, u: 300 };
    let departments = vec!["市场监管".to_string()];
    let rules = AssignRules { team_size: 2, departments: &departments, forbid_own_office: true };

    let t = Instant::now();
    let text = pool.canonical().into_bytes();
    let hash = Pool::hash_of(&text);
    println!("pool file\t{} bytes\tcanonical text and SHA-256 in {:.3} s", text.len(), t.elapsed().as_secs_f64());

    let seed = shijian_core::inspection::seed::seed("bench-draw", &shijian_core::inspection::hex(&hash), 1, "00", &[]);
    let t = Instant::now();
    let outcome = DrawOutcome::compute(&pool, &ratios, &seed, &rules);
    let draw_s = t.elapsed().as_secs_f64();
    println!(
        "draw\t{} drawn\t{} unassigned\tsample and assign in {draw_s:.3} s",
        outcome.tasks.len(),
        outcome.unassigned()
    );
    drop(pool);

    let scratch = ctx.data_dir.join(format!("bench-draw-{}", std::process::id()));
    let result = async {
        let store = Store::open_sqlite(&scratch.join("shijian.db")).await?;
        store.migrate().await?;
        store.put_artifact(text).await?;
        // Verification as `draw verify` does it: read the pool file, check its hash, parse it,
        // draw again, compare.
        let t = Instant::now();
        let bytes = store.artifact(hash).await?.ok_or_else(|| anyhow::anyhow!("artifact"))?;
        anyhow::ensure!(Pool::hash_of(&bytes) == hash, "hash");
        let read = Pool::parse(std::str::from_utf8(&bytes)?)?;
        let again = DrawOutcome::compute(&read, &ratios, &seed, &rules);
        anyhow::ensure!(again.hash() == outcome.hash(), "the draw did not repeat");
        let verify_s = t.elapsed().as_secs_f64();
        println!("verify\tmatch\tread, hash, parse, draw again, compare in {verify_s:.3} s");

        // The baseline: the same pool as a table, `ORDER BY random() LIMIT` per class.
        let t = Instant::now();
        let mut case = String::from("CASE");
        let mut acc = 0;
        for (s, share) in SHARES {
            acc += share;
            case.push_str(&format!(" WHEN (i * 7919) % 1000000 < {acc} THEN '{}'", s.as_str()));
        }
        case.push_str(" ELSE 'U' END");
        store
            .danger_execute_sql(&format!(
                "CREATE TABLE bench_pool (uscc TEXT PRIMARY KEY, stratum TEXT NOT NULL) WITHOUT ROWID;
                 WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < {last})
                 INSERT INTO bench_pool SELECT printf('%08d', i), {case} FROM c;
                 CREATE INDEX bench_pool_stratum ON bench_pool (stratum);",
                last = targets.saturating_sub(1)
            ))
            .await?;
        println!("baseline table\t{targets} rows loaded in {:.2} s", t.elapsed().as_secs_f64());
        let t = Instant::now();
        let mut drawn = 0u64;
        for (s, n) in &strata {
            let quota = Ratios::quota(ratios.of(*s), *n);
            drawn += quota;
            store
                .danger_execute_sql(&format!(
                    "CREATE TEMP TABLE bench_drawn_{s} AS
                     SELECT uscc FROM bench_pool WHERE stratum = '{s}' ORDER BY random() LIMIT {quota}",
                    s = s.as_str()
                ))
                .await?;
        }
        let naive_s = t.elapsed().as_secs_f64();
        println!("baseline\t{drawn} drawn\tORDER BY random() LIMIT, once per class, in {naive_s:.3} s (no assignment)");
        anyhow::Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&scratch);
    result?;
    Ok(Outcome::Success)
}
