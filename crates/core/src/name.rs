//! Enterprise names (企业名称) as self-declared: the structure 行政区划 + 字号 + 行业或经营特点 +
//! 组织形式 (企业名称登记管理规定 第六条), and the checks a name must pass on its own, before it is
//! compared with the register: forbidden content (第十一条), the national words (第十二条), a
//! trade name of at least two characters (第八条), and an organisational form that fits the
//! entity's kind (第十条; 公司法 第七条; 合伙企业法 第十五条、第五十六条、第六十二条).
//!
//! The word lists are data: `data/name-forbidden.tsv` (forbidden words with their ground) and
//! `data/name-industry-terms.tsv` (industry terms with synonym groups).

use std::sync::LazyLock;

use crate::division::{DivisionCode, Tier};
use crate::registry::EntityKind;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The applicant should look; the name may still be declared (规定 第十六条: the applicant
    /// bears the risk).
    Warn,
    /// The name may not be declared.
    Refuse,
}

/// One thing found about a name, with the rule and its legal basis.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Stable rule code, e.g. `forbidden_word`.
    pub rule: &'static str,
    pub severity: Severity,
    pub basis: &'static str,
    /// What was found, for people.
    pub detail: String,
}

/// A name split into its parts.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ParsedName {
    /// The name as compared: full-width brackets, no spaces.
    pub name: String,
    /// The administrative division named, if any, and whether it was in brackets after the
    /// trade name (实施办法 第九条).
    pub division: Option<DivisionCode>,
    pub division_text: Option<String>,
    pub division_bracketed: bool,
    /// 字号
    pub trade_name: String,
    /// 行业或经营特点
    pub industry_term: Option<String>,
    /// The synonym group of the industry term.
    pub industry_group: Option<String>,
    /// 集团 before the form (规定 第十四条).
    pub group: bool,
    /// 组织形式
    pub form: Option<String>,
    /// The kinds the form fits.
    pub form_kinds: Vec<EntityKind>,
}

/// Organisational forms, longest first when matched, with the kinds they fit.
const FORMS: &[(&str, &[EntityKind])] = &[
    ("股份有限公司", &[EntityKind::JointStockCompany, EntityKind::ForeignInvested]),
    ("有限责任公司", &[EntityKind::LimitedCompany, EntityKind::ForeignInvested]),
    ("股份公司", &[EntityKind::JointStockCompany, EntityKind::ForeignInvested]),
    ("有限公司", &[EntityKind::LimitedCompany, EntityKind::ForeignInvested]),
    ("分公司", &[EntityKind::Branch]),
    ("分厂", &[EntityKind::Branch]),
    ("分店", &[EntityKind::Branch]),
    ("（特殊普通合伙）", &[EntityKind::SpecialGeneralPartnership]),
    ("（普通合伙）", &[EntityKind::GeneralPartnership]),
    ("（有限合伙）", &[EntityKind::LimitedPartnership]),
    ("专业合作社联合社", &[EntityKind::FarmerCooperative]),
    ("专业合作社", &[EntityKind::FarmerCooperative]),
    // Forms of non-company enterprises and individual businesses (practice; 个体工商户名称登记管理
    // 办法 2008 第十条, whose current status is unconfirmed).
    ("工作室", &[EntityKind::SoleProprietorship, EntityKind::IndividualBusiness]),
    ("中心", &[EntityKind::SoleProprietorship, EntityKind::IndividualBusiness]),
    ("厂", &[EntityKind::SoleProprietorship, EntityKind::IndividualBusiness]),
    ("店", &[EntityKind::SoleProprietorship, EntityKind::IndividualBusiness]),
    ("馆", &[EntityKind::IndividualBusiness]),
    ("部", &[EntityKind::SoleProprietorship, EntityKind::IndividualBusiness]),
    ("行", &[EntityKind::SoleProprietorship, EntityKind::IndividualBusiness]),
];

/// Words that need State Council approval at the start of a name (规定 第十二条).
const NATIONAL_WORDS: &[&str] = &["中华人民共和国", "中国", "中华", "中央", "全国", "国家"];

struct Lists {
    forbidden: Vec<(String, String, String)>,
    industry: Vec<(String, String)>,
    /// Division names (and their short forms) by first character, longest first.
    divisions: std::collections::HashMap<char, Vec<(String, DivisionCode)>>,
}

fn tsv(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).skip(1).map(|l| l.split('\t').collect())
}

/// Short forms of a division's name: 湖北省 → 湖北, 武汉市 → 武汉, 恩施土家族苗族自治州 → 恩施.
fn aliases(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let chars: Vec<char> = name.chars().collect();
    if name.contains("自治") && chars.len() > 4 {
        let cut = name.find("自治").unwrap_or(name.len());
        let head = &name[..cut];
        // Drop the ethnic names before 自治: keep what precedes the first 族-word, at least 2 chars.
        let short: String = match head.find('族') {
            Some(_) => chars.iter().take(2).collect(),
            None => head.to_string(),
        };
        if short.chars().count() >= 2 {
            out.push(short);
        }
    } else {
        for suffix in ["特别行政区", "省", "市", "地区", "盟", "林区", "新区", "区", "县", "旗"] {
            if let Some(short) = name.strip_suffix(suffix) {
                if short.chars().count() >= 2 {
                    out.push(short.to_string());
                }
                break;
            }
        }
    }
    out
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let forbidden = tsv(include_str!("../data/name-forbidden.tsv"))
        .filter(|f| f.len() >= 3)
        .map(|f| (f[0].to_string(), f[1].to_string(), f[2].to_string()))
        .collect();
    let mut industry: Vec<(String, String)> = tsv(include_str!("../data/name-industry-terms.tsv"))
        .filter(|f| f.len() >= 2)
        .map(|f| (f[0].to_string(), f[1].to_string()))
        .collect();
    industry.sort_by_key(|(t, _)| std::cmp::Reverse(t.chars().count()));
    let mut divisions: Vec<(String, DivisionCode)> = Vec::new();
    for d in DivisionCode::all() {
        for a in aliases(d.name) {
            divisions.push((a, d.code));
        }
    }
    // Longest first; among equal names, the higher tier first.
    divisions.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.1.tier().cmp(&b.1.tier())));
    let mut by_first: std::collections::HashMap<char, Vec<(String, DivisionCode)>> = std::collections::HashMap::new();
    for d in divisions {
        if let Some(c) = d.0.chars().next() {
            by_first.entry(c).or_default().push(d);
        }
    }
    Lists { forbidden, industry, divisions: by_first }
});

impl Lists {
    /// The division names starting with the text's first character, longest first (the
    /// order of the whole list is kept within each group).
    fn divisions_by_first(&self, text: &str) -> &[(String, DivisionCode)] {
        text.chars().next().and_then(|c| self.divisions.get(&c)).map_or(&[], Vec::as_slice)
    }
}

/// The synonym group of an industry term, if it is in the vocabulary.
pub fn industry_group(term: &str) -> Option<&'static str> {
    LISTS.industry.iter().find(|(t, _)| t == term).map(|(_, g)| g.as_str())
}

/// Normalises the writing of a name for parsing and comparison: Unicode NFKC (full-width
/// letters and digits to half-width, compatibility ideographs to their unified forms),
/// invisible format characters and spaces out, brackets full-width. Every comparison of names
/// starts from this form, so text that looks the same compares the same.
pub fn normalize(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfkc()
        .filter(|c| !c.is_whitespace() && !crate::fold::is_format(*c))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The division a text names, preferring units inside `hint`.
fn division_named(text: &str, hint: Option<DivisionCode>) -> Option<(String, DivisionCode)> {
    let matches: Vec<&(String, DivisionCode)> =
        LISTS.divisions_by_first(text).iter().filter(|(a, _)| text.starts_with(a.as_str())).collect();
    let longest = matches.first()?.0.chars().count();
    let best: Vec<&&(String, DivisionCode)> = matches.iter().filter(|(a, _)| a.chars().count() == longest).collect();
    let pick =
        hint.and_then(|h| best.iter().find(|(_, d)| h.contains(*d) || d.contains(h))).or_else(|| best.first())?;
    Some((pick.0.clone(), pick.1))
}

/// Parses a name and checks it on its own. `kind`, when known, is checked against the form;
/// `hint` is the registering authority's division, used to resolve short division names.
pub fn check(raw: &str, kind: Option<EntityKind>, hint: Option<DivisionCode>) -> (ParsedName, Vec<Finding>) {
    let name = normalize(raw);
    let mut findings = Vec::new();
    let mut rest: &str = &name;

    // 组织形式: the longest form the name ends with.
    let form = FORMS.iter().filter(|(f, _)| rest.ends_with(f)).max_by_key(|(f, _)| f.chars().count());
    let (form_text, form_kinds) = match form {
        Some((f, kinds)) => {
            rest = &rest[..rest.len() - f.len()];
            (Some(f.to_string()), kinds.to_vec())
        }
        None => {
            findings.push(Finding {
                rule: "form_missing",
                severity: Severity::Refuse,
                basis: "企业名称登记管理规定 第十条",
                detail: "名称未标明组织形式 / the name states no organisational form".into(),
            });
            (None, Vec::new())
        }
    };
    if let (Some(k), Some(f)) = (kind, &form_text)
        && !form_kinds.contains(&k)
    {
        findings.push(Finding {
            rule: "form_kind_mismatch",
            severity: Severity::Refuse,
            basis: "企业名称登记管理规定 第十条；公司法 第七条；合伙企业法 第十五条、第五十六条、第六十二条",
            detail: format!("“{f}”不是{}的组织形式 / '{f}' is not a form of a {}", k.zh(), k.en()),
        });
    }
    // 集团 before the form (规定 第十四条).
    let mut group = false;
    for marker in ["（集团）", "集团"] {
        if let Some(r) = rest.strip_suffix(marker) {
            rest = r;
            group = true;
            break;
        }
    }
    // A leading division.
    let mut division = None;
    let mut division_text = None;
    if let Some((text, code)) = division_named(rest, hint) {
        rest = &rest[text.len()..];
        // Only a 市辖区 needs its city's name before it (实施办法 第九条); counties and
        // county-level cities stand on their own.
        if code.tier() == Tier::County
            && code.name().ends_with('区')
            && code.parent().is_some_and(|p| p.tier() == Tier::Prefecture)
        {
            findings.push(Finding {
                rule: "district_without_city",
                severity: Severity::Warn,
                basis: "企业名称登记管理规定实施办法 第九条",
                detail: format!("区县名称“{text}”前应冠以所属市名称 / a district's name follows its city's"),
            });
        }
        division = Some(code);
        division_text = Some(text);
    }
    // A division in brackets after the trade name (实施办法 第九条): then the trade name is
    // what stands before the brackets and the industry part what follows them.
    let mut bracketed = false;
    let mut split = None;
    if division.is_none()
        && let Some(open) = rest.find('（')
        && let Some(close_rel) = rest[open..].find('）')
    {
        let inner = &rest[open + '（'.len_utf8()..open + close_rel];
        if let Some((text, code)) = division_named(inner, hint).filter(|(t, _)| t.len() == inner.len()) {
            division = Some(code);
            division_text = Some(text);
            bracketed = true;
            let after = open + close_rel + '）'.len_utf8();
            split = Some((rest[..open].to_string(), rest[after..].to_string()));
        }
    }
    let middle = match &split {
        Some((before, tail)) => format!("{before}{tail}"),
        None => rest.to_string(),
    };
    finish(name.clone(), middle, split, division, division_text, bracketed, group, form_text, form_kinds, findings)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    name: String,
    middle: String,
    split: Option<(String, String)>,
    division: Option<DivisionCode>,
    division_text: Option<String>,
    division_bracketed: bool,
    group: bool,
    form: Option<String>,
    form_kinds: Vec<EntityKind>,
    mut findings: Vec<Finding>,
) -> (ParsedName, Vec<Finding>) {
    // 行业: the longest vocabulary term the middle ends with, leaving something before it.
    let mut trade_name = middle.clone();
    let mut industry_term = None;
    let mut industry_group = None;
    if let Some((before, tail)) = &split {
        // With a bracketed division the parts are known: the trade name before the brackets,
        // the industry term after them (its group from the vocabulary term it starts with).
        trade_name = before.clone();
        if !tail.is_empty() {
            industry_term = Some(tail.clone());
            industry_group = LISTS.industry.iter().find(|(t, _)| tail.starts_with(t.as_str())).map(|(_, g)| g.clone());
        }
    } else {
        // The industry part starts at the first vocabulary term after the trade name, and runs
        // to the form (酒业发展, 餐饮管理服务): the earliest start leaving two characters for
        // the trade name, else one (which the length check then refuses).
        let chars: Vec<(usize, char)> = middle.char_indices().collect();
        let found = [2usize, 1].iter().find_map(|&min| {
            chars.iter().skip(min).find_map(|&(at, _)| {
                let tail = &middle[at..];
                LISTS.industry.iter().find(|(t, _)| tail.starts_with(t.as_str())).map(|(_, g)| (at, g.clone()))
            })
        });
        if let Some((at, group_name)) = found {
            trade_name = middle[..at].to_string();
            industry_term = Some(middle[at..].to_string());
            industry_group = Some(group_name);
        }
    }
    if industry_term.is_none() && LISTS.industry.iter().any(|(t, _)| *t == middle) {
        findings.push(Finding {
            rule: "trade_name_is_industry",
            severity: Severity::Refuse,
            basis: "企业名称登记管理规定 第八条",
            detail: format!("行业用语“{middle}”不得作为字号 / an industry term cannot be the trade name"),
        });
    }
    if trade_name.chars().count() < 2 {
        findings.push(Finding {
            rule: "trade_name_short",
            severity: Severity::Refuse,
            basis: "企业名称登记管理规定 第八条",
            detail: format!("字号“{trade_name}”应为两个以上汉字 / the trade name needs two or more characters"),
        });
    }
    let lists: &'static Lists = &LISTS;
    for (word, category, basis) in &lists.forbidden {
        if name.contains(word.as_str()) {
            findings.push(Finding {
                rule: "forbidden_word",
                severity: Severity::Refuse,
                basis: basis.as_str(),
                detail: format!("含有禁用内容“{word}”（{category}）/ contains forbidden content"),
            });
        }
    }
    for word in NATIONAL_WORDS {
        if name.starts_with(word) {
            findings.push(Finding {
                rule: "national_prefix",
                severity: Severity::Refuse,
                basis: "企业名称登记管理规定 第十二条",
                detail: format!(
                    "以“{word}”开头须经国务院批准 / a name starting with '{word}' needs State Council approval"
                ),
            });
            break;
        } else if name.contains(word) {
            findings.push(Finding {
                rule: "national_word_inside",
                severity: Severity::Warn,
                basis: "企业名称登记管理规定 第十二条",
                detail: format!(
                    "中间含有“{word}”的，应是行业限定语 / '{word}' inside a name must qualify the industry"
                ),
            });
            break;
        }
    }
    let parsed = ParsedName {
        name,
        division,
        division_text,
        division_bracketed,
        trade_name,
        industry_term,
        industry_group,
        group,
        form,
        form_kinds,
    };
    (parsed, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(f: &[Finding]) -> Vec<&'static str> {
        f.iter().map(|x| x.rule).collect()
    }

    #[test]
    fn the_four_parts() {
        let (p, f) = check("武汉红光餐饮管理有限公司", Some(EntityKind::LimitedCompany), None);
        assert_eq!(rules(&f), Vec::<&str>::new());
        assert_eq!(p.division.map(|d| d.to_string()).as_deref(), Some("420100"));
        assert_eq!(
            (p.trade_name.as_str(), p.industry_term.as_deref(), p.form.as_deref()),
            ("红光", Some("餐饮管理"), Some("有限公司"))
        );
        assert_eq!(p.industry_group.as_deref(), Some("catering"));
    }

    #[test]
    fn a_bracketed_division_after_the_trade_name() {
        let (p, f) = check("红光（北京）酒业发展有限公司", None, None);
        assert_eq!(rules(&f), Vec::<&str>::new());
        assert!(p.division_bracketed);
        assert_eq!(p.division.map(|d| d.to_string()).as_deref(), Some("110000"));
        assert_eq!(p.trade_name, "红光");
        assert_eq!((p.industry_term.as_deref(), p.industry_group.as_deref()), (Some("酒业发展"), Some("liquor")));
        // Half-width brackets are read the same.
        assert_eq!(check("红光(北京)酒业有限公司", None, None).0.trade_name, "红光");
    }

    #[test]
    fn division_and_industry_may_be_omitted() {
        let (p, f) = check("红光有限公司", None, None);
        assert!(f.is_empty());
        assert_eq!((p.division, p.trade_name.as_str(), p.industry_term.as_deref()), (None, "红光", None));
    }

    #[test]
    fn forms_must_fit_the_kind() {
        let (_, f) = check("武汉红光餐饮店", Some(EntityKind::LimitedCompany), None);
        assert_eq!(rules(&f), ["form_kind_mismatch"]);
        let (p, f) = check("武汉红光投资管理中心（有限合伙）", Some(EntityKind::LimitedPartnership), None);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(p.form.as_deref(), Some("（有限合伙）"));
        let (_, f) = check("武汉红光餐饮", None, None);
        assert_eq!(rules(&f), ["form_missing"]);
        let (p, _) = check("湖北红光（集团）有限公司", None, None);
        assert!(p.group);
        assert_eq!(p.trade_name, "红光");
    }

    #[test]
    fn forbidden_content_and_national_words() {
        let (_, f) = check("武汉红光博彩有限公司", None, None);
        assert_eq!(rules(&f), ["forbidden_word"]);
        assert!(f[0].basis.contains("第十一条"));
        let (_, f) = check("中国红光有限公司", None, None);
        assert_eq!(rules(&f), ["national_prefix"]);
        let (_, f) = check("红光中国餐饮有限公司", None, None);
        assert_eq!(rules(&f), ["national_word_inside"]);
    }

    #[test]
    fn trade_names_have_two_characters_or_more_and_are_not_industry_terms() {
        let (p, f) = check("武汉红餐饮有限公司", None, None);
        assert_eq!(rules(&f), ["trade_name_short"], "{p:?}");
        let (_, f) = check("武汉科技有限公司", None, None);
        assert_eq!(rules(&f), ["trade_name_is_industry"]);
    }

    #[test]
    fn districts_are_preceded_by_their_city() {
        let (p, f) = check("江岸红光餐饮有限公司", None, DivisionCode::lookup("420102"));
        assert_eq!(p.division.map(|d| d.to_string()).as_deref(), Some("420102"));
        assert_eq!(rules(&f), ["district_without_city"]);
        // A county or a county-level city needs no city before it.
        let (p, f) = check("黄梅红光餐饮有限公司", None, DivisionCode::lookup("421127"));
        assert_eq!(p.division.map(|d| d.to_string()).as_deref(), Some("421127"));
        assert!(rules(&f).is_empty(), "{f:?}");
    }

    #[test]
    fn autonomous_units_have_short_names() {
        let (p, _) = check("恩施红光餐饮有限公司", None, None);
        assert_eq!(p.division.map(|d| d.to_string()).as_deref(), Some("422800"));
    }

    #[test]
    fn names_are_compared_in_one_writing() {
        let plain = check("武汉园华汽车服务有限公司", None, None).0;
        // Invisible characters, full-width forms and spaces do not make another name.
        for variant in
            ["武汉园\u{200B}华汽车服务有限公司", "武汉园华\u{2060}汽车服务有限公司", "武汉 园华汽车服务有限公司"]
        {
            assert_eq!(check(variant, None, None).0, plain, "{variant:?}");
        }
        assert_eq!(check("武汉ＡＢ园华汽车服务有限公司", None, None).0.trade_name, "AB园华");
    }

    #[test]
    fn names_starting_with_a_national_word_are_refused_for_it() {
        for name in ["中华园华汽车服务有限公司", "中国园华汽车服务有限公司", "国家园华汽车服务有限公司"]
        {
            let (p, f) = check(name, None, None);
            assert_eq!(p.division, None);
            assert!(rules(&f).contains(&"national_prefix"), "{name}: {f:?}");
        }
    }
}
