//! `/log`: the public log, exactly per C2SP tlog-tiles, so that any tlog client, witness or
//! mirror can follow it: `/log/checkpoint`, `/log/tile/<L>/<N>[.p/<W>]`,
//! `/log/tile/entries/<N>[.p/<W>]`, and the verifier key at `/log/key`.
//!
//! Only what the latest checkpoint covers is served. Tiles never change once they exist (a
//! partial tile's hashes are the start of the full one), so they are cached as immutable; the
//! checkpoint only briefly.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use shijian_core::{Code, Error};
use shijian_ledger::tile::{Tile, TilePath, encode_bundle};

use crate::AppState;
use crate::error::ApiError;

const TEXT: &str = "text/plain; charset=utf-8";
const BINARY: &str = "application/octet-stream";
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "public, max-age=5";

fn missing(path: &str) -> ApiError {
    ApiError(Error::new(Code::RouteUnknown).with("path", format!("/log/{path}")))
}

/// `GET /log/checkpoint`: the latest signed checkpoint, with any witness cosignatures.
pub async fn checkpoint(State(state): State<AppState>) -> Result<Response, ApiError> {
    let store = state.store();
    let Some(cp) = store.latest_checkpoint().await? else {
        return Err(ApiError(Error::new(Code::LogNotCheckpointed).with("index", 0)));
    };
    let note = store.cosigned_note(&cp).await?;
    Ok(([(header::CONTENT_TYPE, TEXT), (header::CACHE_CONTROL, SHORT)], note).into_response())
}

/// `GET /log/key`: the verifier key of the log's checkpoints, one line.
pub async fn key(State(state): State<AppState>) -> Response {
    ([(header::CONTENT_TYPE, TEXT), (header::CACHE_CONTROL, SHORT)], format!("{}\n", state.0.config.log_key))
        .into_response()
}

/// `GET /log/tile/…`: a tile of hashes or an entry bundle of the checkpointed tree.
pub async fn tile(State(state): State<AppState>, Path(rest): Path<String>) -> Result<Response, ApiError> {
    let path = format!("tile/{rest}");
    let parsed = Tile::parse_path(&path).map_err(|_| missing(&path))?;
    let store = state.store();
    let size = store.latest_checkpoint().await?.map_or(0, |c| c.size);
    let (tile, entries) = match parsed {
        TilePath::Hashes(t) => (t, false),
        TilePath::Entries { index, width } => (Tile { level: 0, index, width }, true),
    };
    // The tile as the checkpointed tree has it; the request may ask for its first `width`
    // hashes (a partial tile) but no more than the tree holds.
    match Tile::in_tree(tile.level, tile.index, size) {
        Some(t) if tile.width <= t.width => {}
        _ => return Err(missing(&path)),
    }
    let body = if entries {
        let from = tile.start();
        let rows = store.entries(from, from + u64::from(tile.width)).await?;
        encode_bundle(rows.iter().map(Vec::as_slice))
            .map_err(|e| ApiError(Error::new(Code::Internal).with("reason", e)))?
    } else {
        store.read_tiles(&[tile]).await?.pop().ok_or_else(|| missing(&path))?
    };
    Ok(([(header::CONTENT_TYPE, BINARY), (header::CACHE_CONTROL, IMMUTABLE)], body).into_response())
}

/// The routes of this module ([`crate::routes`]).
pub(crate) fn routes() -> Vec<crate::Route> {
    use crate::{Access, route};
    use axum::routing::get;
    vec![
        route("GET", "/log/checkpoint", Access::Public, "日志检查点 / the log's checkpoint", &[], || {
            get(checkpoint)
        }),
        route("GET", "/log/key", Access::Public, "日志验证公钥 / the log's verifier key", &[], || get(key)),
        route("GET", "/log/tile/{*path}", Access::Public, "日志瓦片（C2SP tlog-tiles）/ log tiles", &[], || {
            get(tile)
        }),
    ]
}
