//! The commands. Each module owns one subcommand group: its arguments, its exact output.

pub mod bench;
pub mod bench_analysis;
pub mod bench_draw;
pub mod bench_intake;
pub mod bench_matching;
pub mod bench_register;
pub mod calendar;
pub mod cases;
pub mod complaints;
pub mod credit;
pub mod db;
pub mod demo;
pub mod division;
pub mod draw;
pub mod entity;
pub mod id;
pub mod industry;
pub mod ledger;
pub mod name;
pub mod serve;
pub mod status;
pub mod synth;
pub mod synth_history;

use std::path::{Path, PathBuf};

use anyhow::Context;
use shijian_store::Store;

use crate::{Cli, Command, Outcome};

pub async fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let ctx = Ctx { data_dir: cli.data_dir, database: cli.database };
    match cli.command {
        Command::Status => status::run(&ctx).await,
        Command::Id(c) => id::run(c),
        Command::Calendar(c) => calendar::run(&ctx, c).await,
        Command::Division(c) => division::run(c),
        Command::Industry(c) => industry::run(&ctx, c).await,
        Command::Db(c) => db::run(&ctx, c).await,
        Command::Ledger(c) => ledger::run(&ctx, c).await,
        Command::Bench(c) => bench::run(&ctx, c).await,
        Command::Name(c) => name::run(&ctx, c).await,
        Command::Entity(c) => entity::show(&ctx, c).await,
        Command::Import(c) => entity::import(&ctx, c).await,
        Command::Export(c) => entity::export(&ctx, c).await,
        Command::Synth(a) => synth::run(&ctx, a).await,
        Command::Serve(a) => serve::run(&ctx, a).await,
        Command::Demo(a) => demo::run(&ctx, a).await,
        Command::Credit(c) => credit::run(&ctx, c).await,
        Command::Draw(c) => draw::run(&ctx, c).await,
        Command::Complaints(c) => complaints::run(&ctx, c).await,
        Command::Search { query, limit, json } => credit::search(&ctx, &query, limit, json).await,
    }
}

/// What every command may need: where the data lives.
pub struct Ctx {
    pub data_dir: PathBuf,
    pub database: Option<String>,
}

impl Ctx {
    /// The SQLite file in the data directory.
    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("shijian.db")
    }

    /// True when there is a database to read: a PostgreSQL URL, or an existing SQLite file.
    pub fn has_database(&self) -> bool {
        self.database.is_some() || self.sqlite_path().exists()
    }

    /// Opens the store without changing its schema.
    pub async fn open_store(&self) -> anyhow::Result<Store> {
        Ok(match &self.database {
            Some(url) => Store::open_postgres(url).await?,
            None => {
                std::fs::create_dir_all(&self.data_dir)
                    .with_context(|| format!("creating the data directory {}", self.data_dir.display()))?;
                Store::open_sqlite(&self.sqlite_path()).await?
            }
        })
    }

    /// Opens the store and brings its schema up to date.
    pub async fn open_migrated(&self) -> anyhow::Result<Store> {
        let store = self.open_store().await?;
        store.migrate().await?;
        Ok(store)
    }

    /// The calendar in force: with the database's imported years when there is a database,
    /// else the shipped schedule alone (so that a query never creates a data directory).
    pub async fn calendar(&self) -> anyhow::Result<shijian_core::Calendar> {
        if self.has_database() {
            Ok(self.open_migrated().await?.calendar().await?)
        } else {
            Ok(shijian_core::Calendar::builtin())
        }
    }
}

/// A file's name for the record of where imported data came from.
pub fn source_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The progress bar of long work, on stderr (drawn only on a terminal).
pub fn progress(len: u64, msg: impl Into<std::borrow::Cow<'static, str>>) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new(len);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {per_sec} ETA {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(msg);
    bar
}

/// Makes a value safe for one tab-separated field.
pub fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}
