//! `shijian bench analysis`: the daily 12315 analysis ([`analysis::analyse`]) over a synthetic
//! history of `--complaints` complaints and reports received in the three years up to today,
//! appended through the journal into a scratch SQLite database under the data directory
//! (`bench-analysis/`, kept with `--keep` and then reused).
//!
//! The history is `shijian_synth::complaint`'s (seasons, growth, concentration on few
//! businesses, the emerging issue of the last four weeks) about 200,000 synthetic businesses
//! across the province's counties; only each item's receipt is appended, since the analysis
//! reads what receipt records (day, place, category, problem, business) and the later steps
//! change only status columns. Measured in the same run: the scan of the complaint records
//! alone (the floor any analysis has to pay), then the whole analysis of the province, then of
//! one prefecture. The analysis must find the emerging issue, or the benchmark fails.
//!
//! Prints `<what>\t<records>\t<seconds>\t<records per second>` lines and `alerts\t<n>`.

use std::time::Instant;

use anyhow::bail;
use shijian_app::complaints::analysis;
use shijian_core::complaint::KIND_RECEIVED;
use shijian_core::{Calendar, DivisionCode, Tier, Uscc};
use shijian_store::{PreparedBatch, Store};
use shijian_synth::complaint::{Business, History, SURGE_CATEGORY, daily_counts};

use super::{Ctx, progress};
use crate::Outcome;

/// Synthetic businesses, spread over the counties of the province.
fn businesses(n: usize) -> Vec<Business> {
    let hubei = DivisionCode::parse("420000").expect("Hubei");
    let counties: Vec<DivisionCode> =
        hubei.children().iter().flat_map(|p| p.children()).filter(|c| c.tier() == Tier::County).collect();
    (0..n)
        .filter_map(|i| {
            let county = counties[i % counties.len()];
            let uscc = Uscc::compose('9', '2', &county.to_string(), &format!("MA{:06}", i / counties.len())).ok()?;
            Some(Business {
                uscc: uscc.to_string(),
                name: format!("某某经营部{i}"),
                address: String::new(),
                authority: county,
            })
        })
        .collect()
}

pub async fn run(ctx: &Ctx, complaints: u64, keep: bool) -> anyhow::Result<Outcome> {
    let dir = ctx.data_dir.join("bench-analysis");
    let path = dir.join("shijian.db");
    let reuse = keep && path.exists();
    if !reuse {
        let _ = std::fs::remove_dir_all(&dir);
    }
    std::fs::create_dir_all(&dir)?;
    let store = Store::open_sqlite(&path).await?;
    store.migrate().await?;
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    let calendar = Calendar::builtin();
    let from = today.checked_sub_months(chrono::Months::new(36)).unwrap_or(today) + chrono::Days::new(1);
    if !reuse {
        // per_year is the level of the last year; the two before are smaller by the growth.
        let g = shijian_synth::complaint::GROWTH;
        let per_year = (complaints as f64 / (1.0 + 1.0 / g + 1.0 / (g * g))) as u64;
        let days = daily_counts(42, per_year, from, today);
        let total: u64 = days.iter().map(|(_, n)| u64::from(*n)).sum();
        let bar = progress(total, "合成投诉举报 synthesising");
        let (tx, mut rx) = tokio::sync::mpsc::channel::<(u64, anyhow::Result<PreparedBatch>)>(4);
        let generator = std::thread::spawn(move || {
            let shops = businesses(200_000);
            let history = History::new(42, &shops, &calendar, today);
            let mut events = Vec::with_capacity(65_536);
            let mut serial = 0u64;
            let mut in_batch = 0u64;
            for (day, n) in days {
                for _ in 0..n {
                    serial += 1;
                    in_batch += 1;
                    events.extend(history.item(serial, day).into_iter().filter(|e| e.kind == KIND_RECEIVED));
                    if events.len() >= 65_536 {
                        let prepared = Store::prepare(&events).map_err(anyhow::Error::from);
                        events.clear();
                        if tx.blocking_send((in_batch, prepared)).is_err() {
                            return;
                        }
                        in_batch = 0;
                    }
                }
            }
            if !events.is_empty() {
                let _ = tx.blocking_send((in_batch, Store::prepare(&events).map_err(anyhow::Error::from)));
            }
        });
        store.bulk_load(true).await?;
        let started = Instant::now();
        while let Some((n, batch)) = rx.recv().await {
            store.append_prepared(batch?).await?;
            bar.inc(n);
        }
        let _ = generator.join();
        store.bulk_load(false).await?;
        bar.finish_and_clear();
        let secs = started.elapsed().as_secs_f64();
        println!("load\t{total}\t{secs:.1}\t{:.0}", total as f64 / secs);
    }
    // The floor: every record of the six years the analysis reads, counted and nothing more.
    let since = today.checked_sub_months(chrono::Months::new(12 * (shijian_core::complaint::trend::MAX_YEARS + 1)));
    let counted = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let sink = counted.clone();
    let started = Instant::now();
    store
        .complaint_facts(
            since.unwrap_or(from),
            Box::new(move |_| {
                sink.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }),
        )
        .await?;
    let secs = started.elapsed().as_secs_f64();
    let n = counted.load(std::sync::atomic::Ordering::Relaxed);
    println!("scan (floor)\t{n}\t{secs:.2}\t{:.0}", n as f64 / secs);
    let started = Instant::now();
    let a = analysis::analyse(&store, DivisionCode::parse("420000")?, today).await?;
    let secs = started.elapsed().as_secs_f64();
    println!("analysis 420000\t{}\t{secs:.2}\t{:.0}", a.read, a.read as f64 / secs);
    let started = Instant::now();
    let w = analysis::analyse(&store, DivisionCode::parse("420100")?, today).await?;
    let secs = started.elapsed().as_secs_f64();
    println!("analysis 420100\t{}\t{secs:.2}\t{:.0}", w.read, w.read as f64 / secs);
    println!("alerts\t{}", a.alerts.len());
    for x in &a.alerts {
        println!(
            "alert\t{}\t{}\tobserved\t{}\texpected\t{:.1}",
            x.series.region, x.label, x.verdict.observed, x.verdict.expected
        );
    }
    if !a.alerts.iter().any(|x| x.series.category.as_deref() == Some(SURGE_CATEGORY)) {
        bail!("the analysis did not find the synthetic surge of {SURGE_CATEGORY}");
    }
    drop(store);
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(Outcome::Success)
}
