//! Folding of code-like user input before it is parsed.
//!
//! People paste codes from Word documents, web pages and spreadsheets: with full-width digits
//! (９１４２…), ideographic spaces, hyphens and lower-case letters. The identifier parsers fold
//! all of these to one canonical ASCII form first, so that only real mistakes are reported.

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
    use super::fold_code;

    #[test]
    fn folds_width_case_spaces_and_hyphens() {
        assert_eq!(fold_code(" ９１４２０１００ｍａ４Ｋ２Ｘ５Ｔ２７ "), "91420100MA4K2X5T27");
        assert_eq!(fold_code("91 420100-MA4K2X5T2\u{3000}7"), "91420100MA4K2X5T27");
        assert_eq!(fold_code("9142\u{2014}0100"), "91420100");
        assert_eq!(fold_code("统一"), "统一");
    }
}
