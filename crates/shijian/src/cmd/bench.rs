//! `shijian bench …`: measurements an operator runs on a new machine, and that BENCHMARKS.md
//! records. Each prints tab-separated result lines.

use std::hint::black_box;
use std::time::Instant;

use clap::Subcommand;
use shijian_core::Uscc;
use shijian_store::{PgConfig, Store};

use super::Ctx;
use crate::Outcome;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Parse and validate unified social credit codes on one core; prints
    /// `<what>\t<codes>\t<seconds>\t<codes per second>` for the full parse and, as the floor,
    /// the overall check alone.
    Uscc {
        #[arg(long, default_value_t = 2_000_000)]
        codes: usize,
    },
    /// The journal: sustained appends with the log (events/s, checkpoint lag) against the same
    /// rows inserted without the log, in the same run; then inclusion-proof latency at the
    /// final size and the time of `ledger verify`. SQLite in a scratch directory under the data
    /// directory, and PostgreSQL when `--database` names a server (a scratch database).
    Journal {
        #[arg(long, default_value_t = 1_000_000)]
        events: u64,
        #[arg(long, default_value_t = 1_000)]
        batch: u64,
        /// Inclusion proofs to time.
        #[arg(long, default_value_t = 20_000)]
        proofs: u64,
        /// Skip the baseline (rows without the log).
        #[arg(long)]
        no_baseline: bool,
    },
    /// The random-inspection draw (双随机) over a synthetic pool of province size: sampling by
    /// credit class and assignment, verification from the stored pool file, and the naive
    /// `ORDER BY random() LIMIT` per class in the same database (a scratch SQLite database
    /// under the data directory).
    Draw {
        #[arg(long, default_value_t = 6_390_000)]
        targets: u64,
        #[arg(long, default_value_t = 3_000)]
        inspectors: u64,
    },
    /// 12315 intake: complaints filed concurrently through the journal with the intake queue's
    /// group commit, against each filing appended alone (a scratch SQLite database).
    Intake {
        #[arg(long, default_value_t = 100_000)]
        complaints: usize,
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
    },
    /// 12315 matching: the business a consumer names resolved to the register of the province
    /// in the data directory, against the name search alone.
    Matching {
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// The daily 12315 analysis over a synthetic history of `--complaints` complaints and
    /// reports (three years, through the journal into a scratch SQLite database), against a
    /// plain SQL aggregation of the same counts.
    Analysis {
        #[arg(long, default_value_t = 5_000_000)]
        complaints: u64,
        /// Keep the scratch database (and reuse it when it exists).
        #[arg(long)]
        keep: bool,
    },
    /// The register's read paths over the province in the data directory: lookup by code,
    /// the public credit file, name checks (index against brute force) and name search.
    Register {
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
        /// How many of the name checks to repeat by brute force.
        #[arg(long, default_value_t = 50)]
        brute_force: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Batched inserts of a typical journal-sized row into a scratch table: SQLite in the data
    /// directory, and PostgreSQL when `--database` names a server (a scratch database is
    /// created there and dropped). Prints `<backend>\t<rows>\t<batch>\t<seconds>\t<rows per second>`.
    Store {
        #[arg(long, default_value_t = 1_000_000)]
        rows: usize,
        #[arg(long, default_value_t = 1_000)]
        batch: usize,
    },
}

/// `n` distinct valid codes across Hubei's divisions, market-entity categories and both
/// styles of subject identifier (numeric and `MA…`).
fn sample_codes(n: usize) -> Vec<String> {
    const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let divisions: Vec<String> = shijian_core::DivisionCode::all()
        .filter(|d| d.code.to_string().starts_with("42"))
        .map(|d| d.code.to_string())
        .collect();
    let mut x: u64 = 0x243F_6A88_85A3_08D3;
    (0..n)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let division = &divisions[(x % divisions.len() as u64) as usize];
            let category = [b'1', b'2', b'3'][i % 3] as char;
            let body: String = if i % 2 == 0 {
                format!("MA{}", (0..6).map(|k| ALPHA[((x >> (k * 5)) % 31) as usize] as char).collect::<String>())
            } else {
                format!("{:08}", x % 100_000_000)
            };
            Uscc::compose('9', category, division, &body).map(|u| u.to_string()).unwrap_or_default()
        })
        .collect()
}

pub async fn run(ctx: &Ctx, cmd: BenchCommand) -> anyhow::Result<Outcome> {
    match cmd {
        BenchCommand::Draw { targets, inspectors } => return super::bench_draw::run(ctx, targets, inspectors).await,
        BenchCommand::Intake { complaints, concurrency } => {
            return super::bench_intake::run(ctx, complaints, concurrency).await;
        }
        BenchCommand::Matching { queries, seed } => return super::bench_matching::run(ctx, queries, seed).await,
        BenchCommand::Analysis { complaints, keep } => {
            return super::bench_analysis::run(ctx, complaints, keep).await;
        }
        BenchCommand::Register { queries, brute_force, seed } => {
            return super::bench_register::run(ctx, queries, brute_force, seed).await;
        }
        BenchCommand::Journal { events, batch, proofs, no_baseline } => {
            let scratch = ctx.data_dir.join(format!("bench-journal-{}", std::process::id()));
            let result = async {
                let open_sqlite = |name: &str| {
                    let path = scratch.join(name).join("shijian.db");
                    async move { Store::open_sqlite(&path).await }
                };
                let base = if no_baseline { None } else { Some(open_sqlite("baseline").await?) };
                let logged = open_sqlite("journal").await?;
                bench_journal("sqlite", base, logged, events, batch, proofs).await
            }
            .await;
            let _ = std::fs::remove_dir_all(&scratch);
            result?;
            if let Some(url) = &ctx.database {
                let admin: PgConfig = url.parse()?;
                let names = [
                    format!("shijian_bench_base_{}", std::process::id()),
                    format!("shijian_bench_log_{}", std::process::id()),
                ];
                let result = async {
                    let base = if no_baseline {
                        None
                    } else {
                        Some(
                            Store::open_postgres_config(
                                shijian_store::create_postgres_database(&admin, &names[0]).await?,
                            )
                            .await?,
                        )
                    };
                    let logged =
                        Store::open_postgres_config(shijian_store::create_postgres_database(&admin, &names[1]).await?)
                            .await?;
                    bench_journal("postgres", base, logged, events, batch, proofs).await
                }
                .await;
                for name in &names {
                    shijian_store::drop_postgres_database(&admin, name).await?;
                }
                result?;
            }
        }
        BenchCommand::Uscc { codes } => {
            let inputs = sample_codes(codes);
            // Full parse: normalisation, character set, division form and lookup, authority
            // table, both check characters.
            let start = Instant::now();
            let mut valid = 0usize;
            for s in &inputs {
                valid += usize::from(Uscc::parse_with_warnings(black_box(s)).is_ok());
            }
            let full = start.elapsed();
            anyhow::ensure!(valid == inputs.len(), "only {valid} of {} sample codes parsed", inputs.len());
            // Floor: the overall check alone (17 multiply-adds and a table lookup).
            const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
            const W: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
            let start = Instant::now();
            let mut ok = 0usize;
            for s in &inputs {
                let b = black_box(s).as_bytes();
                let sum: u32 = b[..17]
                    .iter()
                    .zip(W)
                    .map(|(&c, w)| ALPHA.iter().position(|&a| a == c).unwrap_or(0) as u32 * w)
                    .sum();
                ok += usize::from(ALPHA[((31 - sum % 31) % 31) as usize] == b[17]);
            }
            let floor = start.elapsed();
            anyhow::ensure!(ok == inputs.len(), "check-only baseline disagrees");
            for (what, t) in [("uscc_parse", full), ("uscc_check_only", floor)] {
                println!(
                    "{what}\t{}\t{:.3}\t{:.0}",
                    inputs.len(),
                    t.as_secs_f64(),
                    inputs.len() as f64 / t.as_secs_f64()
                );
            }
        }
        BenchCommand::Store { rows, batch } => {
            let scratch = ctx.data_dir.join(format!("bench-scratch-{}", std::process::id()));
            let sqlite = Store::open_sqlite(&scratch.join("bench.db")).await?;
            let r = sqlite.bench_insert(rows, batch).await;
            drop(sqlite);
            let _ = std::fs::remove_dir_all(&scratch);
            let r = r?;
            println!("sqlite\t{}\t{}\t{:.3}\t{:.0}", r.rows, r.batch, r.elapsed.as_secs_f64(), r.rows_per_second());
            if let Some(url) = &ctx.database {
                let admin: PgConfig = url.parse()?;
                let name = format!("shijian_bench_{}", std::process::id());
                let config = shijian_store::create_postgres_database(&admin, &name).await?;
                let result = async {
                    let pg = Store::open_postgres_config(config).await?;
                    pg.bench_insert(rows, batch).await
                }
                .await;
                shijian_store::drop_postgres_database(&admin, &name).await?;
                let r = result?;
                println!(
                    "postgres\t{}\t{}\t{:.3}\t{:.0}",
                    r.rows,
                    r.batch,
                    r.elapsed.as_secs_f64(),
                    r.rows_per_second()
                );
            }
        }
    }
    Ok(Outcome::Success)
}

/// The journal benchmark on one backend; prints tab-separated result lines.
async fn bench_journal(
    backend: &str,
    baseline: Option<Store>,
    store: Store,
    events: u64,
    batch: u64,
    proofs: u64,
) -> anyhow::Result<()> {
    use shijian_core::event::{Actor, NewEvent, Publicity};
    let make = |from: u64, n: u64| -> Vec<NewEvent> {
        (from..from + n)
            .map(|i| NewEvent {
                // A kind without a projection of its own: the journal alone is measured.
                kind: "filing.document_received".into(),
                subject: Some(format!("91420100MA4K{:06}", i % 1_000_000)),
                occurred_at: chrono::Utc::now(),
                actor: Actor::system(),
                basis: "市场主体登记管理条例 第二十一条".into(),
                data: serde_json::json!({
                    "name": format!("武汉市江岸区红光{i}餐饮管理有限公司"),
                    "address": format!("湖北省武汉市江岸区中山大道{i}号"),
                    "capital": "1000000.00",
                    "industry": "6210",
                }),
                publicity: Publicity::Public { until: None },
            })
            .collect()
    };
    let rate = |n: u64, t: std::time::Duration| n as f64 / t.as_secs_f64();
    let mut base_rate = None;
    if let Some(base) = baseline {
        base.migrate().await?;
        let mut spent = std::time::Duration::ZERO;
        let mut done = 0;
        while done < events {
            let n = batch.min(events - done);
            let evs = make(done, n);
            let start = Instant::now();
            base.bench_insert_events_unlogged(&evs).await?;
            spent += start.elapsed();
            done += n;
        }
        base_rate = Some(rate(events, spent));
        println!(
            "{backend}\tbaseline_rows_without_log\t{events}\t{:.3}\t{:.0}",
            spent.as_secs_f64(),
            rate(events, spent)
        );
    }
    store.migrate().await?;
    let signer = shijian_ledger::note::Signer::from_seed(
        "bench.shijian.local/log",
        shijian_ledger::note::TYPE_ED25519,
        &[9; 32],
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let checkpointer =
        shijian_store::Checkpointer::spawn(store.clone(), signer.clone(), std::time::Duration::from_millis(250));
    let mut spent = std::time::Duration::ZERO;
    let mut commits = Vec::new();
    let mut done = 0;
    while done < events {
        let n = batch.min(events - done);
        let evs = make(done, n);
        let start = Instant::now();
        store.append(&evs).await?;
        spent += start.elapsed();
        commits.push((done + n, chrono::Utc::now()));
        done += n;
    }
    checkpointer.stop().await?;
    let r = rate(events, spent);
    println!("{backend}\tappend_with_log\t{events}\t{:.3}\t{r:.0}", spent.as_secs_f64());
    if let Some(b) = base_rate {
        println!("{backend}\toverhead\t{:.2}x", b / r);
    }
    let lags = checkpoint_lags_ms(&commits, &store.checkpoints().await?);
    if let Some(max) = lags.last() {
        println!("{backend}\tcheckpoint_lag_ms\tp99 {}\tmax {max}", percentile(&lags, 99));
    }
    // Inclusion proofs at the final size, random leaves: a first pass (storage pages not yet
    // touched by this process), then the same leaves again (warm).
    let size = store.log_size().await?;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let indexes: Vec<u64> = (0..proofs)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % size.max(1)
        })
        .collect();
    let us = |d: std::time::Duration| d.as_secs_f64() * 1e6;
    for pass in ["first", "warm"] {
        let mut times = Vec::with_capacity(indexes.len());
        for &index in &indexes {
            let start = Instant::now();
            let p = store.inclusion_proof(index, size).await?;
            times.push(start.elapsed());
            black_box(p);
        }
        times.sort_unstable();
        if !times.is_empty() {
            println!(
                "{backend}\tinclusion_proof_us\t{pass}\tsize {size}\tp50 {:.1}\tp99 {:.1}",
                us(percentile(&times, 50)),
                us(percentile(&times, 99))
            );
        }
    }
    // The same number of trivial queries (the log's size), as the floor of a store round trip.
    let mut trivial = Vec::with_capacity(indexes.len());
    for _ in &indexes {
        let start = Instant::now();
        black_box(store.log_size().await?);
        trivial.push(start.elapsed());
    }
    trivial.sort_unstable();
    if !trivial.is_empty() {
        println!(
            "{backend}\ttrivial_query_us\tp50 {:.1}\tp99 {:.1}",
            us(percentile(&trivial, 50)),
            us(percentile(&trivial, 99))
        );
    }
    let start = Instant::now();
    let audit = store.verify_log(&[signer.verifier()], "bench.shijian.local/log", |_, _| {}).await?;
    println!(
        "{backend}\tverify\t{}\t{:.3}\t{:.0}",
        audit.entries,
        start.elapsed().as_secs_f64(),
        rate(audit.entries, start.elapsed())
    );
    Ok(())
}

/// For each commit (tree size reached, time), the milliseconds until a signed checkpoint
/// covered it; sorted.
pub fn checkpoint_lags_ms(
    commits: &[(u64, chrono::DateTime<chrono::Utc>)],
    checkpoints: &[shijian_store::StoredCheckpoint],
) -> Vec<i64> {
    let mut lags: Vec<i64> = commits
        .iter()
        .filter_map(|(size, at)| {
            let c = checkpoints.iter().find(|c| c.size >= *size)?;
            let signed = chrono::DateTime::parse_from_rfc3339(&c.signed_at).ok()?;
            Some((signed.with_timezone(&chrono::Utc) - *at).num_milliseconds().max(0))
        })
        .collect();
    lags.sort_unstable();
    lags
}

/// The `p`-th percentile of sorted values (nearest rank).
pub fn percentile<T: Copy>(sorted: &[T], p: usize) -> T {
    sorted[(sorted.len() * p / 100).min(sorted.len() - 1)]
}
