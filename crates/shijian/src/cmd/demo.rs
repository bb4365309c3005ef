//! `shijian demo [--entities N] [--listen ADDR]`: a complete demo province, served.
//!
//! Builds a synthetic province if the data directory has none (100,000 entities by default,
//! seed 42), creates one account for every role (staff at the provincial office, so that they
//! see the whole province, except the inspector, who works at a county office; the enterprise
//! account bound to an active company), gives each
//! account something to do ([`journeys`]), writes the accounts with their passwords and API
//! tokens to `<data-dir>/demo-accounts.txt` (`role\tusername\tpassword\ttoken` per line,
//! readable by the owner only), prints the URL and serves until stopped. Passwords and tokens
//! are drawn at random on each machine; none is in the source.
//!
//! On SQLite the province is built aside and moved into place when complete, so an
//! interrupted first start never leaves a half-built province to be served
//! ([`build_aside`]).

use std::io::Write;

use anyhow::Context;
use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};
use shijian_app::accounts::Accounts;
use shijian_app::complaints::Complaints;
use shijian_app::credit::Credit;
use shijian_app::inspection::Inspections;
use shijian_core::DivisionCode;
use shijian_core::account::Account;
use shijian_core::complaint::{Business, Channel, Intake, Kind as ComplaintKind, Party};
use shijian_core::credit::lists::{AbnormalCause, AbnormalGround};
use shijian_core::credit::objection::ObjectionTarget;
use shijian_core::entity::EntityState;
use shijian_core::event::{Actor, Role};
use shijian_core::inspection::plan::{PlanSpec, Ratios, Scope};
use shijian_core::inspection::pool::InspectorRecord;
use shijian_core::inspection::seed;
use shijian_core::registry::{EntityKind, Status};

use super::Ctx;
use super::synth::SynthArgs;
use crate::{Outcome, keys};

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
    match ctx.database {
        None => build_aside(ctx, a.entities).await?,
        Some(_) => build_in_place(ctx, a.entities).await?,
    }
    let shown = ctx.data_dir.join(ACCOUNTS_FILE).display().to_string();
    super::serve::serve(ctx, a.listen, |url| {
        eprintln!("演示省份已就绪 / the demo province is ready: {url}");
        eprintln!("账户与口令 / accounts and passwords: {shown}");
    })
    .await
}

/// The directory inside the data directory where a demo province is built before it is moved
/// into place.
pub const BUILDING_DIR: &str = ".building";

/// The SQLite files of a database, the database itself last.
const SQLITE_FILES: [&str; 3] = ["shijian.db-wal", "shijian.db-shm", "shijian.db"];

/// Builds the demo province on SQLite where nobody can see it before it is complete: in
/// [`BUILDING_DIR`], moved into the data directory at the end (database files first, the
/// accounts file last, each an atomic rename). A province is complete when the data directory
/// has both its database and the accounts file; an interrupted build leaves neither, and the
/// next start says so and builds again (the province is a function of its seed, so nothing is
/// lost by starting over).
async fn build_aside(ctx: &Ctx, entities: u64) -> anyhow::Result<()> {
    let dir = &ctx.data_dir;
    let db = ctx.sqlite_path();
    if db.exists() && dir.join(ACCOUNTS_FILE).exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating the data directory {}", dir.display()))?;
    let staging = dir.join(BUILDING_DIR);
    if staging.exists() {
        eprintln!(
            "发现未完成的演示省份构建（上次启动被中断），重新构建 / an unfinished build of the demo province was found (an earlier start was interrupted): building it again"
        );
        std::fs::remove_dir_all(&staging).with_context(|| format!("removing {}", staging.display()))?;
    }
    if db.exists() {
        // A database without the demo's accounts: a build made in place and interrupted (as
        // earlier versions did), or a database another command made. It is kept, aside.
        let aside = dir.join(format!("unfinished-{}", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
        std::fs::create_dir_all(&aside)?;
        for name in SQLITE_FILES {
            let from = dir.join(name);
            if from.exists() {
                std::fs::rename(&from, aside.join(name)).with_context(|| format!("moving {}", from.display()))?;
            }
        }
        eprintln!(
            "数据目录中的数据库没有完成演示构建（没有演示账户），已移至 {} 并重新构建 / the database in the data directory is not a finished demo province (it has no demo accounts): moved to {} and building again",
            aside.display(),
            aside.display()
        );
    }
    for name in SQLITE_FILES {
        // A stray write-ahead log must not be replayed into the new database.
        let _ = std::fs::remove_file(dir.join(name));
    }
    std::fs::create_dir_all(&staging)?;
    // The deployment's configuration and keys, so that the log is signed as it will be served.
    if dir.join("shijian.toml").exists() {
        std::fs::copy(dir.join("shijian.toml"), staging.join("shijian.toml"))?;
    }
    if dir.join("keys").exists() {
        copy_dir(&dir.join("keys"), &staging.join("keys"))?;
    }
    let inner = Ctx { data_dir: staging.clone(), database: None };
    build(&inner, entities).await?;
    // Into place: keys, the database (its log and the database file last), the accounts file.
    if !dir.join("keys").exists() && staging.join("keys").exists() {
        std::fs::rename(staging.join("keys"), dir.join("keys"))?;
    }
    for name in SQLITE_FILES {
        let from = staging.join(name);
        if from.exists() {
            std::fs::rename(&from, dir.join(name)).with_context(|| format!("moving {}", from.display()))?;
        }
    }
    sync_dir(dir)?;
    std::fs::rename(staging.join(ACCOUNTS_FILE), dir.join(ACCOUNTS_FILE))?;
    sync_dir(dir)?;
    std::fs::remove_dir_all(&staging)?;
    Ok(())
}

/// On PostgreSQL the province is built in the database itself, which cannot be moved into
/// place: the accounts file, written last, marks a complete build, and a register without it
/// is an unfinished build that must be cleared by hand (the demo never drops a database).
async fn build_in_place(ctx: &Ctx, entities: u64) -> anyhow::Result<()> {
    if ctx.data_dir.join(ACCOUNTS_FILE).exists() {
        return Ok(());
    }
    let store = ctx.open_migrated().await?;
    let existing = store.entity_count().await?;
    drop(store);
    if existing > 0 {
        anyhow::bail!(
            "数据库中有未完成的演示省份构建（{existing} 户，没有演示账户）：请清空数据库后重新启动 / the database holds an unfinished demo province ({existing} entities, no demo accounts): empty the database and start again"
        );
    }
    std::fs::create_dir_all(&ctx.data_dir)?;
    build(ctx, entities).await
}

/// The province, the accounts and what each account has to do; the accounts file last.
async fn build(ctx: &Ctx, entities: u64) -> anyhow::Result<()> {
    let synth = SynthArgs {
        entities,
        seed: 42,
        as_of: None,
        batch: 65536,
        quiet: false,
        durable: false,
        if_empty: false,
        register_only: false,
    };
    super::synth::run(ctx, synth).await?;
    let store = ctx.open_migrated().await?;
    let enterprise = demo_enterprise(&store).await?;
    let province = DivisionCode::parse("420000")?;
    // The demo inspector works at a county office: the smallest with at least 20 active
    // entities, so that its special plan stays small (in a tiny province, the largest).
    let counts = super::synth_history::offices(&store).await?;
    let counties: Vec<(DivisionCode, u64)> =
        counts.into_iter().filter(|(d, _)| d.tier() == shijian_core::Tier::County).collect();
    let county = counties
        .iter()
        .filter(|(_, n)| *n >= 20)
        .min_by_key(|(d, n)| (*n, *d))
        .or_else(|| counties.iter().max_by_key(|(d, n)| (*n, std::cmp::Reverse(*d))))
        .map_or(province, |(d, _)| *d);
    let accounts = Accounts::new(&store);
    let now = chrono::Utc::now();
    let mut lines = String::new();
    for (role, username) in ROLES {
        let is_enterprise = *role == Role::Enterprise;
        let account = Account {
            username: (*username).to_string(),
            role: *role,
            office: match role {
                Role::Enterprise => None,
                Role::Inspector => Some(county),
                _ => Some(province),
            },
            uscc: if is_enterprise { enterprise.as_ref().map(|e| e.entity.uscc) } else { None },
            display_name: format!("演示{} / demo {}", role_zh(*role), role.as_str()),
            disabled: false,
            pseudonym: String::new(),
        };
        let password = password()?;
        accounts.create(&Actor::system(), account.clone(), &password, now).await?;
        let token = accounts.issue_token(&account, "demo", None, now).await?;
        lines.push_str(&format!("{}\t{username}\t{password}\t{token}\n", role.as_str()));
    }
    // The daily 诉转案 job once, so the case clues of the history are on the workbench.
    let today = shijian_core::calendar::legal_date(now);
    shijian_app::complaints::Complaints::new(&store).flag_clues(&Actor::system(), today, now).await?;
    if let Some(enterprise) = &enterprise {
        journeys(ctx, &store, enterprise, county, today, now).await?;
    }
    drop(store);
    let path = ctx.data_dir.join(ACCOUNTS_FILE);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).with_context(|| format!("writing {}", path.display()))?;
    file.write_all(lines.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// The demo enterprise: the first active limited company of the register, so that every
/// journey of an enterprise (annual report, objection and repair, ODR) can be walked.
async fn demo_enterprise(store: &shijian_store::Store) -> anyhow::Result<Option<EntityState>> {
    let mut after: Option<String> = None;
    loop {
        let page = store.entities_page(None, after.as_deref(), 500).await?;
        let Some(last) = page.last() else { return Ok(None) };
        after = Some(last.state.entity.uscc.to_string());
        if let Some(row) =
            page.iter().find(|r| r.state.status == Status::Active && r.state.entity.kind == EntityKind::LimitedCompany)
        {
            return Ok(Some(row.state.clone()));
        }
    }
}

/// What each demo account finds to do (README, "The demo accounts"):
/// - the enterprise is on the abnormal list (unreachable at its address, verified 30 days ago)
///   and has objected, so the credit officer has the objection in the worklist, and the
///   enterprise can ask for credit repair;
/// - the enterprise is in the ODR scheme and a consumer's complaint about it waits in its inbox;
/// - a county office's special plan of a key item, drawn today, gives the demo inspector tasks
///   (the inspector is enrolled in that office's pool).
async fn journeys(
    ctx: &Ctx,
    store: &shijian_store::Store,
    enterprise: &EntityState,
    county: DivisionCode,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let uscc = enterprise.entity.uscc.to_string();
    let office = enterprise.entity.authority;
    let province = DivisionCode::parse("420000")?;
    // Staff act as their accounts (under their pseudonyms, never their usernames).
    let mut actors = std::collections::HashMap::new();
    for name in ["demo.credit", "demo.auditor", "demo.supervisor", "demo.cases"] {
        let account = store.account(name).await?.with_context(|| format!("no account {name}"))?;
        actors.insert(name, account.actor());
    }
    let staff = |name: &str| {
        actors.get(name).cloned().unwrap_or(Actor { role: Role::Public, office: Some(province), pseudonym: None })
    };
    let firm = Actor { role: Role::Enterprise, office: None, pseudonym: Some(uscc.clone()) };

    // The credit office's worklist: a listing the enterprise objects to.
    let credit = Credit::new(store);
    let verified_on = today - chrono::Days::new(30);
    credit
        .list_abnormal(&staff("demo.credit"), &uscc, AbnormalCause::Unreachable { verified_on }, verified_on, now)
        .await?;
    let target = ObjectionTarget::AbnormalListing { ground: AbnormalGround::Unreachable, report_year: None };
    let grounds = "本公司一直在登记住所正常经营，核查当日为法定节假日，门店暂停营业。";
    credit.file_objection(&firm, &uscc, "YY-DEMO-0001", target, grounds, None, now).await?;

    // ODR: the enterprise in the scheme, and a complaint for it to answer.
    let complaints = Complaints::new(store);
    complaints.odr_join(&firm, &uscc, now).await?;
    let intake = Intake {
        kind: ComplaintKind::Complaint,
        channel: Channel::Web,
        party: Party {
            name: Some("王丽".into()),
            phone: Some("13900000000".into()),
            address: Some("湖北省武汉市江汉区".into()),
        },
        business: Business { name: enterprise.entity.name.clone(), code: Some(uscc.clone()), address: None },
        place: office,
        category: "S01".into(),
        problem: "P03".into(),
        amount: Some("268".into()),
        occurred_on: Some(today - chrono::Days::new(3)),
        facts: "消费后结账金额与标价不符，多收了费用。".into(),
        request: "退还多收款项".into(),
        attachments: vec![],
        consent_to_publish: false,
        odr: true,
    };
    complaints.file(&Actor { role: Role::Public, office: None, pseudonym: None }, intake, now).await?;

    // Enforcement: demo.cases files the first two case clues of 12315 (诉转案); the first is
    // worked to a published penalty (on the public penalty pages and its company's credit
    // file), the second waits on the desk under investigation.
    let officer = staff("demo.cases");
    let clues = complaints.clues(&officer, province, true, today).await?;
    let cases = shijian_app::case::Cases::new(store);
    for (n, item) in clues.iter().take(2).enumerate() {
        let reason = "多次投诉反映同类问题，涉嫌违法，予以立案调查";
        let decided = complaints.decide_clue(&officer, &item.clue.flagged.id, true, reason, now).await?;
        let Some(id) = decided.decided.and_then(|d| d.case) else { continue };
        use shijian_app::case::{PenaltyInput, StepInput};
        use shijian_core::case::procedure::{ReviewKind, ServiceMethod};
        let officers = vec!["张明".to_string(), "李华".to_string()];
        let mut steps =
            vec![StepInput::File { approved_by: "局长".into(), officers, row: Some("price-unmarked".into()) }];
        if n == 0 {
            steps.push(StepInput::SubmitReview { kind: ReviewKind::Case });
        }
        for step in steps {
            cases.step(&officer, &id, step, now).await?;
        }
        if n > 0 {
            continue;
        }
        let review =
            StepInput::Review { agreed: true, opinion: "事实清楚，证据确凿，适用依据正确".into() };
        cases.step(&staff("demo.supervisor"), &id, review, now).await?;
        let penalty = PenaltyInput { row: "price-unmarked".into(), ..PenaltyInput::default() };
        for step in [
            StepInput::Notice { penalty },
            StepInput::Statement { summary: String::new(), waived: true },
            StepInput::Decide { penalty: None, no_penalty: None, education: None, approved_by: "局长".into() },
            StepInput::Serve { method: ServiceMethod::Direct },
            StepInput::Pay,
            StepInput::Publish,
        ] {
            cases.step(&officer, &id, step, now).await?;
        }
    }

    // The demo inspector: in the pool of its county office, drawn by that office's special
    // plan of a key item (every target in its jurisdiction, so every inspector of the office
    // has tasks).
    let inspections = Inspections::new(store);
    let record = InspectorRecord {
        pseudonym: "demo.inspector".into(),
        office: county,
        department: shijian_synth::inspection::DEPARTMENT.into(),
        certified: true,
        available: true,
    };
    inspections.enroll(&Actor::system(), record, now).await?;
    let planner = staff("demo.credit");
    let parties = ["demo.auditor", "demo.supervisor"];
    let year = today.year();
    let ends_on = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    let spec = PlanSpec {
        id: String::new(),
        title: format!("{year}年度{}特种设备使用单位专项检查（演示）", county.name()),
        office: county,
        starts_on: today,
        ends_on,
        // SC-05 is a key item: every user of special equipment is checked.
        items: vec!["SC-05".to_string()],
        scope: Scope::default(),
        ratios: Ratios::ALL,
        trigger: Some("重点检查事项，全覆盖检查 / a key item: every target is checked".into()),
        team_size: 2,
        forbid_own_office: false,
        recent_days: 0,
        parties: parties.iter().map(|p| p.to_string()).collect(),
        reveal_by: today,
    };
    let plan = inspections.draft(&planner, spec, now).await?;
    let id = plan.spec.id.clone();
    let secret = |party: &str| {
        let mut h = Sha256::new();
        h.update(b"shijian demo secret\n");
        h.update(id.as_bytes());
        h.update(party.as_bytes());
        h.update(now.to_rfc3339().as_bytes());
        <[u8; 32]>::from(h.finalize())
    };
    for party in parties {
        let who = staff(party);
        let c = seed::party_commitment(&id, who.pseudonym.as_deref().unwrap_or_default(), &secret(party));
        inspections.commit(&who, &id, &hex(&c), now).await?;
    }
    inspections.publish(&planner, &id, today, now).await?;
    let config = crate::config::Config::load(&ctx.data_dir)?;
    let signer = keys::log_signer(&ctx.data_dir, &config.log_origin)?;
    store.sign_checkpoint(&signer).await?;
    for party in parties {
        inspections.reveal(&staff(party), &id, &hex(&secret(party)), now).await?;
    }
    inspections.draw(&planner, &id, today, now).await?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Makes the renames in `dir` durable.
fn sync_dir(dir: &std::path::Path) -> anyhow::Result<()> {
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(())
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
