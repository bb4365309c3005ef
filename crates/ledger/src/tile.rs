//! C2SP tlog-tiles: the tree stored and served as tiles of 256 hashes.
//!
//! The `N`-th tile at level `L` holds, for `i` in 0..256, MTH(D[(N·256+i)·256^L :
//! (N·256+i+1)·256^L]): level-0 tiles hold leaf hashes, a level-`L` tile holds the hashes of
//! full level-`L−1` tiles. The rightmost tile of each level is partial for most tree sizes: for
//! a tree of size `s` it has `floor(s / 256^L) mod 256` hashes, and a partial tile is never
//! hashed into the level above.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::hash::{Hash, merkle_root};
use crate::tree::{HashSource, Node, range_nodes};

/// Tree levels per tile.
pub const HEIGHT: u8 = 8;
/// Hashes in a full tile.
pub const WIDTH: u64 = 256;

/// One tile of hashes: `width` (1–256) hashes of tile `index` at tile level `level`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Tile {
    pub level: u8,
    pub index: u64,
    pub width: u16,
}

/// What a tile path names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TilePath {
    /// `tile/<L>/<N>[.p/<W>]`
    Hashes(Tile),
    /// `tile/entries/<N>[.p/<W>]`: the entry bundle for level-0 tile `index`.
    Entries { index: u64, width: u16 },
}

/// 256^level, saturating.
fn span(level: u8) -> u64 {
    1u64.checked_shl(8 * u32::from(level)).unwrap_or(u64::MAX)
}

/// `N` as zero-padded 3-digit path elements, all but the last prefixed with `x`.
fn encode_index(mut n: u64) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let last = groups.len() - 1;
    groups
        .iter()
        .rev()
        .enumerate()
        .map(|(i, g)| if i < last { format!("x{g:03}") } else { format!("{g:03}") })
        .collect::<Vec<_>>()
        .join("/")
}

fn width_suffix(width: u16) -> String {
    if u64::from(width) == WIDTH { String::new() } else { format!(".p/{width}") }
}

impl Tile {
    pub fn is_full(&self) -> bool {
        u64::from(self.width) == WIDTH
    }

    /// `tile/<L>/<N>[.p/<W>]`.
    pub fn path(&self) -> String {
        format!("tile/{}/{}{}", self.level, encode_index(self.index), width_suffix(self.width))
    }

    /// The entry bundle path of a level-0 tile: `tile/entries/<N>[.p/<W>]`.
    pub fn entries_path(&self) -> String {
        format!("tile/entries/{}{}", encode_index(self.index), width_suffix(self.width))
    }

    /// The first leaf under the tile.
    pub fn start(&self) -> u64 {
        self.index.saturating_mul(span(self.level + 1))
    }

    /// The tile at `level` with `index` as it is in a tree of `size` leaves: full, the partial
    /// rightmost tile, or `None` when the tree has no such tile.
    pub fn in_tree(level: u8, index: u64, size: u64) -> Option<Tile> {
        let full_tiles = size / span(level + 1);
        if index < full_tiles {
            return Some(Tile { level, index, width: WIDTH as u16 });
        }
        let width = (size / span(level)) % WIDTH;
        (index == full_tiles && width > 0).then_some(Tile { level, index, width: width as u16 })
    }

    /// Every tile of a tree of `size` leaves: the full ones and the partial rightmost ones.
    pub fn all_in_tree(size: u64) -> Vec<Tile> {
        let mut out = Vec::new();
        let mut level = 0u8;
        while size >= span(level) && level < 64 {
            let full = size / span(level + 1);
            out.extend((0..full).map(|index| Tile { level, index, width: WIDTH as u16 }));
            if let Some(t) = Tile::in_tree(level, full, size) {
                out.push(t);
            }
            level += 1;
            if span(level) == u64::MAX {
                break;
            }
        }
        out
    }

    /// The partial rightmost tiles of a tree: together they give its root hash.
    pub fn edge_of_tree(size: u64) -> Vec<Tile> {
        let mut out = Vec::new();
        let mut level = 0u8;
        while span(level) <= size && span(level) != u64::MAX {
            if let Some(t) = Tile::in_tree(level, size / span(level + 1), size).filter(|t| !t.is_full()) {
                out.push(t);
            }
            level += 1;
        }
        out
    }

    /// Parses `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`, strictly: no leading zeros,
    /// levels 0–63, widths 1–255 for partial tiles.
    pub fn parse_path(path: &str) -> Result<TilePath> {
        let bad = || Error::TilePathMalformed(path.to_string());
        let rest = path.strip_prefix("tile/").ok_or_else(bad)?;
        let (level, rest) = rest.split_once('/').ok_or_else(bad)?;
        let (rest, width) = match rest.split_once(".p/") {
            Some((n, w)) => {
                let ok = !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) && !w.starts_with('0');
                let w: u64 = if ok { w.parse().map_err(|_| bad())? } else { return Err(bad()) };
                if !(1..WIDTH).contains(&w) {
                    return Err(bad());
                }
                (n, w as u16)
            }
            None => (rest, WIDTH as u16),
        };
        let groups: Vec<&str> = rest.split('/').collect();
        let mut index: u64 = 0;
        for (i, g) in groups.iter().enumerate() {
            let digits = if i + 1 < groups.len() { g.strip_prefix('x').ok_or_else(bad)? } else { g };
            if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            if i == 0 && groups.len() > 1 && digits == "000" {
                return Err(bad());
            }
            let v: u64 = digits.parse().map_err(|_| bad())?;
            index = index.checked_mul(1000).and_then(|x| x.checked_add(v)).ok_or_else(bad)?;
        }
        if level == "entries" {
            return Ok(TilePath::Entries { index, width });
        }
        let ok =
            !level.is_empty() && level.bytes().all(|b| b.is_ascii_digit()) && (level == "0" || !level.starts_with('0'));
        let level: u8 = if ok { level.parse().map_err(|_| bad())? } else { return Err(bad()) };
        if level > 63 {
            return Err(bad());
        }
        Ok(TilePath::Hashes(Tile { level, index, width }))
    }
}

/// Where a node's hash is found: in tile (`level`, `index`), from hash `offset`, combining
/// `count` hashes.
fn locate(node: Node) -> (u8, u64, usize, usize) {
    let level = node.level / HEIGHT;
    let r = node.level % HEIGHT;
    let first = node.index << r;
    (level, first / WIDTH, (first % WIDTH) as usize, 1usize << r)
}

fn hashes_of(tile: &Tile, data: &[u8]) -> Result<Vec<Hash>> {
    if data.len() != usize::from(tile.width) * 32 {
        return Err(Error::TileInvalid {
            path: tile.path(),
            reason: format!("{} bytes, expected {}", data.len(), usize::from(tile.width) * 32),
        });
    }
    Ok(data.chunks_exact(32).filter_map(Hash::from_slice).collect())
}

/// Reads tiles from storage or over HTTP.
pub trait TileReader {
    /// The data of each tile: exactly `width × 32` bytes (the first `width` hashes when the
    /// stored tile has grown since). Fails when a tile is missing.
    fn read_tiles(&self, tiles: &[Tile]) -> Result<Vec<Vec<u8>>>;
}

/// Computes node hashes from tile data already at hand.
fn node_hashes_from(nodes: &[Node], size: u64, data: &BTreeMap<(u8, u64), Vec<Hash>>) -> Result<Vec<Hash>> {
    nodes
        .iter()
        .map(|&node| {
            if node.end() > size {
                return Err(Error::IndexNotInTree { index: node.end() - 1, size });
            }
            let (level, index, offset, count) = locate(node);
            let hashes =
                data.get(&(level, index)).ok_or_else(|| Error::Source(format!("tile {level}/{index} not read")))?;
            let slice = hashes
                .get(offset..offset + count)
                .ok_or_else(|| Error::Source(format!("tile {level}/{index} too narrow for {node:?}")))?;
            Ok(merkle_root(slice))
        })
        .collect()
}

/// The tiles holding `nodes` in a tree of `size`.
pub fn tiles_for_nodes(nodes: &[Node], size: u64) -> Result<BTreeSet<Tile>> {
    nodes
        .iter()
        .map(|&node| {
            if node.end() > size {
                return Err(Error::IndexNotInTree { index: node.end() - 1, size });
            }
            let (level, index, _, _) = locate(node);
            Tile::in_tree(level, index, size).ok_or(Error::IndexNotInTree { index: node.start(), size })
        })
        .collect()
}

/// Tiles already fetched, by (level, index); serves any width up to what it holds.
#[derive(Clone, Debug, Default)]
pub struct TileMap(pub BTreeMap<(u8, u64), Vec<u8>>);

impl TileReader for TileMap {
    fn read_tiles(&self, tiles: &[Tile]) -> Result<Vec<Vec<u8>>> {
        tiles
            .iter()
            .map(|t| {
                let data = self
                    .0
                    .get(&(t.level, t.index))
                    .ok_or_else(|| Error::Source(format!("{} not fetched", t.path())))?;
                data.get(..usize::from(t.width) * 32).map(<[u8]>::to_vec).ok_or_else(|| Error::TileInvalid {
                    path: t.path(),
                    reason: "stored tile narrower than needed".into(),
                })
            })
            .collect()
    }
}

/// The number of bytes of a tile's internal nodes ([`tile_nodes`]).
pub const NODES_LEN: usize = 254 * 32;

/// Where the root of the `j`-th run of 2^r consecutive hashes of a tile sits in its nodes
/// (for r in 1..=7).
fn nodes_offset(r: u8, j: usize) -> usize {
    let before: usize = (1..r).map(|q| 256usize >> q).sum();
    (before + j) * 32
}

/// The hashes of the complete subtrees inside a tile, above its own hashes: for each
/// r = 1..=7, the roots of the (256 >> r) aligned runs of 2^r tile hashes, in order; 32 zero
/// bytes where a run is incomplete (a partial tile). Storing them beside a tile makes a proof
/// a matter of lookups instead of up to 255 hash computations per tile.
pub fn tile_nodes(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; NODES_LEN];
    let mut level: Vec<Hash> = data.chunks_exact(32).filter_map(Hash::from_slice).collect();
    for r in 1..HEIGHT {
        let next: Vec<Hash> = level.chunks_exact(2).map(|p| crate::hash::node_hash(&p[0], &p[1])).collect();
        for (j, h) in next.iter().enumerate() {
            let at = nodes_offset(r, j);
            out[at..at + 32].copy_from_slice(&h.0);
        }
        level = next;
    }
    out
}

/// A stored tile: its hashes, and its internal nodes where stored.
pub type TileWithNodes = (Vec<u8>, Option<Vec<u8>>);

/// Tiles (with their internal nodes where stored) already fetched from the log's own storage,
/// which the caller trusts.
#[derive(Clone, Debug, Default)]
pub struct StoredTiles {
    pub size: u64,
    /// (level, index) → (tile hashes, internal nodes if stored).
    pub tiles: BTreeMap<(u8, u64), TileWithNodes>,
}

impl HashSource for StoredTiles {
    fn node_hashes(&self, nodes: &[Node]) -> Result<Vec<Hash>> {
        nodes
            .iter()
            .map(|&node| {
                if node.end() > self.size {
                    return Err(Error::IndexNotInTree { index: node.end() - 1, size: self.size });
                }
                let (level, index, offset, count) = locate(node);
                let (data, inner) = self
                    .tiles
                    .get(&(level, index))
                    .ok_or_else(|| Error::Source(format!("tile {level}/{index} not read")))?;
                let slice = data
                    .get(offset * 32..(offset + count) * 32)
                    .ok_or_else(|| Error::Source(format!("tile {level}/{index} too narrow for {node:?}")))?;
                if count == 1 {
                    return Hash::from_slice(slice).ok_or_else(|| Error::Source("short hash".into()));
                }
                let r = node.level % HEIGHT;
                if let Some(stored) = inner.as_ref().and_then(|n| {
                    let at = nodes_offset(r, offset >> r);
                    n.get(at..at + 32).and_then(Hash::from_slice).filter(|h| h.0 != [0u8; 32])
                }) {
                    return Ok(stored);
                }
                let hashes: Vec<Hash> = slice.chunks_exact(32).filter_map(Hash::from_slice).collect();
                Ok(merkle_root(&hashes))
            })
            .collect()
    }
}

/// A [`HashSource`] over tiles from storage the caller trusts (the log's own database).
pub struct TileSource<'a, R: TileReader + ?Sized> {
    pub size: u64,
    pub reader: &'a R,
}

impl<R: TileReader + ?Sized> HashSource for TileSource<'_, R> {
    fn node_hashes(&self, nodes: &[Node]) -> Result<Vec<Hash>> {
        let tiles: Vec<Tile> = tiles_for_nodes(nodes, self.size)?.into_iter().collect();
        let blobs = self.reader.read_tiles(&tiles)?;
        let mut data = BTreeMap::new();
        for (tile, blob) in tiles.iter().zip(blobs) {
            data.insert((tile.level, tile.index), hashes_of(tile, &blob)?);
        }
        node_hashes_from(nodes, self.size, &data)
    }
}

/// A [`HashSource`] over tiles from anywhere, that trusts nothing but a tree size and root
/// taken from a verified checkpoint. Every tile it reads is authenticated before use: the
/// rightmost partial tiles by recomputing the root from them, every full tile by its hash in
/// the (already authenticated) tile above it.
pub struct AuthenticatedTiles<'a, R: TileReader + ?Sized> {
    size: u64,
    root: Hash,
    reader: &'a R,
}

impl<'a, R: TileReader + ?Sized> AuthenticatedTiles<'a, R> {
    /// Tiles of the tree a verified checkpoint names: the way to read a log one does not run.
    pub fn from_checkpoint(checkpoint: &crate::checkpoint::VerifiedCheckpoint, reader: &'a R) -> Self {
        AuthenticatedTiles::new(checkpoint.checkpoint.size, checkpoint.checkpoint.root, reader)
    }

    /// Tiles of the tree of `size` with `root`. Both must come from a checkpoint whose
    /// signature was verified ([`AuthenticatedTiles::from_checkpoint`] makes sure of it).
    pub fn new(size: u64, root: Hash, reader: &'a R) -> Self {
        AuthenticatedTiles { size, root, reader }
    }

    /// Reads and authenticates the tiles holding `nodes`, returning their hashes by tile.
    fn read(&self, nodes: &[Node]) -> Result<BTreeMap<(u8, u64), Vec<Hash>>> {
        let mut wanted = tiles_for_nodes(nodes, self.size)?;
        let edge = Tile::edge_of_tree(self.size);
        wanted.extend(edge.iter().copied());
        // Every full tile needs its parent, up to a partial (edge) tile.
        let mut queue: Vec<Tile> = wanted.iter().filter(|t| t.is_full()).copied().collect();
        while let Some(t) = queue.pop() {
            let parent = Tile::in_tree(t.level + 1, t.index / WIDTH, self.size)
                .ok_or_else(|| Error::TileInvalid { path: t.path(), reason: "no parent tile in this tree".into() })?;
            if wanted.insert(parent) && parent.is_full() {
                queue.push(parent);
            }
        }
        let tiles: Vec<Tile> = wanted.into_iter().collect();
        let blobs = self.reader.read_tiles(&tiles)?;
        if blobs.len() != tiles.len() {
            return Err(Error::Source(format!("asked for {} tiles, got {}", tiles.len(), blobs.len())));
        }
        let mut data: BTreeMap<(u8, u64), Vec<Hash>> = BTreeMap::new();
        for (tile, blob) in tiles.iter().zip(&blobs) {
            data.insert((tile.level, tile.index), hashes_of(tile, blob)?);
        }
        // The edge tiles give the root.
        let root_nodes = range_nodes(0, self.size);
        let root_hashes = node_hashes_from(&root_nodes, self.size, &data)?;
        if crate::tree::fold_nodes(&root_hashes) != self.root {
            return Err(Error::TileInvalid {
                path: edge.first().map(Tile::path).unwrap_or_default(),
                reason: "the rightmost tiles do not give the checkpoint's root".into(),
            });
        }
        // Full tiles, top down: each must hash to its entry in the tile above.
        let mut full: Vec<&Tile> = tiles.iter().filter(|t| t.is_full()).collect();
        full.sort_by_key(|t| std::cmp::Reverse(t.level));
        for t in full {
            let parent = data
                .get(&(t.level + 1, t.index / WIDTH))
                .and_then(|p| p.get((t.index % WIDTH) as usize))
                .copied()
                .ok_or_else(|| Error::TileInvalid { path: t.path(), reason: "parent tile missing".into() })?;
            let ours = merkle_root(&data[&(t.level, t.index)]);
            if ours != parent {
                return Err(Error::TileInvalid {
                    path: t.path(),
                    reason: "does not match its hash in the tile above".into(),
                });
            }
        }
        Ok(data)
    }
}

impl<R: TileReader + ?Sized> HashSource for AuthenticatedTiles<'_, R> {
    fn node_hashes(&self, nodes: &[Node]) -> Result<Vec<Hash>> {
        if nodes.is_empty() {
            return Ok(Vec::new());
        }
        let data = self.read(nodes)?;
        node_hashes_from(nodes, self.size, &data)
    }
}

/// The right edge of a growing tree: the hashes of the partial tile at each level. Enough to
/// append leaves, produce the tiles that change, and give the root, without reading storage.
#[derive(Clone, Debug, Default)]
pub struct Edge {
    size: u64,
    /// `levels[L]`: the hashes of the partial tile at level `L` (fewer than 256).
    levels: Vec<Vec<Hash>>,
}

/// Tiles written by an append: completed full tiles and the new partial ones.
#[derive(Clone, Debug, Default)]
pub struct TileWrites {
    pub tiles: BTreeMap<(u8, u64), Vec<u8>>,
}

impl Edge {
    /// The edge of the empty tree.
    pub fn new() -> Edge {
        Edge::default()
    }

    /// Rebuilds the edge of a tree of `size` from its partial tiles ([`Tile::edge_of_tree`]),
    /// given in any order.
    pub fn from_tiles(size: u64, tiles: &[(Tile, Vec<u8>)]) -> Result<Edge> {
        let mut levels = Vec::new();
        for expected in Tile::edge_of_tree(size) {
            let (_, data) = tiles
                .iter()
                .find(|(t, _)| *t == expected)
                .ok_or_else(|| Error::TileInvalid { path: expected.path(), reason: "missing for the edge".into() })?;
            let level = usize::from(expected.level);
            if levels.len() <= level {
                levels.resize(level + 1, Vec::new());
            }
            levels[level] = hashes_of(&expected, data)?;
        }
        Ok(Edge { size, levels })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    fn partial_index(&self, level: u8) -> u64 {
        self.size / span(level + 1)
    }

    /// Appends one leaf hash. Completed full tiles go to `writes` at once; the levels whose
    /// partial tile changed are noted in `dirty`.
    fn push(&mut self, leaf: Hash, writes: &mut TileWrites, dirty: &mut BTreeSet<u8>) {
        let mut level = 0usize;
        let mut h = leaf;
        loop {
            if self.levels.len() <= level {
                self.levels.push(Vec::new());
            }
            // The size has not moved yet, so this is the index of the tile receiving `h`.
            let index = self.partial_index(level as u8);
            self.levels[level].push(h);
            dirty.insert(level as u8);
            if (self.levels[level].len() as u64) < WIDTH {
                break;
            }
            writes.tiles.insert((level as u8, index), self.levels[level].iter().flat_map(|x| x.0).collect());
            h = merkle_root(&self.levels[level]);
            self.levels[level].clear();
            level += 1;
        }
        self.size += 1;
    }

    /// Appends leaves and returns the tiles to store: every full tile completed, and the
    /// final content of every partial tile that changed.
    pub fn append_all(&mut self, leaves: impl IntoIterator<Item = Hash>) -> TileWrites {
        let mut writes = TileWrites::default();
        let mut dirty = BTreeSet::new();
        for leaf in leaves {
            self.push(leaf, &mut writes, &mut dirty);
        }
        for level in dirty {
            let hashes = &self.levels[usize::from(level)];
            if !hashes.is_empty() {
                writes.tiles.insert((level, self.partial_index(level)), hashes.iter().flat_map(|x| x.0).collect());
            }
        }
        writes
    }

    /// The root of the tree.
    pub fn root(&self) -> Hash {
        if self.size == 0 {
            return Hash::empty();
        }
        let nodes = range_nodes(0, self.size);
        let hashes: Vec<Hash> = nodes
            .iter()
            .map(|&node| {
                let (level, _, offset, count) = locate(node);
                let slice = &self.levels[usize::from(level)][offset..offset + count];
                merkle_root(slice)
            })
            .collect();
        crate::tree::fold_nodes(&hashes)
    }
}

/// Encodes an entry bundle: each entry prefixed with its length as a big-endian `u16`.
pub fn encode_bundle<'a>(entries: impl IntoIterator<Item = &'a [u8]>) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for e in entries {
        let len = u16::try_from(e.len()).map_err(|_| Error::BundleMalformed(format!("entry of {} bytes", e.len())))?;
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(e);
    }
    Ok(out)
}

/// Decodes an entry bundle.
pub fn decode_bundle(mut data: &[u8]) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    while !data.is_empty() {
        if data.len() < 2 {
            return Err(Error::BundleMalformed("truncated length".into()));
        }
        let len = usize::from(u16::from_be_bytes([data[0], data[1]]));
        if data.len() < 2 + len {
            return Err(Error::BundleMalformed("truncated entry".into()));
        }
        out.push(data[2..2 + len].to_vec());
        data = &data[2 + len..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;
    use crate::tree::{MemorySource, inclusion_proof, tree_hash, verify_inclusion};
    use std::collections::HashMap;

    #[test]
    fn paths_follow_the_spec() {
        let t = |level, index, width| Tile { level, index, width };
        assert_eq!(t(0, 1234067, 256).path(), "tile/0/x001/x234/067");
        assert_eq!(t(1, 5, 17).path(), "tile/1/005.p/17");
        assert_eq!(t(0, 0, 256).entries_path(), "tile/entries/000");
        assert_eq!(t(0, 1000, 3).entries_path(), "tile/entries/x001/000.p/3");
        for path in ["tile/0/x001/x234/067", "tile/1/005.p/17", "tile/entries/x001/000.p/3", "tile/63/000"] {
            let parsed = Tile::parse_path(path).unwrap();
            let back = match parsed {
                TilePath::Hashes(t) => t.path(),
                TilePath::Entries { index, width } => Tile { level: 0, index, width }.entries_path(),
            };
            assert_eq!(back, path);
        }
        for bad in [
            "tile/0/1234",
            "tile/01/000",
            "tile/0/x000/001",
            "tile/0/001/x002",
            "tile/0/000.p/0",
            "tile/0/000.p/256",
            "tile/0/000.p/07",
            "tile/64/000",
            "tiles/0/000",
            "tile/0/00a",
        ] {
            assert!(Tile::parse_path(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn tiles_of_a_tree_of_70000_per_the_spec_example() {
        // 273 full level-0 tiles, one partial of width 112, one full level-1 tile, one partial
        // level-1 tile of width 17, one partial level-2 tile of width 1.
        let tiles = Tile::all_in_tree(70_000);
        let count = |level: u8, full: bool| tiles.iter().filter(|t| t.level == level && t.is_full() == full).count();
        assert_eq!(
            (count(0, true), count(0, false), count(1, true), count(1, false), count(2, true), count(2, false)),
            (273, 1, 1, 1, 0, 1)
        );
        assert!(tiles.contains(&Tile { level: 0, index: 273, width: 112 }));
        assert!(tiles.contains(&Tile { level: 1, index: 1, width: 17 }));
        assert!(tiles.contains(&Tile { level: 2, index: 0, width: 1 }));
        assert_eq!(
            Tile::all_in_tree(256),
            vec![Tile { level: 0, index: 0, width: 256 }, Tile { level: 1, index: 0, width: 1 }]
        );
        assert!(Tile::all_in_tree(0).is_empty());
    }

    /// Tiles in memory, built by an [`Edge`].
    struct Mem(HashMap<(u8, u64), Vec<u8>>);

    impl TileReader for Mem {
        fn read_tiles(&self, tiles: &[Tile]) -> Result<Vec<Vec<u8>>> {
            tiles
                .iter()
                .map(|t| {
                    let d = self.0.get(&(t.level, t.index)).ok_or_else(|| Error::Source(t.path()))?;
                    d.get(..usize::from(t.width) * 32)
                        .map(<[u8]>::to_vec)
                        .ok_or_else(|| Error::Source(format!("{} short", t.path())))
                })
                .collect()
        }
    }

    fn build(n: u64, batch: u64) -> (Vec<Hash>, Mem, Vec<(u64, Hash)>) {
        let leaves: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let mut edge = Edge::new();
        let mut mem = Mem(HashMap::new());
        let mut roots = Vec::new();
        for chunk in leaves.chunks(batch as usize) {
            let writes = edge.append_all(chunk.iter().copied());
            mem.0.extend(writes.tiles);
            roots.push((edge.size(), edge.root()));
        }
        (leaves, mem, roots)
    }

    #[test]
    fn edge_roots_and_tiles_agree_with_the_tree() {
        let (leaves, mem, roots) = build(70_000, 777);
        for &(size, root) in &roots {
            assert_eq!(root, crate::hash::merkle_root(&leaves[..size as usize]), "{size}");
            let src = TileSource { size, reader: &mem };
            assert_eq!(tree_hash(size, &src).unwrap(), root);
        }
        // Reloading the edge from its tiles gives the same root and appends the same way.
        let size = 70_000;
        let edge_tiles: Vec<(Tile, Vec<u8>)> =
            Tile::edge_of_tree(size).into_iter().map(|t| (t, mem.read_tiles(&[t]).unwrap().remove(0))).collect();
        let mut edge = Edge::from_tiles(size, &edge_tiles).unwrap();
        assert_eq!(edge.root(), roots.last().unwrap().1);
        edge.append_all([leaf_hash(b"next")]);
        let mut more = leaves.clone();
        more.push(leaf_hash(b"next"));
        assert_eq!(edge.root(), crate::hash::merkle_root(&more));
    }

    #[test]
    fn authenticated_tiles_give_verifiable_proofs() {
        let (leaves, mem, roots) = build(66_000, 1000);
        for &(size, root) in roots.iter().step_by(7) {
            let auth = AuthenticatedTiles::new(size, root, &mem);
            for index in [0, size / 3, size - 1] {
                let p = inclusion_proof(index, size, &auth).unwrap();
                verify_inclusion(index, size, &leaves[index as usize], &p, &root).unwrap();
                assert_eq!(p, inclusion_proof(index, size, &MemorySource(&leaves[..size as usize])).unwrap());
            }
        }
    }

    #[test]
    fn a_tampered_tile_is_caught_at_every_level() {
        let (_, mem, roots) = build(70_000, 70_000);
        let (size, root) = roots[0];
        for (level, index) in [(0u8, 3u64), (0, 273), (1, 0), (1, 1), (2, 0)] {
            let mut bad = Mem(mem.0.clone());
            bad.0.get_mut(&(level, index)).unwrap()[5] ^= 1;
            let auth = AuthenticatedTiles::new(size, root, &bad);
            let leaf = if level == 0 { index * 256 } else { 0 };
            let err = inclusion_proof(leaf.min(size - 1), size, &auth).unwrap_err();
            assert!(matches!(err, Error::TileInvalid { .. }), "{level}/{index}: {err:?}");
        }
        // A wrong root (a checkpoint not for these tiles) is caught too.
        let auth = AuthenticatedTiles::new(size, leaf_hash(b"x"), &mem);
        assert!(inclusion_proof(1, size, &auth).is_err());
    }

    #[test]
    fn stored_internal_nodes_give_the_same_proofs() {
        let (leaves, mem, roots) = build(70_000, 999);
        let (size, root) = *roots.last().unwrap();
        let mut stored = StoredTiles { size, tiles: BTreeMap::new() };
        for (&(level, index), data) in &mem.0 {
            // Half of the tiles with nodes, half without: both paths must agree.
            let nodes = (index % 2 == 0).then(|| tile_nodes(data));
            stored.tiles.insert((level, index), (data.clone(), nodes));
        }
        for index in [0, 1, 255, 256, 65_535, 65_536, 69_999, 12_345] {
            let p = inclusion_proof(index, size, &stored).unwrap();
            verify_inclusion(index, size, &leaves[index as usize], &p, &root).unwrap();
        }
        // The nodes of a partial tile hold only complete runs.
        let partial = tile_nodes(&mem.0[&(0, 273)]);
        let width = mem.0[&(0, 273)].len() / 32;
        assert_eq!(width, 112);
        assert_ne!(&partial[nodes_offset(4, 6)..nodes_offset(4, 6) + 32], &[0u8; 32]);
        assert_eq!(&partial[nodes_offset(4, 7)..nodes_offset(4, 7) + 32], &[0u8; 32]);
    }

    #[test]
    fn bundles_round_trip() {
        let entries: Vec<&[u8]> = vec![b"a", b"", &[0u8; 300]];
        let b = encode_bundle(entries.iter().copied()).unwrap();
        assert_eq!(&b[..3], &[0, 1, b'a']);
        assert_eq!(decode_bundle(&b).unwrap(), entries.iter().map(|e| e.to_vec()).collect::<Vec<_>>());
        assert!(decode_bundle(&b[..b.len() - 1]).is_err());
        assert!(encode_bundle([&vec![0u8; 70_000][..]]).is_err());
    }
}
