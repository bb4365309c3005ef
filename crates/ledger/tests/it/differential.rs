//! Differential tests on random trees.

use std::collections::HashMap;

use rand::{Rng, SeedableRng, rngs::StdRng};
use shijian_ledger::hash::{Hash, leaf_hash, merkle_root};
use shijian_ledger::tile::{AuthenticatedTiles, Edge, Tile, TilePath, TileReader};
use shijian_ledger::tree::{
    MemorySource, consistency_proof, inclusion_proof, tree_hash, verify_consistency, verify_inclusion,
};

/// tlog_tiles' storage: stored hashes in Go's order.
struct Stored(Vec<tlog_tiles::Hash>);

impl tlog_tiles::HashReader for Stored {
    fn read_hashes(&self, indexes: &[u64]) -> Result<Vec<tlog_tiles::Hash>, tlog_tiles::tlog::Error> {
        Ok(indexes.iter().map(|&i| self.0[i as usize]).collect())
    }
}

fn to_theirs(h: &Hash) -> tlog_tiles::Hash {
    tlog_tiles::Hash(h.0)
}

fn random_entries(rng: &mut StdRng, n: usize) -> Vec<Vec<u8>> {
    (0..n).map(|_| (0..rng.random_range(0..64)).map(|_| rng.random()).collect()).collect()
}

#[test]
fn proofs_agree_with_tlog_tiles_and_ct_merkle() {
    let mut rng = StdRng::seed_from_u64(6962);
    for round in 0..12 {
        let n = if round < 4 { rng.random_range(1..40) } else { rng.random_range(40..3000) };
        let entries = random_entries(&mut rng, n);
        let leaves: Vec<Hash> = entries.iter().map(|e| leaf_hash(e)).collect();
        let ours = MemorySource(&leaves);

        // tlog_tiles: build the stored hashes record by record.
        let mut stored = Stored(Vec::new());
        for (i, e) in entries.iter().enumerate() {
            let new = tlog_tiles::stored_hashes(i as u64, e, &stored).unwrap();
            stored.0.extend(new);
        }
        // ct-merkle.
        let mut ct = ct_merkle::mem_backed_tree::MemoryBackedTree::<sha2_011::Sha256, Vec<u8>>::new();
        for e in &entries {
            ct.push(e.clone());
        }

        let size = n as u64;
        let root = tree_hash(size, &ours).unwrap();
        assert_eq!(root, merkle_root(&leaves));
        assert_eq!(to_theirs(&root), tlog_tiles::tree_hash(size, &stored).unwrap());
        assert_eq!(&root.0[..], &ct.root().as_bytes()[..]);

        for _ in 0..20 {
            let index = rng.random_range(0..size);
            let p = inclusion_proof(index, size, &ours).unwrap();
            let theirs = tlog_tiles::prove_record(size, index, &stored).unwrap();
            assert_eq!(p.iter().map(to_theirs).collect::<Vec<_>>(), theirs, "inclusion {index}/{size}");
            let ct_bytes: Vec<u8> = p.iter().flat_map(|h| h.0).collect();
            assert_eq!(ct.prove_inclusion(index as usize).as_bytes(), &ct_bytes[..]);
            verify_inclusion(index, size, &leaves[index as usize], &p, &root).unwrap();
            tlog_tiles::check_record(&theirs, size, to_theirs(&root), index, to_theirs(&leaves[index as usize]))
                .unwrap();

            let first = rng.random_range(1..=size);
            let c = consistency_proof(first, size, &ours).unwrap();
            let first_root = merkle_root(&leaves[..first as usize]);
            if first < size {
                let theirs = tlog_tiles::prove_tree(size, first, &stored).unwrap();
                assert_eq!(c.iter().map(to_theirs).collect::<Vec<_>>(), theirs, "consistency {first}->{size}");
                tlog_tiles::check_tree(&theirs, size, to_theirs(&root), first, to_theirs(&first_root)).unwrap();
                let ct_bytes: Vec<u8> = c.iter().flat_map(|h| h.0).collect();
                assert_eq!(ct.prove_consistency((size - first) as usize).as_bytes(), &ct_bytes[..]);
            }
            verify_consistency(first, size, &first_root, &root, &c).unwrap();
        }
    }
}

/// Our tiles, served to tlog_tiles' own authenticating tile reader.
struct OurTiles(HashMap<(u8, u64), Vec<u8>>);

impl tlog_tiles::TileReader for OurTiles {
    fn height(&self) -> u8 {
        8
    }
    fn read_tiles(&self, tiles: &[tlog_tiles::Tile]) -> Result<Vec<Vec<u8>>, tlog_tiles::tlog::Error> {
        Ok(tiles.iter().map(|t| self.0[&(t.level(), t.level_index())][..t.width() as usize * 32].to_vec()).collect())
    }
    fn save_tiles(&self, _: &[tlog_tiles::Tile], _: &[Vec<u8>]) {}
}

impl TileReader for OurTiles {
    fn read_tiles(&self, tiles: &[Tile]) -> shijian_ledger::error::Result<Vec<Vec<u8>>> {
        Ok(tiles.iter().map(|t| self.0[&(t.level, t.index)][..usize::from(t.width) * 32].to_vec()).collect())
    }
}

#[test]
fn our_tiles_are_the_tiles_tlog_tiles_expects() {
    let mut rng = StdRng::seed_from_u64(9162);
    let n = 70_000u64;
    let leaves: Vec<Hash> = (0..n).map(|i| leaf_hash(&i.to_le_bytes())).collect();
    let mut edge = Edge::new();
    let mut tiles = OurTiles(HashMap::new());
    let mut sizes = Vec::new();
    let mut at = 0usize;
    while at < leaves.len() {
        let step = rng.random_range(1..5000).min(leaves.len() - at);
        tiles.0.extend(edge.append_all(leaves[at..at + step].iter().copied()).tiles);
        at += step;
        sizes.push((edge.size(), edge.root()));
    }
    // Only the latest partial tiles are kept, as in storage; older sizes read prefixes.
    for &(size, root) in sizes.iter().rev().take(5) {
        let theirs = tlog_tiles::TileHashReader::new(size, to_theirs(&root), &tiles);
        let ours = AuthenticatedTiles::new(size, root, &tiles);
        for _ in 0..10 {
            let index = rng.random_range(0..size);
            let p = inclusion_proof(index, size, &ours).unwrap();
            let t = tlog_tiles::prove_record(size, index, &theirs).unwrap();
            assert_eq!(p.iter().map(to_theirs).collect::<Vec<_>>(), t);
        }
        assert_eq!(to_theirs(&tree_hash(size, &ours).unwrap()), tlog_tiles::tree_hash(size, &theirs).unwrap());
    }
}

#[test]
fn tile_paths_agree_with_tlog_tiles() {
    let mut rng = StdRng::seed_from_u64(1);
    for _ in 0..2000 {
        let level: u8 = rng.random_range(0..6);
        let index: u64 =
            if rng.random_bool(0.5) { rng.random_range(0..1000) } else { rng.random_range(0..u64::MAX / 4) };
        let width: u16 = if rng.random_bool(0.5) { 256 } else { rng.random_range(1..256) };
        let ours = Tile { level, index, width };
        let theirs = tlog_tiles::Tile::new(8, level, index, u32::from(width), false);
        assert_eq!(ours.path(), theirs.path().replacen("tile/8/", "tile/", 1));
        assert_eq!(Tile::parse_path(&ours.path()).unwrap(), TilePath::Hashes(ours));
        let data = tlog_tiles::Tile::new(8, 0, index, u32::from(width), true);
        assert_eq!(
            Tile { level: 0, index, width }.entries_path(),
            data.path().replacen("tile/8/data/", "tile/entries/", 1)
        );
    }
}

#[test]
fn checkpoints_agree_with_tlog_tiles() {
    let mut rng = StdRng::seed_from_u64(2);
    for _ in 0..100 {
        let size: u64 = rng.random();
        let root = leaf_hash(&size.to_be_bytes());
        let c = shijian_ledger::Checkpoint::new("example.com/log", size, root);
        let theirs = tlog_tiles::Checkpoint::from_bytes(c.to_text().as_bytes()).unwrap();
        assert_eq!((theirs.origin(), theirs.size(), theirs.hash().0), ("example.com/log", size, root.0));
        assert_eq!(theirs.to_bytes(), c.to_text().into_bytes());
    }
}

#[test]
fn notes_cross_verify_with_signed_note() {
    use shijian_ledger::note::{Note, Signer, TYPE_ED25519, Verifier};
    let mut rng = StdRng::seed_from_u64(3);
    for i in 0..20 {
        let seed: [u8; 32] = rng.random();
        let ours = Signer::from_seed(&format!("example.com/log{i}"), TYPE_ED25519, &seed).unwrap();
        let text = format!("example.com/log{i}\n{}\n{}\n", rng.random::<u32>(), Hash::empty().to_base64());
        // Signed by us, verified by signed_note.
        let note = Note::sign(&text, &[&ours], 0).unwrap();
        let their_verifier = signed_note::StandardVerifier::new(&ours.verifier().to_vkey()).unwrap();
        let their_note = signed_note::Note::from_bytes(note.to_text().as_bytes()).unwrap();
        let list = signed_note::VerifierList::new(vec![Box::new(their_verifier)]);
        let (verified, _) = their_note.verify(&list).unwrap();
        assert_eq!(verified.len(), 1);
        // Signed by signed_note with the same key, verified by us; the bytes are identical
        // (Ed25519 is deterministic).
        let their_signer = signed_note::StandardSigner::new(&ours.to_skey()).unwrap();
        let mut theirs = signed_note::Note::new(text.as_bytes(), &[]).unwrap();
        theirs.add_sigs(&[&their_signer]).unwrap();
        let theirs_text = String::from_utf8(theirs.to_bytes()).unwrap();
        assert_eq!(theirs_text, note.to_text());
        Note::parse(&theirs_text).unwrap().verify(&[Verifier::parse(&ours.verifier().to_vkey()).unwrap()]).unwrap();
    }
}
