//! Search by name words or by code, as the public looks entities up.
//!
//! A query of 18 characters that parses as a 统一社会信用代码 is an exact code lookup. Anything
//! else is name words: segmented like the names ([`shijian_text::segment::query_words`]), every
//! word required, then kept only where the name (current or former) contains the query as
//! typed after normalisation, so the words' looser match never shows a name without the text.
//! Words separated by spaces are each required (`孝昌 红光 大药房` finds 孝昌县红光大药房).
//! Hits come in a stable order, counted (up to [`MAX_COUNTED`]) and a page at a time. A code whose check character is
//! wrong is not searched as words: the answer says which character the rest calls for.

use serde::Serialize;
use shijian_core::{Code, Error, Result, Uscc};
use shijian_store::Store;
use shijian_text::Text;

/// One entity found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub uscc: String,
    /// The entity's current name.
    pub name: String,
    /// The name that matched, when it is a former one.
    pub matched_former_name: Option<String>,
    pub kind: &'static str,
    pub status: &'static str,
    pub division: String,
}

/// Names are read this many at a time before the containment check.
const CANDIDATES: usize = 2000;
/// At most this many candidate pages are read for one query, and at most [`MAX_COUNTED`]
/// entities counted: a query that matches more is told so ("more than 200") and asked for more
/// words. Counting is what a search costs (each candidate's name is read and compared), and
/// anyone may search, so both bounds keep an anonymous request's work small: at the full
/// province, counting to 1,000 through up to 50,000 candidates made a search of a common word
/// cost tens of milliseconds (BENCHMARKS.md, *Public pages*). 国家企业信用信息公示系统 shows at
/// most 50 results of a search.
const PAGES: usize = 5;
pub const MAX_COUNTED: usize = 200;

/// One page of what a query found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Found {
    /// The page's hits, in a stable order (the order the names were first registered).
    pub hits: Vec<Hit>,
    /// How many entities match in all, at most [`MAX_COUNTED`].
    pub total: usize,
    /// More match than were counted (`total` is a lower bound).
    pub capped: bool,
    /// The query was a credit code whose check character is wrong: what it should be.
    pub check: Option<CheckHint>,
}

/// A code typed with a wrong check character (GB 32100-2015 §5): the first 17 characters are
/// taken as right, and the check character they call for is given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckHint {
    /// The code as typed, folded (half-width, upper case, no spaces or hyphens).
    pub typed: String,
    /// The 18th character typed.
    pub found: String,
    /// The 18th character the first 17 call for.
    pub expected: String,
    /// The code with that check character.
    pub corrected: String,
}

/// Finds entities by code or name words, at most `limit`.
pub async fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
    Ok(search_page(store, query, 0, limit).await?.hits)
}

/// Finds entities by code or name words: the `limit` hits after the first `offset`, with how
/// many there are in all. Words separated by spaces must each be in the name (current or
/// former), in any order.
pub async fn search_page(store: &Store, query: &str, offset: usize, limit: usize) -> Result<Found> {
    let q = query.trim();
    let folded = shijian_core::fold::fold_code(q);
    if folded.len() == 18 && folded.chars().all(|c| c.is_ascii_alphanumeric()) {
        match Uscc::parse(&folded) {
            Ok(code) => {
                let hits = match store.entity(code.as_str()).await? {
                    Some(row) if offset == 0 => vec![hit(&row.state, None)],
                    Some(_) => Vec::new(),
                    None => return Ok(Found { hits: Vec::new(), total: 0, capped: false, check: None }),
                };
                return Ok(Found { hits, total: 1, capped: false, check: None });
            }
            Err(e) if e.code() == Code::UsccCheck => {
                let expected = e.detail("expected").unwrap_or_default().to_string();
                let found = e.detail("found").unwrap_or_default().to_string();
                let corrected = format!("{}{expected}", &folded[..17]);
                let check = CheckHint { typed: folded, found, expected, corrected };
                return Ok(Found { hits: Vec::new(), total: 0, capped: false, check: Some(check) });
            }
            Err(_) => {}
        }
    }
    let text = Text::shared()?;
    let words = shijian_text::segment::query_words(text, q);
    if words.is_empty() {
        return Err(Error::new(Code::SearchQueryShort).with("query", q));
    }
    // Each part typed between spaces must be in the name; the index words only narrow.
    let normalized = text.normalize(q);
    let needles: Vec<&str> = normalized.split(' ').filter(|p| !p.is_empty()).collect();
    let mut matched: Vec<(String, Option<String>)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut after: Option<u64> = None;
    let mut capped = false;
    'pages: for page in 0..PAGES {
        // The first read asks for just enough to count to the cap when every name matches (a
        // common word: most do), later ones for more.
        let batch = if page == 0 { MAX_COUNTED + 1 } else { CANDIDATES };
        let rows = store.search_names(&words, after, batch).await?;
        let full = rows.len() == batch;
        for row in rows {
            after = Some(after.map_or(row.id, |a| a.max(row.id)));
            let Some(code) = row.uscc else { continue };
            let name = text.normalize(&row.name);
            if !needles.iter().all(|n| name.contains(n)) || seen.contains(&code) {
                continue;
            }
            if matched.len() == MAX_COUNTED {
                capped = true;
                break 'pages;
            }
            seen.insert(code.clone());
            matched.push((code, Some(row.name)));
        }
        if !full {
            break;
        }
        // The last page allowed was full: names may remain unread, so the count is a lower bound.
        capped = page + 1 == PAGES;
    }
    let total = matched.len();
    let shown: Vec<(String, Option<String>)> = matched.into_iter().skip(offset).take(limit).collect();
    let codes: Vec<String> = shown.iter().map(|(c, _)| c.clone()).collect();
    // The page's entities in one read of the register's columns (their states are not needed).
    let mut summaries = store.entity_summaries(&codes).await?.into_iter().peekable();
    let mut hits = Vec::with_capacity(shown.len());
    for (code, name) in shown {
        let Some(s) = summaries.next_if(|s| s.uscc == code) else { continue };
        let former = name.filter(|n| *n != s.name);
        hits.push(Hit {
            uscc: s.uscc,
            name: s.name,
            matched_former_name: former,
            kind: s.kind.as_str(),
            status: s.status.as_str(),
            division: s.authority.to_string(),
        });
    }
    Ok(Found { hits, total, capped, check: None })
}

fn hit(state: &shijian_core::entity::EntityState, former: Option<String>) -> Hit {
    Hit {
        uscc: state.entity.uscc.to_string(),
        name: state.entity.name.clone(),
        matched_former_name: former,
        kind: state.entity.kind.as_str(),
        status: state.status.as_str(),
        division: state.entity.authority.to_string(),
    }
}
