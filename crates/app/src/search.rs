//! Search by name words or by code, as the public looks entities up.
//!
//! A query of 18 characters that parses as a 统一社会信用代码 is an exact code lookup. Anything
//! else is name words: segmented like the names ([`shijian_text::segment::query_words`]), every
//! word required, then kept only where the name (current or former) contains the query as
//! typed after normalisation, so the words' looser match never shows a name without the text.

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

/// Names are read this many at a time before the containment check, and further pages only
/// while nothing has been found, up to [`PAGES`].
const CANDIDATES: usize = 2000;
const PAGES: usize = 5;

/// Finds entities by code or name words, at most `limit`.
pub async fn search(store: &Store, query: &str, limit: usize) -> Result<Vec<Hit>> {
    let q = query.trim();
    if let Ok(code) = Uscc::parse(q) {
        return Ok(match store.entity(code.as_str()).await? {
            Some(row) => vec![hit(&row.state, None)],
            None => Vec::new(),
        });
    }
    let text = Text::shared()?;
    let words = shijian_text::segment::query_words(text, q);
    if words.is_empty() {
        return Err(Error::new(Code::SearchQueryShort).with("query", q));
    }
    let needle = text.normalize(q);
    let mut out: Vec<Hit> = Vec::new();
    let mut after: Option<u64> = None;
    for _ in 0..PAGES {
        let rows = store.search_names(&words, after, CANDIDATES).await?;
        let full = rows.len() == CANDIDATES;
        for row in &rows {
            after = Some(after.map_or(row.id, |a| a.max(row.id)));
            if out.len() >= limit {
                return Ok(out);
            }
            let Some(code) = row.uscc.as_deref() else { continue };
            if !text.normalize(&row.name).contains(&needle) || out.iter().any(|h| h.uscc == code) {
                continue;
            }
            if let Some(entity) = store.entity(code).await? {
                let former = (entity.state.entity.name != row.name).then(|| row.name.clone());
                out.push(hit(&entity.state, former));
            }
        }
        if !full || !out.is_empty() {
            break;
        }
    }
    Ok(out)
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
