//! The industry classification (国民经济行业分类), GB/T 4754-2017.
//!
//! Four levels: 门类 (section, a letter A–T), 大类 (division, 2 digits), 中类 (group, 3 digits)
//! and 小类 (class, 4 digits). The program ships the 20 sections and 97 divisions, written from
//! the standard; the full table (about 1,380 classes) is imported by an administrator from the
//! official file (`shijian industry import FILE`) and kept in the database.
//!
//! A division's section is fixed by the standard's ranges (01–05 → A, 06–12 → B, …); a group's
//! parent is its first two digits, a class's its first three.

use std::collections::BTreeMap;
use std::fmt;

use crate::error::{Code, Error, Result};

/// The level of a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndustryLevel {
    /// 门类
    Section,
    /// 大类
    Division,
    /// 中类
    Group,
    /// 小类
    Class,
}

impl IndustryLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            IndustryLevel::Section => "section",
            IndustryLevel::Division => "division",
            IndustryLevel::Group => "group",
            IndustryLevel::Class => "class",
        }
    }

    /// The standard's Chinese name of the level.
    pub fn zh(self) -> &'static str {
        match self {
            IndustryLevel::Section => "门类",
            IndustryLevel::Division => "大类",
            IndustryLevel::Group => "中类",
            IndustryLevel::Class => "小类",
        }
    }
}

/// A code of well-formed shape: a section letter A–T or 2–4 digits. Whether it is in the
/// classification is a question for an [`IndustryCatalogue`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndustryCode {
    bytes: [u8; 4],
    len: u8,
}

impl IndustryCode {
    /// Checks the form only. GB/T 4754-2017 §4: sections are letters A–T, divisions, groups and
    /// classes 2, 3 and 4 digits.
    pub fn parse_form(input: &str) -> Result<IndustryCode> {
        let s = input.trim();
        let b = s.as_bytes();
        let ok = match b.len() {
            1 => (b'A'..=b'T').contains(&b[0]),
            2..=4 => b.iter().all(u8::is_ascii_digit) && &s[..2] != "00",
            _ => false,
        };
        if !ok {
            return Err(Error::new(Code::IndustryForm).with("input", s));
        }
        let mut bytes = [0u8; 4];
        bytes[..b.len()].copy_from_slice(b);
        Ok(IndustryCode { bytes, len: b.len() as u8 })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }

    pub fn level(&self) -> IndustryLevel {
        match self.len {
            1 => IndustryLevel::Section,
            2 => IndustryLevel::Division,
            3 => IndustryLevel::Group,
            _ => IndustryLevel::Class,
        }
    }

    /// The parent code by the standard's rules, or `None` for a section.
    pub fn parent(&self) -> Option<IndustryCode> {
        match self.len {
            1 => None,
            2 => {
                let n: u32 = self.as_str().parse().ok()?;
                SECTION_RANGES
                    .iter()
                    .find(|(_, lo, hi)| (*lo..=*hi).contains(&n))
                    .and_then(|(letter, _, _)| IndustryCode::parse_form(&letter.to_string()).ok())
            }
            n => IndustryCode::parse_form(&self.as_str()[..usize::from(n) - 1]).ok(),
        }
    }
}

impl fmt::Display for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for IndustryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IndustryCode({})", self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for IndustryCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<IndustryCode, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        IndustryCode::parse_form(&s).map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for IndustryCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The division ranges of each section, GB/T 4754-2017 table 1.
const SECTION_RANGES: &[(char, u32, u32)] = &[
    ('A', 1, 5),
    ('B', 6, 12),
    ('C', 13, 43),
    ('D', 44, 46),
    ('E', 47, 50),
    ('F', 51, 52),
    ('G', 53, 60),
    ('H', 61, 62),
    ('I', 63, 65),
    ('J', 66, 69),
    ('K', 70, 70),
    ('L', 71, 72),
    ('M', 73, 75),
    ('N', 76, 79),
    ('O', 80, 82),
    ('P', 83, 83),
    ('Q', 84, 85),
    ('R', 86, 90),
    ('S', 91, 96),
    ('T', 97, 97),
];

/// The 20 sections (门类) and 97 divisions (大类) of GB/T 4754-2017.
const BUILTIN: &[(&str, &str)] = &[
    ("A", "农、林、牧、渔业"),
    ("01", "农业"),
    ("02", "林业"),
    ("03", "畜牧业"),
    ("04", "渔业"),
    ("05", "农、林、牧、渔专业及辅助性活动"),
    ("B", "采矿业"),
    ("06", "煤炭开采和洗选业"),
    ("07", "石油和天然气开采业"),
    ("08", "黑色金属矿采选业"),
    ("09", "有色金属矿采选业"),
    ("10", "非金属矿采选业"),
    ("11", "开采专业及辅助性活动"),
    ("12", "其他采矿业"),
    ("C", "制造业"),
    ("13", "农副食品加工业"),
    ("14", "食品制造业"),
    ("15", "酒、饮料和精制茶制造业"),
    ("16", "烟草制品业"),
    ("17", "纺织业"),
    ("18", "纺织服装、服饰业"),
    ("19", "皮革、毛皮、羽毛及其制品和制鞋业"),
    ("20", "木材加工和木、竹、藤、棕、草制品业"),
    ("21", "家具制造业"),
    ("22", "造纸和纸制品业"),
    ("23", "印刷和记录媒介复制业"),
    ("24", "文教、工美、体育和娱乐用品制造业"),
    ("25", "石油、煤炭及其他燃料加工业"),
    ("26", "化学原料和化学制品制造业"),
    ("27", "医药制造业"),
    ("28", "化学纤维制造业"),
    ("29", "橡胶和塑料制品业"),
    ("30", "非金属矿物制品业"),
    ("31", "黑色金属冶炼和压延加工业"),
    ("32", "有色金属冶炼和压延加工业"),
    ("33", "金属制品业"),
    ("34", "通用设备制造业"),
    ("35", "专用设备制造业"),
    ("36", "汽车制造业"),
    ("37", "铁路、船舶、航空航天和其他运输设备制造业"),
    ("38", "电气机械和器材制造业"),
    ("39", "计算机、通信和其他电子设备制造业"),
    ("40", "仪器仪表制造业"),
    ("41", "其他制造业"),
    ("42", "废弃资源综合利用业"),
    ("43", "金属制品、机械和设备修理业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("44", "电力、热力生产和供应业"),
    ("45", "燃气生产和供应业"),
    ("46", "水的生产和供应业"),
    ("E", "建筑业"),
    ("47", "房屋建筑业"),
    ("48", "土木工程建筑业"),
    ("49", "建筑安装业"),
    ("50", "建筑装饰、装修和其他建筑业"),
    ("F", "批发和零售业"),
    ("51", "批发业"),
    ("52", "零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("53", "铁路运输业"),
    ("54", "道路运输业"),
    ("55", "水上运输业"),
    ("56", "航空运输业"),
    ("57", "管道运输业"),
    ("58", "多式联运和运输代理业"),
    ("59", "装卸搬运和仓储业"),
    ("60", "邮政业"),
    ("H", "住宿和餐饮业"),
    ("61", "住宿业"),
    ("62", "餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("63", "电信、广播电视和卫星传输服务"),
    ("64", "互联网和相关服务"),
    ("65", "软件和信息技术服务业"),
    ("J", "金融业"),
    ("66", "货币金融服务"),
    ("67", "资本市场服务"),
    ("68", "保险业"),
    ("69", "其他金融业"),
    ("K", "房地产业"),
    ("70", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("71", "租赁业"),
    ("72", "商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("73", "研究和试验发展"),
    ("74", "专业技术服务业"),
    ("75", "科技推广和应用服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("76", "水利管理业"),
    ("77", "生态保护和环境治理业"),
    ("78", "公共设施管理业"),
    ("79", "土地管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("80", "居民服务业"),
    ("81", "机动车、电子产品和日用产品修理业"),
    ("82", "其他服务业"),
    ("P", "教育"),
    ("83", "教育"),
    ("Q", "卫生和社会工作"),
    ("84", "卫生"),
    ("85", "社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("86", "新闻和出版业"),
    ("87", "广播、电视、电影和录音制作业"),
    ("88", "文化艺术业"),
    ("89", "体育"),
    ("90", "娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("91", "中国共产党机关"),
    ("92", "国家机构"),
    ("93", "人民政协、民主党派"),
    ("94", "社会保障"),
    ("95", "群众团体、社会团体和其他成员组织"),
    ("96", "基层群众自治组织及其他组织"),
    ("T", "国际组织"),
    ("97", "国际组织"),
];

/// One entry of the classification.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Industry {
    pub code: IndustryCode,
    pub name: String,
}

impl Industry {
    pub fn level(&self) -> IndustryLevel {
        self.code.level()
    }
}

/// The classification in force: the shipped sections and divisions, overlaid with an imported
/// official table.
#[derive(Clone, Debug)]
pub struct IndustryCatalogue {
    entries: BTreeMap<IndustryCode, Industry>,
}

impl Default for IndustryCatalogue {
    fn default() -> Self {
        IndustryCatalogue::builtin()
    }
}

impl IndustryCatalogue {
    /// The 20 sections and 97 divisions shipped with the program.
    pub fn builtin() -> IndustryCatalogue {
        let entries = BUILTIN
            .iter()
            .filter_map(|(code, name)| {
                let code = IndustryCode::parse_form(code).ok()?;
                Some((code, Industry { code, name: (*name).to_string() }))
            })
            .collect();
        IndustryCatalogue { entries }
    }

    /// The built-in table overlaid with `imported` (an imported name replaces a built-in one).
    /// Every imported entry's parent must be in the result.
    pub fn with_imported(imported: impl IntoIterator<Item = Industry>) -> Result<IndustryCatalogue> {
        let mut cat = IndustryCatalogue::builtin();
        for entry in imported {
            cat.entries.insert(entry.code, entry);
        }
        for entry in cat.entries.values() {
            if let Some(parent) = entry.code.parent()
                && !cat.entries.contains_key(&parent)
            {
                return Err(Error::new(Code::IndustryParentMissing).with("code", entry.code).with("parent", parent));
            }
        }
        Ok(cat)
    }

    /// Parses a code that is in the classification.
    pub fn parse(&self, input: &str) -> Result<IndustryCode> {
        let code = IndustryCode::parse_form(input)?;
        if self.entries.contains_key(&code) {
            Ok(code)
        } else {
            Err(Error::new(Code::IndustryUnknown).with("code", code))
        }
    }

    pub fn get(&self, code: IndustryCode) -> Option<&Industry> {
        self.entries.get(&code)
    }

    /// The entry and its parents up to the section.
    pub fn chain(&self, code: IndustryCode) -> Vec<&Industry> {
        let mut out = Vec::new();
        let mut cur = Some(code);
        while let Some(c) = cur {
            match self.entries.get(&c) {
                Some(e) => out.push(e),
                None => break,
            }
            cur = c.parent();
        }
        out
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Industry> {
        self.entries.values()
    }

    /// Counts per level: (sections, divisions, groups, classes).
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for e in self.entries.values() {
            n[e.level() as usize] += 1;
        }
        n
    }
}

/// Reads an official table from rows of text: a header naming at least the columns `code`
/// and `name` (or 代码 and 名称; other columns are ignored), then one entry per row. Every
/// row is checked; the first bad row is the error, with its `line`. Blank rows are skipped.
///
/// `rows` yields (line number, cells).
pub fn parse_industry_rows(rows: impl IntoIterator<Item = (usize, Vec<String>)>) -> Result<Vec<Industry>> {
    let mut rows = rows.into_iter();
    let (_, header) = rows.next().ok_or_else(|| Error::new(Code::FileEmpty))?;
    let find = |names: &[&str]| header.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()));
    let (Some(code_col), Some(name_col)) = (find(&["code", "代码"]), find(&["name", "名称"])) else {
        return Err(Error::new(Code::FileHeader).with("expected", "code\tname").with("found", header.join("\t")));
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (line, cells) in rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| cells.get(i).map(|s| s.trim()).unwrap_or("");
        let code = IndustryCode::parse_form(cell(code_col)).map_err(|e| e.with("line", line))?;
        let name = cell(name_col);
        if name.is_empty() {
            return Err(Error::new(Code::IndustryNameMissing).with("code", code).with("line", line));
        }
        if !seen.insert(code) {
            return Err(Error::new(Code::IndustryForm)
                .with("input", code)
                .with("line", line)
                .with("reason", "duplicate"));
        }
        out.push(Industry { code, name: name.to_string() });
    }
    if out.is_empty() {
        return Err(Error::new(Code::FileEmpty));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_20_sections_and_97_divisions() {
        let cat = IndustryCatalogue::builtin();
        assert_eq!(cat.counts(), [20, 97, 0, 0]);
        // Every division's section by range is the section it is listed under.
        let mut section = None;
        for (code, _) in BUILTIN {
            let c = IndustryCode::parse_form(code).unwrap();
            match c.level() {
                IndustryLevel::Section => section = Some(c),
                _ => assert_eq!(c.parent(), section, "{code}"),
            }
        }
    }

    #[test]
    fn parents_follow_the_standard() {
        let p = |s: &str| IndustryCode::parse_form(s).unwrap();
        assert_eq!(p("3741").parent(), Some(p("374")));
        assert_eq!(p("374").parent(), Some(p("37")));
        assert_eq!(p("37").parent(), Some(p("C")));
        assert_eq!(p("70").parent(), Some(p("K")));
        assert_eq!(p("C").parent(), None);
        assert_eq!(p("3741").level(), IndustryLevel::Class);
    }

    #[test]
    fn bad_forms_are_errors() {
        for bad in ["", "U", "c", "1", "00", "12345", "1A", "AB"] {
            assert_eq!(IndustryCode::parse_form(bad).unwrap_err().code(), Code::IndustryForm, "{bad:?}");
        }
        let cat = IndustryCatalogue::builtin();
        assert_eq!(cat.parse("98").unwrap_err().code(), Code::IndustryUnknown);
        assert_eq!(cat.parse("3741").unwrap_err().code(), Code::IndustryUnknown);
        assert_eq!(cat.parse("62").unwrap().as_str(), "62");
    }

    fn rows(text: &str) -> Vec<(usize, Vec<String>)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect())).collect()
    }

    #[test]
    fn import_adds_groups_and_classes() {
        let imported =
            parse_industry_rows(rows("code\tname\n621\t正餐服务\n6210\t正餐服务\n622\t快餐服务\n6220\t快餐服务\n"))
                .unwrap();
        let cat = IndustryCatalogue::with_imported(imported).unwrap();
        let chain: Vec<_> = cat.chain(cat.parse("6210").unwrap()).iter().map(|e| e.code.to_string()).collect();
        assert_eq!(chain, ["6210", "621", "62", "H"]);
        assert_eq!(cat.counts(), [20, 97, 2, 2]);
    }

    #[test]
    fn import_refuses_bad_rows_with_their_line() {
        let e = parse_industry_rows(rows("code\tname\n621\t正餐服务\n62x\t坏\n")).unwrap_err();
        assert_eq!((e.code(), e.detail("line")), (Code::IndustryForm, Some("3")));
        let e = parse_industry_rows(rows("code\tname\n621\t\n")).unwrap_err();
        assert_eq!((e.code(), e.detail("line")), (Code::IndustryNameMissing, Some("2")));
        let e = parse_industry_rows(rows("foo\tbar\n621\tx\n")).unwrap_err();
        assert_eq!(e.code(), Code::FileHeader);
        let imported = parse_industry_rows(rows("code\tname\n6210\t正餐服务\n")).unwrap();
        let e = IndustryCatalogue::with_imported(imported).unwrap_err();
        assert_eq!((e.code(), e.detail("parent")), (Code::IndustryParentMissing, Some("621")));
    }

    /// The shipped sections and divisions agree with the reference copy of the standard kept
    /// beside the project (not shipped), and the whole reference table imports.
    #[test]
    fn agrees_with_the_reference_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data/reference/gbt4754-2017.tsv");
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("SKIPPED: reference table {path} not present");
            return;
        };
        let data: Vec<(usize, Vec<String>)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
            .map(|(i, l)| (i + 1, l.split('\t').map(str::to_string).collect()))
            .collect();
        let imported = parse_industry_rows(data).unwrap();
        let builtin = IndustryCatalogue::builtin();
        for entry in imported.iter().filter(|e| e.level() <= IndustryLevel::Division) {
            let ours = builtin.get(entry.code).unwrap_or_else(|| panic!("{} missing", entry.code));
            assert_eq!(ours.name, entry.name, "{}", entry.code);
        }
        let cat = IndustryCatalogue::with_imported(imported).unwrap();
        assert_eq!(cat.counts(), [20, 97, 473, 1381]);
    }
}
