//! Comparing a proposed enterprise name with the names already registered under the same
//! registration authority: 企业名称登记管理规定 第十七条 (identical trade names refused) and the
//! 企业名称相同相近比对规则 (工商企注字〔2017〕133号; identical → refuse, similar → warn).
//!
//! Candidates are the names the caller selected (same authority; registered, reserved, or ended
//! less than a year ago). Every finding names the rule, the conflicting entity and why.

use chrono::{Months, NaiveDate};
use shijian_core::Uscc;
use shijian_core::name::{ParsedName, Severity};

use crate::{Text, sounds_alike};

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
}
