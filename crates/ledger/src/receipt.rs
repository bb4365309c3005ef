//! C2SP tlog-proof (`c2sp.org/tlog-proof@v1`): an offline-verifiable receipt that an entry is
//! in the log, carrying the signed checkpoint (with any witness cosignatures), the entry's
//! index and its inclusion proof.
//!
//! ```text
//! c2sp.org/tlog-proof@v1
//! extra <base64>            (optional, unauthenticated)
//! index <decimal>
//! <base64 hash>             (zero or more: the inclusion proof, leaf sibling first)
//!
//! <checkpoint, verbatim>
//! ```

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::checkpoint::{self, VerifiedCheckpoint};
use crate::error::{Error, Result};
use crate::hash::Hash;
use crate::note::Verifier;
use crate::tree::verify_inclusion;

const HEADER: &str = "c2sp.org/tlog-proof@v1";

/// A receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    /// Opaque extra data; never trusted.
    pub extra: Option<Vec<u8>>,
    pub index: u64,
    pub proof: Vec<Hash>,
    /// The signed checkpoint note, verbatim.
    pub checkpoint: String,
}

impl Receipt {
    pub fn to_text(&self) -> String {
        let mut out = format!("{HEADER}\n");
        if let Some(extra) = &self.extra {
            out.push_str(&format!("extra {}\n", STANDARD.encode(extra)));
        }
        out.push_str(&format!("index {}\n", self.index));
        for h in &self.proof {
            out.push_str(&h.to_base64());
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.checkpoint);
        out
    }

    pub fn parse(text: &str) -> Result<Receipt> {
        let (head, checkpoint) =
            text.split_once("\n\n").ok_or(Error::ReceiptMalformed("no blank line before the checkpoint"))?;
        let mut lines = head.split('\n');
        if lines.next() != Some(HEADER) {
            return Err(Error::ReceiptMalformed("first line"));
        }
        let mut line = lines.next().ok_or(Error::ReceiptMalformed("index"))?;
        let mut extra = None;
        if let Some(b64) = line.strip_prefix("extra ") {
            extra = Some(STANDARD.decode(b64).map_err(|_| Error::ReceiptMalformed("extra"))?);
            line = lines.next().ok_or(Error::ReceiptMalformed("index"))?;
        }
        let idx = line.strip_prefix("index ").ok_or(Error::ReceiptMalformed("index"))?;
        if idx.is_empty() || !idx.bytes().all(|b| b.is_ascii_digit()) || (idx.len() > 1 && idx.starts_with('0')) {
            return Err(Error::ReceiptMalformed("index"));
        }
        let index: u64 = idx.parse().map_err(|_| Error::ReceiptMalformed("index"))?;
        let proof = lines
            .map(|l| Hash::from_base64(l).map_err(|_| Error::ReceiptMalformed("proof hash")))
            .collect::<Result<Vec<_>>>()?;
        Ok(Receipt { extra, index, proof, checkpoint: checkpoint.to_string() })
    }

    /// Verifies the receipt offline for an entry whose leaf hash is `leaf`: the checkpoint is
    /// signed by the log and is for `origin`; at least `quorum` of `witnesses` cosigned it;
    /// the inclusion proof leads from the leaf to the checkpoint's root.
    pub fn verify(
        &self,
        leaf: &Hash,
        origin: &str,
        log: &Verifier,
        witnesses: &[Verifier],
        quorum: usize,
    ) -> Result<VerifiedCheckpoint> {
        let verified = checkpoint::open(&self.checkpoint, origin, log, witnesses)?;
        if verified.cosigners.len() < quorum {
            return Err(Error::ReceiptQuorum { needed: quorum, found: verified.cosigners.len() });
        }
        verify_inclusion(self.index, verified.checkpoint.size, leaf, &self.proof, &verified.checkpoint.root)?;
        Ok(verified)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkpoint::Checkpoint;
    use crate::hash::{leaf_hash, merkle_root};
    use crate::note::{Signer, TYPE_COSIGNATURE_V1, TYPE_ED25519};
    use crate::tree::{MemorySource, inclusion_proof};

    #[test]
    fn produce_parse_verify() {
        let log = Signer::from_seed("shijian/test", TYPE_ED25519, &[1; 32]).unwrap();
        let w = Signer::from_seed("witness.example/w", TYPE_COSIGNATURE_V1, &[2; 32]).unwrap();
        let leaves: Vec<Hash> = (0..11u8).map(|i| leaf_hash(&[i])).collect();
        let root = merkle_root(&leaves);
        let mut note = Checkpoint::new("shijian/test", 11, root).sign(&log).unwrap();
        note.add_signature(w.sign(&note.text, 1_800_000_000));
        let r = Receipt {
            extra: Some(b"event 42".to_vec()),
            index: 7,
            proof: inclusion_proof(7, 11, &MemorySource(&leaves)).unwrap(),
            checkpoint: note.to_text(),
        };
        let text = r.to_text();
        assert!(text.starts_with("c2sp.org/tlog-proof@v1\nextra ZXZlbnQgNDI=\nindex 7\n"));
        let parsed = Receipt::parse(&text).unwrap();
        assert_eq!(parsed, r);
        parsed.verify(&leaves[7], "shijian/test", &log.verifier(), &[w.verifier()], 1).unwrap();
        assert!(parsed.verify(&leaves[6], "shijian/test", &log.verifier(), &[], 0).is_err());
        assert!(matches!(
            parsed.verify(&leaves[7], "shijian/test", &log.verifier(), &[], 1),
            Err(Error::ReceiptQuorum { needed: 1, found: 0 })
        ));
        let no_extra = Receipt { extra: None, ..r };
        assert_eq!(Receipt::parse(&no_extra.to_text()).unwrap(), no_extra);
    }

    #[test]
    fn malformed_receipts_are_refused() {
        for bad in [
            "c2sp.org/tlog-proof@v2\nindex 1\n\nx",
            "c2sp.org/tlog-proof@v1\nindex 01\n\nx",
            "c2sp.org/tlog-proof@v1\nindex 1\nnot-a-hash\n\nx",
            "c2sp.org/tlog-proof@v1\nindex 1\n",
        ] {
            assert!(Receipt::parse(bad).is_err(), "{bad:?}");
        }
    }
}
