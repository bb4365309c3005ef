//! `shijian division …`: the GB/T 2260 list.

use clap::Subcommand;
use shijian_core::DivisionCode;

use crate::Outcome;

#[derive(Subcommand)]
pub enum DivisionCommand {
    /// Print the unit and its parent chain, one `code\tname\ttier\tkind` line each, from the
    /// unit up to its province.
    Show { code: String },
    /// Print the units directly below CODE (the provinces when CODE is omitted), one
    /// `code\tname\ttier\tkind` line each.
    Children { code: Option<String> },
}

fn line(d: DivisionCode) -> String {
    let u = d.division();
    format!("{}\t{}\t{}\t{}", u.code, u.name, u.tier.as_str(), u.kind)
}

pub fn run(cmd: DivisionCommand) -> anyhow::Result<Outcome> {
    match cmd {
        DivisionCommand::Show { code } => {
            for d in DivisionCode::parse(&code)?.chain() {
                println!("{}", line(d));
            }
        }
        DivisionCommand::Children { code } => {
            let units: Vec<DivisionCode> = match code {
                Some(code) => DivisionCode::parse(&code)?.children(),
                None => DivisionCode::all().filter(|d| d.parent.is_none()).map(|d| d.code).collect(),
            };
            for d in units {
                println!("{}", line(d));
            }
        }
    }
    Ok(Outcome::Success)
}
