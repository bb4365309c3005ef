//! Chinese text as shijian compares it: enterprise names, shop signs, search words.
//!
//! - [`Text::normalize`]: Unicode NFKC (full-width letters and digits to half-width,
//!   compatibility ideographs to their unified forms), traditional characters to simplified
//!   (OpenCC's `t2s` tables), white space collapsed.
//! - [`readings`] and [`sounds_alike`]: every pinyin reading of each character, without tones,
//!   so that same-sounding names (同音) are compared on all readings of heteronyms (重 is
//!   zhong and chong, 行 is xing and hang), not on one guessed reading.
//!
//! **Architecture Invariant:** no IO and no storage; the converter is built once (it loads its
//! dictionaries) and shared.

pub mod names;
pub mod segment;

use std::collections::BTreeSet;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use pinyin::ToPinyinMulti;
use unicode_normalization::UnicodeNormalization;

/// The text tools, built once.
pub struct Text {
    t2s: OpenCC,
}

/// Building the converter failed (its embedded dictionaries did not load).
#[derive(Debug)]
pub struct TextError(pub String);

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the traditional-to-simplified converter could not be built: {}", self.0)
    }
}

impl std::error::Error for TextError {}

impl Text {
    pub fn new() -> Result<Text, TextError> {
        let t2s = OpenCC::from_config(BuiltinConfig::T2s).map_err(|e| TextError(e.to_string()))?;
        Ok(Text { t2s })
    }

    /// The converter shared by the whole process, built on first use.
    /// Failing to build is a broken build (the dictionaries are compiled in): an `internal` error.
    pub fn shared() -> shijian_core::Result<&'static Text> {
        static SHARED: std::sync::OnceLock<Text> = std::sync::OnceLock::new();
        if let Some(t) = SHARED.get() {
            return Ok(t);
        }
        let t = Text::new().map_err(|e| shijian_core::Error::new(shijian_core::Code::Internal).with("reason", e))?;
        Ok(SHARED.get_or_init(|| t))
    }

    /// Traditional characters to simplified.
    pub fn to_simplified(&self, s: &str) -> String {
        self.t2s.convert(s)
    }

    /// The comparable form of a text: NFKC, invisible format characters (zero-width, bidi
    /// controls) removed, simplified, trimmed, inner white space collapsed to one ASCII space,
    /// ASCII letters lower-cased.
    pub fn normalize(&self, s: &str) -> String {
        let nfkc: String = s.nfkc().filter(|c| !shijian_core::fold::is_format(*c)).collect();
        let simplified = self.to_simplified(&nfkc);
        let mut out = String::with_capacity(simplified.len());
        for word in simplified.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        }
        out
    }
}

/// Every reading of each character of `s`, in pinyin without tones (`None` for a character
/// with no reading: letters, digits, punctuation).
pub fn readings(s: &str) -> Vec<Option<BTreeSet<&'static str>>> {
    s.chars()
        .map(|c| {
            c.to_pinyin_multi().map(|multi| multi.into_iter().map(|p| p.plain()).collect::<BTreeSet<&'static str>>())
        })
        .collect()
}

/// Whether two texts can sound the same: as long as each other, and at every position either
/// the same character or characters sharing a reading.
pub fn sounds_alike(a: &str, b: &str) -> bool {
    let (ra, rb) = (readings(a), readings(b));
    if ra.len() != rb.len() {
        return false;
    }
    a.chars().zip(b.chars()).zip(ra.iter().zip(rb.iter())).all(|((ca, cb), (x, y))| {
        ca == cb
            || match (x, y) {
                (Some(x), Some(y)) => !x.is_disjoint(y),
                _ => false,
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization() {
        let t = Text::new().unwrap();
        assert_eq!(t.normalize("  華為技術　有限公司 "), "华为技术 有限公司");
        assert_eq!(t.normalize("ＡＢＣ１２３"), "abc123");
        assert_eq!(t.normalize("紅光（北京）酒業"), "红光(北京)酒业");
        assert_eq!(t.normalize("红\u{200B}光\u{2060}酒\u{202E}业"), "红光酒业");
    }

    #[test]
    fn heteronyms_are_compared_on_every_reading() {
        // 重 reads zhong and chong; 行 reads xing and hang.
        assert!(readings("重")[0].as_ref().unwrap().contains("chong"));
        assert!(readings("行")[0].as_ref().unwrap().contains("hang"));
        assert!(sounds_alike("重庆", "崇庆"));
        assert!(sounds_alike("银行", "银杭"));
        assert!(sounds_alike("红光", "宏光"));
        assert!(!sounds_alike("红光", "红星"));
        assert!(!sounds_alike("红光", "红光光"));
        assert!(sounds_alike("A1红光", "A1宏光"));
        assert!(!sounds_alike("A1红光", "B1宏光"));
    }
}
