//! The business scope catalogue (经营范围库): the standard wordings (规范表述) a market entity's
//! business scope is registered with, and the registered text built from a selection of them.
//!
//! Each item has a code, its wording, a category (一般项目, general: carried on with the
//! business licence alone; 许可项目, licensed: only after the competent department approves),
//! its main GB/T 4754-2017 industry (a 大类 or a 门类), and, for licensed items, the licences
//! it calls for, each with its approving department and legal basis. 市场主体登记管理条例
//! 第十四条: the scope consists of general and licensed items, registered by the classification
//! the registration authority publishes (the catalogue's standard wordings).
//!
//! The program ships a catalogue modelled on 经营范围规范表述目录（试行） (市场监管总局 2021) in
//! `data/business-scope.tsv`; an administrator can replace or extend it with an imported table
//! ([`parse_scope_rows`], [`ScopeCatalogue::new`], [`ScopeCatalogue::with_imported`]).
//!
//! **[M] The item codes are shijian's own**, not the official catalogue's (which were not
//! available when the data was written): a GB/T 4754 section letter (the item's main industry
//! when the code was assigned) and four digits, e.g. `H0002` 餐饮服务. They are stable: never
//! reused, never renumbered, unchanged when an item's industry is reclassified.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use crate::error::{Code, Error, Result};
use crate::fold::fold_code;
use crate::industry::{IndustryCatalogue, IndustryCode};

/// The note registrations print after the general items.
pub const GENERAL_NOTE: &str = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）";

/// The note registrations print after the licensed items.
pub const LICENSED_NOTE: &str =
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）";

/// The code of a catalogue item: 2 to 20 ASCII upper-case letters or digits, so that an
/// imported official code (digits) fits as well as shijian's own (`F0042`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeCode(String);

impl ScopeCode {
    /// Parses a code of well-formed shape after folding pasted input (full-width, case,
    /// spaces, hyphens). Whether it is in the catalogue is a question for a [`ScopeCatalogue`].
    pub fn parse(input: &str) -> Result<ScopeCode> {
        let folded = fold_code(input);
        let ok =
            (2..=20).contains(&folded.len()) && folded.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok { Ok(ScopeCode(folded)) } else { Err(Error::new(Code::ScopeCodeForm).with("input", input.trim())) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ScopeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ScopeCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ScopeCode({})", self.0)
    }
}

impl serde::Serialize for ScopeCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// 一般项目 or 许可项目.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScopeCategory {
    /// 一般项目: carried on with the business licence alone.
    General,
    /// 许可项目: carried on only after the competent department's approval.
    Licensed,
}

impl ScopeCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeCategory::General => "general",
            ScopeCategory::Licensed => "licensed",
        }
    }

    /// The Chinese name, as printed before the items.
    pub fn zh(self) -> &'static str {
        match self {
            ScopeCategory::General => "一般项目",
            ScopeCategory::Licensed => "许可项目",
        }
    }

    /// Reads `general`/`licensed` or the Chinese names (一般项目, 一般, 许可项目, 许可).
    fn parse(s: &str) -> Option<ScopeCategory> {
        match s.trim().to_ascii_lowercase().as_str() {
            "general" | "一般项目" | "一般" => Some(ScopeCategory::General),
            "licensed" | "许可项目" | "许可" => Some(ScopeCategory::Licensed),
            _ => None,
        }
    }
}

/// A licence (许可证件) a licensed item calls for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Licence {
    /// The licence, e.g. 食品经营许可.
    pub name: String,
    /// The approving department (审批部门), e.g. 市场监督管理部门.
    pub department: String,
    /// The legal basis (法律依据), e.g. 中华人民共和国食品安全法 第三十五条.
    pub basis: String,
}

/// One item of the catalogue.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ScopeItem {
    pub code: ScopeCode,
    /// The standard wording (规范表述).
    pub wording: String,
    pub category: ScopeCategory,
    /// The main GB/T 4754-2017 industry.
    pub industry: IndustryCode,
    /// The licences called for: at least one for a licensed item, none for a general one.
    pub licences: Vec<Licence>,
}

/// The catalogue in force.
#[derive(Clone, Debug)]
pub struct ScopeCatalogue {
    items: BTreeMap<ScopeCode, ScopeItem>,
}

static BUILTIN: OnceLock<ScopeCatalogue> = OnceLock::new();

impl ScopeCatalogue {
    /// The catalogue shipped with the program (`data/business-scope.tsv`), parsed once.
    pub fn builtin() -> &'static ScopeCatalogue {
        BUILTIN.get_or_init(|| {
            let text = include_str!("../data/business-scope.tsv");
            let rows = text.lines().enumerate().map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()));
            // The shipped file is part of the program and the test `builtin_parses_and_is_sorted`
            // checks it; a failure here is a bug in the build, not a condition to handle.
            let parsed =
                parse_scope_rows(rows).and_then(|items| ScopeCatalogue::new(items, &IndustryCatalogue::builtin()));
            match parsed {
                Ok(cat) => cat,
                Err(e) => panic!("the shipped business scope catalogue does not parse: {e}"),
            }
        })
    }

    /// A catalogue of exactly `items` (an administrator's replacement). Every item's industry
    /// must be in `industries`, codes and wordings must be unique, and it must not be empty.
    pub fn new(items: impl IntoIterator<Item = ScopeItem>, industries: &IndustryCatalogue) -> Result<ScopeCatalogue> {
        let mut map = BTreeMap::new();
        for item in items {
            let code = item.code.clone();
            if map.insert(code.clone(), item).is_some() {
                return Err(Error::new(Code::ScopeDuplicate).with("code", code));
            }
        }
        ScopeCatalogue::checked(map, industries)
    }

    /// This catalogue overlaid with `imported` (an administrator's addition): an imported item
    /// replaces the item of the same code, others are added. Checked as [`ScopeCatalogue::new`].
    pub fn with_imported(
        &self,
        imported: impl IntoIterator<Item = ScopeItem>,
        industries: &IndustryCatalogue,
    ) -> Result<ScopeCatalogue> {
        let mut map = self.items.clone();
        for item in imported {
            map.insert(item.code.clone(), item);
        }
        ScopeCatalogue::checked(map, industries)
    }

    fn checked(items: BTreeMap<ScopeCode, ScopeItem>, industries: &IndustryCatalogue) -> Result<ScopeCatalogue> {
        if items.is_empty() {
            return Err(Error::new(Code::FileEmpty));
        }
        let mut wordings: HashMap<&str, &ScopeCode> = HashMap::new();
        for item in items.values() {
            if industries.get(item.industry).is_none() {
                return Err(Error::new(Code::IndustryUnknown).with("code", item.industry).with("item", &item.code));
            }
            if let Some(other) = wordings.insert(&item.wording, &item.code) {
                return Err(Error::new(Code::ScopeWordingDuplicate)
                    .with("wording", &item.wording)
                    .with("code", &item.code)
                    .with("other", other));
            }
        }
        Ok(ScopeCatalogue { items })
    }

    /// The item of a code (pasted input is folded first), if it is in the catalogue.
    pub fn get(&self, code: &str) -> Option<&ScopeItem> {
        let code = ScopeCode::parse(code).ok()?;
        self.items.get(&code)
    }

    /// Every item, in code order.
    pub fn items(&self) -> impl Iterator<Item = &ScopeItem> {
        self.items.values()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The items whose wording contains `word` (trimmed; nothing for an empty word): the
    /// wording equal to it first, then those starting with it, then the rest, each in code order.
    pub fn search(&self, word: &str) -> Vec<&ScopeItem> {
        let word = word.trim();
        if word.is_empty() {
            return Vec::new();
        }
        let mut found: Vec<(u8, &ScopeItem)> = self
            .items
            .values()
            .filter(|item| item.wording.contains(word))
            .map(|item| {
                let rank = if item.wording == word {
                    0
                } else if item.wording.starts_with(word) {
                    1
                } else {
                    2
                };
                (rank, item)
            })
            .collect();
        // Stable: within a rank the code order of the map stays.
        found.sort_by_key(|(rank, _)| *rank);
        found.into_iter().map(|(_, item)| item).collect()
    }

    /// Checks an applicant's choice of items: every code must be in the catalogue (the first
    /// one that is not is the error, with its `position` from 1), a code chosen twice counts
    /// once (the first place is kept), and at least one item must be chosen.
    pub fn validate(&self, codes: &[&str]) -> Result<Selection> {
        let mut seen = HashSet::new();
        let mut items = Vec::new();
        for (i, input) in codes.iter().enumerate() {
            let code = ScopeCode::parse(input).map_err(|e| e.with("position", i + 1))?;
            let item = self
                .items
                .get(&code)
                .ok_or_else(|| Error::new(Code::ScopeUnknown).with("code", &code).with("position", i + 1))?;
            if seen.insert(code) {
                items.push(item.clone());
            }
        }
        if items.is_empty() {
            return Err(Error::new(Code::ScopeEmpty));
        }
        Ok(Selection { items })
    }
}

/// A validated business scope: the chosen items in the applicant's order, without repeats,
/// at least one.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Selection {
    items: Vec<ScopeItem>,
}

impl Selection {
    /// The chosen items, in the applicant's order.
    pub fn items(&self) -> &[ScopeItem] {
        &self.items
    }

    pub fn codes(&self) -> Vec<&ScopeCode> {
        self.items.iter().map(|i| &i.code).collect()
    }

    /// The items of one category, in the applicant's order.
    pub fn of(&self, category: ScopeCategory) -> impl Iterator<Item = &ScopeItem> {
        self.items.iter().filter(move |i| i.category == category)
    }

    /// The registered wording as business licences print it: the general items after 一般项目：,
    /// separated by ；, then their note; then the licensed items after 许可项目： and theirs. A
    /// category with no item is left out.
    pub fn render_zh(&self) -> String {
        let mut out = String::new();
        for (category, note) in [(ScopeCategory::General, GENERAL_NOTE), (ScopeCategory::Licensed, LICENSED_NOTE)] {
            let wordings: Vec<&str> = self.of(category).map(|i| i.wording.as_str()).collect();
            if wordings.is_empty() {
                continue;
            }
            out.push_str(category.zh());
            out.push('：');
            out.push_str(&wordings.join("；"));
            out.push_str(note);
        }
        out
    }

    /// The licences the licensed items call for, each once (by licence and department), in
    /// the order the items first call for them.
    pub fn licences(&self) -> Vec<&Licence> {
        let mut seen = HashSet::new();
        self.items
            .iter()
            .flat_map(|i| i.licences.iter())
            .filter(|l| seen.insert((l.name.as_str(), l.department.as_str())))
            .collect()
    }
}

/// Reads a catalogue table from rows of text: a header naming at least the columns `code`,
/// `category`, `wording` and `industry` (or 代码, 类别, 规范表述, 行业代码), and optionally
/// `licence`, `department` and `basis` (许可证件, 审批部门, 法律依据); other columns are
/// ignored. Then one item per row; several licences of an item are separated by `|`, one for
/// one in the three licence columns. Blank rows and rows whose first cell starts with `#`
/// (comments, also before the header) are skipped. Every row is checked; the first bad row is
/// the error, with its `line`.
///
/// `rows` yields (line number, cells), as for [`crate::industry::parse_industry_rows`].
pub fn parse_scope_rows(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Result<Vec<ScopeItem>> {
    let is_skipped = |cells: &[String]| {
        cells.iter().all(|c| c.trim().is_empty()) || cells.first().is_some_and(|c| c.trim_start().starts_with('#'))
    };
    let mut rows = rows.into_iter().filter(|(_, cells)| !is_skipped(cells));
    let (_, header) = rows.next().ok_or_else(|| Error::new(Code::FileEmpty))?;
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()));
    let (Some(code_col), Some(category_col), Some(wording_col), Some(industry_col)) = (
        find(&["code", "代码"]),
        find(&["category", "类别"]),
        find(&["wording", "规范表述"]),
        find(&["industry", "行业代码"]),
    ) else {
        return Err(Error::new(Code::FileHeader)
            .with("expected", "code\tcategory\twording\tindustry\tlicence\tdepartment\tbasis")
            .with("found", header.join("\t")));
    };
    let licence_cols =
        [find(&["licence", "license", "许可证件"]), find(&["department", "审批部门"]), find(&["basis", "法律依据"])];

    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for (line, cells) in rows {
        let cell = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
        let code = ScopeCode::parse(cell(code_col)).map_err(|e| e.with("line", line))?;
        if !seen.insert(code.clone()) {
            return Err(Error::new(Code::ScopeDuplicate).with("code", code).with("line", line));
        }
        let category = ScopeCategory::parse(cell(category_col)).ok_or_else(|| {
            Error::new(Code::ScopeCategory).with("code", &code).with("category", cell(category_col)).with("line", line)
        })?;
        let wording = cell(wording_col);
        if wording.is_empty() {
            return Err(Error::new(Code::ScopeWordingMissing).with("code", code).with("line", line));
        }
        let industry =
            IndustryCode::parse_form(cell(industry_col)).map_err(|e| e.with("item", &code).with("line", line))?;
        let [names, departments, bases] = licence_cols.map(|col| col.map(cell).unwrap_or(""));
        let licences = match category {
            ScopeCategory::General => {
                if [names, departments, bases].iter().any(|s| !s.is_empty()) {
                    return Err(Error::new(Code::ScopeLicenceUnexpected).with("code", code).with("line", line));
                }
                Vec::new()
            }
            ScopeCategory::Licensed => {
                let split = |s: &str| s.split('|').map(str::trim).map(str::to_string).collect::<Vec<_>>();
                let (names, departments, bases) = (split(names), split(departments), split(bases));
                let complete = names.len() == departments.len()
                    && names.len() == bases.len()
                    && names.iter().chain(&departments).chain(&bases).all(|s| !s.is_empty());
                if !complete {
                    return Err(Error::new(Code::ScopeLicenceMissing).with("code", code).with("line", line));
                }
                names
                    .into_iter()
                    .zip(departments)
                    .zip(bases)
                    .map(|((name, department), basis)| Licence { name, department, basis })
                    .collect()
            }
        };
        out.push(ScopeItem { code, wording: wording.to_string(), category, industry, licences });
    }
    if out.is_empty() {
        return Err(Error::new(Code::FileEmpty));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::industry::IndustryLevel;

    fn cat() -> &'static ScopeCatalogue {
        ScopeCatalogue::builtin()
    }

    /// The code of the item with this wording in the shipped catalogue.
    fn code_of(wording: &str) -> &'static str {
        cat().items().find(|i| i.wording == wording).unwrap_or_else(|| panic!("{wording} missing")).code.as_str()
    }

    #[test]
    fn builtin_parses_and_is_sorted() {
        let text = include_str!("../data/business-scope.tsv");
        assert!(text.starts_with("# "), "the file opens with its source and licence note");
        let codes: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("code\t") && !l.trim().is_empty())
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        let mut sorted = codes.clone();
        sorted.sort();
        assert_eq!(codes, sorted, "the data file is sorted by code");
        let n = cat().len();
        assert!(n >= 200, "{n} items");
        assert_eq!(codes.len(), n);
        let licensed = cat().items().filter(|i| i.category == ScopeCategory::Licensed).count();
        assert!(licensed >= 50 && n - licensed >= 150, "{licensed} licensed of {n}");
    }

    #[test]
    fn builtin_codes_follow_shijians_scheme_and_industries_exist() {
        let industries = IndustryCatalogue::builtin();
        for item in cat().items() {
            let c = item.code.as_str();
            assert!(c.len() == 5 && c[1..].bytes().all(|b| b.is_ascii_digit()), "{c}");
            let ind = industries.get(item.industry).unwrap_or_else(|| panic!("{c}: industry {}", item.industry));
            assert!(matches!(ind.code.level(), IndustryLevel::Section | IndustryLevel::Division), "{c}");
            // The code's letter is the section of the industry it was assigned under.
            let section = industries.chain(item.industry).last().unwrap().code;
            assert_eq!(&c[..1], section.as_str(), "{c} {}", item.wording);
            match item.category {
                ScopeCategory::General => assert!(item.licences.is_empty(), "{c}"),
                ScopeCategory::Licensed => assert!(!item.licences.is_empty(), "{c}"),
            }
        }
    }

    #[test]
    fn builtin_covers_the_common_industries_with_their_legal_bases() {
        let basis = |wording: &str| {
            let item = cat().get(code_of(wording)).unwrap();
            assert_eq!(item.category, ScopeCategory::Licensed, "{wording}");
            item.licences.iter().map(|l| format!("{}/{}", l.name, l.basis)).collect::<Vec<_>>().join("+")
        };
        assert_eq!(basis("餐饮服务"), "食品经营许可/中华人民共和国食品安全法 第三十五条");
        assert_eq!(basis("食品销售"), "食品经营许可/中华人民共和国食品安全法 第三十五条");
        assert_eq!(basis("道路货物运输（不含危险货物）"), "道路运输经营许可/中华人民共和国道路运输条例");
        assert_eq!(basis("危险化学品经营"), "危险化学品经营许可/危险化学品安全管理条例 第三十三条");
        assert_eq!(basis("药品零售"), "药品经营许可/中华人民共和国药品管理法 第五十一条");
        assert!(basis("特种设备安装改造修理").contains("特种设备安全法"));
        assert_eq!(
            basis("住宿服务"),
            "特种行业许可（旅馆业）/旅馆业治安管理办法+公共场所卫生许可/公共场所卫生管理条例"
        );
        for general in [
            "日用百货销售",
            "食品销售（仅销售预包装食品）",
            "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
            "软件开发",
            "物业管理",
            "房地产经纪",
            "家政服务",
            "广告设计、代理",
            "机动车修理和维护",
            "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
            "业务培训（不含教育培训、职业技能培训等需取得许可的培训）",
            "美甲服务",
            "蔬菜种植",
            "企业管理咨询",
        ] {
            assert_eq!(cat().get(code_of(general)).unwrap().category, ScopeCategory::General, "{general}");
        }
    }

    #[test]
    fn get_folds_pasted_codes() {
        let code = code_of("餐饮服务");
        let pasted: String = code.to_lowercase();
        assert_eq!(cat().get(&pasted).unwrap().wording, "餐饮服务");
        assert_eq!(cat().get(&format!(" {code}\u{3000}")).unwrap().wording, "餐饮服务");
        assert!(cat().get("Z9999").is_none());
        assert!(cat().get("餐饮").is_none());
    }

    #[test]
    fn search_finds_substrings_exact_match_first() {
        let found: Vec<&str> = cat().search("食品销售").iter().map(|i| i.wording.as_str()).collect();
        assert_eq!(found.first(), Some(&"食品销售"));
        assert!(found.contains(&"食品销售（仅销售预包装食品）"));
        assert!(found.iter().all(|w| w.contains("食品销售")));
        let software: Vec<&str> = cat().search("软件").iter().map(|i| i.wording.as_str()).collect();
        assert!(software.contains(&"软件开发") && software.contains(&"软件销售"), "{software:?}");
        assert!(cat().search("  ").is_empty());
        assert!(cat().search("不存在的表述").is_empty());
    }

    #[test]
    fn validate_dedups_and_renders_as_licences_print() {
        let codes = [
            code_of("日用百货销售"),
            code_of("餐饮服务"),
            code_of("软件开发"),
            code_of("日用百货销售"),
            code_of("食品销售"),
        ];
        let sel = cat().validate(&codes).unwrap();
        assert_eq!(sel.items().len(), 4);
        assert_eq!(
            sel.render_zh(),
            "一般项目：日用百货销售；软件开发（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）\
             许可项目：餐饮服务；食品销售（依法须经批准的项目，经相关部门批准后方可开展经营活动，\
             具体经营项目以相关部门批准文件或许可证件为准）"
        );
        // 餐饮服务 and 食品销售 call for the same licence: listed once.
        let licences: Vec<&str> = sel.licences().iter().map(|l| l.name.as_str()).collect();
        assert_eq!(licences, ["食品经营许可"]);
        assert_eq!(sel.licences()[0].department, "市场监督管理部门");

        let only_general = cat().validate(&[code_of("家政服务")]).unwrap();
        assert_eq!(only_general.render_zh(), format!("一般项目：家政服务{GENERAL_NOTE}"));
        assert!(only_general.licences().is_empty());
        let only_licensed = cat().validate(&[code_of("住宿服务")]).unwrap();
        assert_eq!(only_licensed.render_zh(), format!("许可项目：住宿服务{LICENSED_NOTE}"));
        assert_eq!(only_licensed.licences().len(), 2);
    }

    #[test]
    fn validate_refuses_unknown_malformed_and_empty() {
        let ok = code_of("软件开发");
        let e = cat().validate(&[ok, "Z9999"]).unwrap_err();
        assert_eq!((e.code(), e.detail("code"), e.detail("position")), (Code::ScopeUnknown, Some("Z9999"), Some("2")));
        let e = cat().validate(&["软件开发"]).unwrap_err();
        assert_eq!((e.code(), e.detail("position")), (Code::ScopeCodeForm, Some("1")));
        assert_eq!(cat().validate(&[]).unwrap_err().code(), Code::ScopeEmpty);
    }

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect())).collect()
    }

    const HEADER: &str = "# a comment\ncode\tcategory\twording\tindustry\tlicence\tdepartment\tbasis\n";

    #[test]
    fn import_replaces_and_adds() {
        let text = format!(
            "{HEADER}# comment rows are skipped\n\
             {}\tgeneral\t热干面制售（示例）\t62\t\t\t\n\
             9001\t许可项目\t小餐饮（示例）\t62\t食品经营许可\t市场监督管理部门\t湖北省地方性法规（示例）\n\n",
            code_of("家政服务")
        );
        let imported = parse_scope_rows(rows(&text)).unwrap();
        assert_eq!(imported.len(), 2);
        let industries = IndustryCatalogue::builtin();
        let cat2 = cat().with_imported(imported.clone(), &industries).unwrap();
        assert_eq!(cat2.len(), cat().len() + 1);
        assert_eq!(cat2.get(code_of("家政服务")).unwrap().wording, "热干面制售（示例）");
        assert_eq!(cat2.get("9001").unwrap().category, ScopeCategory::Licensed);
        let replaced = ScopeCatalogue::new(imported, &industries).unwrap();
        assert_eq!(replaced.len(), 2);
        // Chinese headers, and no licence columns at all for general items.
        let items = parse_scope_rows(rows("代码\t类别\t规范表述\t行业代码\nX1\t一般项目\t示例\tF\n")).unwrap();
        assert_eq!((items[0].category, items[0].industry.as_str()), (ScopeCategory::General, "F"));
    }

    #[test]
    fn import_refuses_bad_rows_with_their_line() {
        let check = |body: &str, code: Code, line: Option<&str>| {
            let e = parse_scope_rows(rows(&format!("{HEADER}{body}"))).unwrap_err();
            assert_eq!((e.code(), e.detail("line")), (code, line), "{body}");
        };
        check("X1\tgeneral\t甲\t62\t\t\t\nx-1\tgeneral\t乙\t62\t\t\t\n", Code::ScopeDuplicate, Some("4"));
        check("X\tgeneral\t甲\t62\t\t\t\n", Code::ScopeCodeForm, Some("3"));
        check("X1\tspecial\t甲\t62\t\t\t\n", Code::ScopeCategory, Some("3"));
        check("X1\tgeneral\t \t62\t\t\t\n", Code::ScopeWordingMissing, Some("3"));
        check("X1\tgeneral\t甲\t6\t\t\t\n", Code::IndustryForm, Some("3"));
        check("X1\tgeneral\t甲\t62\t食品经营许可\t\t\n", Code::ScopeLicenceUnexpected, Some("3"));
        check("X1\tlicensed\t甲\t62\t食品经营许可\t市场监督管理部门\t\n", Code::ScopeLicenceMissing, Some("3"));
        check("X1\tlicensed\t甲\t62\tA|B\t部门\t依据|依据\n", Code::ScopeLicenceMissing, Some("3"));
        check("", Code::FileEmpty, None);
        let e = parse_scope_rows(rows("foo\tbar\nX1\tgeneral\n")).unwrap_err();
        assert_eq!(e.code(), Code::FileHeader);

        // Checked against the catalogue: the industry must exist, wordings must be unique.
        let industries = IndustryCatalogue::builtin();
        let items = parse_scope_rows(rows(&format!("{HEADER}X1\tgeneral\t甲\t98\t\t\t\n"))).unwrap();
        let e = ScopeCatalogue::new(items, &industries).unwrap_err();
        assert_eq!((e.code(), e.detail("item")), (Code::IndustryUnknown, Some("X1")));
        let items = parse_scope_rows(rows(&format!("{HEADER}X1\tgeneral\t软件开发\t65\t\t\t\n"))).unwrap();
        let e = cat().with_imported(items, &industries).unwrap_err();
        assert_eq!((e.code(), e.detail("code")), (Code::ScopeWordingDuplicate, Some("X1")));
    }
}
