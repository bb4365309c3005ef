//! `shijian demo [--entities N] [--listen ADDR]`: a complete demo province, served.
//!
//! Builds a synthetic province in the data directory if it has none (100,000 entities by
//! default, seed 42), creates one account for every role the first time (staff at the
//! provincial office, so that they see the whole province; the enterprise account bound to
//! the first entity of the register), writes them with their passwords and API tokens to
//! `<data-dir>/demo-accounts.txt` (`role\tusername\tpassword\ttoken` per line, readable by
//! the owner only), prints the URL and serves until stopped. Passwords and tokens are drawn
//! at random on each machine; none is in the source.

use std::io::Write;

use anyhow::Context;
use shijian_app::accounts::Accounts;
use shijian_app::inspection::Inspections;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::inspection::pool::InspectorRecord;
use shijian_core::{DivisionCode, Uscc};

use super::Ctx;
use super::synth::SynthArgs;
use crate::Outcome;

#[derive(clap::Args)]
pub struct DemoArgs {
    /// How many entities the demo province has (when it is built). 合成市场主体数量。
    #[arg(long, default_value_t = 100_000)]
    pub entities: u64,
    /// The address to listen on (default: `[server] listen`, else 127.0.0.1:8080). 监听地址。
    #[arg(long, env = "SHIJIAN_LISTEN")]
    pub listen: Option<String>,
}

/// The accounts file's name in the data directory.
pub const ACCOUNTS_FILE: &str = "demo-accounts.txt";

/// Every role that has accounts, with the demo's username for it.
const ROLES: &[(Role, &str)] = &[
    (Role::Enterprise, "demo.enterprise"),
    (Role::Registrar, "demo.registrar"),
    (Role::CreditOfficer, "demo.credit"),
    (Role::Inspector, "demo.inspector"),
    (Role::ComplaintHandler, "demo.complaints"),
    (Role::CaseOfficer, "demo.cases"),
    (Role::Supervisor, "demo.supervisor"),
    (Role::Auditor, "demo.auditor"),
    (Role::Administrator, "demo.admin"),
];

/// A random password of 16 letters and digits (always both).
fn password() -> anyhow::Result<String> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    loop {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("random: {e}"))?;
        let p: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
        if shijian_core::account::check_password(&p).is_ok() {
            return Ok(p);
        }
    }
}

pub async fn run(ctx: &Ctx, a: DemoArgs) -> anyhow::Result<Outcome> {
    let synth = SynthArgs {
        entities: a.entities,
        seed: 42,
        as_of: None,
        batch: 65536,
        quiet: false,
        durable: false,
        if_empty: true,
        register_only: false,
    };
    super::synth::run(ctx, synth).await?;
    let path = ctx.data_dir.join(ACCOUNTS_FILE);
    let store = ctx.open_migrated().await?;
    if store.account(ROLES[0].1).await?.is_none() {
        let first = store.entities_page(None, None, 1).await?;
        let uscc: Option<Uscc> = first.first().map(|r| r.state.entity.uscc);
        let province = DivisionCode::parse("420000")?;
        let accounts = Accounts::new(&store);
        let now = chrono::Utc::now();
        let mut lines = String::new();
        for (role, username) in ROLES {
            let enterprise = *role == Role::Enterprise;
            let account = Account {
                username: (*username).to_string(),
                role: *role,
                office: (!enterprise).then_some(province),
                uscc: if enterprise { uscc } else { None },
                display_name: format!("演示{} / demo {}", role_zh(*role), role.as_str()),
                disabled: false,
            };
            let password = password()?;
            accounts.create(&Actor::system(), account.clone(), &password, now).await?;
            let token = accounts.issue_token(&account, "demo", None, now).await?;
            lines.push_str(&format!("{}\t{username}\t{password}\t{token}\n", role.as_str()));
        }
        // The demo inspector is in the inspector pool, so a provincial plan can give them tasks.
        let record = InspectorRecord {
            pseudonym: "demo.inspector".into(),
            office: province,
            department: shijian_synth::inspection::DEPARTMENT.into(),
            certified: true,
            available: true,
        };
        Inspections::new(&store).enroll(&Actor::system(), record, now).await?;
        // The daily 诉转案 job once, so the case clues of the history are on the workbench.
        let today = shijian_core::calendar::legal_date(now);
        shijian_app::complaints::Complaints::new(&store).flag_clues(&Actor::system(), today, now).await?;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path).with_context(|| format!("writing {}", path.display()))?;
        file.write_all(lines.as_bytes())?;
    }
    drop(store);
    let shown = path.display().to_string();
    super::serve::serve(ctx, a.listen, |url| {
        eprintln!("演示省份已就绪 / the demo province is ready: {url}");
        eprintln!("账户与口令 / accounts and passwords: {shown}");
    })
    .await
}

fn role_zh(role: Role) -> &'static str {
    match role {
        Role::Enterprise => "企业",
        Role::Registrar => "登记员",
        Role::CreditOfficer => "信用监管人员",
        Role::Inspector => "检查人员",
        Role::ComplaintHandler => "投诉举报处理人员",
        Role::CaseOfficer => "办案人员",
        Role::Supervisor => "监督人员",
        Role::Auditor => "审计人员",
        Role::Administrator => "系统管理员",
        Role::Public | Role::System => "",
    }
}
