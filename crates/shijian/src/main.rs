//! `shijian`, the command line: identifiers, the workday calendar, divisions, industries,
//! the database, benchmarks.
//!
//! Output meant for other programs is exact and documented per command (tab-separated lines,
//! or JSON lines with `--json`). Errors go to stderr as `错误 [code] …` and `error [code] …`
//! lines. Exit codes: 0 success; 1 a typed error or an invalid input; 2 a usage error.

mod cmd;
mod config;
mod keys;
mod tabular;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc instead of the C library's allocator: page rendering and request handling make
/// many short-lived allocations, and the C library's allocator took a fifth of a page
/// request's CPU (BENCHMARKS.md, *Public pages*).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use shijian_core::{Error, Lang};

#[derive(Parser)]
#[command(name = "shijian", version, about = "市监 shijian — 市场监管信息系统 / market-supervision information system")]
pub struct Cli {
    /// Data directory: holds the SQLite database, keys and configuration. 数据目录。
    #[arg(long, global = true, env = "SHIJIAN_DATA_DIR", default_value = "./shijian-data")]
    pub data_dir: PathBuf,

    /// PostgreSQL URL (`postgres://…` or `host=… dbname=…`); without it, SQLite in the data
    /// directory is used. PostgreSQL 数据库地址；缺省使用数据目录中的 SQLite。
    #[arg(long, global = true, env = "SHIJIAN_DATABASE_URL")]
    pub database: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Initialise the data directory and show what this installation holds. 初始化并查看状态。
    Status,
    /// Check identifiers. 校验代码。
    #[command(subcommand)]
    Id(cmd::id::IdCommand),
    /// The working-day calendar. 工作日历。
    #[command(subcommand)]
    Calendar(cmd::calendar::CalendarCommand),
    /// Administrative divisions (GB/T 2260). 行政区划。
    #[command(subcommand)]
    Division(cmd::division::DivisionCommand),
    /// Industry classification (GB/T 4754-2017). 国民经济行业分类。
    #[command(subcommand)]
    Industry(cmd::industry::IndustryCommand),
    /// The database. 数据库。
    #[command(subcommand)]
    Db(cmd::db::DbCommand),
    /// The verifiable log: checkpoints, tiles, receipts, verification. 可验证日志。
    #[command(subcommand)]
    Ledger(cmd::ledger::LedgerCommand),
    /// Name self-declaration: check and reserve. 名称自主申报。
    #[command(subcommand)]
    Name(cmd::name::NameCommand),
    /// The register: one entity. 市场主体。
    #[command(subcommand)]
    Entity(cmd::entity::EntityCommand),
    /// Import from spreadsheets. 导入。
    #[command(subcommand)]
    Import(cmd::entity::ImportCommand),
    /// Export to spreadsheets. 导出。
    #[command(subcommand)]
    Export(cmd::entity::ExportCommand),
    /// The credit file: classification, lists, the public view. 信用档案。
    #[command(subcommand)]
    Credit(cmd::credit::CreditCommand),
    /// 12315 complaints and reports: worklist, daily jobs. 投诉举报。
    #[command(subcommand)]
    Complaints(cmd::complaints::ComplaintsCommand),
    /// Random-inspection draws: list, verify. 双随机抽取。
    #[command(subcommand)]
    Draw(cmd::draw::DrawCommand),
    /// Find entities by code or name words. 查询市场主体。
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Build a synthetic province in the data directory. 生成合成省份。
    Synth(cmd::synth::SynthArgs),
    /// Serve the API and the public log over HTTP. 启动服务。
    Serve(cmd::serve::ServeArgs),
    /// A demo province with an account for every role, served. 演示省份。
    Demo(cmd::demo::DemoArgs),
    /// Measure this machine. 性能测量。
    #[command(subcommand)]
    Bench(cmd::bench::BenchCommand),
}

/// How a command ended when it did not fail.
pub enum Outcome {
    Success,
    /// The command ran, but what it checked was not all valid (exit 1).
    Invalid,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Twice as many workers as cores: the store reads point lookups on the worker itself, and a
    // lookup that misses the page cache waits for the disk while the other workers go on.
    // (`TOKIO_WORKER_THREADS` overrides.)
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if std::env::var_os("TOKIO_WORKER_THREADS").is_none() {
        builder.worker_threads(2 * std::thread::available_parallelism().map_or(2, |n| n.get()));
    }
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cmd::run(cli)) {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Invalid) => ExitCode::from(1),
        Err(e) => {
            report(&e);
            ExitCode::from(1)
        }
    }
}

/// Prints an error for people: the typed error in zh-CN and English, or the context chain.
fn report(e: &anyhow::Error) {
    if let Some(typed) = e.downcast_ref::<Error>() {
        eprintln!("错误 [{}] {}", typed.code().as_str(), typed.message(Lang::Zh));
        eprintln!("error [{}] {}", typed.code().as_str(), typed.message(Lang::En));
    } else {
        eprintln!("error: {e:#}");
    }
}
