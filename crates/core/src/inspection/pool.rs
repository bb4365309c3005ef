//! The two pools (两库): targets (检查对象名录库) and inspectors (执法检查人员名录库), fixed for a
//! plan in one canonical text whose SHA-256 the plan's publication carries:
//!
//! ```text
//! shijian-pool v1
//! plan <plan id>
//! targets <n>
//! <target id> TAB <stratum A|B|C|D|U> TAB <registering office>      (n lines, byte order of id)
//! inspectors <m>
//! <pseudonym> TAB <office> TAB <department> TAB <1|0 certified> TAB <excluded target ids, comma-separated>
//!                                                                    (m lines, byte order of pseudonym)
//! ```
//!
//! Every line ends with `\n`. An inspector's excluded targets are those they declared a
//! conflict with and those they inspected within the plan's recent period.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::plan::Stratum;
use crate::division::DivisionCode;
use crate::error::{Code, Error, Result};

/// One target in the pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// A credit code for an entity; `<code>/<local id>` for a product or premises.
    pub id: String,
    pub stratum: Stratum,
    /// The registering office of the entity (or of the entity the product or premises belong to).
    pub office: DivisionCode,
}

/// One inspector in the pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspector {
    /// The account's opaque pseudonym (`core::account`), as events show staff; never the
    /// username.
    pub pseudonym: String,
    pub office: DivisionCode,
    pub department: String,
    /// Holds an administrative enforcement certificate (行政执法证).
    pub certified: bool,
    /// Targets this inspector may not be assigned (sorted): declared conflicts, recent checks.
    pub excluded: Vec<String>,
}

/// `inspection.inspector_enrolled`: a member of staff in (or leaving) the inspector pool.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectorRecord {
    /// The account's opaque pseudonym (a request to enroll names the account by its username;
    /// `app` records the pseudonym).
    pub pseudonym: String,
    pub office: DivisionCode,
    pub department: String,
    pub certified: bool,
    /// Available for draws (not on leave, not seconded elsewhere).
    pub available: bool,
}

/// `inspection.object_registered`: a product or a business premises that pools of product or
/// premises items draw from (检查对象名录库 beyond the register of entities: 产品 for product
/// quality sampling, 经营场所 for measuring instruments in use). Registering the same id again
/// replaces the record; `active: false` takes it out of future pools.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionObject {
    /// `<the responsible entity's credit code>/<local id>`.
    pub id: String,
    pub kind: super::TargetKind,
    /// What it is: the product and its model, or the premises' name and address.
    pub name: String,
    /// The division where it is made or lies (the pool's jurisdiction).
    pub office: DivisionCode,
    /// GB/T 4754 code (products: the making industry; premises: the trade carried on).
    #[serde(default)]
    pub industry: Option<String>,
    pub active: bool,
}

impl InspectionObject {
    pub fn check(&self) -> Result<()> {
        let field = |f: &str, r: &str| Error::new(Code::InspectionField).with("field", f).with("reason", r.to_string());
        check_target_id(&self.id)?;
        if !self.id.contains('/') {
            return Err(field("id", "<code>/<local id>"));
        }
        if self.kind == super::TargetKind::Entity {
            return Err(field("kind", "product or premises"));
        }
        if self.name.trim().is_empty() || self.name.chars().count() > 200 {
            return Err(field("name", "1–200 characters"));
        }
        if self
            .industry
            .as_deref()
            .is_some_and(|i| i.is_empty() || i.len() > 5 || !i.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(field("industry", "a GB/T 4754 code"));
        }
        Ok(())
    }

    /// The responsible entity's credit code.
    pub fn entity(&self) -> &str {
        self.id.split_once('/').map_or(self.id.as_str(), |(c, _)| c)
    }
}

/// `inspection.conflict_declared`: 执法人员回避 (行政处罚法 第四十三条 for the principle).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictDeclared {
    pub pseudonym: String,
    pub target: String,
    pub reason: String,
}

/// An inspector as the projection keeps them: the record and the declared conflicts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectorState {
    pub record: InspectorRecord,
    /// Target ids (sorted, distinct).
    pub conflicts: Vec<String>,
}

impl InspectorRecord {
    pub fn check(&self) -> Result<()> {
        let field = |f: &str, r: &str| Error::new(Code::InspectionField).with("field", f).with("reason", r);
        if !plain(&self.pseudonym) {
            return Err(field("pseudonym", "no tab, comma or line break; not empty"));
        }
        if !plain(&self.department) {
            return Err(field("department", "no tab, comma or line break; not empty"));
        }
        Ok(())
    }
}

/// Text that fits a pool line's field.
fn plain(s: &str) -> bool {
    !s.trim().is_empty() && !s.contains(['\t', '\n', '\r', ','])
}

/// A target id: a credit code, optionally followed by `/` and a local id.
pub fn check_target_id(id: &str) -> Result<()> {
    let (code, local) = match id.split_once('/') {
        Some((c, l)) => (c, Some(l)),
        None => (id, None),
    };
    crate::Uscc::parse(code)?;
    if local.is_some_and(|l| !plain(l) || l.len() > 64) {
        return Err(Error::new(Code::InspectionField).with("field", "target").with("reason", id.to_string()));
    }
    Ok(())
}

/// The pools of one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pool {
    pub plan: String,
    /// In byte order of id, distinct.
    pub targets: Vec<Target>,
    /// In byte order of pseudonym, distinct.
    pub inspectors: Vec<Inspector>,
}

impl Pool {
    /// Builds a pool, putting targets and inspectors in canonical order.
    pub fn new(plan: &str, mut targets: Vec<Target>, mut inspectors: Vec<Inspector>) -> Result<Pool> {
        targets.sort_unstable_by(|a, b| a.id.as_bytes().cmp(b.id.as_bytes()));
        if targets.windows(2).any(|w| w[0].id == w[1].id) {
            return Err(Error::new(Code::InspectionField).with("field", "targets").with("reason", "repeated"));
        }
        inspectors.sort_by(|a, b| a.pseudonym.as_bytes().cmp(b.pseudonym.as_bytes()));
        if inspectors.windows(2).any(|w| w[0].pseudonym == w[1].pseudonym) {
            return Err(Error::new(Code::InspectionField).with("field", "inspectors").with("reason", "repeated"));
        }
        for i in &mut inspectors {
            if !plain(&i.pseudonym) || !plain(&i.department) {
                return Err(Error::new(Code::InspectionField).with("field", "inspectors").with("reason", &i.pseudonym));
            }
            i.excluded.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
            i.excluded.dedup();
        }
        Ok(Pool { plan: plan.to_string(), targets, inspectors })
    }

    /// Targets per stratum.
    pub fn strata(&self) -> BTreeMap<Stratum, u64> {
        let mut out = BTreeMap::new();
        for t in &self.targets {
            *out.entry(t.stratum).or_insert(0) += 1;
        }
        out
    }

    /// The canonical text (see the module documentation).
    pub fn canonical(&self) -> String {
        let mut s = String::with_capacity(64 + self.targets.len() * 30 + self.inspectors.len() * 48);
        s.push_str("shijian-pool v1\nplan ");
        s.push_str(&self.plan);
        s.push_str("\ntargets ");
        s.push_str(&self.targets.len().to_string());
        s.push('\n');
        for t in &self.targets {
            s.push_str(&t.id);
            s.push('\t');
            s.push_str(t.stratum.as_str());
            s.push('\t');
            let _ = write!(s, "{}", t.office);
            s.push('\n');
        }
        s.push_str("inspectors ");
        s.push_str(&self.inspectors.len().to_string());
        s.push('\n');
        for i in &self.inspectors {
            s.push_str(&i.pseudonym);
            s.push('\t');
            let _ = write!(s, "{}", i.office);
            s.push('\t');
            s.push_str(&i.department);
            s.push_str(if i.certified { "\t1\t" } else { "\t0\t" });
            s.push_str(&i.excluded.join(","));
            s.push('\n');
        }
        s
    }

    /// SHA-256 of a canonical text.
    pub fn hash_of(text: &[u8]) -> [u8; 32] {
        Sha256::digest(text).into()
    }

    /// Reads a canonical text back; anything not exactly canonical fails.
    pub fn parse(text: &str) -> Result<Pool> {
        let bad =
            |line: usize, r: &str| Error::new(Code::InspectionPool).with("line", line).with("reason", r.to_string());
        let mut lines = text.split_terminator('\n').enumerate().map(|(i, l)| (i + 1, l));
        let mut next = |what: &str| lines.next().ok_or_else(|| bad(0, what));
        let (n, l) = next("header")?;
        if l != "shijian-pool v1" {
            return Err(bad(n, "header"));
        }
        let (n, l) = next("plan")?;
        let plan = l.strip_prefix("plan ").ok_or_else(|| bad(n, "plan"))?.to_string();
        let (n, l) = next("targets")?;
        let count: usize = l.strip_prefix("targets ").and_then(|c| c.parse().ok()).ok_or_else(|| bad(n, "targets"))?;
        let mut targets = Vec::with_capacity(count);
        let mut offices: std::collections::HashMap<&str, DivisionCode> = std::collections::HashMap::new();
        for _ in 0..count {
            let (n, l) = next("target")?;
            let mut f = l.split('\t');
            let (Some(id), Some(stratum), Some(office), None) = (f.next(), f.next(), f.next(), f.next()) else {
                return Err(bad(n, "target line"));
            };
            let office = match offices.get(office) {
                Some(o) => *o,
                None => {
                    let o = DivisionCode::parse(office).map_err(|_| bad(n, "office"))?;
                    if o.to_string() != office {
                        return Err(bad(n, "office"));
                    }
                    offices.insert(office, o);
                    o
                }
            };
            if targets.last().is_some_and(|t: &Target| t.id.as_bytes() >= id.as_bytes()) {
                return Err(bad(n, "targets not in byte order or repeated"));
            }
            if id.is_empty() || id.contains(['\r', ',']) {
                return Err(bad(n, "target id"));
            }
            targets.push(Target {
                id: id.to_string(),
                stratum: Stratum::parse(stratum).map_err(|_| bad(n, "stratum"))?,
                office,
            });
        }
        let (n, l) = next("inspectors")?;
        let count: usize =
            l.strip_prefix("inspectors ").and_then(|c| c.parse().ok()).ok_or_else(|| bad(n, "inspectors"))?;
        let mut inspectors = Vec::with_capacity(count);
        for _ in 0..count {
            let (n, l) = next("inspector")?;
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() != 5 || !(f[3] == "0" || f[3] == "1") {
                return Err(bad(n, "inspector line"));
            }
            inspectors.push(Inspector {
                pseudonym: f[0].to_string(),
                office: DivisionCode::parse(f[1]).map_err(|_| bad(n, "office"))?,
                department: f[2].to_string(),
                certified: f[3] == "1",
                excluded: if f[4].is_empty() { Vec::new() } else { f[4].split(',').map(str::to_string).collect() },
            });
        }
        if lines.next().is_some() || !text.ends_with('\n') {
            return Err(bad(0, "trailing text"));
        }
        // Targets were checked in order as they were read (the bulk of the text); the
        // inspectors are few: build them the canonical way and compare.
        let ordered = Pool::new(&plan, Vec::new(), inspectors.clone())?;
        if ordered.inspectors != inspectors {
            return Err(bad(0, "inspectors not in canonical order"));
        }
        Ok(Pool { plan, targets, inspectors })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn office(s: &str) -> DivisionCode {
        DivisionCode::parse(s).unwrap()
    }

    #[test]
    fn the_canonical_text_reads_back_and_rejects_anything_else() {
        let pool = Pool::new(
            "p1",
            vec![
                Target { id: "91420102MA4K00002X".into(), stratum: Stratum::D, office: office("420102") },
                Target { id: "91420102MA4K00001X".into(), stratum: Stratum::B, office: office("420102") },
            ],
            vec![Inspector {
                pseudonym: "insp-1".into(),
                office: office("420100"),
                department: "市场监管".into(),
                certified: true,
                excluded: vec!["b".into(), "a".into()],
            }],
        )
        .unwrap();
        let text = pool.canonical();
        assert_eq!(
            text,
            "shijian-pool v1\nplan p1\ntargets 2\n91420102MA4K00001X\tB\t420102\n91420102MA4K00002X\tD\t420102\n\
             inspectors 1\ninsp-1\t420100\t市场监管\t1\ta,b\n"
        );
        assert_eq!(Pool::parse(&text).unwrap(), pool);
        let swapped = text.replace("00001X\tB", "00003X\tB");
        assert_eq!(Pool::parse(&swapped).unwrap_err().code(), Code::InspectionPool);
        assert!(Pool::parse(&text[..text.len() - 1]).is_err());
        assert!(Pool::parse(&format!("{text}x\n")).is_err());
    }
}
