//! RFC 6962 §2.1 (RFC 9162 §2.1.1) hashing with SHA-256.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// A SHA-256 hash.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; 32]);

impl Hash {
    /// The hash of the empty tree: `SHA-256("")`.
    pub fn empty() -> Hash {
        Hash(Sha256::digest([]).into())
    }

    /// Standard base64 (RFC 4648 §4), as in checkpoints and receipts.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(self.0)
    }

    pub fn from_base64(s: &str) -> Result<Hash> {
        let bytes = STANDARD.decode(s).map_err(|_| Error::HashMalformed(s.to_string()))?;
        Hash::from_slice(&bytes).ok_or_else(|| Error::HashMalformed(s.to_string()))
    }

    pub fn from_slice(b: &[u8]) -> Option<Hash> {
        <[u8; 32]>::try_from(b).ok().map(Hash)
    }

    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_base64())
    }
}

/// The hash of a leaf with data `d`: `SHA-256(0x00 ‖ d)`.
pub fn leaf_hash(d: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(d);
    Hash(h.finalize().into())
}

/// The hash of an interior node: `SHA-256(0x01 ‖ left ‖ right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut buf = [0u8; 65];
    buf[0] = 0x01;
    buf[1..33].copy_from_slice(&left.0);
    buf[33..].copy_from_slice(&right.0);
    Hash(Sha256::digest(buf).into())
}

/// The Merkle tree hash of a list of hashes taken as the leaves' hashes (RFC 6962 MTH, with
/// the leaf hashing already done). Used for the subtrees inside a tile.
pub fn merkle_root(hashes: &[Hash]) -> Hash {
    match hashes.len() {
        0 => Hash::empty(),
        1 => hashes[0],
        n => {
            let k = largest_power_of_two_below(n as u64) as usize;
            node_hash(&merkle_root(&hashes[..k]), &merkle_root(&hashes[k..]))
        }
    }
}

/// The largest power of two strictly less than `n` (`n` ≥ 2).
pub(crate) fn largest_power_of_two_below(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (63 - (n - 1).leading_zeros())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc6962_empty_and_leaf_vectors() {
        // RFC 6962 test vectors (as used by Certificate Transparency implementations).
        assert_eq!(Hash::empty().to_hex(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(leaf_hash(b"").to_hex(), "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
        assert_eq!(leaf_hash(&[0x00]).to_hex(), "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7");
    }

    #[test]
    fn largest_power_of_two() {
        assert_eq!(largest_power_of_two_below(2), 1);
        assert_eq!(largest_power_of_two_below(3), 2);
        assert_eq!(largest_power_of_two_below(4), 2);
        assert_eq!(largest_power_of_two_below(5), 4);
        assert_eq!(largest_power_of_two_below(1 << 40), 1 << 39);
    }

    #[test]
    fn base64_round_trip() {
        let h = leaf_hash(b"x");
        assert_eq!(Hash::from_base64(&h.to_base64()).unwrap(), h);
        assert!(Hash::from_base64("AAAA").is_err());
    }
}
