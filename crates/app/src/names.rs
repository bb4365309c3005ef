//! Name self-declaration (名称自主申报): a proposed name checked on its own
//! ([`shijian_core::name::check`]), then compared with the names of the same registration
//! authority ([`shijian_text::names::compare`], 企业名称登记管理规定 第十七条 and
//! 企业名称相同相近比对规则). The register's candidate index narrows the comparison to the
//! names sharing a key with the proposal; the comparison itself is the same as against every
//! name of the authority (a test and the benchmark check that they agree).

use chrono::NaiveDate;
use serde::Serialize;
use shijian_core::name::{ParsedName, Severity};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, DivisionCode, Error, Result, Uscc};
use shijian_store::{NameRow, Store, name_key_hash};
use shijian_text::Text;
use shijian_text::names::{Registered, compare, query_keys};

/// The outcome of a name check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accept,
    /// Similar names exist: the applicant may declare the name at their own risk
    /// (企业名称登记管理规定 第十六条).
    Warn,
    Refuse,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accept => "accept",
            Verdict::Warn => "warn",
            Verdict::Refuse => "refuse",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Verdict::Accept => "可以申报",
            Verdict::Warn => "近似，可自担风险申报",
            Verdict::Refuse => "不予申报",
        }
    }
}

/// One finding: a rule broken by the name itself, or a conflict with a registered name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub basis: &'static str,
    pub conflict_uscc: Option<String>,
    pub conflict_name: Option<String>,
    pub detail: String,
}

/// A checked name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameCheck {
    pub verdict: Verdict,
    pub parsed: ParsedName,
    /// The registration authority compared under.
    pub authority: DivisionCode,
    pub kind: Option<EntityKind>,
    pub findings: Vec<NameFinding>,
}

impl NameCheck {
    /// The first refusing finding, for an error message.
    pub fn first_refusal(&self) -> Option<&NameFinding> {
        self.findings.iter().find(|f| f.severity == Severity::Refuse)
    }
}

/// What a check compares with: the register, or a given list of names (the brute-force
/// baseline).
pub enum Against<'a> {
    Index,
    All(&'a [NameRow]),
}

/// Names a check leaves out.
#[derive(Clone, Copy, Debug, Default)]
pub struct Exclude<'a> {
    /// The names of this entity.
    pub uscc: Option<&'a str>,
    /// This reservation (its log index).
    pub reservation: Option<u64>,
}

/// Whether a stored name takes part in comparisons on `today`: a reservation only until it
/// expires (or is used).
fn in_force(row: &NameRow, today: NaiveDate) -> bool {
    row.reserved_until.is_none_or(|until| today <= until)
}

fn registered(row: &NameRow) -> Registered {
    Registered {
        uscc: row.uscc.as_deref().and_then(|u| Uscc::parse(u).ok()),
        name: row.name.clone(),
        parsed: shijian_core::name::check(&row.name, Some(row.kind), Some(row.authority)).0,
        ended_on: row.ended_on,
    }
}

/// Checks a proposed name. `authority` is the registering office; when omitted, the division the
/// name itself states. `kind`, when omitted, is the first kind the name's form fits.
/// `exclude` leaves out the names of one entity (its own current and former names, for a
/// change of name) and the applicant's own reservation.
pub async fn check(
    store: &Store,
    raw: &str,
    kind: Option<EntityKind>,
    authority: Option<DivisionCode>,
    exclude: Exclude<'_>,
    today: NaiveDate,
    against: Against<'_>,
) -> Result<NameCheck> {
    let (first, _) = shijian_core::name::check(raw, kind, authority);
    let authority = authority.or(first.division).ok_or_else(|| {
        Error::new(Code::RegistryField).with("field", "division").with(
            "reason",
            "名称未含行政区划，请指明登记机关（--division） / the name states no division: give the registering office",
        )
    })?;
    let kind = kind.or_else(|| first.form_kinds.first().copied());
    let (parsed, own) = shijian_core::name::check(raw, kind, Some(authority));
    let mut findings: Vec<NameFinding> = own
        .into_iter()
        .map(|f| NameFinding {
            rule: f.rule,
            severity: f.severity,
            basis: f.basis,
            conflict_uscc: None,
            conflict_name: None,
            detail: f.detail,
        })
        .collect();
    let rows = match against {
        Against::Index => {
            let hashes: Vec<i64> =
                query_keys(Text::shared()?, &parsed).iter().map(|k| name_key_hash(authority, k)).collect();
            store.name_candidates(&hashes).await?
        }
        Against::All(rows) => rows.to_vec(),
    };
    let candidates: Vec<Registered> = rows
        .iter()
        .filter(|r| r.authority == authority && in_force(r, today))
        .filter(|r| exclude.uscc.is_none() || r.uscc.as_deref() != exclude.uscc)
        .filter(|r| exclude.reservation != Some(r.id))
        .map(registered)
        .collect();
    for c in compare(Text::shared()?, &parsed, &candidates, today) {
        findings.push(NameFinding {
            rule: c.rule,
            severity: c.severity,
            basis: c.basis,
            conflict_uscc: c.conflict_uscc,
            conflict_name: Some(c.conflict_name),
            detail: c.detail,
        });
    }
    let verdict = if findings.iter().any(|f| f.severity == Severity::Refuse) {
        Verdict::Refuse
    } else if findings.is_empty() {
        Verdict::Accept
    } else {
        Verdict::Warn
    };
    Ok(NameCheck { verdict, parsed, authority, kind, findings })
}
