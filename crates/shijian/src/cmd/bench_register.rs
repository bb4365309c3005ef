//! `shijian bench register`: the register's read paths over the province in the data directory
//! (build one with `shijian synth`):
//!
//! - lookup by code: the register's record (`entity`) and the whole public credit file;
//! - name check through the candidate index, and the same checks by brute force (every name
//!   registered under the division compared), which must give the same findings;
//! - the longest name a check accepts (100 characters, a 92-character trade name with
//!   heteronyms) stating a city and stating the province, the worst cases of the key bounds;
//! - name search.
//!
//! Prints `<what>\t<queries>\t<p50 µs>\t<p99 µs>\t<max µs>` lines, then `agree\t<checks>` (or
//! fails if the index and brute force disagree on any check).

use std::time::Instant;

use anyhow::bail;
use rand::{Rng, SeedableRng};
use shijian_app::names::{self, Against, Exclude};

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

pub async fn run(ctx: &Ctx, queries: usize, brute_force: usize, seed: u64) -> anyhow::Result<Outcome> {
    let store = ctx.open_migrated().await?;
    let total = store.entity_count().await?;
    if total == 0 {
        bail!("the register is empty: build a province first (shijian synth)");
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    // A sample of entities: pages starting at random points of the code space.
    let mut sample = Vec::new();
    const ALPHA: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    while sample.len() < queries {
        let after: String = format!(
            "9{}42{:04}{}",
            ["1", "2", "3"][rng.random_range(0..3)],
            rng.random_range(0..10_000),
            ALPHA[rng.random_range(0..ALPHA.len())] as char
        );
        let page = store.entities_page(None, Some(&after), 20).await?;
        sample.extend(page.into_iter().take(5).map(|r| r.state));
    }
    sample.truncate(queries);
    let today = shijian_core::calendar::legal_date(chrono::Utc::now());

    // Lookup by code.
    let mut us = Vec::new();
    for s in &sample {
        let t = Instant::now();
        let found = store.entity(s.entity.uscc.as_str()).await?;
        us.push(t.elapsed().as_micros() as u64);
        if found.is_none() {
            bail!("{} not found", s.entity.uscc);
        }
    }
    line("lookup_by_code", us);
    let mut us = Vec::new();
    for s in &sample {
        let t = Instant::now();
        shijian_app::credit::public_file(&store, s.entity.uscc.as_str(), today).await?;
        us.push(t.elapsed().as_micros() as u64);
    }
    line("public_credit_file", us);

    // Name checks: each sampled name itself (identical), and a variant (another sound of one
    // character, or one more character in the 字号).
    let proposals: Vec<(String, &shijian_core::entity::EntityState)> = sample
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let name = &s.entity.name;
            let p = if i % 2 == 0 {
                name.clone()
            } else {
                let swaps = [('红', "宏"), ('华', "化"), ('兴', "星"), ('达', "大"), ('源', "元"), ('明', "鸣")];
                let mut v = name.clone();
                for (a, b) in swaps {
                    if v.contains(a) {
                        v = v.replacen(a, b, 1);
                        break;
                    }
                }
                if v == *name {
                    v = name.replacen("有限公司", "发展有限公司", 1);
                }
                v
            };
            (p, s)
        })
        .collect();
    let mut us = Vec::new();
    let mut checks = Vec::new();
    for (p, s) in &proposals {
        let t = Instant::now();
        let c = names::check(
            &store,
            p,
            Some(s.entity.kind),
            Some(s.entity.authority),
            Exclude::default(),
            today,
            Against::Index,
        )
        .await?;
        us.push(t.elapsed().as_micros() as u64);
        checks.push(c);
    }
    line("name_check_index", us);
    // The worst cases the bounds allow: the longest name, its trade name full of heteronyms,
    // compared under a city (its offices) and under the province (every office).
    let trade: String = "红光重行长乐".repeat(16).chars().take(92).collect();
    for (what, division) in [("name_check_longest_city", "武汉"), ("name_check_longest_province", "湖北")] {
        let name = format!("{division}{trade}餐饮有限公司");
        let mut us = Vec::new();
        for _ in 0..queries.clamp(1, 50) {
            let t = Instant::now();
            names::check(&store, &name, None, None, Exclude::default(), today, Against::Index).await?;
            us.push(t.elapsed().as_micros() as u64);
        }
        line(what, us);
    }
    let mut us = Vec::new();
    let mut agree = 0;
    for ((p, s), indexed) in proposals.iter().zip(&checks).take(brute_force) {
        let t = Instant::now();
        let scope = names::comparison_scope(
            &shijian_core::name::check(p, Some(s.entity.kind), Some(s.entity.authority)).0,
            Some(s.entity.authority),
        );
        let all = store.names_under(scope).await?;
        let brute = names::check(
            &store,
            p,
            Some(s.entity.kind),
            Some(s.entity.authority),
            Exclude::default(),
            today,
            Against::All(&all),
        )
        .await?;
        us.push(t.elapsed().as_micros() as u64);
        let key = |c: &shijian_app::NameCheck| {
            let mut f: Vec<_> = c.findings.iter().map(|f| (f.rule, f.conflict_uscc.clone())).collect();
            f.sort();
            f
        };
        if key(&brute) != key(indexed) {
            bail!("the index and brute force disagree on {p}: {:?} vs {:?}", key(indexed), key(&brute));
        }
        agree += 1;
    }
    line("name_check_brute_force", us);
    println!("agree\t{agree}");

    // Search: a 字号 (two or three characters), or four characters of a name.
    let mut us = Vec::new();
    let mut found = 0;
    for s in &sample {
        let parsed = shijian_core::name::check(&s.entity.name, Some(s.entity.kind), Some(s.entity.authority)).0;
        let chars: Vec<char> = s.entity.name.chars().collect();
        let q = if rng.random_range(0..2) == 0 && parsed.trade_name.chars().count() >= 2 {
            parsed.trade_name.clone()
        } else {
            let start = rng.random_range(0..chars.len().saturating_sub(4).max(1));
            chars[start..(start + 4).min(chars.len())].iter().collect()
        };
        let t = Instant::now();
        let hits = shijian_app::search::search(&store, &q, 20).await?;
        us.push(t.elapsed().as_micros() as u64);
        if !hits.is_empty() {
            found += 1;
        }
    }
    line("name_search", us);
    println!("search_found\t{found}\t{}", sample.len());
    Ok(Outcome::Success)
}
