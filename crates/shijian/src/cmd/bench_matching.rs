//! `shijian bench matching`: resolving the business a consumer names to the register of the
//! province in the data directory (build one with `shijian synth`), as 12315 handlers do.
//!
//! For a sample of operating entities, the consumer's words are made the way people name a
//! shop: the trade name with the trade (老王烧烤, half the queries), the trade name alone (a
//! quarter), or the full registered name (a quarter); the place is the county of the entity's
//! registering office (a random county of it for a prefecture's). Measured: the latency of
//! [`matching::suggest`] and whether the entity is its first suggestion or among the first
//! five; the baseline is the register's name search alone (every word present), the entity
//! among its first five results.
//!
//! Prints `<what>\t<queries>\t<p50 µs>\t<p99 µs>\t<max µs>` lines, then
//! `found\t<top1>\t<top5>\t<search top5>\t<queries>`.

use std::time::Instant;

use anyhow::bail;
use rand::{Rng, SeedableRng};
use shijian_app::complaints::matching;
use shijian_core::Tier;
use shijian_core::complaint::Business;

use super::Ctx;
use super::bench::percentile;
use crate::Outcome;

fn line(what: &str, mut us: Vec<u64>) {
    us.sort_unstable();
    if us.is_empty() {
        println!("{what}\t0\t-\t-\t-");
        return;
    }
    println!("{what}\t{}\t{}\t{}\t{}", us.len(), percentile(&us, 50), percentile(&us, 99), us[us.len() - 1]);
}

pub async fn run(ctx: &Ctx, queries: usize, seed: u64) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    if store.entity_count().await? == 0 {
        bail!("the register is empty: build a province first (shijian synth)");
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut sample = Vec::new();
    while sample.len() < queries {
        let after: String = format!(
            "9{}42{:04}{}",
            ["1", "2", "3"][rng.random_range(0..3)],
            rng.random_range(0..10_000),
            ALPHA[rng.random_range(0..ALPHA.len())] as char
        );
        let page = store.entities_page(None, Some(&after), 20).await?;
        sample.extend(
            page.into_iter()
                .filter(|r| r.state.status == shijian_core::registry::Status::Active)
                .take(5)
                .map(|r| r.state),
        );
    }
    sample.truncate(queries);
    let text = shijian_text::Text::shared()?;
    let (mut took, mut search_took) = (Vec::new(), Vec::new());
    let (mut top1, mut top5, mut search5) = (0, 0, 0);
    for s in &sample {
        let e = &s.entity;
        let parsed = shijian_core::name::check(&e.name, None, None).0;
        let named = match rng.random_range(0..4) {
            0 | 1 => format!("{}{}", parsed.trade_name, parsed.industry_term.clone().unwrap_or_default()),
            2 => parsed.trade_name.clone(),
            _ => e.name.clone(),
        };
        let place = if e.authority.tier() == Tier::County {
            e.authority
        } else {
            let counties: Vec<_> = e.authority.children().into_iter().filter(|c| c.tier() == Tier::County).collect();
            if counties.is_empty() { e.authority } else { counties[rng.random_range(0..counties.len())] }
        };
        let business = Business { name: named.clone(), code: None, address: None };
        let t = Instant::now();
        let found = matching::suggest(&store, &business, place, 5).await?;
        took.push(t.elapsed().as_micros() as u64);
        let code = e.uscc.as_str();
        top1 += usize::from(found.first().is_some_and(|c| c.uscc == code));
        top5 += usize::from(found.iter().any(|c| c.uscc == code));
        let words = shijian_text::segment::query_words(text, &text.normalize(&named));
        let t = Instant::now();
        let rows = if words.is_empty() { Vec::new() } else { store.search_names(&words, None, 5).await? };
        search_took.push(t.elapsed().as_micros() as u64);
        search5 += usize::from(rows.iter().any(|r| r.uscc.as_deref() == Some(code)));
    }
    line("matching", took);
    line("name search (baseline)", search_took);
    println!("found\t{top1}\t{top5}\t{search5}\t{}", sample.len());
    Ok(Outcome::Success)
}
