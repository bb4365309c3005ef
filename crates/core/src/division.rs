//! Administrative divisions (行政区划), GB/T 2260.
//!
//! The national list ships with the program (`data/divisions-gbt2260.tsv`, 3,211 units: the
//! province-level, prefecture-level and county-level units in force at the end of 2025). A
//! [`DivisionCode`] can only be made for a code in that list; codes that have since been
//! abolished still occur inside older identifiers, and those parsers check only their form.
//!
//! Jurisdiction in shijian is a division: a province, a prefecture-level unit or a county-level
//! unit. A unit's jurisdiction contains itself and every unit below it.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use crate::error::{Code, Error, Result};

/// The level of a unit in the hierarchy (not its administrative rank).
///
/// Hubei's four province-administered county-level units (仙桃 429004, 潜江 429005, 天门 429006,
/// 神农架林区 429021) sit directly under the province, so their tier is `Prefecture`, although
/// their rank is county-level: they are counted among Hubei's 17 prefecture-level units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 省级: province, autonomous region, municipality, special administrative region.
    Province,
    /// 地级: prefecture-level city, prefecture, autonomous prefecture, league, and units
    /// administered directly by a province.
    Prefecture,
    /// 县级: county, county-level city, district, banner.
    County,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Province => "province",
            Tier::Prefecture => "prefecture",
            Tier::County => "county",
        }
    }
}

/// One unit of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Division {
    pub code: DivisionCode,
    /// The official name, e.g. 江岸区.
    pub name: &'static str,
    pub parent: Option<DivisionCode>,
    /// The administrative type as listed (省, 地级市, 市辖区, 县级市, 林区, ...).
    pub kind: &'static str,
    pub tier: Tier,
}

/// A GB/T 2260 division code that is in the shipped list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DivisionCode(u32);

/// The two-digit province codes of GB/T 2260 (including 71 台湾, 81 香港, 82 澳门).
const PROVINCE_PREFIXES: &[u32] = &[
    11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
    64, 65, 71, 81, 82,
];

struct Table {
    units: Vec<Division>,
    by_code: HashMap<u32, usize>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let text: &'static str = include_str!("../data/divisions-gbt2260.tsv");
    let mut units = Vec::with_capacity(3300);
    for line in text.lines() {
        if line.starts_with('#') || line.starts_with("code\t") || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&'static str> = line.split('\t').collect();
        // The shipped file is checked by the tests below; a malformed line is a build bug.
        let code: u32 = f[0].parse().expect("division data: code");
        let parent =
            if f[2].is_empty() { None } else { Some(DivisionCode(f[2].parse().expect("division data: parent"))) };
        let tier = match f[4] {
            "0" => Tier::Province,
            "1" => Tier::Prefecture,
            _ => Tier::County,
        };
        units.push(Division { code: DivisionCode(code), name: f[1], parent, kind: f[3], tier });
    }
    let by_code = units.iter().enumerate().map(|(i, d)| (d.code.0, i)).collect();
    Table { units, by_code }
});

/// True when `s` has the form of a GB/T 2260 code: six ASCII digits starting with a province
/// code. Used for codes embedded in identifiers, which may name units abolished since.
pub fn has_division_form(s: &str) -> bool {
    s.len() == 6
        && s.bytes().all(|b| b.is_ascii_digit())
        && s[..2].parse::<u32>().is_ok_and(|p| PROVINCE_PREFIXES.contains(&p))
}

impl DivisionCode {
    /// Parses a code in the current list. GB/T 2260.
    pub fn parse(input: &str) -> Result<DivisionCode> {
        let s = input.trim();
        if s.len() != 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::new(Code::DivisionForm).with("input", s));
        }
        let n: u32 = s.parse().map_err(|_| Error::new(Code::DivisionForm).with("input", s))?;
        if TABLE.by_code.contains_key(&n) {
            Ok(DivisionCode(n))
        } else {
            Err(Error::new(Code::DivisionUnknown).with("code", s))
        }
    }

    /// Looks up a code that has the right form; `None` when it is not in the current list.
    pub fn lookup(code: &str) -> Option<DivisionCode> {
        DivisionCode::parse(code).ok()
    }

    pub fn as_u32(self) -> u32 {
        self.0
    }

    /// The unit's entry in the list.
    pub fn division(self) -> &'static Division {
        // A DivisionCode exists only for codes in the table.
        &TABLE.units[TABLE.by_code[&self.0]]
    }

    pub fn name(self) -> &'static str {
        self.division().name
    }

    pub fn tier(self) -> Tier {
        self.division().tier
    }

    pub fn parent(self) -> Option<DivisionCode> {
        self.division().parent
    }

    /// The unit followed by its parents up to the province.
    pub fn chain(self) -> Vec<DivisionCode> {
        let mut out = vec![self];
        let mut cur = self;
        while let Some(p) = cur.parent() {
            out.push(p);
            cur = p;
        }
        out
    }

    /// The place as its market-supervision administration is named: a district under its
    /// city (武汉市洪山区), a county or county-level city (孝昌县), a city or the province alone.
    pub fn authority_place(self) -> String {
        let place = self.name();
        match self.parent() {
            Some(parent) if self.tier() == Tier::County && place.ends_with('区') => {
                format!("{}{place}", parent.name())
            }
            _ => place.to_string(),
        }
    }

    /// The name of the division's market-supervision administration as the publicity system
    /// names the 登记机关 and documents print the issuer: 武汉市洪山区市场监督管理局.
    pub fn authority_name(self) -> String {
        format!("{}市场监督管理局", self.authority_place())
    }

    /// The full name from the province down, e.g. 湖北省武汉市江岸区.
    pub fn full_name(self) -> String {
        self.chain().iter().rev().map(|d| d.name()).collect()
    }

    /// The province-level unit this unit belongs to.
    pub fn province(self) -> DivisionCode {
        *self.chain().last().unwrap_or(&self)
    }

    /// True when `other` is this unit or lies below it: the test of jurisdiction.
    pub fn contains(self, other: DivisionCode) -> bool {
        let mut cur = Some(other);
        while let Some(d) = cur {
            if d == self {
                return true;
            }
            cur = d.parent();
        }
        false
    }

    /// The units directly below this one.
    pub fn children(self) -> Vec<DivisionCode> {
        TABLE.units.iter().filter(|d| d.parent == Some(self)).map(|d| d.code).collect()
    }

    /// Every unit of the list.
    pub fn all() -> impl Iterator<Item = &'static Division> {
        TABLE.units.iter()
    }
}

impl fmt::Display for DivisionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl std::str::FromStr for DivisionCode {
    type Err = Error;
    fn from_str(s: &str) -> Result<DivisionCode> {
        DivisionCode::parse(s)
    }
}

impl<'de> serde::Deserialize<'de> for DivisionCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<DivisionCode, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        DivisionCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

impl serde::Serialize for DivisionCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> DivisionCode {
        DivisionCode::parse(s).unwrap()
    }

    #[test]
    fn ships_the_whole_national_list() {
        assert_eq!(DivisionCode::all().count(), 3211);
        for unit in DivisionCode::all() {
            assert!(has_division_form(&unit.code.to_string()), "{}", unit.code);
            if let Some(p) = unit.parent {
                assert!(TABLE.by_code.contains_key(&p.0), "{} has unknown parent", unit.code);
            }
        }
    }

    #[test]
    fn hubei_has_17_prefecture_level_units_and_103_county_level_units() {
        let hubei = d("420000");
        let prefectures = hubei.children();
        assert_eq!(prefectures.len(), 17);
        for code in ["429004", "429005", "429006", "429021", "422800", "420100"] {
            assert!(prefectures.contains(&d(code)), "{code}");
        }
        let counties: usize =
            prefectures.iter().map(|p| if p.to_string().starts_with("4290") { 1 } else { p.children().len() }).sum();
        assert_eq!(counties, 103);
        assert_eq!(d("420882").name(), "京山市");
        assert_eq!(d("421088").name(), "监利市");
    }

    #[test]
    fn parent_chain_and_full_name() {
        let jiangan = d("420102");
        assert_eq!(jiangan.chain(), vec![d("420102"), d("420100"), d("420000")]);
        assert_eq!(jiangan.full_name(), "湖北省武汉市江岸区");
        assert_eq!(jiangan.tier(), Tier::County);
        assert_eq!(d("429004").parent(), Some(d("420000")));
        assert_eq!(d("429004").tier(), Tier::Prefecture);
        assert!(d("420000").contains(jiangan));
        assert!(d("420100").contains(jiangan));
        assert!(!d("420200").contains(jiangan));
        assert_eq!(jiangan.province(), d("420000"));
    }

    #[test]
    fn rejects_bad_form_and_unknown_codes() {
        assert_eq!(DivisionCode::parse("42010").unwrap_err().code(), Code::DivisionForm);
        assert_eq!(DivisionCode::parse("42O100").unwrap_err().code(), Code::DivisionForm);
        // 429000 is the Ministry's pseudo-entry 省直辖县级行政区划, not a unit.
        assert_eq!(DivisionCode::parse("429000").unwrap_err().code(), Code::DivisionUnknown);
        assert_eq!(DivisionCode::parse("990000").unwrap_err().code(), Code::DivisionUnknown);
    }

    #[test]
    fn form_check_accepts_abolished_codes() {
        // Only the form is checked here; whether the unit still exists is not.
        assert!(has_division_form("422827"));
        assert!(!has_division_form("992827"));
        assert!(!has_division_form("42282A"));
    }
}
