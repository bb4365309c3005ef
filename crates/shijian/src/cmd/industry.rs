//! `shijian industry …`: the GB/T 4754-2017 classification.

use std::path::PathBuf;

use clap::Subcommand;
use shijian_core::IndustryCatalogue;
use shijian_core::industry::parse_industry_rows;

use super::{Ctx, source_name};
use crate::{Outcome, tabular};

#[derive(Subcommand)]
pub enum IndustryCommand {
    /// Print the code and its parents, one `code\tname\tlevel` line each, up to its section.
    Show { code: String },
    /// Import the full official table from a TSV, CSV or XLSX file with at least the columns
    /// `code` and `name` (or 代码 and 名称); replaces the imported table.
    Import { file: PathBuf },
}

pub async fn run(ctx: &Ctx, cmd: IndustryCommand) -> anyhow::Result<Outcome> {
    match cmd {
        IndustryCommand::Show { code } => {
            let catalogue = if ctx.has_database() {
                ctx.open_migrated().await?.industries().await?
            } else {
                IndustryCatalogue::builtin()
            };
            let code = catalogue.parse(&code)?;
            for entry in catalogue.chain(code) {
                println!("{}\t{}\t{}", entry.code, entry.name, entry.level().as_str());
            }
        }
        IndustryCommand::Import { file } => {
            let entries = parse_industry_rows(tabular::read_rows(&file)?)?;
            // Check the whole table (every parent present) before anything is stored.
            let catalogue = IndustryCatalogue::with_imported(entries.clone())?;
            let store = ctx.open_migrated().await?;
            store.import_industries(&entries, &source_name(&file)).await?;
            let [sections, divisions, groups, classes] = catalogue.counts();
            println!("{sections} sections\t{divisions} divisions\t{groups} groups\t{classes} classes");
        }
    }
    Ok(Outcome::Success)
}
