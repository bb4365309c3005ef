//! C2SP tlog-checkpoint: the signed tree head.
//!
//! The note text is the origin line, the tree size in decimal (no leading zeros), the base64
//! root hash, and optional non-empty extension lines.

use crate::error::{Error, Result};
use crate::hash::Hash;
use crate::note::{Note, Signer, Verifier};

/// A checkpoint body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub extensions: Vec<String>,
}

impl Checkpoint {
    pub fn new(origin: &str, size: u64, root: Hash) -> Checkpoint {
        Checkpoint { origin: origin.to_string(), size, root, extensions: Vec::new() }
    }

    /// The note text.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n{}\n{}\n", self.origin, self.size, self.root.to_base64());
        for e in &self.extensions {
            out.push_str(e);
            out.push('\n');
        }
        out
    }

    /// Parses a note text.
    pub fn parse(text: &str) -> Result<Checkpoint> {
        let body = text.strip_suffix('\n').ok_or(Error::CheckpointMalformed("does not end with a newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().filter(|o| !o.is_empty()).ok_or(Error::CheckpointMalformed("origin"))?;
        let size_line = lines.next().ok_or(Error::CheckpointMalformed("size"))?;
        let size_ok = !size_line.is_empty()
            && size_line.bytes().all(|b| b.is_ascii_digit())
            && (size_line == "0" || !size_line.starts_with('0'));
        let size: u64 = if size_ok {
            size_line.parse().map_err(|_| Error::CheckpointMalformed("size"))?
        } else {
            return Err(Error::CheckpointMalformed("size"));
        };
        let root = Hash::from_base64(lines.next().ok_or(Error::CheckpointMalformed("root"))?)
            .map_err(|_| Error::CheckpointMalformed("root"))?;
        let extensions: Vec<String> = lines.map(str::to_string).collect();
        if extensions.iter().any(String::is_empty) {
            return Err(Error::CheckpointMalformed("empty extension line"));
        }
        Ok(Checkpoint { origin: origin.to_string(), size, root, extensions })
    }

    /// Signs the checkpoint with the log's key.
    pub fn sign(&self, signer: &Signer) -> Result<Note> {
        Note::sign(&self.to_text(), &[signer], 0)
    }
}

/// A checkpoint whose note was verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedCheckpoint {
    pub checkpoint: Checkpoint,
    pub note: Note,
    /// The names of the witnesses whose cosignatures verified, with their timestamps.
    pub cosigners: Vec<(String, u64)>,
}

/// Opens a signed checkpoint: the note must verify with the log's key, and the origin must be
/// the one expected. Cosignatures from `witnesses` are verified too (a bad one rejects the
/// note, as the signed-note rules require) and reported.
pub fn open(note_text: &str, origin: &str, log: &Verifier, witnesses: &[Verifier]) -> Result<VerifiedCheckpoint> {
    let note = Note::parse(note_text)?;
    let mut known = vec![log.clone()];
    known.extend_from_slice(witnesses);
    let verified = note.verify(&known)?;
    if !verified.iter().any(|(v, _)| v.name() == log.name() && v.key_id() == log.key_id()) {
        return Err(Error::NoteUnverified);
    }
    let checkpoint = Checkpoint::parse(&note.text)?;
    if checkpoint.origin != origin {
        return Err(Error::CheckpointOrigin { expected: origin.to_string(), found: checkpoint.origin });
    }
    let cosigners = verified.iter().filter_map(|(v, ts)| ts.map(|t| (v.name().to_string(), t))).collect();
    Ok(VerifiedCheckpoint { checkpoint, note, cosigners })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{TYPE_COSIGNATURE_V1, TYPE_ED25519};

    #[test]
    fn the_spec_example_parses() {
        let text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        let c = Checkpoint::parse(text).unwrap();
        assert_eq!((c.origin.as_str(), c.size), ("example.com/behind-the-sofa", 20852163));
        assert_eq!(c.to_text(), text);
    }

    #[test]
    fn malformed_bodies_are_refused() {
        let root = Hash::empty().to_base64();
        for bad in [
            format!("o\n01\n{root}\n"),
            format!("o\n-1\n{root}\n"),
            format!("\n1\n{root}\n"),
            "o\n1\nnot-base64\n".to_string(),
            format!("o\n1\n{root}"),
            format!("o\n1\n{root}\n\n"),
            "o\n1\n".to_string(),
        ] {
            assert!(Checkpoint::parse(&bad).is_err(), "{bad:?}");
        }
        let mut c = Checkpoint::new("o", 0, Hash::empty());
        c.extensions.push("ext".into());
        assert_eq!(Checkpoint::parse(&c.to_text()).unwrap(), c);
    }

    #[test]
    fn open_checks_signature_origin_and_cosignatures() {
        let log = Signer::from_seed("shijian/test", TYPE_ED25519, &[1; 32]).unwrap();
        let witness = Signer::from_seed("witness.example/w", TYPE_COSIGNATURE_V1, &[2; 32]).unwrap();
        let c = Checkpoint::new("shijian/test", 3, Hash::empty());
        let mut note = c.sign(&log).unwrap();
        note.add_signature(witness.sign(&note.text, 1_800_000_000));
        let v = open(&note.to_text(), "shijian/test", &log.verifier(), &[witness.verifier()]).unwrap();
        assert_eq!(v.checkpoint, c);
        assert_eq!(v.cosigners, vec![("witness.example/w".to_string(), 1_800_000_000)]);
        assert!(matches!(open(&note.to_text(), "other", &log.verifier(), &[]), Err(Error::CheckpointOrigin { .. })));
        // A witness alone does not make a checkpoint.
        let mut only_witness = note.clone();
        only_witness.signatures.remove(0);
        assert!(open(&only_witness.to_text(), "shijian/test", &log.verifier(), &[witness.verifier()]).is_err());
    }
}
