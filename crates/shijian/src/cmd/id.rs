//! `shijian id uscc|rid CODE...`: check identifiers.
//!
//! One line per input: `<input>\t<valid|invalid>\t<normalised or ->\t<reason code or
//! comma-separated warning codes, or ->`; with `--json`, one JSON object per line. Without
//! codes on the command line, codes are read from standard input, one per line. Exit 0 when
//! all are valid, 1 when any is invalid.

use std::io::{BufRead, Write};

use clap::Subcommand;
use serde_json::{Value, json};
use shijian_core::{Error, Lang, ResidentId, Uscc};

use super::field;
use crate::Outcome;

#[derive(Subcommand)]
pub enum IdCommand {
    /// Unified social credit codes (统一社会信用代码, GB 32100-2015).
    Uscc {
        /// Codes to check; read from standard input when none are given.
        codes: Vec<String>,
        /// One JSON object per line, with messages and the code's parts.
        #[arg(long)]
        json: bool,
    },
    /// Resident identity numbers (公民身份号码, GB 11643-1999).
    Rid {
        /// Numbers to check; read from standard input when none are given.
        codes: Vec<String>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
}

/// An error or warning as JSON: code, both messages, details.
pub fn error_json(e: &Error) -> Value {
    let details: serde_json::Map<String, Value> =
        e.details().iter().map(|(k, v)| ((*k).to_string(), Value::String(v.clone()))).collect();
    json!({
        "code": e.code().as_str(),
        "message_zh": e.message(Lang::Zh),
        "message_en": e.message(Lang::En),
        "details": details,
    })
}

/// The outcome of checking one input.
struct Checked {
    result: Result<(String, Vec<Error>, Value), Error>,
}

fn check_uscc(input: &str) -> Checked {
    Checked {
        result: Uscc::parse_with_warnings(input).map(|p| {
            let u = p.uscc;
            let parts = json!({
                "authority": u.authority().to_string(),
                "authority_name": u.authority_name(),
                "category": u.category().to_string(),
                "category_name": u.category_name(),
                "division": u.division_part(),
                "division_name": u.division().map(|d| d.full_name()),
                "organization_code": u.organization_code(),
            });
            (u.as_str().to_string(), p.warnings, parts)
        }),
    }
}

fn check_rid(input: &str) -> Checked {
    Checked {
        result: ResidentId::parse_with_warnings(input).map(|p| {
            let id = p.id;
            let seq = id.as_str().as_bytes()[16];
            let parts = json!({
                "region": id.region(),
                "region_name": shijian_core::DivisionCode::lookup(id.region()).map(|d| d.full_name()),
                "birth_date": id.birth_date().to_string(),
                "sex": if (seq - b'0') % 2 == 1 { "male" } else { "female" },
            });
            (id.as_str().to_string(), p.warnings, parts)
        }),
    }
}

pub fn run(cmd: IdCommand) -> anyhow::Result<Outcome> {
    let (codes, json, check): (Vec<String>, bool, fn(&str) -> Checked) = match cmd {
        IdCommand::Uscc { codes, json } => (codes, json, check_uscc),
        IdCommand::Rid { codes, json } => (codes, json, check_rid),
    };
    let codes = if codes.is_empty() {
        std::io::stdin()
            .lock()
            .lines()
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|l| !l.trim().is_empty())
            .collect()
    } else {
        codes
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_valid = true;
    for input in &codes {
        let checked = check(input);
        all_valid &= checked.result.is_ok();
        if json {
            let obj = match &checked.result {
                Ok((normalised, warnings, parts)) => json!({
                    "input": input,
                    "valid": true,
                    "normalised": normalised,
                    "error": null,
                    "warnings": warnings.iter().map(error_json).collect::<Vec<_>>(),
                    "parts": parts,
                }),
                Err(e) => json!({
                    "input": input,
                    "valid": false,
                    "normalised": null,
                    "error": error_json(e),
                    "warnings": [],
                    "parts": null,
                }),
            };
            writeln!(out, "{obj}")?;
        } else {
            match &checked.result {
                Ok((normalised, warnings, _)) => {
                    let notes = if warnings.is_empty() {
                        "-".to_string()
                    } else {
                        warnings.iter().map(|w| w.code().as_str()).collect::<Vec<_>>().join(",")
                    };
                    writeln!(out, "{}\tvalid\t{normalised}\t{notes}", field(input))?;
                }
                Err(e) => writeln!(out, "{}\tinvalid\t-\t{}", field(input), e.code().as_str())?,
            }
        }
    }
    out.flush()?;
    Ok(if all_valid { Outcome::Success } else { Outcome::Invalid })
}
