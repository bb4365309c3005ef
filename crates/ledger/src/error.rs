//! The ledger's typed errors.

/// Everything that can go wrong in the ledger. Each variant says what was wrong; callers map
/// them to the program's error vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("index {index} is not in a tree of size {size}")]
    IndexNotInTree { index: u64, size: u64 },
    #[error("tree size {first} is larger than {second}")]
    SizesReversed { first: u64, second: u64 },
    #[error("the proof does not verify: {0}")]
    ProofInvalid(&'static str),
    #[error("malformed hash: {0}")]
    HashMalformed(String),
    #[error("the hash source failed: {0}")]
    Source(String),
    #[error("tile {path}: {reason}")]
    TileInvalid { path: String, reason: String },
    #[error("malformed tile path: {0}")]
    TilePathMalformed(String),
    #[error("malformed entry bundle: {0}")]
    BundleMalformed(String),
    #[error("malformed note: {0}")]
    NoteMalformed(&'static str),
    #[error("no signature on the note verifies with a known key")]
    NoteUnverified,
    #[error("the signature by {name} does not verify")]
    NoteBadSignature { name: String },
    #[error("malformed key: {0}")]
    KeyMalformed(&'static str),
    #[error("malformed checkpoint: {0}")]
    CheckpointMalformed(&'static str),
    #[error("the checkpoint is for origin {found}, not {expected}")]
    CheckpointOrigin { expected: String, found: String },
    #[error("the witness has cosigned size {seen}; size {offered} would roll the log back")]
    WitnessRollback { seen: u64, offered: u64 },
    #[error("malformed receipt: {0}")]
    ReceiptMalformed(&'static str),
    #[error("the receipt has {found} witness cosignatures from trusted witnesses, {needed} are needed")]
    ReceiptQuorum { needed: usize, found: usize },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
