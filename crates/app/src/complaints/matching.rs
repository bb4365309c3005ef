//! Which registered business a consumer means. Consumers name a business the way they met it: a
//! shop sign (老王烧烤), a brand, a street, sometimes the registered name or the credit code. The
//! handler confirms one of the suggestions; nothing is decided here.
//!
//! Method:
//! 1. A credit code given and on the register is the business (score 1000).
//! 2. Candidates come from the register's candidate-name index (`proj_name_key`): every
//!    substring of two to [`MAX_KEY_CHARS`] characters of what the consumer wrote is looked up
//!    as a trade name (`t:` keys) under the registering offices that could have registered a
//!    business at the place (the county, its prefecture, the province), plus the whole text as
//!    a registered name (`n:`); and from the name search (every word of the text present).
//! 3. Each candidate is scored 0–999: how alike the names are (character bigrams, the
//!    Sørensen–Dice coefficient, against the candidate's trade name with its industry term; a
//!    trade name contained in the text counts as a close match) up to 600, the same county
//!    250 or the same prefecture 120, how alike the addresses are up to 150, and 150 off for a
//!    business no longer operating. Every part that counted is given as a reason.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use shijian_core::complaint::Business;
use shijian_core::registry::Status as EntityStatus;
use shijian_core::{DivisionCode, Result, Tier, Uscc};
use shijian_store::{Store, name_key_hash};
use shijian_text::Text;

/// The longest substring looked up as a trade name (trade names are rarely longer).
pub const MAX_KEY_CHARS: usize = 6;
/// Candidates scored in full (with their register entry read).
const SCORED: usize = 12;
/// Rows taken from the name search (the candidate-name index under the place's offices comes
/// first; the search catches names written otherwise).
const SEARCHED: usize = 50;

/// A suggested business.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    pub uscc: String,
    pub name: String,
    pub kind: &'static str,
    pub status: &'static str,
    pub division: String,
    pub division_name: String,
    pub address: String,
    /// 0–1000.
    pub score: u32,
    pub reasons: Vec<String>,
}

/// Character bigrams of `s` (a single character is its own gram).
fn grams(s: &str) -> BTreeSet<(char, char)> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.len() {
        0 => BTreeSet::new(),
        1 => BTreeSet::from([(chars[0], chars[0])]),
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// The Sørensen–Dice coefficient of the two strings' bigrams, 0–1.
pub fn dice(a: &str, b: &str) -> f64 {
    let (x, y) = (grams(a), grams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    2.0 * x.intersection(&y).count() as f64 / (x.len() + y.len()) as f64
}

/// Removes the names of divisions (湖北省, 武汉市, 洪山区…) from `s`: consumers and registered
/// names both carry them, and they say nothing about which shop is meant.
fn without_divisions(s: &str, place: DivisionCode) -> String {
    let mut out = s.to_string();
    for d in place.province().children().into_iter().chain([place.province()]).chain(place.chain()) {
        let name = d.name();
        out = out.replace(name, "");
        // Also the short form without the tier word (武汉, 洪山).
        if let Some(short) = name.strip_suffix(['省', '市', '区', '县']).filter(|s| s.chars().count() >= 2) {
            out = out.replace(short, "");
        }
    }
    out
}

/// The offices that could have registered a business at `place`.
fn offices(place: DivisionCode) -> Vec<DivisionCode> {
    let mut out = place.chain();
    if place.tier() != Tier::County {
        out.extend(place.children());
    }
    out.sort();
    out.dedup();
    out
}

/// Suggests the registered businesses `business` may mean at `place`, the best first.
pub async fn suggest(store: &Store, business: &Business, place: DivisionCode, limit: usize) -> Result<Vec<Candidate>> {
    let text = Text::shared()?;
    let mut out: Vec<Candidate> = Vec::new();
    if let Some(code) = business.code.as_deref().and_then(|c| Uscc::parse(c).ok())
        && let Some(row) = store.entity(code.as_str()).await?
    {
        let e = &row.state;
        out.push(Candidate {
            uscc: code.to_string(),
            name: e.entity.name.clone(),
            kind: e.entity.kind.as_str(),
            status: e.status.as_str(),
            division: e.entity.authority.to_string(),
            division_name: e.entity.authority.full_name(),
            address: e.entity.address.clone(),
            score: 1000,
            reasons: vec!["统一社会信用代码一致 / the credit code given".into()],
        });
    }
    let named = text.normalize(&business.name);
    let core = without_divisions(&named, place);
    let chars: Vec<char> = core.chars().collect();
    let mut keys: Vec<String> = vec![format!("n:{}", text.to_simplified(&business.name))];
    for i in 0..chars.len() {
        for j in i + 2..=(i + MAX_KEY_CHARS).min(chars.len()) {
            keys.push(format!("t:{}", chars[i..j].iter().collect::<String>()));
        }
    }
    keys.sort();
    keys.dedup();
    let hashes: Vec<i64> = offices(place).iter().flat_map(|o| keys.iter().map(move |k| name_key_hash(*o, k))).collect();
    let mut rows = store.name_candidates(&hashes).await?;
    let words = shijian_text::segment::query_words(text, &named);
    if !words.is_empty() {
        rows.extend(store.search_names(&words, None, SEARCHED).await?);
    }
    // First pass: the names and the registering office, to choose which register entries to
    // read (many businesses share a trade name; the one near the place comes first).
    let mut by_code: HashMap<String, f64> = HashMap::new();
    for r in &rows {
        let Some(code) = &r.uscc else { continue };
        let s = name_similarity(text, &core, &r.name, place).0 * 600.0 + nearness(r.authority, place);
        let slot = by_code.entry(code.clone()).or_insert(0.0);
        *slot = slot.max(s);
    }
    let mut first: Vec<(String, f64)> = by_code.into_iter().collect();
    first.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    first.truncate(SCORED);
    for (code, _) in first {
        if out.iter().any(|c| c.uscc == code) {
            continue;
        }
        let Some(row) = store.entity(&code).await? else { continue };
        let e = &row.state;
        let mut names = vec![e.entity.name.clone()];
        names.extend(e.former_names.iter().map(|f| f.name.clone()));
        let (sim, contained) = names
            .iter()
            .map(|n| name_similarity(text, &core, n, place))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap_or((0.0, None));
        let mut reasons = Vec::new();
        let mut score = (sim * 600.0).round();
        if let Some(trade) = contained {
            reasons.push(format!("字号“{trade}”见于所述名称 / trade name in the text"));
        }
        reasons.push(format!("名称相似度 {sim:.2} / name similarity"));
        let authority = e.entity.authority;
        if authority == place || (place.tier() == Tier::County && e.entity.address.contains(place.name())) {
            score += 250.0;
            reasons.push(format!("同在{} / same county", place.name()));
        } else if nearness(authority, place) > 0.0 {
            score += 120.0;
            reasons.push("同一市州 / same prefecture".into());
        }
        if let Some(addr) = business.address.as_deref().filter(|a| !a.trim().is_empty()) {
            let a =
                dice(&without_divisions(&text.normalize(addr), place), &without_divisions(&e.entity.address, place));
            if a > 0.0 {
                score += (a * 150.0).round();
                reasons.push(format!("地址相似度 {a:.2} / address similarity"));
            }
        }
        if e.status != EntityStatus::Active {
            score -= 150.0;
            reasons.push(format!("{} / {}", e.status.zh(), e.status.as_str()));
        }
        out.push(Candidate {
            uscc: code,
            name: e.entity.name.clone(),
            kind: e.entity.kind.as_str(),
            status: e.status.as_str(),
            division: authority.to_string(),
            division_name: authority.full_name(),
            address: e.entity.address.clone(),
            score: score.clamp(0.0, 999.0) as u32,
            reasons,
        });
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.uscc.cmp(&b.uscc)));
    out.truncate(limit);
    Ok(out)
}

/// What the registering office adds to a candidate's score: 250 in the county of the place,
/// 120 in its prefecture.
fn nearness(authority: DivisionCode, place: DivisionCode) -> f64 {
    let prefecture = |d: DivisionCode| if d.tier() == Tier::County { d.parent().unwrap_or(d) } else { d };
    if authority == place {
        250.0
    } else if authority.tier() != Tier::Province
        && place.tier() != Tier::Province
        && prefecture(authority) == prefecture(place)
    {
        120.0
    } else {
        0.0
    }
}

/// How alike the consumer's words (`core`, divisions removed) are to a registered name: the
/// Dice coefficient against the trade name with its industry term, raised to 0.75 when the
/// trade name (two characters or more) appears in the text. Returns the trade name found.
fn name_similarity(text: &Text, core: &str, registered: &str, place: DivisionCode) -> (f64, Option<String>) {
    let parsed = shijian_core::name::check(registered, None, None).0;
    let trade = text.normalize(&parsed.trade_name);
    let candidate = format!("{trade}{}", parsed.industry_term.as_deref().unwrap_or(""));
    let whole = without_divisions(&text.normalize(registered), place);
    let mut sim = dice(core, &candidate).max(dice(core, &whole));
    let contained = (trade.chars().count() >= 2 && core.contains(&trade)).then(|| trade.clone());
    if contained.is_some() {
        sim = sim.max(0.75);
    }
    (sim, contained)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dice_compares_bigrams() {
        assert_eq!(dice("老王烧烤", "老王烧烤"), 1.0);
        assert!(dice("老王烧烤", "老王烧烤店") > 0.8);
        assert_eq!(dice("老王", "小李"), 0.0);
        assert_eq!(dice("", "小李"), 0.0);
    }

    #[test]
    fn division_names_are_left_out_of_the_comparison() {
        let hongshan = DivisionCode::parse("420111").unwrap();
        assert_eq!(without_divisions("武汉市洪山区老王烧烤店", hongshan), "老王烧烤店");
        assert_eq!(without_divisions("洪山老王烧烤", hongshan), "老王烧烤");
        assert!(offices(hongshan).contains(&DivisionCode::parse("420100").unwrap()));
    }
}
