//! Merkle tree hashes and proofs, RFC 9162 §2.1.
//!
//! Everything is computed from the hashes of *complete* subtrees ([`Node`]s), which a
//! [`HashSource`] provides: from tiles in storage, from memory, or from an authenticated
//! reader. A proof first plans which nodes it needs, reads them in one call, then combines.

use crate::error::{Error, Result};
use crate::hash::{Hash, largest_power_of_two_below, node_hash};

/// A complete subtree of `2^level` leaves, the `index`-th of its level: it covers leaves
/// `[index·2^level, (index+1)·2^level)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Node {
    pub level: u8,
    pub index: u64,
}

impl Node {
    pub fn new(level: u8, index: u64) -> Node {
        Node { level, index }
    }

    /// The first leaf it covers.
    pub fn start(&self) -> u64 {
        self.index << self.level
    }

    /// One past the last leaf it covers.
    pub fn end(&self) -> u64 {
        (self.index + 1) << self.level
    }
}

/// Gives the hashes of complete subtrees.
pub trait HashSource {
    /// The hashes of `nodes`, in the same order. Every node lies inside the tree the source
    /// stands for; a source that cannot answer fails, it never guesses.
    fn node_hashes(&self, nodes: &[Node]) -> Result<Vec<Hash>>;
}

/// The complete subtrees that make up the leaves `[lo, hi)`, left to right: the maximal
/// aligned power-of-two blocks.
pub fn range_nodes(lo: u64, hi: u64) -> Vec<Node> {
    let mut out = Vec::new();
    let mut at = lo;
    while at < hi {
        let mut level = if at == 0 { 63 } else { at.trailing_zeros().min(63) as u8 };
        while level > 0 && at + (1u64 << level) > hi {
            level -= 1;
        }
        out.push(Node::new(level, at >> level));
        at += 1u64 << level;
    }
    out
}

/// Combines the hashes of [`range_nodes`] into the range's Merkle tree hash: for the ranges
/// RFC 9162's recursion produces, MTH(D[lo:hi]) = node(c₁, node(c₂, … c_k)).
pub fn fold_nodes(hashes: &[Hash]) -> Hash {
    let mut iter = hashes.iter().rev();
    let Some(last) = iter.next() else { return Hash::empty() };
    iter.fold(*last, |acc, h| node_hash(h, &acc))
}

/// MTH(D[0:n]).
pub fn tree_hash<S: HashSource + ?Sized>(n: u64, src: &S) -> Result<Hash> {
    if n == 0 {
        return Ok(Hash::empty());
    }
    let nodes = range_nodes(0, n);
    let hashes = src.node_hashes(&nodes)?;
    Ok(fold_nodes(&hashes))
}

/// RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]): the ranges whose hashes form the inclusion proof of
/// leaf `m`, from the leaf's sibling up.
fn inclusion_ranges(lo: u64, hi: u64, m: u64, out: &mut Vec<(u64, u64)>) {
    if hi - lo == 1 {
        return;
    }
    let k = largest_power_of_two_below(hi - lo);
    if m < lo + k {
        inclusion_ranges(lo, lo + k, m, out);
        out.push((lo + k, hi));
    } else {
        inclusion_ranges(lo + k, hi, m, out);
        out.push((lo, lo + k));
    }
}

/// RFC 9162 §2.1.4.1 SUBPROOF(m, D[lo:hi], b), with `m` counted from `lo`.
fn consistency_ranges(lo: u64, hi: u64, m: u64, b: bool, out: &mut Vec<(u64, u64)>) {
    if m == hi - lo {
        if !b {
            out.push((lo, hi));
        }
        return;
    }
    let k = largest_power_of_two_below(hi - lo);
    if m <= k {
        consistency_ranges(lo, lo + k, m, b, out);
        out.push((lo + k, hi));
    } else {
        consistency_ranges(lo + k, hi, m - k, false, out);
        out.push((lo, lo + k));
    }
}

/// What a proof needs: the complete subtrees of each of its ranges. Storage with an async
/// API fetches [`ProofPlan::nodes`] first, then [`ProofPlan::combine`]s their hashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProofPlan {
    ranges: Vec<Vec<Node>>,
}

impl ProofPlan {
    fn of(ranges: &[(u64, u64)]) -> ProofPlan {
        ProofPlan { ranges: ranges.iter().map(|&(lo, hi)| range_nodes(lo, hi)).collect() }
    }

    /// Every node whose hash the proof needs, in order.
    pub fn nodes(&self) -> Vec<Node> {
        self.ranges.iter().flatten().copied().collect()
    }

    /// The proof from the hashes of [`ProofPlan::nodes`], in the same order.
    pub fn combine(&self, hashes: &[Hash]) -> Result<Vec<Hash>> {
        let expected: usize = self.ranges.iter().map(Vec::len).sum();
        if hashes.len() != expected {
            return Err(Error::Source(format!("asked for {expected} hashes, got {}", hashes.len())));
        }
        let mut out = Vec::with_capacity(self.ranges.len());
        let mut at = 0;
        for nodes in &self.ranges {
            out.push(fold_nodes(&hashes[at..at + nodes.len()]));
            at += nodes.len();
        }
        Ok(out)
    }

    /// Reads the nodes from `src` in one call and combines them.
    pub fn run<S: HashSource + ?Sized>(&self, src: &S) -> Result<Vec<Hash>> {
        self.combine(&src.node_hashes(&self.nodes())?)
    }
}

/// The plan of the inclusion proof of leaf `index` in the tree of `size` leaves.
pub fn inclusion_plan(index: u64, size: u64) -> Result<ProofPlan> {
    if index >= size {
        return Err(Error::IndexNotInTree { index, size });
    }
    let mut ranges = Vec::new();
    inclusion_ranges(0, size, index, &mut ranges);
    Ok(ProofPlan::of(&ranges))
}

/// The plan of the consistency proof from `first` to `second` leaves.
pub fn consistency_plan(first: u64, second: u64) -> Result<ProofPlan> {
    if first > second {
        return Err(Error::SizesReversed { first, second });
    }
    let mut ranges = Vec::new();
    if first > 0 && first < second {
        consistency_ranges(0, second, first, true, &mut ranges);
    }
    Ok(ProofPlan::of(&ranges))
}

/// The inclusion proof of leaf `index` in the tree of `size` leaves.
pub fn inclusion_proof<S: HashSource + ?Sized>(index: u64, size: u64, src: &S) -> Result<Vec<Hash>> {
    inclusion_plan(index, size)?.run(src)
}

/// The consistency proof from the tree of `first` leaves to the tree of `second` leaves.
/// Empty when `first` is 0 or equals `second`.
pub fn consistency_proof<S: HashSource + ?Sized>(first: u64, second: u64, src: &S) -> Result<Vec<Hash>> {
    consistency_plan(first, second)?.run(src)
}

/// Verifies an inclusion proof, RFC 9162 §2.1.3.2.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> Result<()> {
    if index >= size {
        return Err(Error::IndexNotInTree { index, size });
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if s_n == 0 {
            return Err(Error::ProofInvalid("inclusion proof too long"));
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(Error::ProofInvalid("inclusion proof too short"));
    }
    if r != *root {
        return Err(Error::ProofInvalid("inclusion proof does not lead to the root"));
    }
    Ok(())
}

/// Verifies a consistency proof, RFC 9162 §2.1.4.2. A proof from size 0 is empty and valid.
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> Result<()> {
    if first > second {
        return Err(Error::SizesReversed { first, second });
    }
    if first == 0 {
        return if proof.is_empty() { Ok(()) } else { Err(Error::ProofInvalid("a proof from size 0 is empty")) };
    }
    if first == second {
        if !proof.is_empty() {
            return Err(Error::ProofInvalid("a proof between equal sizes is empty"));
        }
        return if first_root == second_root {
            Ok(())
        } else {
            Err(Error::ProofInvalid("equal sizes with different roots"))
        };
    }
    if proof.is_empty() {
        return Err(Error::ProofInvalid("empty consistency proof"));
    }
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if first.is_power_of_two() {
        path.push(*first_root);
    }
    path.extend_from_slice(proof);
    let (mut f_n, mut s_n) = (first - 1, second - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s_n == 0 {
            return Err(Error::ProofInvalid("consistency proof too long"));
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(Error::ProofInvalid("consistency proof too short"));
    }
    if fr != *first_root || sr != *second_root {
        return Err(Error::ProofInvalid("consistency proof does not lead to both roots"));
    }
    Ok(())
}

/// A [`HashSource`] over leaf hashes held in memory; for tests and small trees.
pub struct MemorySource<'a>(pub &'a [Hash]);

impl HashSource for MemorySource<'_> {
    fn node_hashes(&self, nodes: &[Node]) -> Result<Vec<Hash>> {
        nodes
            .iter()
            .map(|n| {
                let (lo, hi) = (n.start() as usize, n.end() as usize);
                if hi > self.0.len() {
                    return Err(Error::Source(format!("node {n:?} beyond {} leaves", self.0.len())));
                }
                Ok(crate::hash::merkle_root(&self.0[lo..hi]))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::{leaf_hash, merkle_root};

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n).map(|i| leaf_hash(format!("entry-{i}").as_bytes())).collect()
    }

    #[test]
    fn range_nodes_are_maximal_aligned_blocks() {
        assert_eq!(range_nodes(0, 7), vec![Node::new(2, 0), Node::new(1, 2), Node::new(0, 6)]);
        assert_eq!(range_nodes(4, 7), vec![Node::new(1, 2), Node::new(0, 6)]);
        assert_eq!(range_nodes(0, 8), vec![Node::new(3, 0)]);
        assert_eq!(range_nodes(6, 6), vec![]);
    }

    #[test]
    fn tree_hash_matches_the_recursive_definition() {
        for n in 0..70 {
            let l = leaves(n);
            assert_eq!(tree_hash(n as u64, &MemorySource(&l)).unwrap(), merkle_root(&l), "{n}");
        }
    }

    #[test]
    fn every_inclusion_and_consistency_proof_verifies_up_to_70_leaves() {
        let l = leaves(70);
        let src = MemorySource(&l);
        for size in 1..=70u64 {
            let root = merkle_root(&l[..size as usize]);
            for index in 0..size {
                let p = inclusion_proof(index, size, &src).unwrap();
                verify_inclusion(index, size, &l[index as usize], &p, &root).unwrap();
                // Any change breaks it.
                assert!(verify_inclusion(index, size, &leaf_hash(b"other"), &p, &root).is_err());
                if !p.is_empty() {
                    let mut bad = p.clone();
                    bad[0].0[0] ^= 1;
                    assert!(verify_inclusion(index, size, &l[index as usize], &bad, &root).is_err());
                    assert!(verify_inclusion(index, size, &l[index as usize], &p[1..], &root).is_err());
                }
            }
            for first in 0..=size {
                let first_root = merkle_root(&l[..first as usize]);
                let p = consistency_proof(first, size, &src).unwrap();
                verify_consistency(first, size, &first_root, &root, &p).unwrap();
                if first > 0 && first < size {
                    assert!(verify_consistency(first, size, &leaf_hash(b"x"), &root, &p).is_err());
                    let mut bad = p.clone();
                    let last = bad.len() - 1;
                    bad[last].0[5] ^= 1;
                    assert!(verify_consistency(first, size, &first_root, &root, &bad).is_err());
                }
            }
        }
    }

    #[test]
    fn consistency_from_zero_is_empty_and_valid() {
        let l = leaves(5);
        let root = merkle_root(&l);
        assert_eq!(consistency_proof(0, 5, &MemorySource(&l)).unwrap(), vec![]);
        verify_consistency(0, 5, &Hash::empty(), &root, &[]).unwrap();
        assert!(verify_consistency(0, 5, &Hash::empty(), &root, &[root]).is_err());
    }

    #[test]
    fn out_of_range_is_an_error() {
        let l = leaves(3);
        assert_eq!(inclusion_proof(3, 3, &MemorySource(&l)).unwrap_err(), Error::IndexNotInTree { index: 3, size: 3 });
        assert!(consistency_proof(4, 3, &MemorySource(&l)).is_err());
    }
}
