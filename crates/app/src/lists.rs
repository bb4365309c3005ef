//! Listings a page at a time, by code: the public credit lists (经营异常名录, 严重违法失信名单)
//! and, for staff inside their jurisdiction, the register. A page carries the cursor of the
//! next (the last row's code, and for the lists its day), so a listing is resumable and stable
//! while entities are added. The lists come newest first, as the publicity system shows them.

use serde::Serialize;
use shijian_core::credit::lists::{AbnormalEntry, SeriousEntry};
use shijian_core::entity::EntityState;
use shijian_core::event::Actor;
use shijian_core::{DivisionCode, Result};
use shijian_store::Store;

use crate::access::{Action, authorize};

/// The most one page holds.
pub const MAX_PAGE: usize = 500;

/// One page of a listing.
#[derive(Clone, Debug, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

fn page_of<T>(items: Vec<T>, limit: usize, code: impl Fn(&T) -> String) -> Page<T> {
    let next = if items.len() == limit { items.last().map(code) } else { None };
    Page { items, next }
}

/// Which public list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    /// 经营异常名录 (企业经营异常名录管理暂行办法; individual businesses' abnormal marking).
    Abnormal,
    /// 严重违法失信名单 (市场监督管理严重违法失信名单管理办法).
    Serious,
}

/// An entity on a list with its current entries, as the public system shows them (企业信息
/// 公示暂行条例 第十七条、第十八条 [M: articles of the 2024 revision not re-read]).
#[derive(Clone, Debug)]
pub struct Listed {
    pub uscc: String,
    pub name: String,
    pub authority: String,
    pub entries: Entries,
}

/// An entity's current entries on the list asked for.
#[derive(Clone, Debug)]
pub enum Entries {
    Abnormal(Vec<AbnormalEntry>),
    Serious(Vec<SeriousEntry>),
}

/// A page of `list`: entities registered inside `division` (all if `None`), newest first (by
/// the day of their latest current entry, then by code), after the cursor `after`. Public:
/// the lists are published.
pub async fn listed(
    store: &Store,
    list: List,
    division: Option<DivisionCode>,
    after: Option<&str>,
    limit: usize,
) -> Result<Page<Listed>> {
    let limit = limit.clamp(1, MAX_PAGE);
    let rows = store.credit_listed(list == List::Serious, division, after, limit).await?;
    let mut items = Vec::with_capacity(rows.len());
    for (row, file) in rows {
        let since = match list {
            List::Abnormal => file.lists.abnormal.iter().map(|e| e.listed_on).max(),
            List::Serious => file.lists.serious.iter().map(|e| e.listed_on).max(),
        };
        let entries = match list {
            List::Abnormal => Entries::Abnormal(file.lists.abnormal),
            List::Serious => Entries::Serious(file.lists.serious),
        };
        let e = row.state.entity;
        let cursor = format!("{}_{}", since.map(|d| d.to_string()).unwrap_or_default(), e.uscc);
        items.push((
            cursor,
            Listed { uscc: e.uscc.to_string(), name: e.name, authority: e.authority.to_string(), entries },
        ));
    }
    let page = page_of(items, limit, |(cursor, _)| cursor.clone());
    Ok(Page { items: page.items.into_iter().map(|(_, l)| l).collect(), next: page.next })
}

/// A page of the register for staff: entities registered inside `division` (the actor's own
/// jurisdiction if `None`), by code after `after`. Refused outside the jurisdiction.
pub async fn register(
    store: &Store,
    actor: &Actor,
    division: Option<DivisionCode>,
    after: Option<&str>,
    limit: usize,
) -> Result<Page<EntityState>> {
    let division = division.or(actor.office);
    authorize(actor, Action::ReadRegister, division)?;
    let limit = limit.clamp(1, MAX_PAGE);
    let rows = store.entities_page(division, after, limit).await?;
    let items = rows.into_iter().map(|r| r.state).collect();
    Ok(page_of(items, limit, |s: &EntityState| s.entity.uscc.to_string()))
}
