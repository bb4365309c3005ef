//! The ledger against other implementations and published vectors: ct-merkle and tlog_tiles
//! (the Rust port of Go's sumdb/tlog) on random trees, signed_note on notes, and the vectors of
//! the Go note package and the C2SP specifications.

mod differential;
mod vectors;
