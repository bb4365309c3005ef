//! What 12315 work publishes: complainants' narratives (with consent, personal data removed by
//! an officer) and consumer warnings (消费警示) drawn from the analysis.
//!
//! The identity of a complainant is never public: 个人信息保护法 第十三条、第二十五条 (personal
//! information is not disclosed without consent or a legal duty) and 办法 第三十五条 [M: the
//! article that keeps complainants' information confidential]. A narrative is published only
//! when the complainant agreed at intake ([`super::Intake::consent_to_publish`]), only once the
//! complaint is closed (as the CFPB publishes a narrative once the company has answered), and
//! only after [`check_narrative`] finds no personal data left in the officer's text. The check
//! is a guard against slips, not a substitute for the officer's reading: it looks for the
//! complainant's own name, phone and address, and for what identifies anyone (digit runs of a
//! phone or identity-card number, e-mail addresses, house numbers).
//!
//! Consumer warnings (消费者权益保护法 第二十八条 [M: the article on warnings]; 市场监督管理部门
//! 消费提示警示 practice) are drafted by the analysis and published by an officer, who edits the
//! draft; the event records what was published and the figures that prompted it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Intake;
use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};

/// The legal basis of publishing a narrative.
pub const BASIS_NARRATIVE: &str = "中华人民共和国个人信息保护法 第十三条、第二十五条；市场监督管理投诉举报处理暂行办法";
/// The legal basis of a consumer warning.
pub const BASIS_WARNING: &str =
    "中华人民共和国消费者权益保护法 第三十二条、第三十七条；市场监督管理投诉举报处理暂行办法";

/// Characters of a published narrative.
pub const MIN_NARRATIVE_CHARS: usize = 10;
pub const MAX_NARRATIVE_CHARS: usize = 2000;
/// Characters of a warning's title and body.
pub const MAX_WARNING_TITLE_CHARS: usize = 120;
pub const MAX_WARNING_BODY_CHARS: usize = 4000;

/// `complaint.narrative_published` (public): what the complainant wrote, as an officer made it
/// fit to publish, with the figures the public needs to read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrativePublished {
    pub id: String,
    pub on: NaiveDate,
    /// The business, when the complaint was matched to the register.
    #[serde(default)]
    pub entity: Option<String>,
    pub category: String,
    pub problem: String,
    pub received_on: NaiveDate,
    pub outcome: String,
    pub text: String,
}

/// `complaint.warning_published` (public): a consumer warning (消费警示).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningPublished {
    /// `XF` + the day + a four-digit number.
    pub id: String,
    pub on: NaiveDate,
    /// The office that publishes it, and the region it is about.
    pub office: DivisionCode,
    pub region: DivisionCode,
    /// The goods or service category, when the warning is about one.
    #[serde(default)]
    pub category: Option<String>,
    pub title: String,
    pub body: String,
    /// The figures that prompted it: complaints in the window, and what the baseline expected
    /// (a decimal with one place: the journal's JSON has integers only).
    #[serde(default)]
    pub observed: Option<u64>,
    #[serde(default)]
    pub expected: Option<String>,
    #[serde(default)]
    pub window: Option<(NaiveDate, NaiveDate)>,
}

/// Makes a warning id.
pub fn warning_id(day: NaiveDate, number: u32) -> String {
    format!("XF{}{:04}", day.format("%Y%m%d"), number % 10_000)
}

/// Checks a warning id: `XF`, `YYYYMMDD`, four digits.
pub fn check_warning_id(id: &str) -> Result<()> {
    let ok = id.len() == 14 && id.starts_with("XF") && id.as_bytes()[2..].iter().all(u8::is_ascii_digit);
    if ok { Ok(()) } else { Err(super::field("id", id)) }
}

impl WarningPublished {
    pub fn check(&self) -> Result<()> {
        check_warning_id(&self.id)?;
        super::text("title", &self.title, MAX_WARNING_TITLE_CHARS, true)?;
        super::text("body", &self.body, MAX_WARNING_BODY_CHARS, true)?;
        if let Some(c) = &self.category {
            super::categories::find(super::Vocabulary::Subject, c).map_err(|_| super::field("category", c))?;
        }
        if !self.office.contains(self.region) {
            return Err(super::field("region", format!("{} is not within {}", self.region, self.office)));
        }
        // A warning names no person: the same guard as narratives, on every field made public.
        for (name, value) in [("title", &self.title), ("body", &self.body)] {
            crate::fold::check_visible(name, value)?;
            scan(value).map_err(personal)?;
        }
        Ok(())
    }
}

/// What follows a number in a house address (3栋2单元501室).
const HOUSE_NUMBER_WORDS: [&str; 5] = ["室", "单元", "栋", "幢", "号楼"];
/// What precedes a street number written with 号 (解放大道100号, 珞喻路1号): a number followed by
/// 号 is a house number after one of these, not a day (3号) or a size (5号电池).
const STREET_WORDS: [char; 9] = ['路', '街', '道', '巷', '弄', '里', '村', '院', '同'];
/// Separators people write inside a phone or identity number ("138 0000 0000",
/// "027 - 8888 - 6666", "(027) 88886666"): at most this many together.
const MAX_SEPARATORS: usize = 3;

/// The text as the scan reads it: Unicode NFKC (full-width digits and letters half-width,
/// ideographic spaces and full-width dashes plain), invisible format characters removed
/// (a zero-width space inside a name or a number hides nothing), every dash-like character
/// as `-`.
fn scan_form(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfkc()
        .filter(|c| !crate::fold::is_format(*c))
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

/// `text` in [`scan_form`] without any white space: what a name or an address is looked for in.
fn compact(text: &str) -> String {
    scan_form(text).chars().filter(|c| !c.is_whitespace()).collect()
}

fn is_separator(c: char) -> bool {
    // Not dots or slashes: prices (19999.00元) and dates (2026/11/02) are not numbers of a person.
    matches!(c, ' ' | '-' | '(' | ')')
}

fn personal(what: &str) -> Error {
    Error::new(Code::ComplaintPersonalData).with("what", what.to_string())
}

/// The length of a date written `YYYY-MM-DD` (or `YYYY-M-D`) starting at `i`, which is not a
/// number that identifies anyone.
fn date_at(chars: &[char], i: usize) -> Option<usize> {
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    if i > 0 && digit(i - 1) || !(0..4).all(|k| digit(i + k)) || chars.get(i + 4) != Some(&'-') {
        return None;
    }
    let mut k = i + 5;
    for part in 0..2 {
        let start = k;
        while digit(k) && k - start < 2 {
            k += 1;
        }
        if k == start || digit(k) {
            return None;
        }
        if part == 0 {
            if chars.get(k) != Some(&'-') {
                return None;
            }
            k += 1;
        }
    }
    Some(k - i)
}

/// Looks for what identifies anyone, in the [`scan_form`] of `text`: a run of 7 or more digits
/// (phone, identity card, bank card; up to [`MAX_SEPARATORS`] spaces, dashes or brackets
/// between digits are skipped), an e-mail address, a house number (a number followed by 室,
/// 单元, 栋, 幢 or 号楼, or a street's number: 路, 街, 道, … then a number and 号). Returns
/// what was found.
fn scan(text: &str) -> std::result::Result<(), &'static str> {
    let chars: Vec<char> = scan_form(text).chars().collect();
    let mut run = 0;
    let mut run_start = 0;
    let mut skip_to = 0;
    for (i, c) in chars.iter().enumerate() {
        if i < skip_to {
            continue;
        }
        if run == 0
            && let Some(n) = date_at(&chars, i)
        {
            skip_to = i + n;
            continue;
        }
        if c.is_ascii_digit() {
            if run == 0 {
                run_start = i;
            }
            run += 1;
            if run >= 7 {
                return Err("电话或证件号码 phone or identity number");
            }
        } else if is_separator(*c) && run > 0 && {
            let gap = chars[i..].iter().take_while(|c| is_separator(**c)).count();
            gap <= MAX_SEPARATORS && chars.get(i + gap).is_some_and(char::is_ascii_digit)
        } {
            // "138 0000 0000", "027-8888-6666" and "4201 0119 9001 0112 3X" are one number.
        } else if matches!(c, 'X' | 'x') && run >= 6 {
            return Err("电话或证件号码 phone or identity number");
        } else {
            if run > 0 {
                let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
                if HOUSE_NUMBER_WORDS.iter().any(|s| rest.starts_with(s)) {
                    return Err("门牌号 house number");
                }
                if *c == '号' && run_start > 0 && STREET_WORDS.contains(&chars[run_start - 1]) {
                    return Err("门牌号 house number");
                }
            }
            run = 0;
        }
        if *c == '@' {
            let after: String = chars[i + 1..].iter().take_while(|c| !c.is_whitespace()).collect();
            if after.contains('.') {
                return Err("电子邮箱 e-mail address");
            }
        }
    }
    Ok(())
}

/// Checks that `text` can be published for the complaint `intake`: its length, and no personal
/// data left (the complainant's name, phone and address as given, and [`scan`]'s patterns).
pub fn check_narrative(text: &str, intake: &Intake) -> Result<()> {
    let n = text.chars().count();
    if !(MIN_NARRATIVE_CHARS..=MAX_NARRATIVE_CHARS).contains(&n) {
        return Err(super::field("text", format!("{n} characters ({MIN_NARRATIVE_CHARS}–{MAX_NARRATIVE_CHARS})")));
    }
    super::text("text", text, MAX_NARRATIVE_CHARS, true)?;
    crate::fold::check_visible("text", text)?;
    // Everything is compared in one writing: full-width digits, spaces and invisible
    // characters inside a name, a phone or an address do not hide it.
    let p = &intake.party;
    let written = compact(text);
    if let Some(name) = p.name.as_deref().map(compact).filter(|n| n.chars().count() >= 2)
        && written.contains(&name)
    {
        return Err(personal("投诉人姓名 the complainant's name"));
    }
    if let Some(phone) = &p.phone {
        let digits: String = scan_form(phone).chars().filter(char::is_ascii_digit).collect();
        let plain: String = written.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 && plain.contains(&digits) {
            return Err(personal("投诉人电话 the complainant's phone"));
        }
    }
    if let Some(address) = p.address.as_deref().map(compact).filter(|a| a.chars().count() >= 4)
        && written.contains(&address)
    {
        return Err(personal("投诉人地址 the complainant's address"));
    }
    scan(text).map_err(personal)
}

/// A first draft of the narrative for the officer: the facts with the complainant's name,
/// phone and address replaced, and every digit run of a phone or identity number and every
/// e-mail address masked. The officer reads and edits it before publishing.
pub fn draft_narrative(intake: &Intake) -> String {
    // Invisible characters out and full-width digits half-width, so the masking below sees
    // every number (the text's own punctuation is kept as written).
    let mut t: String = intake
        .facts
        .chars()
        .filter(|c| !crate::fold::is_format(*c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    if let Some(name) = intake.party.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        t = t.replace(name, "投诉人");
    }
    if let Some(address) = intake.party.address.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        t = t.replace(address, "（地址略）");
    }
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(n) = date_at(&chars, i) {
            out.extend(&chars[i..i + n]);
            i += n;
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || matches!(chars[i], 'X' | 'x')
                    || ((chars[i] == ' ' || chars[i] == '-') && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                i += 1;
            }
            let digits = chars[start..i].iter().filter(|c| c.is_ascii_digit()).count();
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            if digits >= 7 {
                out.push_str("***");
            } else if HOUSE_NUMBER_WORDS.iter().any(|s| rest.starts_with(s))
                || (chars.get(i) == Some(&'号') && start > 0 && STREET_WORDS.contains(&chars[start - 1]))
            {
                // A house number, and a street number written with 号 (珞喻路9号), as `scan`
                // reads them.
                out.push('*');
            } else {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        if c == '@' {
            // Mask the word around the at-sign.
            while out.chars().last().is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '_' | '-')) {
                out.pop();
            }
            out.push_str("***");
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '.' | '_' | '-')) {
                i += 1;
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_masks_street_numbers_the_scan_would_refuse() {
        let mut intake = intake();
        intake.facts = "机构停课，住珞喻路9号3栋，5号电池也没退。".into();
        intake.party.address = None;
        let draft = draft_narrative(&intake);
        assert!(!draft.contains("9号") && !draft.contains("3栋"), "{draft}");
        assert!(draft.contains("5号电池"), "{draft}");
        assert!(scan(&draft).is_ok(), "{draft}");
    }
    use crate::complaint::tests::intake;

    #[test]
    fn a_narrative_with_personal_data_is_refused_and_the_draft_removes_it() {
        let mut i = intake();
        i.facts =
            "我叫张三，住武汉市洪山区珞喻路1号，电话138 0000 0000，邮箱zs@example.com，身份证42010119900101123X。\
                   在老王烧烤结账时被多收了费用，我住3栋2单元。"
                .into();
        let draft = draft_narrative(&i);
        assert!(!draft.contains("张三") && !draft.contains("珞喻路1号") && !draft.contains("138"), "{draft}");
        assert!(!draft.contains("example.com") && !draft.contains("1990"), "{draft}");
        check_narrative(&draft, &i).unwrap();
        for bad in [
            "张三在老王烧烤结账时被多收了费用。",
            "电话13800000000的消费者结账时被多收了费用。",
            "消费者结账时被多收了费用，联系 zs@example.com 。",
            "消费者结账时被多收了费用，住501室的邻居也是。",
            "证件42010119900101123X的消费者被多收了费用。",
        ] {
            assert_eq!(check_narrative(bad, &i).unwrap_err().code(), Code::ComplaintPersonalData, "{bad}");
        }
        check_narrative("消费者在老王烧烤结账时被多收了28元，经调解退还。", &i).unwrap();
        // Dates are not identifying numbers.
        check_narrative("2026-10-24至2026-11-2，消费者结账时被多收了费用。", &i).unwrap();
        i.facts = "2026-11-02在店内消费。".into();
        assert_eq!(draft_narrative(&i), "2026-11-02在店内消费。");
        assert_eq!(check_narrative("太短", &i).unwrap_err().code(), Code::ComplaintField);
    }

    #[test]
    fn warnings_are_checked() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let w = WarningPublished {
            id: warning_id(day, 1),
            on: day,
            office: DivisionCode::parse("420000").unwrap(),
            region: DivisionCode::parse("420100").unwrap(),
            category: Some("S04".into()),
            title: "关于教育培训服务的消费提示".into(),
            body: "近期教育培训服务投诉明显增多，请谨慎预付费用。".into(),
            observed: Some(40),
            expected: Some("12.5".into()),
            window: None,
        };
        assert_eq!(w.id, "XF202611290001");
        w.check().unwrap();
        let mut bad = w.clone();
        bad.region = DivisionCode::parse("420000").unwrap();
        bad.office = DivisionCode::parse("420100").unwrap();
        assert!(bad.check().is_err());
        let mut bad = w;
        bad.body.push_str("联系13800000000。");
        assert_eq!(bad.check().unwrap_err().code(), Code::ComplaintPersonalData);
    }

    /// The usual ways of getting personal data past the check, each caught.
    #[test]
    fn evasions_are_caught() {
        let mut i = intake();
        i.party.name = Some("张三".into());
        i.party.phone = Some("13800000000".into());
        i.party.address = Some("武汉市洪山区珞喻路".into());
        for bad in [
            // The complainant's name split by zero-width characters or spaces.
            "张\u{200B}三在老王烧烤结账时被多收了费用。",
            "张 三在老王烧烤结账时被多收了费用。",
            // Full-width digits, and numbers with spaces or dashes inside.
            "电话１３８００００００００的消费者被多收了费用。",
            "联系电话 139 1234 5678 的消费者被多收了费用。",
            "联系电话 027 - 8888 - 6666 的消费者被多收了费用。",
            "联系电话（027）88886666的消费者被多收了费用。",
            "证件号 4201 0119 9001 0112 3X 的消费者被多收了费用。",
            // House numbers written with 号, and a flat.
            "消费者住解放大道100号，结账时被多收了费用。",
            "消费者住3栋2单元501室，结账时被多收了费用。",
            // The address with invisible characters inside.
            "消费者住武汉市洪山区\u{2060}珞喻路附近，被多收了费用。",
        ] {
            let e = check_narrative(bad, &i).unwrap_err();
            assert!(matches!(e.code(), Code::ComplaintPersonalData | Code::TextFormatChar), "{bad}: {e:?}");
        }
        // Invisible characters are refused in what is published, whatever they hide.
        assert_eq!(check_narrative("消费者\u{200B}结账时被多收了费用。", &i).unwrap_err().code(), Code::TextFormatChar);
        // Days, prices and battery sizes are not personal data.
        check_narrative("消费者12月3号在店内购买5号电池，被多收了19999.00元中的28元。", &i).unwrap();
        // The draft masks full-width numbers and drops invisible characters.
        i.facts = "电话１３８００００００００，住３栋２单元。张\u{200B}三".into();
        let draft = draft_narrative(&i);
        assert!(!draft.contains('１') && !draft.contains("138") && !draft.contains('\u{200B}'), "{draft}");
    }

    #[test]
    fn every_published_field_of_a_warning_is_checked() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let w = WarningPublished {
            id: warning_id(day, 1),
            on: day,
            office: DivisionCode::parse("420000").unwrap(),
            region: DivisionCode::parse("420100").unwrap(),
            category: None,
            title: "关于预付费服务的消费提示".into(),
            body: "近期预付费投诉明显增多，请谨慎预付费用。".into(),
            observed: None,
            expected: None,
            window: None,
        };
        w.check().unwrap();
        for title in ["联系１３８００００００００的商家", "解放大道100号商家的消费提示", "商家电话 027 8888 6666"]
        {
            let mut bad = w.clone();
            bad.title = title.into();
            assert_eq!(bad.check().unwrap_err().code(), Code::ComplaintPersonalData, "{title}");
        }
        let mut bad = w.clone();
        bad.title = "关于预付费\u{202E}服务的消费提示".into();
        assert_eq!(bad.check().unwrap_err().code(), Code::TextFormatChar);
        let mut bad = w;
        bad.body.push_str("联系1 3 8 0 0 0 0 0 0 0 0。");
        assert_eq!(bad.check().unwrap_err().code(), Code::ComplaintPersonalData);
    }
}
