//! Comparing a proposed enterprise name with the names already registered under the same
//! registration authority: 企业名称登记管理规定 第十七条 (identical trade names refused) and the
//! 企业名称相同相近比对规则 (工商企注字〔2017〕133号; identical → refuse, similar → warn).
//!
//! Candidates are the names the caller selected (same authority; registered, reserved, or ended
//! less than a year ago). Every finding names the rule, the conflicting entity and why.

use chrono::{Months, NaiveDate};
use shijian_core::Uscc;
use shijian_core::name::{ParsedName, Severity};

use crate::{Text, readings, sounds_alike};

/// A name on the register (or reserved), as a candidate for comparison.
#[derive(Clone, Debug)]
pub struct Registered {
    pub uscc: Option<Uscc>,
    pub name: String,
    pub parsed: ParsedName,
    /// When the name stopped being used (deregistered, changed away, revoked); `None` while in use.
    pub ended_on: Option<NaiveDate>,
}

/// One conflict with a registered name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Conflict {
    pub rule: &'static str,
    pub severity: Severity,
    pub basis: &'static str,
    pub conflict_uscc: Option<String>,
    pub conflict_name: String,
    pub detail: String,
}

const RULES_133: &str = "企业名称相同相近比对规则（工商企注字〔2017〕133号）";

/// Whether two parsed names are in the same industry: the same synonym group, or either
/// without an industry term (规定 第十七条 counts names without one as the same industry).
fn same_industry(a: &ParsedName, b: &ParsedName) -> bool {
    match (&a.industry_group, &b.industry_group, &a.industry_term, &b.industry_term) {
        (Some(x), Some(y), _, _) => x == y,
        (_, _, None, _) | (_, _, _, None) => true,
        (_, _, Some(x), Some(y)) => x == y,
    }
}

/// Compares `proposed` with `registered` on `today`. Names that ended a year or more ago are
/// no longer compared (规定 第十七条第二项、第三项).
pub fn compare(text: &Text, proposed: &ParsedName, registered: &[Registered], today: NaiveDate) -> Vec<Conflict> {
    let mut out = Vec::new();
    let a_trade = text.normalize(&proposed.trade_name);
    for r in registered {
        if let Some(ended) = r.ended_on
            && ended.checked_add_months(Months::new(12)).is_some_and(|limit| today >= limit)
        {
            continue;
        }
        let conflict = |rule, severity, basis, detail: String| Conflict {
            rule,
            severity,
            basis,
            conflict_uscc: r.uscc.map(|u| u.to_string()),
            conflict_name: r.name.clone(),
            detail,
        };
        let b = &r.parsed;
        let b_trade = text.normalize(&b.trade_name);
        let ended_note = r.ended_on.map(|d| format!("（该名称于{d}停止使用，不足一年）")).unwrap_or_default();
        if proposed.name == b.name {
            out.push(conflict(
                "identical",
                Severity::Refuse,
                RULES_133,
                format!("名称完全相同{ended_note} / the same name"),
            ));
            continue;
        }
        if text.to_simplified(&proposed.name) == text.to_simplified(&b.name) {
            out.push(conflict(
                "traditional_simplified_variant",
                Severity::Warn,
                RULES_133,
                format!("与“{}”仅繁简不同 / the same name in traditional or simplified characters", b.name),
            ));
            continue;
        }
        let same_parts = proposed.trade_name == b.trade_name
            && proposed.division == b.division
            && proposed.industry_term == b.industry_term
            && proposed.form == b.form;
        if same_parts {
            out.push(conflict(
                "same_words_reordered",
                Severity::Refuse,
                RULES_133,
                format!("同样的字词、不同的排列{ended_note} / the same words in another order"),
            ));
            continue;
        }
        if proposed.trade_name == b.trade_name && same_industry(proposed, b) {
            out.push(conflict(
                "same_trade_name_same_industry",
                Severity::Refuse,
                "企业名称登记管理规定 第十七条",
                format!(
                    "字号“{}”相同且属同一行业（或未标明行业）{ended_note} / the same trade name in the same industry",
                    b.trade_name
                ),
            ));
            continue;
        }
        if !same_industry(proposed, b) {
            continue;
        }
        if a_trade == b_trade {
            out.push(conflict(
                "traditional_simplified_variant",
                Severity::Warn,
                RULES_133,
                format!(
                    "字号“{}”与“{}”繁简不同而实为同一字号 / traditional and simplified forms of one trade name",
                    proposed.trade_name, b.trade_name
                ),
            ));
        } else if sounds_alike(&a_trade, &b_trade) {
            out.push(conflict(
                "same_sounding_trade_name",
                Severity::Warn,
                RULES_133,
                format!("字号“{}”与“{}”读音相同 / trade names that sound the same", proposed.trade_name, b.trade_name),
            ));
        } else if b_trade.chars().count() >= 2 && a_trade.contains(&b_trade) {
            out.push(conflict(
                "contains_registered_trade_name",
                Severity::Warn,
                RULES_133,
                format!(
                    "字号“{}”包含已登记字号“{}” / the trade name contains a registered one",
                    proposed.trade_name, b.trade_name
                ),
            ));
        }
    }
    out
}

/// At most this many sound keys are indexed per name; a trade name with more reading
/// combinations (rare: several heteronyms) is indexed under [`SOUND_OVERFLOW`] instead, which
/// every query also looks up.
pub const MAX_INDEXED_SOUNDS: usize = 64;
/// At most this many sound keys are looked up per query. A proposed trade name with more reading
/// combinations than this is compared on its first readings only (none of the names in the
/// reference lists comes near it: four characters with four readings each make 256).
pub const MAX_QUERIED_SOUNDS: usize = 256;
/// The prefix of the key of names with too many readings to index one by one.
pub const SOUND_OVERFLOW: &str = "p*:";
/// The longest registered trade name looked up by its whole text when a proposal contains it
/// (the containment rule of the 133号 rules). A longer registered trade name is also indexed
/// under its first [`MAX_CONTAINED_CHARS`] characters (`t+:`), and a proposal looks up each of
/// its windows of that length, so the index still finds every trade name a proposal contains
/// while a proposal's keys grow linearly with its length, not with its square.
pub const MAX_CONTAINED_CHARS: usize = 6;
/// The prefix of the key of a long trade name's first [`MAX_CONTAINED_CHARS`] characters.
pub const LONG_TRADE_NAME: &str = "t+:";
/// At most this many keys are looked up for one proposal of at most
/// [`shijian_core::entity::MAX_NAME_CHARS`] characters (after normalisation): the whole-name
/// key, the whole trade name, the trade name's substrings and windows (at most
/// [`MAX_CONTAINED_CHARS`] per character), the sound keys and the overflow key.
pub const MAX_QUERY_KEYS: usize = 3 + MAX_CONTAINED_CHARS * shijian_core::entity::MAX_NAME_CHARS + MAX_QUERIED_SOUNDS;

/// Every reading combination of `s` (a character without a reading stands for itself), up to
/// `cap`; `None` if there are more.
fn sound_keys(s: &str, cap: usize) -> Option<Vec<String>> {
    let mut keys = vec![String::from("p:")];
    for (c, r) in s.chars().zip(readings(s)) {
        let options: Vec<String> = match r {
            Some(set) => set.into_iter().map(str::to_string).collect(),
            None => vec![c.to_string()],
        };
        if keys.len() * options.len() > cap {
            return None;
        }
        keys = keys.iter().flat_map(|k| options.iter().map(move |o| format!("{k}{o}|"))).collect();
    }
    Some(keys)
}

/// The keys a registered name is found under when a proposed name is compared with the
/// register. Every rule of [`compare`] needs one shared key, so comparing with the names found
/// under [`query_keys`] gives exactly the findings of comparing with every name:
/// - `t:` the normalised trade name (identical names, the same words reordered, the same
///   trade name, traditional/simplified trade names, and containment, looked up by substring);
/// - `t+:` the first [`MAX_CONTAINED_CHARS`] characters of a longer trade name (containment of
///   long trade names);
/// - `n:` the whole name in simplified characters (names differing only in traditional and
///   simplified forms, however they parse);
/// - `p:` each reading combination of the trade name (same-sounding trade names: two trade
///   names sound alike exactly when they share a combination).
pub fn index_keys(text: &Text, parsed: &ParsedName) -> Vec<String> {
    let trade = text.normalize(&parsed.trade_name);
    let mut keys = vec![format!("n:{}", text.to_simplified(&parsed.name))];
    if !trade.is_empty() {
        keys.push(format!("t:{trade}"));
        if trade.chars().count() > MAX_CONTAINED_CHARS {
            keys.push(format!("{LONG_TRADE_NAME}{}", trade.chars().take(MAX_CONTAINED_CHARS).collect::<String>()));
        }
        match sound_keys(&trade, MAX_INDEXED_SOUNDS) {
            Some(sounds) => keys.extend(sounds),
            None => keys.push(format!("{SOUND_OVERFLOW}{}", trade.chars().count())),
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The keys to look up for a proposed name: those of [`index_keys`], the trade name's
/// substrings of two to [`MAX_CONTAINED_CHARS`] characters (a registered trade name it
/// contains), and its windows of [`MAX_CONTAINED_CHARS`] characters as `t+:` keys (a longer
/// registered trade name it contains). Never more than [`MAX_QUERY_KEYS`] for a name of at
/// most [`shijian_core::entity::MAX_NAME_CHARS`] characters.
pub fn query_keys(text: &Text, parsed: &ParsedName) -> Vec<String> {
    let trade = text.normalize(&parsed.trade_name);
    let mut keys = vec![format!("n:{}", text.to_simplified(&parsed.name))];
    let chars: Vec<char> = trade.chars().collect();
    for i in 0..chars.len() {
        for j in i + 2..=chars.len().min(i + MAX_CONTAINED_CHARS) {
            keys.push(format!("t:{}", chars[i..j].iter().collect::<String>()));
        }
        if i + MAX_CONTAINED_CHARS < chars.len() {
            // A window followed by more of the trade name: the start of a longer trade name.
            keys.push(format!("{LONG_TRADE_NAME}{}", chars[i..i + MAX_CONTAINED_CHARS].iter().collect::<String>()));
        }
    }
    if chars.len() > MAX_CONTAINED_CHARS {
        // The whole trade name (identical and same-sounding rules).
        keys.push(format!("t:{trade}"));
    }
    if !trade.is_empty() {
        let sounds = sound_keys(&trade, MAX_QUERIED_SOUNDS).unwrap_or_else(|| {
            // More combinations than the cap: the first ones, in reading order.
            let mut first = vec![String::from("p:")];
            for (c, r) in trade.chars().zip(readings(&trade)) {
                let o = r.and_then(|set| set.into_iter().next().map(str::to_string)).unwrap_or_else(|| c.to_string());
                first[0].push_str(&o);
                first[0].push('|');
            }
            first
        });
        keys.extend(sounds);
        keys.push(format!("{SOUND_OVERFLOW}{}", chars.len()));
    }
    keys.sort();
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use shijian_core::name::check;

    fn reg(name: &str, ended: Option<&str>) -> Registered {
        Registered {
            uscc: Uscc::parse("91420100MA4K2X5T27").ok(),
            name: name.into(),
            parsed: check(name, None, None).0,
            ended_on: ended.map(|d| shijian_core::parse_date(d).unwrap()),
        }
    }

    fn run(proposed: &str, existing: &[Registered]) -> Vec<&'static str> {
        let text = Text::new().unwrap();
        let today = shijian_core::parse_date("2026-11-28").unwrap();
        compare(&text, &check(proposed, None, None).0, existing, today).iter().map(|c| c.rule).collect()
    }

    #[test]
    fn identical_names_are_refused() {
        assert_eq!(run("北京红光酒业发展有限公司", &[reg("北京红光酒业发展有限公司", None)]), ["identical"]);
        // The same words in another order (the 133号 example).
        assert_eq!(
            run("红光（北京）酒业发展有限公司", &[reg("北京红光酒业发展有限公司", None)]),
            ["same_words_reordered"]
        );
        // The same trade name and industry, another division or form.
        assert_eq!(run("北京红光酒业有限公司", &[reg("红光酒业有限公司", None)]), ["same_trade_name_same_industry"]);
        // Industry terms worded differently but meaning the same (万青地产 / 万青房地产 / 万青置业).
        assert_eq!(
            run("武汉万青置业有限公司", &[reg("武汉万青房地产有限公司", None)]),
            ["same_trade_name_same_industry"]
        );
    }

    #[test]
    fn other_industries_do_not_conflict() {
        assert_eq!(run("武汉红光餐饮有限公司", &[reg("武汉红光置业有限公司", None)]), Vec::<&str>::new());
    }

    #[test]
    fn names_ended_less_than_a_year_ago_still_count() {
        let recently = reg("武汉红光餐饮有限公司", Some("2026-01-10"));
        assert_eq!(run("武汉红光餐饮有限公司", std::slice::from_ref(&recently)), ["identical"]);
        let long_ago = reg("武汉红光餐饮有限公司", Some("2025-11-28"));
        assert_eq!(run("武汉红光餐饮有限公司", &[long_ago]), Vec::<&str>::new());
    }

    #[test]
    fn similar_names_warn() {
        assert_eq!(run("武汉宏光餐饮有限公司", &[reg("武汉红光餐饮有限公司", None)]), ["same_sounding_trade_name"]);
        assert_eq!(
            run("武汉紅光餐飲有限公司", &[reg("武汉红光餐饮有限公司", None)]),
            ["traditional_simplified_variant"]
        );
        assert_eq!(
            run("武汉红光达餐饮有限公司", &[reg("武汉红光餐饮有限公司", None)]),
            ["contains_registered_trade_name"]
        );
    }

    /// Comparing with the names found under shared keys gives the same findings as comparing
    /// with every name (the candidate index loses nothing).
    #[test]
    fn keys_find_every_conflict() {
        let text = Text::new().unwrap();
        let today = shijian_core::parse_date("2026-11-28").unwrap();
        let names = [
            "武汉红光餐饮有限公司",
            "武汉宏光餐饮有限公司",
            "武汉紅光餐飲有限公司",
            "红光（武汉）餐饮有限公司",
            "武汉红光达餐饮有限公司",
            "武汉红光置业有限公司",
            "武汉红光房地产有限公司",
            "武汉重行餐饮有限公司",
            "武汉崇杭餐饮有限公司",
            "武汉光红餐饮有限公司",
            "武汉长江红光科技有限公司",
            "武汉A1红光商贸有限公司",
            "红光餐饮有限公司",
            "武汉市洪山区红光面馆",
        ];
        let registered: Vec<Registered> = names.iter().map(|n| reg(n, None)).collect();
        let indexed: Vec<Vec<String>> = registered.iter().map(|r| index_keys(&text, &r.parsed)).collect();
        for proposed in
            names.iter().chain(&["武汉红光酒业有限公司", "武汉鸿光餐饮有限公司", "武汉长江红光达商贸有限公司"])
        {
            let p = check(proposed, None, None).0;
            let all = compare(&text, &p, &registered, today);
            let q = query_keys(&text, &p);
            let candidates: Vec<Registered> = registered
                .iter()
                .zip(&indexed)
                .filter(|(_, keys)| keys.iter().any(|k| q.contains(k)))
                .map(|(r, _)| r.clone())
                .collect();
            assert_eq!(compare(&text, &p, &candidates, today), all, "{proposed}");
        }
        // The keys really narrow the search: an unrelated name shares none.
        let q = query_keys(&text, &check("武汉星辰科技有限公司", None, None).0);
        assert!(indexed.iter().all(|keys| keys.iter().all(|k| !q.contains(k))));
    }

    /// Long trade names: a proposal containing one is still found through the index, and a
    /// proposal's keys stay bounded whatever its length.
    #[test]
    fn long_trade_names_are_found_and_keys_are_bounded() {
        let text = Text::new().unwrap();
        let today = shijian_core::parse_date("2026-11-28").unwrap();
        let long = reg("武汉长江红光星辰宏图大业餐饮有限公司", None);
        assert!(long.parsed.trade_name.chars().count() > MAX_CONTAINED_CHARS, "{:?}", long.parsed);
        let indexed = index_keys(&text, &long.parsed);
        for proposed in ["武汉长江红光星辰宏图大业餐饮有限公司", "武汉新长江红光星辰宏图大业达餐饮有限公司"]
        {
            let p = check(proposed, None, None).0;
            let all = compare(&text, &p, std::slice::from_ref(&long), today);
            assert!(!all.is_empty(), "{proposed}");
            let q = query_keys(&text, &p);
            assert!(indexed.iter().any(|k| q.contains(k)), "{proposed}: {q:?}");
        }
        // The longest name accepted: every key count within the bound, linear in the length.
        let longest = format!("武汉{}餐饮有限公司", "红光重行长乐".repeat(20).chars().take(92).collect::<String>());
        assert_eq!(longest.chars().count(), shijian_core::entity::MAX_NAME_CHARS);
        let q = query_keys(&text, &check(&longest, None, None).0);
        assert!(q.len() <= MAX_QUERY_KEYS, "{}", q.len());
        let typical = query_keys(&text, &check("武汉园华汽车服务有限公司", None, None).0);
        assert!(typical.len() < 10, "{typical:?}");
    }
}
