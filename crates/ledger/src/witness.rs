//! Acting as a witness: a cosignature (C2SP tlog-cosignature v1) states that, as of its time,
//! the checkpoint is the largest consistent tree head the witness has seen for that origin.
//! So a witness cosigns a checkpoint only when it is consistent with the last one it cosigned
//! for the same origin: the same size with the same root, or a larger size with a verifying
//! consistency proof. The first checkpoint of an origin is accepted as it is (trust on first
//! use; the operator configures the log's key out of band).

use crate::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::hash::Hash;
use crate::tree::verify_consistency;

/// Checks that `next` may be cosigned after `previous` (size and root of the last checkpoint
/// cosigned for its origin), given a consistency proof from `previous` to `next`.
pub fn check_consistent(previous: Option<(u64, Hash)>, next: &Checkpoint, proof: &[Hash]) -> Result<()> {
    let Some((size, root)) = previous else { return Ok(()) };
    if next.size < size {
        return Err(Error::WitnessRollback { seen: size, offered: next.size });
    }
    verify_consistency(size, next.size, &root, &next.root, proof)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::{leaf_hash, merkle_root};
    use crate::tree::{MemorySource, consistency_proof};

    #[test]
    fn cosign_only_what_is_consistent() {
        let leaves: Vec<Hash> = (0..20u8).map(|i| leaf_hash(&[i])).collect();
        let cp = |n: usize| Checkpoint::new("o", n as u64, merkle_root(&leaves[..n]));
        let proof = consistency_proof(7, 20, &MemorySource(&leaves)).unwrap();
        check_consistent(None, &cp(7), &[]).unwrap();
        check_consistent(Some((7, cp(7).root)), &cp(7), &[]).unwrap();
        check_consistent(Some((7, cp(7).root)), &cp(20), &proof).unwrap();
        assert!(check_consistent(Some((7, cp(7).root)), &cp(20), &[]).is_err(), "a proof is needed");
        assert_eq!(
            check_consistent(Some((20, cp(20).root)), &cp(7), &[]).unwrap_err(),
            Error::WitnessRollback { seen: 20, offered: 7 }
        );
        // A fork: same size, another root.
        let mut fork = cp(7);
        fork.root = leaf_hash(b"fork");
        assert!(check_consistent(Some((7, cp(7).root)), &fork, &[]).is_err());
    }
}
