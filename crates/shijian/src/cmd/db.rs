//! `shijian db migrate|check`.

use clap::Subcommand;

use super::Ctx;
use crate::Outcome;

#[derive(Subcommand)]
pub enum DbCommand {
    /// Apply pending migrations; prints `applied\t<version>\t<name>` for each.
    Migrate,
    /// Check the database: reachable, schema current, storage sound. Exit 1 on any problem.
    Check,
    /// Rebuild every projection from the journal; prints `rebuilt\t<events replayed>`.
    RebuildProjections,
}

pub async fn run(ctx: &Ctx, cmd: DbCommand) -> anyhow::Result<Outcome> {
    match cmd {
        DbCommand::Migrate => {
            let store = ctx.open_store().await?;
            let applied = store.migrate().await?;
            for v in &applied {
                let name = store.migrations().iter().find(|m| m.version == *v).map(|m| m.name).unwrap_or("");
                println!("applied\t{v}\t{name}");
            }
            let current = store.migrations().last().map(|m| m.version).unwrap_or(0);
            println!("current\t{current}");
            Ok(Outcome::Success)
        }
        DbCommand::RebuildProjections => {
            let store = ctx.open_migrated().await?;
            println!("rebuilt\t{}", store.rebuild_projections().await?);
            Ok(Outcome::Success)
        }
        DbCommand::Check => {
            let store = ctx.open_store().await?;
            let report = store.check().await?;
            println!("backend\t{}", report.backend.as_str());
            println!("location\t{}", report.location);
            println!("server\t{}", report.server_version);
            println!("schema\t{}", report.schema.applied.last().copied().unwrap_or(0));
            println!("integrity\t{}", report.integrity);
            match report.schema.problem() {
                Some(e) => Err(e.into()),
                None if report.integrity != "ok" => Err(shijian_core::Error::new(shijian_core::Code::DbIntegrity)
                    .with("reason", report.integrity)
                    .into()),
                None => {
                    println!("ok");
                    Ok(Outcome::Success)
                }
            }
        }
    }
}
