//! The unified social credit code (统一社会信用代码), GB 32100-2015.
//!
//! 18 characters over `0-9A-HJ-NPQRTUWXY` (31 characters: no I, O, Z, S, V):
//!
//! | positions | meaning |
//! |---|---|
//! | 1 | registration authority (登记管理部门码) |
//! | 2 | entity category (机构类别码) |
//! | 3–8 | GB/T 2260 code of the registering authority's location, as it was then |
//! | 9–17 | subject identifier (主体标识码): the GB 11714 organization code, 8 characters + check |
//! | 18 | overall check character |
//!
//! What is an error and what is only a warning follows from how real codes behave: the overall
//! check is reliable and is enforced; the organization-code check fails for some real early
//! codes, so it only warns; the division part never changes after issue, so a unit abolished
//! since is still a valid part (its form is checked, and absence from the current list warns).

use std::fmt;

use crate::division::{DivisionCode, has_division_form};
use crate::error::{Code, Error, Result};
use crate::fold::fold_code;

/// The 31 characters of the code, in value order (GB 32100-2015 §4.1).
pub const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weights of positions 1–17 for the overall check: W_i = 3^(i-1) mod 31
/// (GB 32100-2015 §5).
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The weights of the organization code's eight body characters (GB 11714-1997 §5).
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

/// The value of a character in [`ALPHABET`], or `None`.
fn value(c: u8) -> Option<u32> {
    match c {
        b'0'..=b'9' => Some(u32::from(c - b'0')),
        b'A'..=b'Y' => ALPHABET[10..].iter().position(|&a| a == c).map(|p| p as u32 + 10),
        _ => None,
    }
}

/// The overall check character for the first 17 characters (GB 32100-2015 §5):
/// C18 = ALPHABET[(31 − Σ v(C_i)·W_i mod 31) mod 31].
fn overall_check(first17: &[u8]) -> u8 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(&c, w)| value(c).unwrap_or(0) * w).sum();
    ALPHABET[((31 - sum % 31) % 31) as usize]
}

/// The GB 11714 check character for an 8-character organization-code body: digits keep their
/// value, letters count A=10 … Z=35; C9 = 11 − (Σ mod 11), with 10 written `X` and 11 `0`.
pub fn org_code_check(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .zip(ORG_WEIGHTS)
        .map(|(&c, w)| {
            let v = match c {
                b'0'..=b'9' => u32::from(c - b'0'),
                b'A'..=b'Z' => u32::from(c - b'A') + 10,
                _ => 0,
            };
            v * w
        })
        .sum();
    match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        n => b'0' + n as u8,
    }
}

/// The entity categories listed for one authority: (code, name).
type Categories = &'static [(u8, &'static str)];

/// The registration authorities of GB 32100-2015 table 1, with the entity categories listed
/// for each. `None` for the categories means the authority is legal but this table does not
/// list its categories (so no combination with it is flagged).
///
/// The letter authorities A, N, Y and the later G, J, Q are legal (some libraries reject them
/// because they require digits in positions 1–8). The category lists of A, Y, G, J and Q are
/// not confirmed from the standard's text and are left open.
const AUTHORITIES: &[(u8, &str, Option<Categories>)] = &[
    (
        b'1',
        "机构编制",
        Some(&[(b'1', "机关"), (b'2', "事业单位"), (b'3', "中央编办直接管理机构编制的群众团体"), (b'9', "其他")]),
    ),
    (b'2', "外交", Some(&[(b'1', "外国常驻新闻机构"), (b'9', "其他")])),
    (
        b'3',
        "司法行政",
        Some(&[
            (b'1', "律师执业机构"),
            (b'2', "公证处"),
            (b'3', "基层法律服务所"),
            (b'4', "司法鉴定机构"),
            (b'5', "仲裁委员会"),
            (b'9', "其他"),
        ]),
    ),
    (b'4', "文化", Some(&[(b'1', "外国在华文化中心"), (b'9', "其他")])),
    (b'5', "民政", Some(&[(b'1', "社会团体"), (b'2', "民办非企业单位"), (b'3', "基金会"), (b'9', "其他")])),
    (
        b'6',
        "旅游",
        Some(&[
            (b'1', "外国旅游部门常驻代表机构"),
            (b'2', "港澳台地区旅游部门常驻内地（大陆）代表机构"),
            (b'9', "其他"),
        ]),
    ),
    (b'7', "宗教", Some(&[(b'1', "宗教活动场所"), (b'2', "宗教院校"), (b'9', "其他")])),
    (b'8', "工会", Some(&[(b'1', "基层工会"), (b'9', "其他")])),
    (b'9', "工商（市场监管）", Some(&[(b'1', "企业"), (b'2', "个体工商户"), (b'3', "农民专业合作社")])),
    (b'A', "中央军委改革和编制办公室", None),
    (
        b'N',
        "农业",
        Some(&[(b'1', "组级集体经济组织"), (b'2', "村级集体经济组织"), (b'3', "乡镇级集体经济组织"), (b'9', "其他")]),
    ),
    (b'Y', "其他", None),
    (b'G', "（后增）", None),
    (b'J', "（后增）", None),
    (b'Q', "（后增）", None),
];

/// The division part used by codes issued by national-level authorities (e.g. 国家工商总局):
/// `100000` is not a GB/T 2260 unit but is the established practice for them.
const NATIONAL_DIVISION: &str = "100000";

/// A unified social credit code with a correct overall check character.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uscc([u8; 18]);

/// What parsing found besides the code itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub uscc: Uscc,
    /// Warnings (kind [`crate::ErrorKind::Warning`]): accepted, but worth a look.
    pub warnings: Vec<Error>,
}

impl Uscc {
    /// Parses a code, ignoring warnings. See [`Uscc::parse_with_warnings`].
    pub fn parse(input: &str) -> Result<Uscc> {
        Uscc::parse_with_warnings(input).map(|p| p.uscc)
    }

    /// Normalises (trim, full-width to half-width, upper-case, no spaces or hyphens) and parses
    /// a code under GB 32100-2015.
    ///
    /// Errors: `uscc_length`, `uscc_charset` (naming the position), `uscc_division_form`,
    /// `uscc_check` (naming the expected character). Warnings: `uscc_authority_unlisted`,
    /// `uscc_category_unlisted`, `uscc_division_unlisted`, `uscc_org_code_check`.
    pub fn parse_with_warnings(input: &str) -> Result<Parsed> {
        // Fast path: already canonical (the common case for machine-made input).
        let folded;
        let s: &str = if input.len() == 18 && input.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()) {
            input
        } else {
            folded = fold_code(input);
            &folded
        };
        let n_chars = s.chars().count();
        if n_chars != 18 {
            return Err(Error::new(Code::UsccLength).with("length", n_chars));
        }
        for (i, c) in s.chars().enumerate() {
            if !c.is_ascii() || value(c as u8).is_none() {
                return Err(Error::new(Code::UsccCharset).with("position", i + 1).with("char", c));
            }
        }
        let mut bytes = [0u8; 18];
        bytes.copy_from_slice(s.as_bytes());

        let division = &s[2..8];
        if division != NATIONAL_DIVISION && !has_division_form(division) {
            return Err(Error::new(Code::UsccDivisionForm).with("division", division));
        }
        let expected = overall_check(&bytes[..17]);
        if expected != bytes[17] {
            return Err(Error::new(Code::UsccCheck)
                .with("expected", expected as char)
                .with("found", bytes[17] as char));
        }

        let mut warnings = Vec::new();
        match AUTHORITIES.iter().find(|a| a.0 == bytes[0]) {
            None => warnings.push(Error::new(Code::UsccAuthorityUnlisted).with("authority", bytes[0] as char)),
            Some((_, _, Some(categories))) if !categories.iter().any(|c| c.0 == bytes[1]) => warnings.push(
                Error::new(Code::UsccCategoryUnlisted)
                    .with("authority", bytes[0] as char)
                    .with("category", bytes[1] as char),
            ),
            Some(_) => {}
        }
        if division != NATIONAL_DIVISION && DivisionCode::lookup(division).is_none() {
            warnings.push(Error::new(Code::UsccDivisionUnlisted).with("division", division));
        }
        let org_expected = org_code_check(&bytes[8..16]);
        if org_expected != bytes[16] {
            warnings.push(
                Error::new(Code::UsccOrgCodeCheck)
                    .with("expected", org_expected as char)
                    .with("found", bytes[16] as char),
            );
        }
        Ok(Parsed { uscc: Uscc(bytes), warnings })
    }

    /// Builds a code from its parts, computing both check characters: the organization code's
    /// (GB 11714) and the overall one (GB 32100). `org_body` is the 8-character body of the
    /// subject identifier.
    pub fn compose(authority: char, category: char, division: &str, org_body: &str) -> Result<Uscc> {
        let mut s = String::with_capacity(18);
        s.push(authority);
        s.push(category);
        s.push_str(division);
        s.push_str(org_body);
        if s.len() != 16 || !s.is_ascii() {
            return Err(Error::new(Code::UsccLength).with("length", s.chars().count() + 2));
        }
        s.push(org_code_check(&s.as_bytes()[8..16]) as char);
        let check = overall_check(s.as_bytes());
        s.push(check as char);
        Uscc::parse(&s)
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII bytes from ALPHABET are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// Position 1: the registration authority code.
    pub fn authority(&self) -> char {
        self.0[0] as char
    }

    /// The authority's name in GB 32100-2015 table 1, if listed.
    pub fn authority_name(&self) -> Option<&'static str> {
        AUTHORITIES.iter().find(|a| a.0 == self.0[0]).map(|a| a.1)
    }

    /// Position 2: the entity category code.
    pub fn category(&self) -> char {
        self.0[1] as char
    }

    /// The category's name in GB 32100-2015 table 1, if listed.
    pub fn category_name(&self) -> Option<&'static str> {
        let (_, _, cats) = AUTHORITIES.iter().find(|a| a.0 == self.0[0])?;
        cats.as_ref()?.iter().find(|c| c.0 == self.0[1]).map(|c| c.1)
    }

    /// Positions 3–8: the division code of the registering authority when the code was issued.
    pub fn division_part(&self) -> &str {
        &self.as_str()[2..8]
    }

    /// The division of positions 3–8, if it is in the current list.
    pub fn division(&self) -> Option<DivisionCode> {
        DivisionCode::lookup(self.division_part())
    }

    /// Positions 9–17: the subject identifier, a GB 11714 organization code.
    pub fn organization_code(&self) -> &str {
        &self.as_str()[8..17]
    }

    /// True for codes issued by market supervision (authority 9): enterprises, individual
    /// businesses and farmers' cooperatives.
    pub fn is_market_entity(&self) -> bool {
        self.0[0] == b'9'
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Uscc({})", self.as_str())
    }
}

impl std::str::FromStr for Uscc {
    type Err = Error;
    fn from_str(s: &str) -> Result<Uscc> {
        Uscc::parse(s)
    }
}

impl serde::Serialize for Uscc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Uscc {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Uscc, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Uscc::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(p: &Parsed) -> Vec<&'static str> {
        p.warnings.iter().map(|w| w.code().as_str()).collect()
    }

    /// Real codes published online (collected in python-stdnum's test list): every one must
    /// parse. A selection across authorities 1 and 9, categories 1 and 2, old-style numeric and
    /// post-2015 `MA…` subject identifiers, and check characters that are letters.
    const REAL: &[&str] = &[
        "121200004013590816",
        "91110000600037341L",
        "91110000710926094P",
        "91120224064012553U",
        "9115220107837757XE",
        "91310000631696382C",
        "91310115MA1K3BTP2B",
        "9131012056010553X5",
        "91340600MA2PBM9HXD",
        "91420684MA4927PJ7B",
        "9144030071526726XG",
        "91620105L015101280",
        "91620105MA73NBBLXE",
        "92340602MA2PBMEM24",
        "92340621MA2UK3PJXE",
    ];

    #[test]
    fn real_codes_parse() {
        for code in REAL {
            let p = Uscc::parse_with_warnings(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            assert_eq!(p.uscc.as_str(), *code);
        }
    }

    #[test]
    fn the_example_from_the_documentation_is_valid() {
        let p = Uscc::parse_with_warnings("91420100MA4K2X5T27").unwrap();
        assert_eq!(codes(&p), Vec::<&str>::new());
        assert_eq!(p.uscc.authority(), '9');
        assert_eq!(p.uscc.authority_name(), Some("工商（市场监管）"));
        assert_eq!(p.uscc.category_name(), Some("企业"));
        assert_eq!(p.uscc.division().map(|d| d.name()), Some("武汉市"));
        assert_eq!(p.uscc.organization_code(), "MA4K2X5T2");
    }

    #[test]
    fn normalises_before_parsing() {
        for input in [
            " 91420100ma4k2x5t27 ",
            "９１４２０１００ＭＡ４Ｋ２Ｘ５Ｔ２７",
            "91-420100-MA4K2X5T2-7",
            "9142 0100 MA4K 2X5T 27",
        ] {
            assert_eq!(Uscc::parse(input).unwrap().as_str(), "91420100MA4K2X5T27", "{input}");
        }
    }

    #[test]
    fn wrong_length_is_an_error() {
        let e = Uscc::parse("12345").unwrap_err();
        assert_eq!(e.code(), Code::UsccLength);
        assert_eq!(e.detail("length"), Some("5"));
        assert_eq!(Uscc::parse("").unwrap_err().code(), Code::UsccLength);
        assert_eq!(Uscc::parse("91420100MA4K2X5T271").unwrap_err().code(), Code::UsccLength);
    }

    #[test]
    fn forbidden_characters_name_their_position() {
        // I, O, Z, S, V are not in the alphabet.
        for (bad, pos, ch) in
            [("9111000060003IOZSV", "14", "I"), ("91420100MA4K2X5TO7", "17", "O"), ("9142010。MA4K2X5T27", "8", "。")]
        {
            let e = Uscc::parse(bad).unwrap_err();
            assert_eq!(e.code(), Code::UsccCharset, "{bad}");
            assert_eq!(e.detail("position"), Some(pos), "{bad}");
            assert_eq!(e.detail("char"), Some(ch), "{bad}");
        }
    }

    #[test]
    fn wrong_overall_check_names_the_expected_character() {
        let e = Uscc::parse("91110000600037341N").unwrap_err();
        assert_eq!(e.code(), Code::UsccCheck);
        assert_eq!(e.detail("expected"), Some("L"));
        assert_eq!(e.detail("found"), Some("N"));
        // Real early-pilot codes that fail the overall check are rejected (they fail everywhere).
        for code in ["91350211M00013FA1N", "91350200M000000510", "91350128M00000019A"] {
            assert_eq!(Uscc::parse(code).unwrap_err().code(), Code::UsccCheck, "{code}");
        }
    }

    #[test]
    fn letter_authorities_are_legal() {
        // Authorities A, N, Y, G, J, Q: composed with correct checks, none is rejected and none
        // warns about the authority.
        for auth in ['A', 'N', 'Y', 'G', 'J', 'Q'] {
            let u = Uscc::compose(auth, '1', "420100", "MA4K2X5T").unwrap();
            let p = Uscc::parse_with_warnings(u.as_str()).unwrap();
            assert!(!codes(&p).contains(&"uscc_authority_unlisted"), "{auth}");
        }
    }

    #[test]
    fn unlisted_combinations_warn() {
        // 9 (market supervision) has categories 1, 2, 3 only.
        let u = Uscc::compose('9', '4', "420100", "MA4K2X5T").unwrap();
        assert_eq!(codes(&Uscc::parse_with_warnings(u.as_str()).unwrap()), vec!["uscc_category_unlisted"]);
        // B is not an authority in the table.
        let u = Uscc::compose('B', '1', "420100", "MA4K2X5T").unwrap();
        assert_eq!(codes(&Uscc::parse_with_warnings(u.as_str()).unwrap()), vec!["uscc_authority_unlisted"]);
    }

    #[test]
    fn division_part_form_is_checked_and_absence_only_warns() {
        // 422827 has the form of a Hubei county code but is not in the current list.
        let u = Uscc::compose('9', '1', "420199", "MA4K2X5T").unwrap();
        let p = Uscc::parse_with_warnings(u.as_str()).unwrap();
        assert_eq!(codes(&p), vec!["uscc_division_unlisted"]);
        assert_eq!(p.uscc.division(), None);
        // A province prefix that does not exist is not a division code at all.
        let mut s = Uscc::compose('9', '1', "420100", "MA4K2X5T").unwrap().to_string();
        s.replace_range(2..4, "99");
        let fixed = {
            let check = overall_check(&s.as_bytes()[..17]) as char;
            s.replace_range(17..18, &check.to_string());
            s
        };
        assert_eq!(Uscc::parse(&fixed).unwrap_err().code(), Code::UsccDivisionForm);
        // Letters in the division part.
        let mut s = "91420A00MA4K2X5T2".to_string();
        s.push(overall_check(s.as_bytes()) as char);
        assert_eq!(Uscc::parse(&s).unwrap_err().code(), Code::UsccDivisionForm);
        // National-level registrations use 100000.
        assert_eq!(codes(&Uscc::parse_with_warnings("91110000600037341L").unwrap()), Vec::<&str>::new());
        let national = Uscc::compose('9', '1', "100000", "10001174").unwrap();
        assert_eq!(codes(&Uscc::parse_with_warnings(national.as_str()).unwrap()), Vec::<&str>::new());
    }

    #[test]
    fn failed_organization_code_check_is_a_warning() {
        // Take a valid code, change the organization-code check and repair the overall check.
        let mut s = "91420100MA4K2X5T".to_string();
        let wrong = if org_code_check(b"MA4K2X5T") == b'1' { '3' } else { '1' };
        s.push(wrong);
        s.push(overall_check(s.as_bytes()) as char);
        let p = Uscc::parse_with_warnings(&s).unwrap();
        assert_eq!(codes(&p), vec!["uscc_org_code_check"]);
        assert_eq!(p.warnings[0].detail("expected"), Some("2"));
    }

    #[test]
    fn gb11714_check_examples() {
        // Known organization codes: body → check.
        assert_eq!(org_code_check(b"60003734"), b'1');
        assert_eq!(org_code_check(b"71092609"), b'4');
        assert_eq!(org_code_check(b"07837757"), b'X');
        assert_eq!(org_code_check(b"MA4K2X5T"), b'2');
    }

    #[test]
    fn compose_round_trips() {
        let u = Uscc::compose('9', '2', "420102", "MA4K2X5T").unwrap();
        assert_eq!(
            u.as_str(),
            "92420102MA4K2X5T2".to_string() + &(overall_check(b"92420102MA4K2X5T2") as char).to_string()
        );
        assert_eq!(Uscc::parse(u.as_str()).unwrap(), u);
    }

    #[test]
    fn serde_round_trip() {
        let u = Uscc::parse("91420100MA4K2X5T27").unwrap();
        let j = serde_json::to_string(&u).unwrap();
        assert_eq!(j, "\"91420100MA4K2X5T27\"");
        assert_eq!(serde_json::from_str::<Uscc>(&j).unwrap(), u);
        assert!(serde_json::from_str::<Uscc>("\"91420100MA4K2X5T28\"").is_err());
    }
}
