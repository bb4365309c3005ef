//! The wording of the pages in zh-CN and English, one entry per phrase like the error table in
//! `shijian_core::error`, and the links that carry the page's language. Templates take a
//! [`T`] for the page's language (`{% let t = crate::text::T::new(en) %}`) and write
//! `{{ t.get("nav.abnormal") }}` and `href="{{ t.link("/lists/abnormal") }}"`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// `(key, zh-CN, English)`.
const ENTRIES: &[(&str, &str, &str)] = &[
    // The layout shared by every page.
    ("site.suffix", "市场监管", "Market Supervision"),
    ("site.brand", "企业信用信息公示", "Enterprise credit information"),
    ("nav.abnormal", "经营异常名录", "Abnormal list"),
    ("nav.serious", "严重违法失信名单", "Serious violations list"),
    ("nav.inspection", "双随机抽查", "Random inspections"),
    ("nav.workbench", "工作人员与企业", "Staff and enterprises"),
    ("footer.log", "本页每条记录均在公开可验证日志中：", "Every record here is in a public, verifiable log: "),
    ("footer.checkpoint", "日志检查点", "checkpoint"),
    ("footer.key", "验证公钥", "key"),
];

static CATALOGUE: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| ENTRIES.iter().map(|&(k, zh, en)| (k, (zh, en))).collect());

/// The catalogue in one page's language.
#[derive(Clone, Copy, Debug)]
pub struct T {
    en: bool,
}

impl T {
    /// The catalogue in English when `en` (templates pass their `en`, by reference).
    pub fn new(en: impl std::borrow::Borrow<bool>) -> T {
        T { en: *en.borrow() }
    }

    /// The phrase of `key`; a key not in the catalogue shows as itself, so a page never loses
    /// a line silently (and the catalogue's test reads every key the templates use).
    pub fn get(&self, key: &str) -> &'static str {
        match CATALOGUE.get(key) {
            Some((zh, en)) => {
                if self.en {
                    en
                } else {
                    zh
                }
            }
            None => "⟦missing text⟧",
        }
    }

    /// The `lang` attribute of the page.
    pub fn lang(&self) -> &'static str {
        if self.en { "en" } else { "zh-CN" }
    }

    /// `path` in the page's language: `?lang=en` or `&lang=en` added for English.
    pub fn link(&self, path: &str) -> String {
        match (self.en, path.contains('?')) {
            (false, _) => path.to_string(),
            (true, false) => format!("{path}?lang=en"),
            (true, true) => format!("{path}&lang=en"),
        }
    }

    /// [`T::link`] of `base` followed by `tail` (an id, a code).
    pub fn link_to(&self, base: &str, tail: &str) -> String {
        self.link(&format!("{base}{tail}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c))
    }

    /// Every entry has both languages: Chinese with Chinese characters, English with none;
    /// keys are unique.
    #[test]
    fn every_entry_speaks_both_languages() {
        assert_eq!(CATALOGUE.len(), ENTRIES.len(), "a key is listed twice");
        for (key, zh, en) in ENTRIES {
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{key}");
            assert!(cjk(zh), "{key}: {zh}");
            assert!(!cjk(en), "{key}: {en}");
        }
    }

    /// Every key a template asks for is in the catalogue.
    #[test]
    fn every_key_the_templates_use_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut used = 0;
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            let html = std::fs::read_to_string(&path).unwrap();
            for part in html.split("t.get(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(CATALOGUE.contains_key(key), "{}: {key}", path.display());
                used += 1;
            }
        }
        assert!(used > 0);
    }

    #[test]
    fn links_carry_the_language() {
        let (zh, en) = (T::new(false), T::new(true));
        assert_eq!(zh.link("/lists/abnormal"), "/lists/abnormal");
        assert_eq!(en.link("/lists/abnormal"), "/lists/abnormal?lang=en");
        assert_eq!(en.link("/workbench/complaints?id=T1"), "/workbench/complaints?id=T1&lang=en");
        assert_eq!(en.link_to("/inspection/plans/", "P1"), "/inspection/plans/P1?lang=en");
    }
}
