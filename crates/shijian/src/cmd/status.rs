//! `shijian status`: initialise the data directory (the SQLite database, migrated) and show
//! what the installation holds.

use shijian_core::{DivisionCode, Tier};

use super::Ctx;
use crate::Outcome;

pub async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    // Schema only: the backend's full integrity check reads the whole database (minutes for a
    // full-scale province) and is `shijian db check`.
    let schema = store.schema_status().await?;
    let calendar = store.calendar().await?;
    let industries = store.industries().await?;
    let years = calendar.years();
    let config = crate::config::Config::load(&ctx.data_dir)?;
    println!("市监 shijian {}\t{}", env!("CARGO_PKG_VERSION"), config.deployment);
    println!("数据库 database\t{}", store.backend().as_str());
    println!(
        "结构 schema\tversion {}\t{}",
        schema.applied.last().copied().unwrap_or(0),
        if schema.is_current() { "current" } else { "NOT current" }
    );
    println!("完整性 integrity\tshijian db check");
    println!(
        "工作日历 calendar\t{}–{}\t{} years",
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
        years.len()
    );
    let n_units = DivisionCode::all().count();
    let hubei = DivisionCode::parse("420000")?;
    let prefectures = hubei.children();
    let counties: usize = prefectures
        .iter()
        .map(|p| if p.tier() == Tier::Prefecture && p.children().is_empty() { 1 } else { p.children().len() })
        .sum();
    println!(
        "行政区划 divisions\t{n_units} units\t湖北省 {} prefecture-level, {counties} county-level",
        prefectures.len()
    );
    let [s, d, g, c] = industries.counts();
    println!("行业分类 industries\t{s} sections, {d} divisions, {g} groups, {c} classes");
    let (size, root) = store.tree_head().await?;
    let checkpoint = store.latest_checkpoint().await?.map(|c| c.size.to_string()).unwrap_or_else(|| "-".into());
    println!("日志 log\t{}\t{size} entries\troot {root}\tcheckpoint {checkpoint}", config.log_origin);
    Ok(Outcome::Success)
}
