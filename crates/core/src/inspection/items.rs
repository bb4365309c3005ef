//! The random-inspection item list (随机抽查事项清单): what may be checked, by which department, on
//! what legal basis. Ordinary items (一般检查事项) have a capped sampling ratio; key items
//! (重点检查事项) cover every target in scope and the draw only sets the order and the
//! inspectors (国发〔2019〕5号 [P]). The market-supervision items are shipped in
//! `data/inspection-items.tsv`; administrators add or change items with `inspection.item_defined`.

use serde::{Deserialize, Serialize};

use crate::calendar::tsv_rows;
use crate::error::{Code, Error, Result};

/// What an item inspects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    /// A market entity (by its credit code).
    Entity,
    /// A product (sampled at an entity).
    Product,
    /// A place of business (a shop, a site) of an entity.
    Premises,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Entity => "entity",
            TargetKind::Product => "product",
            TargetKind::Premises => "premises",
        }
    }

    pub fn parse(s: &str) -> Result<TargetKind> {
        [TargetKind::Entity, TargetKind::Product, TargetKind::Premises]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Error::new(Code::InspectionField).with("field", "target").with("reason", s))
    }
}

/// Ordinary or key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// 一般检查事项: drawn at a ratio no higher than the item's cap.
    Ordinary,
    /// 重点检查事项: every target in scope; the draw sets the order and the inspectors.
    Key,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Ordinary => "ordinary",
            ItemKind::Key => "key",
        }
    }
}

/// One item of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// A short stable code, e.g. `SC-01`.
    pub code: String,
    /// The department that inspects (市场监管, or another department's name in a joint plan).
    pub department: String,
    pub name_zh: String,
    pub name_en: String,
    pub target: TargetKind,
    pub kind: ItemKind,
    /// Ordinary items: the highest share of the pool a plan may draw, in basis points
    /// (1/10,000). `None` for key items.
    pub cap_bp: Option<u32>,
    /// The legal basis (law, article).
    pub basis: String,
    /// What the check covers.
    pub checks: Vec<String>,
    /// Whom the item applies to, as GB/T 4754 industry prefixes (a section letter or 2–4
    /// digits, as a plan's scope takes them): a plan's pool holds only entities (and objects of
    /// entities) of one of these industries. Empty: every entity, for items every business is
    /// subject to (disclosures, registered particulars, prices, advertising). From the item
    /// list's `applies_to` column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
}

impl Item {
    /// Checks an item's fields.
    pub fn check(&self) -> Result<()> {
        let field = |f: &str, r: &str| Error::new(Code::InspectionField).with("field", f).with("reason", r);
        let code_ok = !self.code.is_empty()
            && self.code.len() <= 16
            && self.code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !code_ok {
            return Err(field("code", "1-16 letters, digits or '-'"));
        }
        for (f, v) in [("department", &self.department), ("name_zh", &self.name_zh), ("basis", &self.basis)] {
            if v.trim().is_empty() {
                return Err(field(f, "empty"));
            }
        }
        if let Some(p) = self.applies_to.iter().find(|p| crate::industry::IndustryCode::parse_form(p).is_err()) {
            return Err(field("applies_to", &format!("{p}: a GB/T 4754 section letter or 2-4 digits")));
        }
        match (self.kind, self.cap_bp) {
            (ItemKind::Ordinary, Some(c)) if (1..=10_000).contains(&c) => Ok(()),
            (ItemKind::Ordinary, _) => Err(field("cap_bp", "an ordinary item needs a cap of 1 to 10000")),
            (ItemKind::Key, None) => Ok(()),
            (ItemKind::Key, Some(_)) => Err(field("cap_bp", "a key item has no cap")),
        }
    }
}

impl Item {
    /// Whether the item applies to an entity of `industry` (its GB/T 4754 code, `H62` or the
    /// digits alone): any entity when the item names no industry; otherwise only one whose
    /// code falls under a named prefix, so an entity without a code is left out.
    pub fn applies(&self, industry: Option<&str>) -> bool {
        self.applies_to.is_empty()
            || industry.is_some_and(|i| self.applies_to.iter().any(|p| super::plan::industry_matches(p, i)))
    }
}

/// The shipped market-supervision items.
pub fn builtin() -> Vec<Item> {
    parse_tsv(include_str!("../../data/inspection-items.tsv")).expect("shipped item list parses")
}

/// Reads an item list in the shipped TSV form (header line, `#` comments).
pub fn parse_tsv(text: &str) -> Result<Vec<Item>> {
    let mut out = Vec::new();
    for (line, cols) in tsv_rows(text) {
        let first = cols.first().map(String::as_str).unwrap_or("");
        if first.is_empty() || first.starts_with('#') || first == "code" {
            continue;
        }
        let bad = |r: &str| Error::new(Code::InspectionField).with("field", format!("line {line}")).with("reason", r);
        // The tenth column, whom the item applies to, may be left off (every entity).
        if cols.len() != 9 && cols.len() != 10 {
            return Err(bad("9 or 10 columns expected"));
        }
        let kind = match cols[5].as_str() {
            "ordinary" => ItemKind::Ordinary,
            "key" => ItemKind::Key,
            _ => return Err(bad("type is ordinary or key")),
        };
        let cap_bp = match cols[6].trim() {
            "" => None,
            c => Some(c.parse::<u32>().map_err(|_| bad("cap_bp is a number"))?),
        };
        let item = Item {
            code: cols[0].clone(),
            department: cols[1].clone(),
            name_zh: cols[2].clone(),
            name_en: cols[3].clone(),
            target: TargetKind::parse(&cols[4])?,
            kind,
            cap_bp,
            basis: cols[7].clone(),
            checks: cols[8].split('；').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
            applies_to: cols
                .get(9)
                .map(|c| c.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect())
                .unwrap_or_default(),
        };
        item.check()?;
        out.push(item);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_reads_and_holds_both_kinds() {
        let items = builtin();
        assert!(items.len() >= 10);
        assert!(items.iter().any(|i| i.kind == ItemKind::Key && i.cap_bp.is_none()));
        assert!(items.iter().any(|i| i.kind == ItemKind::Ordinary && i.cap_bp.is_some()));
        let mut codes: Vec<_> = items.iter().map(|i| &i.code).collect();
        codes.dedup();
        assert_eq!(codes.len(), items.len());
    }

    /// The food items apply to food businesses only (by industry), the general ones to all.
    #[test]
    fn an_item_applies_to_the_industries_it_names() {
        let items = builtin();
        let item = |code: &str| items.iter().find(|i| i.code == code).unwrap();
        let food = item("SC-04");
        assert!(food.applies(Some("H62")) && food.applies(Some("62")) && food.applies(Some("F5223")));
        assert!(!food.applies(Some("I65")) && !food.applies(Some("65")) && !food.applies(None));
        assert!(item("SC-03").applies(Some("C14")) && !item("SC-03").applies(Some("H62")));
        assert!(item("SC-01").applies(Some("I65")) && item("SC-01").applies(None));
        let mut wrong = food.clone();
        wrong.applies_to = vec!["food".into()];
        assert_eq!(wrong.check().unwrap_err().detail("field"), Some("applies_to"));
    }

    #[test]
    fn an_ordinary_item_needs_a_cap_and_a_key_item_has_none() {
        let mut item = builtin().into_iter().find(|i| i.kind == ItemKind::Ordinary).unwrap();
        item.cap_bp = None;
        assert_eq!(item.check().unwrap_err().code(), Code::InspectionField);
        item.kind = ItemKind::Key;
        item.check().unwrap();
        item.cap_bp = Some(100);
        assert!(item.check().is_err());
    }
}
