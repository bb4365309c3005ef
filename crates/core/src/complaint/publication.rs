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
        // A warning names no person: the same guard as narratives.
        scan(&self.body).map_err(|what| Error::new(Code::ComplaintPersonalData).with("what", what))?;
        Ok(())
    }
}

/// What follows a number in a house address (3栋2单元501室).
const HOUSE_NUMBER_WORDS: [&str; 5] = ["室", "单元", "栋", "幢", "号楼"];

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

/// Looks for what identifies anyone: a run of 7 or more digits (phone, identity card, bank
/// card; spaces and dashes inside are skipped), an e-mail address, a house number (a number
/// followed by 室, 单元, 栋, 幢 or 号楼). Returns what was found.
fn scan(text: &str) -> std::result::Result<(), &'static str> {
    let chars: Vec<char> = text.chars().collect();
    let mut run = 0;
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
        if c.is_ascii_digit() || ('０'..='９').contains(c) {
            run += 1;
            if run >= 7 {
                return Err("电话或证件号码 phone or identity number");
            }
        } else if (*c == ' ' || *c == '-') && run > 0 && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            // "138 0000 0000" and "027-8888-6666" are one number.
        } else if matches!(c, 'X' | 'x') && run >= 6 {
            return Err("电话或证件号码 phone or identity number");
        } else {
            if run > 0 {
                let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
                if HOUSE_NUMBER_WORDS.iter().any(|s| rest.starts_with(s)) {
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
    let p = &intake.party;
    if let Some(name) = p.name.as_deref().map(str::trim).filter(|n| n.chars().count() >= 2)
        && text.contains(name)
    {
        return Err(personal("投诉人姓名 the complainant's name"));
    }
    if let Some(phone) = &p.phone {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        let plain: String = text.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 && plain.contains(&digits) {
            return Err(personal("投诉人电话 the complainant's phone"));
        }
    }
    if let Some(address) = p.address.as_deref().map(str::trim).filter(|a| a.chars().count() >= 4)
        && text.contains(address)
    {
        return Err(personal("投诉人地址 the complainant's address"));
    }
    scan(text).map_err(personal)
}

/// A first draft of the narrative for the officer: the facts with the complainant's name,
/// phone and address replaced, and every digit run of a phone or identity number and every
/// e-mail address masked. The officer reads and edits it before publishing.
pub fn draft_narrative(intake: &Intake) -> String {
    let mut t = intake.facts.clone();
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
            } else if HOUSE_NUMBER_WORDS.iter().any(|s| rest.starts_with(s)) {
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
}
