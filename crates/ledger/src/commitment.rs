//! Salted commitments: what the public log holds instead of records.
//!
//! The law ends the publicity of most records after a period and never publishes personal
//! data, while an append-only log can never forget. So each log entry is a commitment to its
//! record under a per-record secret salt:
//!
//! ```text
//! commitment = SHA-256("shijian/commitment/v1\n" ‖ salt (32 bytes) ‖ record)
//! entry      = 0x01 ‖ commitment                       (33 bytes; 0x01 is the entry version)
//! leaf hash  = SHA-256(0x00 ‖ entry)                   (RFC 6962)
//! ```
//!
//! While a record may be public it is served with its salt, and anyone can recompute the
//! entry and check its inclusion; afterwards only the entry (an opaque hash) stays public.

use sha2::{Digest, Sha256};

use crate::hash::{Hash, leaf_hash};

/// The version byte of entries made by [`entry`].
pub const ENTRY_VERSION: u8 = 0x01;
/// The length of an entry.
pub const ENTRY_LEN: usize = 33;

const DOMAIN: &[u8] = b"shijian/commitment/v1\n";

/// The commitment to `record` under `salt`.
pub fn commit(salt: &[u8; 32], record: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update(DOMAIN);
    h.update(salt);
    h.update(record);
    Hash(h.finalize().into())
}

/// The log entry for `record` under `salt`.
pub fn entry(salt: &[u8; 32], record: &[u8]) -> [u8; ENTRY_LEN] {
    let mut out = [0u8; ENTRY_LEN];
    out[0] = ENTRY_VERSION;
    out[1..].copy_from_slice(&commit(salt, record).0);
    out
}

/// The leaf hash of the entry for `record` under `salt`: what a receipt's proof starts from.
pub fn leaf_for(salt: &[u8; 32], record: &[u8]) -> Hash {
    leaf_hash(&entry(salt, record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_depend_on_salt_and_record() {
        let a = entry(&[1; 32], b"{\"v\":1}");
        assert_eq!(a[0], ENTRY_VERSION);
        assert_ne!(a, entry(&[2; 32], b"{\"v\":1}"));
        assert_ne!(a, entry(&[1; 32], b"{\"v\":2}"));
        assert_eq!(leaf_for(&[1; 32], b"{\"v\":1}"), leaf_hash(&a));
    }
}
