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
