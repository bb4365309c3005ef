//! `shijian synth --entities N --seed S [--as-of DATE]`: builds a synthetic province in the data
//! directory, through the journal (every registration and every later change is an event in
//! the log), then its supervision history (the risk classification and three years of random
//! inspections, see [`super::synth_history`]; `--register-only` leaves it out), and signs a
//! checkpoint over it. The register must be empty.
//!
//! Prints one line: `entities\tevents\tseconds\tlog size` (with `--if-empty` on a register
//! that already holds entities: `exists\t<entities>\t<data dir>`).

use std::time::Instant;

use anyhow::bail;
use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use clap::Args;
use indicatif::ProgressBar;
use shijian_app::registry::new_event;
use shijian_core::entity::RegistryEvent;
use shijian_core::event::{Actor, NewEvent, Publicity, Role};
use shijian_store::{PreparedBatch, Store};
use shijian_synth::{Province, Synthetic};

use super::Ctx;
use crate::{Outcome, keys};

#[derive(Args)]
pub struct SynthArgs {
    /// How many entities (6,390,000 is Hubei's real scale). 市场主体数量。
    #[arg(long, default_value_t = 10_000)]
    pub entities: u64,
    /// The seed: the same seed gives the same province. 随机种子。
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The day the history runs up to (default: today). 截止日期。
    #[arg(long)]
    pub as_of: Option<String>,
    /// Events per append (one transaction each). 每批事件数。
    #[arg(long, default_value_t = 65536)]
    pub batch: usize,
    /// No progress bar. 不显示进度条。
    #[arg(long)]
    pub quiet: bool,
    /// Sync every commit to disk, as normal operation does (slower); by default the build is a
    /// bulk load that syncs once at the end. 每批同步落盘。
    #[arg(long)]
    pub durable: bool,
    /// When the register already holds entities, say so and succeed instead of failing.
    /// 登记库非空时跳过。
    #[arg(long)]
    pub if_empty: bool,
    /// Only the register: no classification, staff or inspection history. 仅生成登记数据。
    #[arg(long)]
    pub register_only: bool,
}

/// The events of one synthetic entity, as its registering office records them.
pub fn events_of(s: &Synthetic) -> shijian_core::Result<Vec<NewEvent>> {
    let actor = Actor { role: Role::Registrar, office: Some(s.entity.authority), pseudonym: Some("synth".into()) };
    let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_time(NaiveTime::from_hms_opt(1, 0, 0).unwrap_or_default()));
    let subject = s.entity.uscc.to_string();
    let registered = RegistryEvent::Registered { entity: s.entity.clone(), reservation: None };
    let mut events: Vec<NewEvent> = std::iter::once(&registered)
        .chain(&s.history)
        .map(|e| new_event(&actor, e, Some(&subject), at(e.effective_on())))
        .collect();
    // The credit file's events, recorded by the credit office (or filed by the entity).
    let credit_office = Actor { role: Role::CreditOfficer, ..actor.clone() };
    for c in &s.credit {
        let publicity = if c.restricted { Publicity::Restricted } else { Publicity::Public { until: None } };
        events.push(NewEvent::of(c, Some(&subject), &credit_office, at(c.on))?.with_publicity(publicity));
    }
    Ok(events)
}

pub async fn run(ctx: &Ctx, a: SynthArgs) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    let existing = store.entity_count().await?;
    if existing > 0 && a.if_empty {
        println!("exists\t{existing}\t{}", ctx.data_dir.display());
        return Ok(Outcome::Success);
    }
    if existing > 0 {
        bail!(
            "the register already holds {existing} entities; synth builds a province in an empty data directory / 登记库已有{existing}户，合成省份需要空的数据目录"
        );
    }
    let as_of = match &a.as_of {
        Some(d) => shijian_core::parse_date(d)?,
        None => shijian_core::calendar::legal_date(chrono::Utc::now()),
    };
    let started = Instant::now();
    let bar = if a.quiet { ProgressBar::hidden() } else { super::progress(a.entities, "合成省份 synth") };
    // The generator runs on its own thread, a few batches ahead of the appends.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<(u64, anyhow::Result<PreparedBatch>)>(4);
    let (n, seed, batch) = (a.entities, a.seed, a.batch);
    let generator = std::thread::spawn(move || {
        let mut province = Province::new(seed, as_of);
        let mut events = Vec::with_capacity(batch + 16);
        let mut in_batch = 0;
        for _ in 0..n {
            match events_of(&province.next_entity()) {
                Ok(made) => events.extend(made),
                Err(e) => {
                    let _ = tx.blocking_send((in_batch, Err(e.into())));
                    return;
                }
            }
            in_batch += 1;
            if events.len() >= batch {
                let prepared = Store::prepare(&events).map_err(anyhow::Error::from);
                events.clear();
                if tx.blocking_send((in_batch, prepared)).is_err() {
                    return;
                }
                in_batch = 0;
            }
        }
        if !events.is_empty() {
            let _ = tx.blocking_send((in_batch, Store::prepare(&events).map_err(anyhow::Error::from)));
        }
    });
    if !a.durable {
        store.bulk_load(true).await?;
    }
    let mut total_events = 0u64;
    // Batches are prepared (records, commitments, name keys) on the generator's thread while
    // the store writes the previous one.
    while let Some((entities, batch)) = rx.recv().await {
        let batch = batch?;
        total_events += batch.len() as u64;
        store.append_prepared(batch).await?;
        bar.inc(entities);
    }
    let _ = generator.join();
    if !a.durable {
        store.bulk_load(false).await?;
    }
    bar.finish_and_clear();
    let config = crate::config::Config::load(&ctx.data_dir)?;
    let signer = keys::log_signer(&ctx.data_dir, &config.log_origin)?;
    if !a.register_only {
        let before = store.log_size().await?;
        let bar = if a.quiet { ProgressBar::hidden() } else { super::progress(0, "") };
        super::synth_history::build(&store, &signer, a.seed, as_of, &bar).await?;
        bar.finish_and_clear();
        total_events += store.log_size().await? - before;
    }
    store.sign_checkpoint(&signer).await?;
    let size = store.log_size().await?;
    println!("{}\t{}\t{:.1}\t{}", a.entities, total_events, started.elapsed().as_secs_f64(), size);
    Ok(Outcome::Success)
}
