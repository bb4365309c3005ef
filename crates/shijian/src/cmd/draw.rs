//! `shijian draw`: the random-inspection draws (双随机) and their verification from the record.

use std::time::Instant;

use clap::Subcommand;
use shijian_app::inspection::{self, Verification};

use super::Ctx;
use crate::Outcome;

#[derive(Subcommand)]
pub enum DrawCommand {
    /// Print the id of every drawn plan, one per line. 列出已抽取的计划。
    List,
    /// Recompute a plan's draw and assignment from the record (the pool file, the checkpoint,
    /// the seed parties' reveals) and compare with the tasks recorded: prints `match`, or the
    /// first difference (exit 1). 复核抽取结果。
    Verify {
        /// The plan's id, e.g. 2026-420000-0001.
        #[arg(long)]
        plan: String,
        /// Also print the seed's inputs and the time taken.
        #[arg(long)]
        verbose: bool,
    },
}

pub async fn run(ctx: &Ctx, cmd: DrawCommand) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    match cmd {
        DrawCommand::List => {
            for id in store.drawn_plan_ids().await? {
                println!("{id}");
            }
            Ok(Outcome::Success)
        }
        DrawCommand::Verify { plan, verbose } => {
            let started = Instant::now();
            let v = inspection::verify(&store, &plan).await?;
            if verbose {
                let state = inspection::Inspections::new(&store).plan(&plan).await?;
                if let (Some(p), Some(d)) = (&state.published, &state.draw) {
                    eprintln!("pool {}", p.pool_hash);
                    eprintln!("checkpoint {} {}", d.checkpoint_size, d.checkpoint_root);
                    for part in &d.parts {
                        eprintln!("party {} {}", part.party, part.secret.as_deref().unwrap_or("absent"));
                    }
                    eprintln!("seed {}", d.seed);
                }
                eprintln!("verified in {:.3} s", started.elapsed().as_secs_f64());
            }
            match v {
                Verification::Match { .. } => {
                    println!("match");
                    Ok(Outcome::Success)
                }
                Verification::Differs(d) => {
                    println!("{d}");
                    Ok(Outcome::Invalid)
                }
            }
        }
    }
}
