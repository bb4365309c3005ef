//! C2SP signed-note: text signed by one or more keys.
//!
//! A note is UTF-8 text ending in a newline, a blank line, and one or more signature lines
//! `— <key name> <base64(key ID ‖ signature)>`. Key IDs are the first four bytes of
//! `SHA-256(name ‖ 0x0A ‖ type ‖ public key)`. Two signature types are implemented:
//!
//! - `0x01`, Ed25519 over the note text (the log's own checkpoints);
//! - `0x04`, tlog-cosignature v1: Ed25519 over `cosignature/v1\ntime <t>\n` followed by the
//!   note text, with the signature carried as `timestamp (u64, big-endian) ‖ signature`
//!   (witnesses; a second shijian instance can act as one).
//!
//! Verification follows the spec: signatures from unknown keys (name and ID not both known)
//! are ignored; a signature from a known key must verify or the whole note is rejected; at
//! least one known key must have signed.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::{Signer as _, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// Signature type byte: Ed25519 (signed-note).
pub const TYPE_ED25519: u8 = 0x01;
/// Signature type byte: timestamped Ed25519 witness cosignature (tlog-cosignature v1).
pub const TYPE_COSIGNATURE_V1: u8 = 0x04;

/// The most signatures a note may carry here (the spec asks for at least 16).
pub const MAX_SIGNATURES: usize = 100;

/// `SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4]` as a big-endian integer.
pub fn key_id(name: &str, sig_type: u8, public_key: &[u8]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([0x0A, sig_type]);
    h.update(public_key);
    let d = h.finalize();
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

/// Key names are non-empty and contain no Unicode spaces and no `+`.
pub fn is_valid_key_name(name: &str) -> bool {
    !name.is_empty() && !name.chars().any(|c| c.is_whitespace() || c == '+')
}

/// The message a cosignature v1 signs.
fn cosigned_message(timestamp: u64, text: &[u8]) -> Vec<u8> {
    let mut m = format!("cosignature/v1\ntime {timestamp}\n").into_bytes();
    m.extend_from_slice(text);
    m
}

/// A key that can verify signatures on notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    name: String,
    id: u32,
    sig_type: u8,
    key: VerifyingKey,
}

impl Verifier {
    pub fn new(name: &str, sig_type: u8, key: VerifyingKey) -> Result<Verifier> {
        if !is_valid_key_name(name) {
            return Err(Error::KeyMalformed("key name"));
        }
        if sig_type != TYPE_ED25519 && sig_type != TYPE_COSIGNATURE_V1 {
            return Err(Error::KeyMalformed("unsupported signature type"));
        }
        Ok(Verifier { name: name.to_string(), id: key_id(name, sig_type, key.as_bytes()), sig_type, key })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn key_id(&self) -> u32 {
        self.id
    }

    pub fn sig_type(&self) -> u8 {
        self.sig_type
    }

    /// Parses a verifier key `<name>+<hex key ID>+<base64(type ‖ public key)>`.
    pub fn parse(vkey: &str) -> Result<Verifier> {
        let mut parts = vkey.trim_end_matches('\n').splitn(3, '+');
        let (Some(name), Some(id_hex), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Error::KeyMalformed("verifier key needs name+id+key"));
        };
        let id = u32::from_str_radix(id_hex, 16).map_err(|_| Error::KeyMalformed("key ID"))?;
        if id_hex.len() != 8 {
            return Err(Error::KeyMalformed("key ID is 8 hex digits"));
        }
        let raw = STANDARD.decode(b64).map_err(|_| Error::KeyMalformed("key base64"))?;
        let (&sig_type, key) = raw.split_first().ok_or(Error::KeyMalformed("empty key"))?;
        let key: [u8; 32] = key.try_into().map_err(|_| Error::KeyMalformed("Ed25519 keys are 32 bytes"))?;
        let key = VerifyingKey::from_bytes(&key).map_err(|_| Error::KeyMalformed("not an Ed25519 point"))?;
        let v = Verifier::new(name, sig_type, key)?;
        if v.id != id {
            return Err(Error::KeyMalformed("key ID does not match the key"));
        }
        Ok(v)
    }

    /// The verifier key string.
    pub fn to_vkey(&self) -> String {
        let mut raw = vec![self.sig_type];
        raw.extend_from_slice(self.key.as_bytes());
        format!("{}+{:08x}+{}", self.name, self.id, STANDARD.encode(raw))
    }

    /// Checks one signature (without its 4-byte key ID) over the note text. For a
    /// cosignature, returns its timestamp too.
    fn verify(&self, text: &[u8], sig: &[u8]) -> Option<Option<u64>> {
        match self.sig_type {
            TYPE_ED25519 => {
                let sig = ed25519_dalek::Signature::from_slice(sig).ok()?;
                self.key.verify_strict(text, &sig).ok().map(|()| None)
            }
            TYPE_COSIGNATURE_V1 => {
                if sig.len() != 72 {
                    return None;
                }
                let ts = u64::from_be_bytes(sig[..8].try_into().ok()?);
                if ts > i64::MAX as u64 {
                    return None;
                }
                let s = ed25519_dalek::Signature::from_slice(&sig[8..]).ok()?;
                self.key.verify_strict(&cosigned_message(ts, text), &s).ok().map(|()| Some(ts))
            }
            _ => None,
        }
    }
}

/// A key that signs notes.
#[derive(Clone)]
pub struct Signer {
    name: String,
    id: u32,
    sig_type: u8,
    key: SigningKey,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Signer({}+{:08x}, type {:#04x})", self.name, self.id, self.sig_type)
    }
}

impl Signer {
    /// A signer from a 32-byte Ed25519 seed (the caller draws it from the OS's generator).
    pub fn from_seed(name: &str, sig_type: u8, seed: &[u8; 32]) -> Result<Signer> {
        let key = SigningKey::from_bytes(seed);
        let v = Verifier::new(name, sig_type, key.verifying_key())?;
        Ok(Signer { name: name.to_string(), id: v.id, sig_type, key })
    }

    /// Parses a private key `PRIVATE+KEY+<name>+<hex key ID>+<base64(type ‖ seed)>`.
    pub fn parse(skey: &str) -> Result<Signer> {
        let rest =
            skey.trim_end_matches('\n').strip_prefix("PRIVATE+KEY+").ok_or(Error::KeyMalformed("not a private key"))?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id_hex), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(Error::KeyMalformed("private key needs name+id+key"));
        };
        let raw = STANDARD.decode(b64).map_err(|_| Error::KeyMalformed("key base64"))?;
        let (&sig_type, seed) = raw.split_first().ok_or(Error::KeyMalformed("empty key"))?;
        let seed: [u8; 32] = seed.try_into().map_err(|_| Error::KeyMalformed("Ed25519 seeds are 32 bytes"))?;
        let s = Signer::from_seed(name, sig_type, &seed)?;
        if format!("{:08x}", s.id) != id_hex {
            return Err(Error::KeyMalformed("key ID does not match the key"));
        }
        Ok(s)
    }

    /// The private key string; keep it secret (file mode 0600).
    pub fn to_skey(&self) -> String {
        let mut raw = vec![self.sig_type];
        raw.extend_from_slice(&self.key.to_bytes());
        format!("PRIVATE+KEY+{}+{:08x}+{}", self.name, self.id, STANDARD.encode(raw))
    }

    pub fn verifier(&self) -> Verifier {
        Verifier { name: self.name.clone(), id: self.id, sig_type: self.sig_type, key: self.key.verifying_key() }
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Signs the note text. A cosigner signs at `timestamp` (POSIX seconds); an Ed25519 note
    /// signer ignores it.
    pub fn sign(&self, text: &str, timestamp: u64) -> NoteSignature {
        let sig = match self.sig_type {
            TYPE_COSIGNATURE_V1 => {
                let mut out = timestamp.to_be_bytes().to_vec();
                out.extend_from_slice(&self.key.sign(&cosigned_message(timestamp, text.as_bytes())).to_bytes());
                out
            }
            _ => self.key.sign(text.as_bytes()).to_bytes().to_vec(),
        };
        NoteSignature { name: self.name.clone(), key_id: self.id, signature: sig }
    }
}

/// One signature line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteSignature {
    pub name: String,
    pub key_id: u32,
    /// The signature bytes after the key ID.
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// `— <name> <base64(key ID ‖ signature)>\n`.
    pub fn line(&self) -> String {
        let mut raw = self.key_id.to_be_bytes().to_vec();
        raw.extend_from_slice(&self.signature);
        format!("\u{2014} {} {}\n", self.name, STANDARD.encode(raw))
    }
}

/// A note: its text and its signatures, not yet verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The text, including its final newline.
    pub text: String,
    pub signatures: Vec<NoteSignature>,
}

impl Note {
    /// Parses a signed note. Checks the format only; see [`Note::verify`].
    pub fn parse(note: &str) -> Result<Note> {
        if note.chars().any(|c| c < ' ' && c != '\n') {
            return Err(Error::NoteMalformed("control character"));
        }
        if !note.ends_with('\n') {
            return Err(Error::NoteMalformed("does not end with a newline"));
        }
        // The text is separated from the signatures by the last blank line.
        let split = note.rfind("\n\n").ok_or(Error::NoteMalformed("no blank line before the signatures"))?;
        let text = &note[..split + 1];
        let sigs = &note[split + 2..];
        let mut signatures = Vec::new();
        for line in sigs.lines() {
            let rest = line.strip_prefix("\u{2014} ").ok_or(Error::NoteMalformed("signature line"))?;
            let (name, b64) = rest.split_once(' ').ok_or(Error::NoteMalformed("signature line"))?;
            if !is_valid_key_name(name) {
                return Err(Error::NoteMalformed("key name"));
            }
            let raw = STANDARD.decode(b64).map_err(|_| Error::NoteMalformed("signature base64"))?;
            if raw.len() < 5 {
                return Err(Error::NoteMalformed("signature too short"));
            }
            let key_id = u32::from_be_bytes([raw[0], raw[1], raw[2], raw[3]]);
            signatures.push(NoteSignature { name: name.to_string(), key_id, signature: raw[4..].to_vec() });
            if signatures.len() > MAX_SIGNATURES {
                return Err(Error::NoteMalformed("too many signatures"));
            }
        }
        if signatures.is_empty() {
            return Err(Error::NoteMalformed("no signatures"));
        }
        Ok(Note { text: text.to_string(), signatures })
    }

    /// A note with `text` (which must end with a newline) signed by `signers`.
    pub fn sign(text: &str, signers: &[&Signer], timestamp: u64) -> Result<Note> {
        if !text.ends_with('\n') || text.chars().any(|c| c < ' ' && c != '\n') {
            return Err(Error::NoteMalformed("note text"));
        }
        Ok(Note { text: text.to_string(), signatures: signers.iter().map(|s| s.sign(text, timestamp)).collect() })
    }

    /// Adds a signature (e.g. a witness's cosignature).
    pub fn add_signature(&mut self, sig: NoteSignature) {
        self.signatures.push(sig);
    }

    /// The whole note: text, blank line, signature lines.
    pub fn to_text(&self) -> String {
        let mut out = self.text.clone();
        out.push('\n');
        for s in &self.signatures {
            out.push_str(&s.line());
        }
        out
    }

    /// Verifies the note against known keys, per the spec's rules. Returns the verifiers
    /// whose signatures verified, with the timestamp of each cosignature.
    pub fn verify<'a>(&self, known: &'a [Verifier]) -> Result<Vec<(&'a Verifier, Option<u64>)>> {
        let mut ok = Vec::new();
        for sig in &self.signatures {
            let Some(v) = known.iter().find(|v| v.name == sig.name && v.id == sig.key_id) else { continue };
            match v.verify(self.text.as_bytes(), &sig.signature) {
                Some(ts) => ok.push((v, ts)),
                None => return Err(Error::NoteBadSignature { name: sig.name.clone() }),
            }
        }
        if ok.is_empty() {
            return Err(Error::NoteUnverified);
        }
        Ok(ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(name: &str, t: u8, b: u8) -> Signer {
        Signer::from_seed(name, t, &[b; 32]).unwrap()
    }

    #[test]
    fn sign_parse_verify_round_trip_with_several_signatures() {
        let log = signer("example.com/log", TYPE_ED25519, 1);
        let w1 = signer("witness.example/w1", TYPE_COSIGNATURE_V1, 2);
        let w2 = signer("witness.example/w2", TYPE_COSIGNATURE_V1, 3);
        let mut note = Note::sign("example.com/log\n5\nAAAA\n", &[&log], 0).unwrap();
        note.add_signature(w1.sign(&note.text, 1_700_000_000));
        note.add_signature(w2.sign(&note.text, 1_700_000_001));
        let text = note.to_text();
        assert!(text.starts_with("example.com/log\n5\nAAAA\n\n\u{2014} example.com/log "));
        let parsed = Note::parse(&text).unwrap();
        assert_eq!(parsed, note);
        let known = [log.verifier(), w1.verifier(), w2.verifier()];
        let ok = parsed.verify(&known).unwrap();
        assert_eq!(ok.len(), 3);
        assert_eq!(ok[1].1, Some(1_700_000_000));
        // Only the log key known: witnesses are ignored.
        assert_eq!(parsed.verify(&[log.verifier()]).unwrap().len(), 1);
    }

    #[test]
    fn verification_rules() {
        let log = signer("example.com/log", TYPE_ED25519, 1);
        let other = signer("example.com/other", TYPE_ED25519, 9);
        let note = Note::sign("hello\n", &[&log], 0).unwrap();
        // No known key signed.
        assert_eq!(note.verify(&[other.verifier()]).unwrap_err(), Error::NoteUnverified);
        // A known key whose signature fails rejects the note.
        let mut tampered = note.clone();
        tampered.text = "hellO\n".into();
        assert!(matches!(tampered.verify(&[log.verifier()]).unwrap_err(), Error::NoteBadSignature { .. }));
        // Same name, different key: an unknown key, ignored, so nothing verifies.
        let impostor = signer("example.com/log", TYPE_ED25519, 7);
        let forged = Note::sign("hello\n", &[&impostor], 0).unwrap();
        assert_eq!(forged.verify(&[log.verifier()]).unwrap_err(), Error::NoteUnverified);
    }

    #[test]
    fn malformed_notes_are_refused() {
        for bad in [
            "no newline",
            "text\n\n",
            "text\n\n— name\n",
            "text\n\n- name AAAAAAA=\n",
            "te\u{1}xt\n\n— n AAAAAAA=\n",
            "text\n— n AAAAAAA=\n",
        ] {
            assert!(Note::parse(bad).is_err(), "{bad:?}");
        }
        // The text may contain blank lines: the last one separates.
        let log = signer("n", TYPE_ED25519, 1);
        let note = Note::sign("a\n\nb\n", &[&log], 0).unwrap();
        assert_eq!(Note::parse(&note.to_text()).unwrap().text, "a\n\nb\n");
    }

    #[test]
    fn key_strings_round_trip_and_key_ids_follow_the_spec() {
        let s = signer("example.com/log", TYPE_ED25519, 5);
        let v = s.verifier();
        assert_eq!(Verifier::parse(&v.to_vkey()).unwrap(), v);
        assert_eq!(Signer::parse(&s.to_skey()).unwrap().verifier(), v);
        let mut id_input = b"example.com/log\n\x01".to_vec();
        id_input.extend_from_slice(v.key.as_bytes());
        let d = Sha256::digest(&id_input);
        assert_eq!(v.key_id(), u32::from_be_bytes([d[0], d[1], d[2], d[3]]));
        assert!(Verifier::parse("name+00000000+AQ==").is_err());
        assert!(Verifier::parse(&v.to_vkey().replacen('+', "+0", 1)).is_err());
        // The same key as a cosigner has another ID.
        let c = signer("example.com/log", TYPE_COSIGNATURE_V1, 5);
        assert_ne!(c.verifier().key_id(), v.key_id());
    }
}
