//! Folding of code-like user input before it is parsed.
//!
//! People paste codes from Word documents, web pages and spreadsheets: with full-width digits
//! (９１４２…), ideographic spaces, hyphens and lower-case letters. The identifier parsers fold
//! all of these to one canonical ASCII form first, so that only real mistakes are reported.
//!
//! Registered text must also show everything it holds: [`check_visible`] refuses the invisible
//! format characters (Unicode general category Cf: zero-width spaces and joiners, word joiners,
//! bidirectional controls, the byte-order mark), which would let a look-alike name pass as new
//! and make a name impossible to find by its visible text. [`strip_format`] removes them from
//! text written before the check, so that comparisons see the visible text only.

use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use crate::error::{Code, Error, Result};

/// Whether `c` is an invisible format character (general category Cf, which includes the
/// bidirectional controls U+202A–U+202E and U+2066–U+2069).
pub fn is_format(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
}

/// The first invisible format character of `s`, if any.
pub fn format_char(s: &str) -> Option<char> {
    s.chars().find(|c| is_format(*c))
}

/// `s` without its invisible format characters.
pub fn strip_format(s: &str) -> String {
    s.chars().filter(|c| !is_format(*c)).collect()
}

/// Refuses text holding an invisible format character: `text_format_char`, naming the field
/// and the character's code point.
pub fn check_visible(field: &str, s: &str) -> Result<()> {
    match format_char(s) {
        Some(c) => Err(Error::new(Code::TextFormatChar)
            .with("field", field.to_string())
            .with("char", format!("U+{:04X}", c as u32))),
        None => Ok(()),
    }
}

/// Trims, turns full-width ASCII (U+FF01–U+FF5E) and the ideographic space into half-width,
/// upper-cases ASCII letters, and drops spaces and hyphen-like characters.
pub fn fold_code(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for c in input.trim().chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            other => other,
        };
        match c {
            // Spaces and the hyphens, dashes and minus signs that word processors substitute.
            ' ' | '\t' | '\u{00A0}' | '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' => {}
            c => out.push(c.to_ascii_uppercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_spaces_and_hyphens() {
        assert_eq!(fold_code(" ９１４２０１００ｍａ４Ｋ２Ｘ５Ｔ２７ "), "91420100MA4K2X5T27");
        assert_eq!(fold_code("91 420100-MA4K2X5T2\u{3000}7"), "91420100MA4K2X5T27");
        assert_eq!(fold_code("9142\u{2014}0100"), "91420100");
        assert_eq!(fold_code("统一"), "统一");
    }

    #[test]
    fn format_characters_are_found_and_refused() {
        for c in ['\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{00AD}'] {
            let s = format!("武汉园{c}华汽车服务有限公司");
            assert_eq!(format_char(&s), Some(c), "{c:?}");
            let e = check_visible("name", &s).unwrap_err();
            assert_eq!(e.code(), Code::TextFormatChar);
            assert_eq!(strip_format(&s), "武汉园华汽车服务有限公司");
        }
        // Visible text, including ideographic spaces and full-width forms, passes.
        check_visible("address", "武汉市洪山区　珞喻路１号").unwrap();
    }
}
