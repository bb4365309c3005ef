//! Published vectors.

use shijian_ledger::hash::{Hash, leaf_hash, node_hash};
use shijian_ledger::note::{Note, Signer, Verifier};
use shijian_ledger::tree::{MemorySource, consistency_proof, inclusion_proof, tree_hash};

/// The signed note of the Go note package's documentation (golang.org/x/mod/sumdb/note).
#[test]
fn go_note_vector() {
    let skey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    let vkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    let want = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
    let signer = Signer::parse(skey).unwrap();
    assert_eq!(signer.verifier().to_vkey(), vkey);
    assert_eq!(Note::sign(text, &[&signer], 0).unwrap().to_text(), want);
    let v = Verifier::parse(vkey).unwrap();
    assert_eq!(v.key_id(), 0xc74f_20a3);
    Note::parse(want).unwrap().verify(&[v]).unwrap();
}

/// The RFC 6962 reference tree of eight leaves (the test data of Certificate Transparency
/// implementations): roots of every prefix, and some proofs.
#[test]
fn rfc6962_reference_tree() {
    let inputs: [&[u8]; 8] = [
        b"",
        &[0x00],
        &[0x10],
        &[0x20, 0x21],
        &[0x30, 0x31],
        &[0x40, 0x41, 0x42, 0x43],
        &[0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57],
        &[0x60, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f],
    ];
    let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];
    let leaves: Vec<Hash> = inputs.iter().map(|d| leaf_hash(d)).collect();
    for (n, want) in roots.iter().enumerate() {
        assert_eq!(tree_hash(n as u64 + 1, &MemorySource(&leaves)).unwrap().to_hex(), *want, "root of {}", n + 1);
    }
    let hex = |p: Vec<Hash>| p.iter().map(Hash::to_hex).collect::<Vec<_>>();
    // Inclusion of leaf 0 in the tree of 8.
    assert_eq!(
        hex(inclusion_proof(0, 8, &MemorySource(&leaves)).unwrap()),
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]
    );
    // Consistency from 1 to 8.
    assert_eq!(
        hex(consistency_proof(1, 8, &MemorySource(&leaves)).unwrap()),
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ]
    );
    // The empty tree.
    assert_eq!(
        tree_hash(0, &MemorySource(&[])).unwrap().to_hex(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    let _ = node_hash;
}
