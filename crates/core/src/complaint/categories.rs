//! The categories of complaints: what they are about (goods or services) and the kind of problem,
//! shipped in `data/complaint-categories.tsv` (sources in its header).

use std::sync::OnceLock;

use serde::Serialize;

use crate::error::{Code, Error, Result};

/// Which list a category belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Vocabulary {
    /// Goods (`G..`) and services (`S..`): what the complaint is about.
    Subject,
    /// The kind of problem (`P..`).
    Problem,
}

/// One category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Category {
    pub code: String,
    pub vocabulary: Vocabulary,
    /// Goods or service, for the subject list.
    pub goods: bool,
    pub zh: String,
    pub en: String,
    /// Seen in a 12315 or consumer-association report (false: not confirmed).
    pub confirmed: bool,
}

const DATA: &str = include_str!("../../data/complaint-categories.tsv");

/// Every category, in file order.
pub fn all() -> &'static [Category] {
    static ALL: OnceLock<Vec<Category>> = OnceLock::new();
    ALL.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let vocabulary = if f[0] == "problem" { Vocabulary::Problem } else { Vocabulary::Subject };
                Category {
                    code: f[1].to_string(),
                    vocabulary,
                    goods: f[0] == "goods",
                    zh: f[2].to_string(),
                    en: f[3].to_string(),
                    confirmed: f.get(4).is_some_and(|s| *s == "y"),
                }
            })
            .collect()
    })
}

/// The category with `code` in `vocabulary`.
pub fn find(vocabulary: Vocabulary, code: &str) -> Result<&'static Category> {
    all()
        .iter()
        .find(|c| c.vocabulary == vocabulary && c.code == code)
        .ok_or_else(|| Error::new(Code::ComplaintField).with("field", "category").with("reason", code.to_string()))
}

/// The category named `code` or its Chinese name, in any vocabulary (for imports).
pub fn lookup(vocabulary: Vocabulary, text: &str) -> Option<&'static Category> {
    let t = text.trim();
    all().iter().find(|c| c.vocabulary == vocabulary && (c.code == t || c.zh == t))
}

/// The Chinese name of a code, or the code itself.
pub fn zh(code: &str) -> &str {
    all().iter().find(|c| c.code == code).map_or(code, |c| c.zh.as_str())
}

/// The English name of a code, or the code itself.
pub fn en(code: &str) -> &str {
    all().iter().find(|c| c.code == code).map_or(code, |c| c.en.as_str())
}

/// The name of a code in the page's language: pages show the category by its name, never its
/// code alone.
pub fn label(code: &str, en: bool) -> &str {
    if en { self::en(code) } else { zh(code) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_categories_are_complete_and_unique() {
        let all = all();
        assert_eq!(all.iter().filter(|c| c.vocabulary == Vocabulary::Subject && c.goods).count(), 17);
        assert!(all.iter().filter(|c| c.vocabulary == Vocabulary::Problem).count() >= 12);
        let mut codes: Vec<&str> = all.iter().map(|c| c.code.as_str()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
        assert_eq!(find(Vocabulary::Problem, "P03").unwrap().zh, "价格");
        assert!(find(Vocabulary::Problem, "G01").is_err());
        assert_eq!(lookup(Vocabulary::Subject, "一般食品").unwrap().code, "G01");
        assert!(!find(Vocabulary::Subject, "S09").unwrap().confirmed);
    }
}
