//! Word segmentation for search: the words an entity name is indexed under, and the words a
//! user's query is looked up with.
//!
//! The segmenter is jieba-rs with its default dictionary plus a small domain dictionary
//! (`data/segment-dict.txt`: organisational forms such as 股份有限公司, industry terms such as
//! 餐饮 and 置业), built once and shared ([`segmenter`]). The store keeps, per name, the words of
//! [`index_words`] (SQLite FTS5 `unicode61`, PostgreSQL `to_tsvector('simple', …)`), and a name
//! matches a query when **every** word of [`query_words`] is among its index words.
//!
//! # The guarantee
//!
//! For every name `N` and every string `Q` of at least two Han characters that occurs in the
//! normalised `N` ([`Text::normalize`]) inside one run of Han characters:
//! `query_words(Q) ⊆ index_words(N)`, so the search finds `N`. This holds whatever way jieba
//! segments `N` in context, because:
//!
//! - a query word is either a dictionary word of two or more characters from the segmentation
//!   of `Q` (no HMM, so every such token is a dictionary word) or a two-character window of
//!   `Q`;
//! - `N` is indexed under every dictionary word found anywhere in its Han runs (jieba's
//!   `cut_all`, a walk of the dictionary at every character) and under every two-character
//!   window of its Han runs; a word or window of `Q` lies inside a Han run of `N`, so it is one
//!   of them.
//!
//! jieba's `cut_for_search` is not enough for the index: it gives the name's own segmentation
//! and the dictionary words of two and three characters inside each word, so a longer
//! dictionary word inside a longer word, or one straddling two words of the segmentation, is
//! missing (有限公司 inside 股份有限公司). `cut_all` gives every dictionary word, a superset of
//! `cut_for_search`'s words without HMM; HMM-discovered words are left out of the index
//! because a query (segmented without HMM) never asks for them. The two-character windows are
//! what makes a trade name findable that the dictionary does not know or that jieba joins
//! differently (红光 in 武汉红光酒业: 红光 may be cut as 武汉红/光 or 红光酒 …).
//!
//! The guarantee is about recall. Precision: a match contains every query word, which for
//! most queries means it contains the query; a caller that needs exact substring matches
//! filters the hits with `normalize(name).contains(normalize(query))`, which is cheap on
//! the few hits. A query with fewer than two Han characters and no letter or digit run of two
//! gives no words (nothing to look up; the caller says the query is too short). Letters and
//! digits are matched as whole runs (a query `abc` finds `ABC科技`, `ab` does not).
//!
//! Cost: `index_words` runs once per name over the whole register (6.39 million names).
//! Measured by the test `index_words_is_cheap` on the two-core development machine: about
//! 5–7 µs per name in release (of which about 2 µs is [`Text::normalize`]), about 30 µs in a
//! debug build, 15 words per name on average; the whole register is then well under a minute
//! of one core.

use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::Text;

/// The domain dictionary: `word frequency` per line, `#` comments.
const DOMAIN_DICT: &str = include_str!("../data/segment-dict.txt");

static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for (word, freq) in domain_words() {
        jieba.add_word(word, Some(freq), None);
    }
    jieba
});

/// The words of the domain dictionary with their frequencies. A line without a usable
/// frequency is skipped (the test `domain_dictionary_is_well_formed` keeps there being none).
fn domain_words() -> impl Iterator<Item = (&'static str, usize)> {
    DOMAIN_DICT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).filter_map(|l| {
        let mut parts = l.split_whitespace();
        let word = parts.next()?;
        let freq = parts.next()?.parse().ok()?;
        Some((word, freq))
    })
}

/// The shared segmenter: jieba's default dictionary plus the domain dictionary, built on
/// first use and shared by every thread.
pub fn segmenter() -> &'static Jieba {
    &JIEBA
}

/// Whether `c` is a Han character (CJK unified ideographs, extensions A to F, compatibility
/// ideographs).
fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}')
}

/// The maximal runs of Han characters of `s`, and the maximal runs of ASCII letters and digits.
fn runs(s: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut han, mut ascii) = (Vec::new(), Vec::new());
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        let class = if is_han(c) {
            Some(true)
        } else if c.is_ascii_alphanumeric() {
            Some(false)
        } else {
            None
        };
        if let Some((from, was_han)) = start {
            if class == Some(was_han) {
                continue;
            }
            if was_han {
                han.push(&s[from..i])
            } else {
                ascii.push(&s[from..i])
            }
            start = None;
        }
        if let Some(h) = class {
            start = Some((i, h));
        }
    }
    (han, ascii)
}

/// Appends `word` unless it is already there (a name has a few dozen words at most, so a
/// scan beats hashing).
fn push_unique(out: &mut Vec<String>, word: &str) {
    if !out.iter().any(|w| w == word) {
        out.push(word.to_string());
    }
}

/// Byte offsets of the characters of `s`, and `s.len()` at the end.
fn char_bounds(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain(std::iter::once(s.len())).collect()
}

/// The words an entity name is indexed under, normalised: every dictionary word (two
/// characters or more) found in each run of Han characters, every two-character window of
/// each run, and each run of ASCII letters or digits of two characters or more. No
/// punctuation, no white space, no repeats. See the module documentation for why.
pub fn index_words(text: &Text, name: &str) -> Vec<String> {
    let normalized = text.normalize(name);
    let (han, ascii) = runs(&normalized);
    let mut out = Vec::with_capacity(normalized.len() / 2);
    for run in han {
        for token in JIEBA.cut_all(run) {
            if token.end - token.start >= 2 {
                push_unique(&mut out, token.word);
            }
        }
        let b = char_bounds(run);
        for w in b.windows(3) {
            push_unique(&mut out, &run[w[0]..w[2]]);
        }
    }
    for run in ascii {
        if run.len() >= 2 {
            push_unique(&mut out, run);
        }
    }
    out
}

/// The words a user's query is looked up with (a name matches when all of them are among its
/// [`index_words`]), normalised: for each run of Han characters of two or more, the words of
/// two characters or more of its segmentation (jieba `cut`, no HMM: dictionary words), and,
/// for each character the segmentation leaves alone, the two-character windows containing it
/// (so that every character of the query is looked up, and always under a word every name
/// containing the query is indexed under); each run of ASCII letters or digits of two or more.
/// Empty when there is nothing to look up (e.g. a single Han character).
pub fn query_words(text: &Text, query: &str) -> Vec<String> {
    let normalized = text.normalize(query);
    let (han, ascii) = runs(&normalized);
    let mut out = Vec::new();
    for run in han {
        let b = char_bounds(run);
        let n_chars = b.len() - 1;
        if n_chars < 2 {
            continue;
        }
        for token in JIEBA.cut(run, false) {
            if token.end - token.start >= 2 {
                push_unique(&mut out, token.word);
            } else {
                // A character on its own: the windows with its neighbours.
                let i = token.start;
                if i > 0 {
                    push_unique(&mut out, &run[b[i - 1]..b[i + 1]]);
                }
                if i + 1 < n_chars {
                    push_unique(&mut out, &run[b[i]..b[i + 2]]);
                }
            }
        }
    }
    for run in ascii {
        if run.len() >= 2 {
            push_unique(&mut out, run);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text() -> &'static Text {
        static TEXT: LazyLock<Text> = LazyLock::new(|| Text::new().unwrap());
        &TEXT
    }

    /// Realistic names of market entities in Hubei (made up; any likeness is chance).
    const NAMES: &[&str] = &[
        "武汉市洪山区老李热干面馆",
        "湖北长江红光酒业有限公司",
        "宜昌三峡旅游发展股份有限公司",
        "襄阳华中建材商贸有限公司",
        "武汉红光酒业有限公司",
        "武汉光谷生物科技有限公司",
        "武汉东湖新技术开发区小王便利店",
        "十堰市茅箭区张记牛肉面馆",
        "荆州市沙市区鑫源粮油经营部",
        "黄石华新水泥股份有限公司",
        "孝感市孝南区麻糖食品加工厂",
        "荆门市东宝区绿源农业专业合作社",
        "恩施土家族苗族自治州硒都茶业有限责任公司",
        "随州市曾都区香菇种植专业合作社",
        "潜江市小龙虾餐饮管理有限公司",
        "仙桃市宏达置业有限公司",
        "天门市天一房地产开发有限公司",
        "咸宁市温泉谷旅游开发有限公司",
        "黄冈市黄州区东坡家政服务部",
        "鄂州市华容区鑫鑫美容美发店",
        "武汉江汉区汉正街服装批发部",
        "武汉楚天物流有限公司东西湖分公司",
        "湖北省联投置业集团有限公司",
        "武汉小蓝鲸教育咨询有限公司",
        "武汉市江夏区金口街老王五金机电经营部",
        "神农架林区山野蜂蜜专业合作社",
        "宜昌市夷陵区三峡明珠物业服务有限公司",
        "襄阳市樊城区小张汽车维修服务部",
        "武汉ABC科技有限公司",
        "湖北九州通医药有限公司",
        "武汉市武昌区徐东大街快乐大药房",
        "荆州荆楚建设工程有限公司",
        "武汉诚信劳务派遣有限公司",
        "湖北楚韵文化传媒有限公司",
        "武汉汉阳区琴台印刷厂",
        "黄石港区老刘家常菜馆（个体工商户）",
        "武汉市青山区红钢城理发店",
        "宜都市红花套柑橘专业合作社联合社",
        "武汉新世纪华联超市有限公司光谷分店",
        "湖北长江蓝图设计咨询有限公司",
        "武漢紅光酒業有限公司",
        "武汉(中国)数字技术有限公司",
    ];

    /// Every substring of `s` of at least `min` characters.
    fn substrings(s: &str, min: usize) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        let mut out = Vec::new();
        for i in 0..chars.len() {
            for j in i + min..=chars.len() {
                out.push(chars[i..j].iter().collect());
            }
        }
        out
    }

    #[test]
    fn every_han_substring_of_a_name_finds_it() {
        let mut n_checked = 0;
        for name in NAMES {
            let index = index_words(text(), name);
            let normalized = text().normalize(name);
            for run in runs(&normalized).0 {
                for q in substrings(run, 2) {
                    let words = query_words(text(), &q);
                    assert!(!words.is_empty(), "{q}");
                    for w in &words {
                        assert!(index.contains(w), "query {q:?} word {w:?} not in the index of {name}: {index:?}");
                    }
                    n_checked += 1;
                }
            }
        }
        assert!(n_checked > 2000, "{n_checked}");
    }

    #[test]
    fn index_words_of_a_name() {
        let words = index_words(text(), "湖北长江红光酒业有限公司");
        for w in ["湖北", "长江", "红光", "酒业", "有限公司", "公司", "光酒", "业有"] {
            assert!(words.contains(&w.to_string()), "{w} missing: {words:?}");
        }
        // No single characters, no punctuation, no repeats.
        assert!(words.iter().all(|w| w.chars().count() >= 2));
        let mut sorted = words.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), words.len());

        // 有限公司 inside 股份有限公司: cut_for_search would not give it; the index has it.
        let words = index_words(text(), "宜昌三峡旅游发展股份有限公司");
        assert!(words.contains(&"股份有限公司".to_string()) && words.contains(&"有限公司".to_string()), "{words:?}");

        // Normalised: traditional to simplified, full-width to half-width, letters lower-cased;
        // punctuation and white space dropped; letter runs of two or more kept.
        let words = index_words(text(), "武漢ＡＢＣ紅光（中國）酒業 X 有限公司");
        assert!(words.contains(&"红光".to_string()) && words.contains(&"abc".to_string()), "{words:?}");
        assert!(!words.iter().any(|w| w == "x" || w.contains('(') || w.contains(' ')), "{words:?}");
    }

    #[test]
    fn query_words_of_queries() {
        // Dictionary words kept whole.
        assert_eq!(query_words(text(), "有限公司"), ["有限公司"]);
        assert!(query_words(text(), "红光酒业").contains(&"酒业".to_string()));
        // Every character is looked up: a character the segmentation leaves alone comes with
        // its neighbours.
        let words = query_words(text(), "老李热干面");
        let covered: String = words.concat();
        for c in "老李热干面".chars() {
            assert!(covered.contains(c), "{c} not looked up: {words:?}");
        }
        // Nothing to look up.
        assert!(query_words(text(), "红").is_empty());
        assert!(query_words(text(), "（ ）").is_empty());
        // Letters and digits, and traditional characters.
        assert_eq!(query_words(text(), "ＡＢＣ"), ["abc"]);
        assert_eq!(query_words(text(), "紅光"), query_words(text(), "红光"));
    }

    #[test]
    fn two_character_queries_always_find_the_name() {
        let index = index_words(text(), "武汉红光酒业有限公司");
        for q in ["红光", "光酒", "汉红", "武汉", "业有", "公司"] {
            assert!(query_words(text(), q).iter().all(|w| index.contains(w)), "{q}");
        }
        // And a name without the query is not found.
        let other = index_words(text(), "武汉红星酒业有限公司");
        assert!(!query_words(text(), "红光").iter().all(|w| other.contains(w)));
    }

    #[test]
    fn domain_dictionary_is_well_formed() {
        let lines = DOMAIN_DICT.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        let words: Vec<(&str, usize)> = domain_words().collect();
        assert_eq!(words.len(), lines, "every line has a word and a frequency");
        for (word, freq) in &words {
            assert!(word.chars().count() >= 2 && word.chars().all(is_han), "{word}");
            assert!(*freq >= 10_000, "{word} {freq}");
            assert!(segmenter().has_word(word));
        }
        // The forms are kept whole by the segmentation.
        for form in ["股份有限公司", "有限责任公司", "专业合作社", "个体工商户"] {
            let name = format!("武汉红光{form}");
            let cut: Vec<&str> = segmenter().cut(&name, false).iter().map(|t| t.word).collect();
            assert!(cut.contains(&form), "{form}: {cut:?}");
        }
    }

    /// index_words runs for every name of the register; keep it cheap. Prints the time per
    /// name; the bound asserted is loose (debug builds, a busy machine).
    #[test]
    fn index_words_is_cheap() {
        let _ = index_words(text(), NAMES[0]);
        let rounds = 50;
        let start = std::time::Instant::now();
        let mut n_words = 0;
        for _ in 0..rounds {
            for name in NAMES {
                n_words += index_words(text(), name).len();
            }
        }
        let per_name = start.elapsed() / (rounds * NAMES.len()) as u32;
        let start = std::time::Instant::now();
        for _ in 0..rounds {
            for name in NAMES {
                std::hint::black_box(text().normalize(name));
            }
        }
        let normalize = start.elapsed() / (rounds * NAMES.len()) as u32;
        eprintln!(
            "index_words: {per_name:?} per name (of which normalize {normalize:?}), {} words per name",
            n_words / (rounds * NAMES.len())
        );
        assert!(per_name < std::time::Duration::from_millis(2), "{per_name:?}");
    }
}
