//! shijian's verifiable log, written from the specifications, with no IO.
//!
//! - [`hash`]: RFC 6962 / RFC 9162 hashing: leaves `SHA-256(0x00‖d)`, interior nodes
//!   `SHA-256(0x01‖l‖r)`, the empty tree `SHA-256("")`.
//! - [`tree`]: Merkle tree hashes, inclusion and consistency proofs, and their verification,
//!   over any [`tree::HashSource`] that can give the hashes of complete subtrees.
//! - [`tile`]: C2SP tlog-tiles: tile and entry-bundle paths, the tiles of a tree, hashes read
//!   from tiles, an append-side [`tile::Edge`], and [`tile::AuthenticatedTiles`], which
//!   authenticates every tile it reads against a verified checkpoint.
//! - [`note`]: C2SP signed-note with Ed25519 (type 0x01) and tlog-cosignature v1 (type 0x04)
//!   keys, verifier-key strings, several signatures per note.
//! - [`checkpoint`]: C2SP tlog-checkpoint.
//! - [`commitment`]: the salted commitments the log holds instead of records.
//! - [`witness`]: when a witness may cosign a checkpoint.
//! - [`receipt`]: C2SP tlog-proof (`c2sp.org/tlog-proof@v1`), produced and verified offline.
//!
//! **Architecture Invariant:** this crate knows nothing of what entries mean, does no IO,
//! reads no clock (times are arguments) and fails only with [`Error`].

pub mod checkpoint;
pub mod commitment;
pub mod error;
pub mod hash;
pub mod note;
pub mod receipt;
pub mod tile;
pub mod tree;
pub mod witness;

pub use checkpoint::Checkpoint;
pub use error::Error;
pub use hash::{Hash, leaf_hash, node_hash};
