//! `shijian name`: name self-declaration (名称自主申报) against the register.
//!
//! `shijian name check NAME [--division CODE] [--kind KIND] [--json]` prints the verdict
//! (`accept`, `warn`, `refuse`) and the findings; with `--json`, one object:
//! `{"verdict": …, "authority": …, "kind": …, "parsed": {…}, "findings": [{"rule", "severity",
//! "basis", "conflict_uscc", "conflict_name", "detail"}]}`. Exit 0 unless the name is refused.

use clap::Subcommand;
use shijian_app::names::{self, Against, Exclude};
use shijian_app::{NameCheck, Registry, Verdict};
use shijian_core::DivisionCode;
use shijian_core::event::{Actor, Role};
use shijian_core::registry::EntityKind;

use super::Ctx;
use crate::Outcome;

#[derive(Subcommand)]
pub enum NameCommand {
    /// Check a proposed name against the rules and the register. 名称自主申报查重。
    Check {
        name: String,
        /// The registering office's division code; default: the division the name states.
        /// 登记机关行政区划代码。
        #[arg(long)]
        division: Option<String>,
        /// The entity kind (e.g. limited_company, 个体工商户); default: from the name's form.
        /// 主体类型。
        #[arg(long)]
        kind: Option<String>,
        /// Compare with every name of the office instead of the candidate index (slow; for
        /// checking the index). 逐一比对全部名称。
        #[arg(long)]
        brute_force: bool,
        #[arg(long)]
        json: bool,
    },
    /// Reserve an accepted name for 2 months (企业名称登记管理规定 第十八条). 名称保留。
    Reserve {
        name: String,
        #[arg(long)]
        division: String,
        #[arg(long)]
        kind: String,
    },
}

pub async fn run(ctx: &Ctx, c: NameCommand) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());
    match c {
        NameCommand::Check { name, division, kind, brute_force, json } => {
            let division = division.map(|d| DivisionCode::parse(&d)).transpose()?;
            let kind = kind.map(|k| EntityKind::parse(&k)).transpose()?;
            let check = if brute_force {
                let scope = names::comparison_scope(&shijian_core::name::check(&name, kind, division).0, division);
                let all = store.names_under(scope).await?;
                names::check(&store, &name, kind, division, Exclude::default(), today, Against::All(&all)).await?
            } else {
                Registry::new(&store).check_name(&name, kind, division, today).await?
            };
            print_check(&check, json)?;
            Ok(if check.verdict == Verdict::Refuse { Outcome::Invalid } else { Outcome::Success })
        }
        NameCommand::Reserve { name, division, kind } => {
            let division = DivisionCode::parse(&division)?;
            let kind = EntityKind::parse(&kind)?;
            // The command line acts as the registering office of the division.
            let actor = Actor { role: Role::Registrar, office: Some(division), pseudonym: Some("cli".into()) };
            let (check, appended) =
                Registry::new(&store).reserve_name(&actor, &name, kind, division, today, chrono::Utc::now()).await?;
            println!(
                "{}\t{}\treserved\t{}\t{}",
                check.verdict.as_str(),
                check.parsed.name,
                appended.index,
                appended.event_id
            );
            Ok(Outcome::Success)
        }
    }
}

fn print_check(check: &NameCheck, json: bool) -> anyhow::Result<()> {
    if json {
        println!(
            "{}",
            serde_json::json!({
                "verdict": check.verdict,
                "authority": check.authority,
                "kind": check.kind,
                "parsed": check.parsed,
                "findings": check.findings,
            })
        );
        return Ok(());
    }
    println!("{}\t{}\t{}", check.verdict.as_str(), check.verdict.zh(), check.parsed.name);
    let p = &check.parsed;
    println!(
        "结构 parts\t行政区划 {}\t字号 {}\t行业 {}\t组织形式 {}",
        p.division_text.as_deref().unwrap_or("-"),
        p.trade_name,
        p.industry_term.as_deref().unwrap_or("-"),
        p.form.as_deref().unwrap_or("-")
    );
    for f in &check.findings {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}",
            match f.severity {
                shijian_core::name::Severity::Refuse => "refuse",
                shijian_core::name::Severity::Warn => "warn",
            },
            f.rule,
            f.conflict_uscc.as_deref().unwrap_or("-"),
            f.conflict_name.as_deref().unwrap_or("-"),
            f.detail,
            f.basis
        );
    }
    Ok(())
}
