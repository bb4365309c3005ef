//! `shijian ledger …`: the verifiable log.
//!
//! A command that appends leaves a signed checkpoint covering everything it appended before
//! it exits. Commands that need a checkpoint (`checkpoint`, `receipt`, `export-tiles`) sign a
//! new one first when the tree has grown since the latest.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Subcommand;
use serde_json::json;
use shijian_core::event::{Actor, CheckpointCosigned, CosignatureAdded, Declared, NewEvent, SELFTEST};
use shijian_ledger::hash::Hash;
use shijian_ledger::note::{Note, Signer, TYPE_COSIGNATURE_V1, Verifier};
use shijian_ledger::tile::{Tile, encode_bundle};
use shijian_store::{Checkpointer, Store, StoredCheckpoint};

use super::{Ctx, progress};
use crate::config::Config;
use crate::{Outcome, keys};

#[derive(Subcommand)]
pub enum LedgerCommand {
    /// Append N synthetic `ledger.selftest` events (creating the data directory if needed) and
    /// print `ledger.selftest\t<events>\t<seconds>\t<events per second>`: an operator's check
    /// of a new machine. With `--ack`, print `ack\t<index>` as each batch commits.
    Selftest {
        #[arg(long, default_value_t = 100_000)]
        events: u64,
        /// Events per transaction (at most 1,000 is the documented operating point).
        #[arg(long, default_value_t = 1_000)]
        batch: u64,
        #[arg(long)]
        ack: bool,
    },
    /// Print the log's verifier key (one line).
    Key,
    /// Print the latest signed checkpoint.
    Checkpoint,
    /// Write a static C2SP tlog-tiles directory (`checkpoint`, `tile/…`, `tile/entries/…`) that
    /// any web server can serve.
    ExportTiles { out: PathBuf },
    /// Print a C2SP tlog-proof receipt for an entry.
    Receipt {
        #[arg(long, conflicts_with = "event", required_unless_present = "event")]
        index: Option<u64>,
        #[arg(long)]
        event: Option<String>,
    },
    /// Print the consistency proof between two tree sizes, one base64 hash per line.
    Consistency {
        #[arg(long)]
        from: u64,
        #[arg(long)]
        to: u64,
    },
    /// Print this instance's witness key (one line): give it to the logs it witnesses.
    WitnessKey,
    /// Act as a witness for another log: verify its checkpoint (signed by `--log-key`) and its
    /// consistency with the last checkpoint cosigned for that origin (`--proof`: the log's
    /// `ledger consistency` output), record it, and print the cosignature line.
    Cosign {
        #[arg(long)]
        log_key: String,
        #[arg(long)]
        checkpoint: PathBuf,
        #[arg(long)]
        proof: Option<PathBuf>,
    },
    /// Add a witness's cosignature line (`-` reads it from standard input) to the checkpoint
    /// it signs, after verifying it with `--witness-key`. Prints `added\t<size>\t<witness>`.
    AddCosignature {
        #[arg(long)]
        witness_key: String,
        line: String,
    },
    /// Recompute every hash from the stored entries and check every stored checkpoint; on any
    /// mismatch name the first bad index and exit 1. Prints `ok\t<entries>\t<checkpoints>\t<root>`.
    Verify,
}

/// The store, the configuration and the log key.
async fn open(ctx: &Ctx) -> anyhow::Result<(Store, Config, Signer)> {
    std::fs::create_dir_all(&ctx.data_dir).with_context(|| format!("creating {}", ctx.data_dir.display()))?;
    let config = Config::load(&ctx.data_dir)?;
    let signer = keys::log_signer(&ctx.data_dir, &config.log_origin)?;
    let store = ctx.open_migrated().await?;
    Ok((store, config, signer))
}

/// The latest checkpoint, signing a new one first if the tree has grown.
async fn current_checkpoint(store: &Store, signer: &Signer) -> anyhow::Result<StoredCheckpoint> {
    store.sign_checkpoint(signer).await?;
    store.latest_checkpoint().await?.context("no checkpoint after signing one")
}

/// A self-test event of typical size.
fn selftest_event(n: u64) -> shijian_core::Result<NewEvent> {
    let data = json!({
        "n": n,
        "name": format!("湖北省武汉市江岸区自检样例{n}号餐饮管理有限公司"),
        "address": format!("湖北省武汉市江岸区中山大道{n}号"),
        "scope": "餐饮服务；食品销售；外卖递送服务",
    });
    NewEvent::of(&Declared::new(&SELFTEST, &data), None, &Actor::system(), chrono::Utc::now())
}

pub async fn run(ctx: &Ctx, cmd: LedgerCommand) -> anyhow::Result<Outcome> {
    match cmd {
        LedgerCommand::Selftest { events, batch, ack } => selftest(ctx, events, batch.clamp(1, 10_000), ack).await,
        LedgerCommand::Key => {
            std::fs::create_dir_all(&ctx.data_dir)?;
            let config = Config::load(&ctx.data_dir)?;
            let signer = keys::log_signer(&ctx.data_dir, &config.log_origin)?;
            println!("{}", signer.verifier().to_vkey());
            Ok(Outcome::Success)
        }
        LedgerCommand::Checkpoint => {
            let (store, _, signer) = open(ctx).await?;
            let cp = current_checkpoint(&store, &signer).await?;
            print!("{}", store.cosigned_note(&cp).await?);
            Ok(Outcome::Success)
        }
        LedgerCommand::WitnessKey => {
            std::fs::create_dir_all(&ctx.data_dir)?;
            let config = Config::load(&ctx.data_dir)?;
            println!("{}", keys::witness_signer(&ctx.data_dir, &config.witness_name)?.verifier().to_vkey());
            Ok(Outcome::Success)
        }
        LedgerCommand::Cosign { log_key, checkpoint, proof } => {
            cosign(ctx, &log_key, &checkpoint, proof.as_deref()).await
        }
        LedgerCommand::AddCosignature { witness_key, line } => {
            let (store, _, signer) = open(ctx).await?;
            let line = if line == "-" { std::io::read_to_string(std::io::stdin())? } else { line };
            let line = format!("{}\n", line.trim_end());
            let witness = Verifier::parse(witness_key.trim()).map_err(|e| key_error(&e))?;
            if witness.sig_type() != TYPE_COSIGNATURE_V1 {
                return Err(key_error("the witness key is not a cosignature (type 0x04) key").into());
            }
            // Find the checkpoint it signs, newest first.
            let mut checkpoints = store.checkpoints().await?;
            checkpoints.reverse();
            for cp in checkpoints {
                let Ok(note) = Note::parse(&format!("{}{line}", cp.note)) else {
                    return Err(key_error("not a signature line").into());
                };
                let Some(sig) = note.signatures.last().cloned() else { continue };
                if note.verify(std::slice::from_ref(&witness)).is_ok() {
                    let data = CosignatureAdded {
                        size: cp.size,
                        witness: sig.name.clone(),
                        key_id: sig.key_id,
                        line: line.clone(),
                    };
                    store.append(&[NewEvent::of(&data, None, &Actor::system(), chrono::Utc::now())?]).await?;
                    store.sign_checkpoint(&signer).await?;
                    println!("added\t{}\t{}", cp.size, sig.name);
                    return Ok(Outcome::Success);
                }
            }
            Err(key_error("the line is not a valid cosignature of any checkpoint of this log").into())
        }
        LedgerCommand::ExportTiles { out } => {
            let (store, _, signer) = open(ctx).await?;
            let cp = current_checkpoint(&store, &signer).await?;
            export(&store, &cp, &out).await?;
            println!("exported\t{}\t{}", cp.size, out.display());
            Ok(Outcome::Success)
        }
        LedgerCommand::Receipt { index, event } => {
            let (store, _, signer) = open(ctx).await?;
            let index = match (index, event) {
                (Some(i), _) => i,
                (None, Some(id)) => store.event_by_id(&id).await?.index,
                (None, None) => anyhow::bail!("give --index or --event"),
            };
            current_checkpoint(&store, &signer).await?;
            print!("{}", store.receipt(index).await?.to_text());
            Ok(Outcome::Success)
        }
        LedgerCommand::Consistency { from, to } => {
            let (store, _, _) = open(ctx).await?;
            let size = store.log_size().await?;
            if to > size || from > to {
                return Err(shijian_core::Error::new(shijian_core::Code::LogIndexUnknown)
                    .with("index", to)
                    .with("size", size)
                    .into());
            }
            for h in store.consistency_proof(from, to).await? {
                println!("{}", h.to_base64());
            }
            Ok(Outcome::Success)
        }
        LedgerCommand::Verify => {
            let (store, config, signer) = open(ctx).await?;
            let verifiers = keys::log_verifiers(&ctx.data_dir, &signer)?;
            let total = store.log_size().await?;
            let bar = progress(total, "verify");
            let audit = store.verify_log(&verifiers, &config.log_origin, |done, _| bar.set_position(done)).await;
            bar.finish_and_clear();
            let audit = audit?;
            println!("ok\t{}\t{}\t{}", audit.entries, audit.checkpoints, audit.root.to_base64());
            Ok(Outcome::Success)
        }
    }
}

fn key_error(reason: impl std::fmt::Display) -> shijian_core::Error {
    shijian_core::Error::new(shijian_core::Code::LogKey).with("reason", reason)
}

/// Acting as a witness for another log.
async fn cosign(ctx: &Ctx, log_key: &str, checkpoint: &Path, proof: Option<&Path>) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(&ctx.data_dir)?;
    let config = Config::load(&ctx.data_dir)?;
    let witness = keys::witness_signer(&ctx.data_dir, &config.witness_name)?;
    let (store, _, log_signer) = open(ctx).await?;
    let log = Verifier::parse(log_key.trim()).map_err(|e| key_error(&e))?;
    let note = std::fs::read_to_string(checkpoint).with_context(|| format!("reading {}", checkpoint.display()))?;
    let opened = shijian_ledger::checkpoint::open(&note, log.name(), &log, &[]).map_err(|e| key_error(&e))?;
    let previous = match store.witness_state(log.name()).await? {
        Some((size, root)) => Some((size, Hash::from_base64(&root).map_err(|e| key_error(&e))?)),
        None => None,
    };
    let proof: Vec<Hash> = match proof {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("reading {}", path.display()))?
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| Hash::from_base64(l.trim()).map_err(|e| key_error(&e)))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    shijian_ledger::witness::check_consistent(previous, &opened.checkpoint, &proof).map_err(|e| {
        shijian_core::Error::new(shijian_core::Code::LogVerifyFailed)
            .with("index", opened.checkpoint.size)
            .with("reason", e)
    })?;
    let now = chrono::Utc::now();
    let sig = witness.sign(&opened.note.text, now.timestamp().max(0) as u64);
    let data = CheckpointCosigned {
        origin: log.name().to_string(),
        size: opened.checkpoint.size,
        root: opened.checkpoint.root.to_base64(),
    };
    store.append(&[NewEvent::of(&data, None, &Actor::system(), now)?]).await?;
    store.sign_checkpoint(&log_signer).await?;
    print!("{}", sig.line());
    Ok(Outcome::Success)
}

async fn selftest(ctx: &Ctx, events: u64, batch: u64, ack: bool) -> anyhow::Result<Outcome> {
    let (store, _, signer) = open(ctx).await?;
    let checkpointer = Checkpointer::spawn(store.clone(), signer.clone(), Duration::from_millis(250));
    let bar = progress(events, "ledger.selftest");
    let stdout = std::io::stdout();
    let start = Instant::now();
    let mut commits: Vec<(u64, chrono::DateTime<chrono::Utc>)> = Vec::new();
    let mut done = 0u64;
    while done < events {
        let n = batch.min(events - done);
        let batch_events = (done..done + n).map(selftest_event).collect::<shijian_core::Result<Vec<NewEvent>>>()?;
        let appended = store.append(&batch_events).await?;
        let last = appended.last().map(|a| a.index).unwrap_or(0);
        commits.push((last + 1, chrono::Utc::now()));
        if ack {
            let mut out = stdout.lock();
            writeln!(out, "ack\t{last}")?;
            out.flush()?;
        }
        done += n;
        bar.set_position(done);
    }
    let elapsed = start.elapsed();
    bar.finish_and_clear();
    checkpointer.stop().await?;
    let cp = store.latest_checkpoint().await?.context("no checkpoint")?;
    let lag_ms = super::bench::checkpoint_lags_ms(&commits, &store.checkpoints().await?);
    let rate = events as f64 / elapsed.as_secs_f64();
    println!("ledger.selftest\t{events}\t{:.3}\t{rate:.0}", elapsed.as_secs_f64());
    println!("checkpoint\t{}\t{}", cp.size, cp.root.to_base64());
    if let Some(max) = lag_ms.last() {
        println!("checkpoint_lag_ms\tp99 {}\tmax {max}", super::bench::percentile(&lag_ms, 99));
    }
    Ok(Outcome::Success)
}

/// Writes the static tiles of the checkpoint's tree.
async fn export(store: &Store, cp: &StoredCheckpoint, out: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let write = |rel: &str, data: &[u8]| -> anyhow::Result<()> {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, data).with_context(|| format!("writing {}", path.display()))
    };
    let tiles = Tile::all_in_tree(cp.size);
    let bar = progress(tiles.len() as u64, "export-tiles");
    for chunk in tiles.chunks(256) {
        let data = store.read_tiles(chunk).await?;
        for (tile, bytes) in chunk.iter().zip(&data) {
            write(&tile.path(), bytes)?;
            if tile.level == 0 {
                let entries = store.entries(tile.start(), tile.start() + u64::from(tile.width)).await?;
                let bundle = encode_bundle(entries.iter().map(Vec::as_slice)).map_err(|e| anyhow::anyhow!("{e}"))?;
                write(&tile.entries_path(), &bundle)?;
            }
        }
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    // The checkpoint last, so a reader never sees one whose tiles are not all there yet.
    write("checkpoint", cp.note.as_bytes())?;
    Ok(())
}
