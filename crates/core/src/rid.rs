//! The resident identity number (公民身份号码), GB 11643-1999.
//!
//! 18 characters: a 6-digit address code (GB/T 2260, of the place of registration at issue),
//! an 8-digit birth date `YYYYMMDD`, a 3-digit sequence (odd for men, even for women) and a
//! check character (ISO 7064 MOD 11-2; 10 is written `X`).
//!
//! A resident ID is personal data: shijian never publishes it (个人信息保护法 第二十八条 treats
//! identity numbers as sensitive). `Debug` masks the middle digits so it cannot leak into logs.

use std::fmt;

use chrono::NaiveDate;

use crate::division::{DivisionCode, has_division_form};
use crate::error::{Code, Error, Result};
use crate::fold::fold_code;

/// Weights of positions 1–17 (GB 11643-1999 §8.2): 2^(18-i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

fn check_char(first17: &[u8]) -> u8 {
    let sum: u32 = first17.iter().zip(WEIGHTS).map(|(&c, w)| u32::from(c - b'0') * w).sum();
    match (12 - sum % 11) % 11 {
        10 => b'X',
        n => b'0' + n as u8,
    }
}

/// A resident identity number with a real birth date and a correct check character.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ResidentId([u8; 18]);

/// A parsed ID and its warnings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub id: ResidentId,
    pub warnings: Vec<Error>,
}

impl ResidentId {
    pub fn parse(input: &str) -> Result<ResidentId> {
        ResidentId::parse_with_warnings(input).map(|p| p.id)
    }

    /// Normalises like [`crate::fold::fold_code`] (so a lower-case `x` is accepted) and parses
    /// under GB 11643-1999.
    ///
    /// Errors: `rid_length`, `rid_charset`, `rid_region` (the address code is not of division
    /// form), `rid_birth_date`, `rid_check`. Warning: `rid_region_unlisted` (the address code is
    /// not in the current list; common for people registered before a unit was abolished).
    pub fn parse_with_warnings(input: &str) -> Result<Parsed> {
        let s = fold_code(input);
        let n = s.chars().count();
        if n != 18 {
            return Err(Error::new(Code::RidLength).with("length", n));
        }
        for (i, c) in s.chars().enumerate() {
            let ok = c.is_ascii_digit() || (i == 17 && c == 'X');
            if !ok {
                return Err(Error::new(Code::RidCharset).with("position", i + 1).with("char", c));
            }
        }
        let b = s.as_bytes();
        let region = &s[..6];
        if !has_division_form(region) {
            return Err(Error::new(Code::RidRegion).with("region", region));
        }
        let date = &s[6..14];
        if NaiveDate::parse_from_str(date, "%Y%m%d").is_err() || &date[..2] < "18" {
            return Err(Error::new(Code::RidBirthDate).with("date", date));
        }
        let expected = check_char(&b[..17]);
        if expected != b[17] {
            return Err(Error::new(Code::RidCheck).with("expected", expected as char).with("found", b[17] as char));
        }
        let mut warnings = Vec::new();
        if DivisionCode::lookup(region).is_none() {
            warnings.push(Error::new(Code::RidRegionUnlisted).with("region", region));
        }
        let mut bytes = [0u8; 18];
        bytes.copy_from_slice(b);
        Ok(Parsed { id: ResidentId(bytes), warnings })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    pub fn birth_date(&self) -> NaiveDate {
        // Checked in parse.
        NaiveDate::parse_from_str(&self.as_str()[6..14], "%Y%m%d").unwrap_or_default()
    }

    /// The address code (positions 1–6).
    pub fn region(&self) -> &str {
        &self.as_str()[..6]
    }

    /// A masked form for display to people who may not see the whole number:
    /// `420102********123X`.
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.as_str()[..6], &self.as_str()[14..])
    }
}

impl fmt::Debug for ResidentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ResidentId({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_form_numbers_parse() {
        for (input, canonical) in [
            ("360426199101010071", "360426199101010071"),
            ("44011320141005001x", "44011320141005001X"),
            ("110102199101010078", "110102199101010078"),
        ] {
            let p = ResidentId::parse_with_warnings(input).unwrap();
            assert_eq!(p.id.as_str(), canonical);
            assert!(p.warnings.is_empty(), "{input}: {:?}", p.warnings);
        }
        let id = ResidentId::parse("44011320141005001X").unwrap();
        assert_eq!(id.birth_date(), NaiveDate::from_ymd_opt(2014, 10, 5).unwrap());
        assert_eq!(id.region(), "440113");
    }

    #[test]
    fn each_rule_has_its_error() {
        let code = |s: &str| ResidentId::parse(s).unwrap_err().code();
        assert_eq!(code("36042619910101007"), Code::RidLength);
        assert_eq!(code("360426910101007"), Code::RidLength); // first-generation 15-digit IDs
        assert_eq!(code("T60426199101010078"), Code::RidCharset);
        assert_eq!(code("3604261991010100X1"), Code::RidCharset);
        assert_eq!(code("990426199112010074"), Code::RidRegion);
        assert_eq!(code("360426199113010079"), Code::RidBirthDate); // month 13
        assert_eq!(code("360426199102300079"), Code::RidBirthDate); // 30 February
        let e = ResidentId::parse("36042619910102009X").unwrap_err();
        assert_eq!(e.code(), Code::RidCheck);
        assert_eq!((e.detail("expected"), e.detail("found")), (Some("3"), Some("X")));
    }

    #[test]
    fn abolished_address_codes_only_warn() {
        // 412723 商水县 was renumbered 411623 when 周口地区 became a city (2000).
        let p = ResidentId::parse_with_warnings("412723199010050012").unwrap();
        assert_eq!(p.warnings.iter().map(|w| w.code()).collect::<Vec<_>>(), vec![Code::RidRegionUnlisted]);
        // 420181 has the form of a Wuhan county-level code but is not a unit today.
        let mut s = b"42018119900101002".to_vec();
        s.push(check_char(&s));
        let p = ResidentId::parse_with_warnings(std::str::from_utf8(&s).unwrap()).unwrap();
        assert_eq!(p.warnings.iter().map(|w| w.code()).collect::<Vec<_>>(), vec![Code::RidRegionUnlisted]);
    }

    #[test]
    fn debug_output_is_masked() {
        let id = ResidentId::parse("360426199101010071").unwrap();
        assert_eq!(format!("{id:?}"), "ResidentId(360426********0071)");
    }
}
