//! The draw's seed: commit-then-reveal contributions of the seed parties combined with the
//! first signed checkpoint after the plan's publication. See the module above for the threat
//! model. Every input is text with one meaning, so another implementation gets the same bytes:
//!
//! ```text
//! commitment = SHA-256("shijian-draw-commit v1\n" ‖ plan ‖ "\n" ‖ party ‖ "\n" ‖ secret)
//! seed       = SHA-256("shijian-draw-seed v1\n"
//!                      ‖ "plan " plan "\n"
//!                      ‖ "pool " hex(pool hash) "\n"
//!                      ‖ "checkpoint " size " " hex(root) "\n"
//!                      ‖ for each party in byte order of its name:
//!                        "party " name " " (hex(secret) | "absent") "\n")
//! ```
//!
//! `secret` is 32 bytes; hex is lower case.

use sha2::{Digest, Sha256};

use super::hex;
use super::plan::PartyPart;

/// The commitment a party publishes before the pool is fixed.
pub fn party_commitment(plan: &str, party: &str, secret: &[u8; 32]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(b"shijian-draw-commit v1\n");
    h.update(plan.as_bytes());
    h.update(b"\n");
    h.update(party.as_bytes());
    h.update(b"\n");
    h.update(secret);
    h.finalize().into()
}

/// The seed's input text (see the module documentation); `parts` in any order.
pub fn seed_text(
    plan: &str,
    pool_hash: &str,
    checkpoint_size: u64,
    checkpoint_root: &str,
    parts: &[PartyPart],
) -> String {
    let mut parts: Vec<&PartyPart> = parts.iter().collect();
    parts.sort_by(|a, b| a.party.as_bytes().cmp(b.party.as_bytes()));
    let mut s = format!(
        "shijian-draw-seed v1\nplan {plan}\npool {}\ncheckpoint {checkpoint_size} {}\n",
        pool_hash.to_ascii_lowercase(),
        checkpoint_root.to_ascii_lowercase()
    );
    for p in parts {
        s.push_str("party ");
        s.push_str(&p.party);
        s.push(' ');
        match &p.secret {
            Some(secret) => s.push_str(&secret.to_ascii_lowercase()),
            None => s.push_str("absent"),
        }
        s.push('\n');
    }
    s
}

/// The seed.
pub fn seed(plan: &str, pool_hash: &str, checkpoint_size: u64, checkpoint_root: &str, parts: &[PartyPart]) -> [u8; 32] {
    Sha256::digest(seed_text(plan, pool_hash, checkpoint_size, checkpoint_root, parts).as_bytes()).into()
}

/// The seed in hex.
pub fn seed_hex(
    plan: &str,
    pool_hash: &str,
    checkpoint_size: u64,
    checkpoint_root: &str,
    parts: &[PartyPart],
) -> String {
    hex(&seed(plan, pool_hash, checkpoint_size, checkpoint_root, parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_text_is_fixed_and_independent_of_the_parties_order() {
        let a = PartyPart { party: "b-witness".into(), secret: Some("AB".repeat(32)) };
        let b = PartyPart { party: "a-discipline".into(), secret: None };
        let t = seed_text("2026-420100-0001", &"00".repeat(32), 42, &"11".repeat(32), &[a.clone(), b.clone()]);
        assert_eq!(
            t,
            format!(
                "shijian-draw-seed v1\nplan 2026-420100-0001\npool {}\ncheckpoint 42 {}\nparty a-discipline absent\nparty b-witness {}\n",
                "00".repeat(32),
                "11".repeat(32),
                "ab".repeat(32)
            )
        );
        assert_eq!(
            seed("p", "00", 1, "11", &[a.clone(), b.clone()]),
            seed("p", "00", 1, "11", &[b.clone(), a.clone()])
        );
        assert_ne!(seed("p", "00", 1, "11", &[a.clone(), b.clone()]), seed("p", "00", 2, "11", &[a, b]));
    }

    #[test]
    fn a_commitment_binds_plan_party_and_secret() {
        let s = [1u8; 32];
        let c = party_commitment("p", "x", &s);
        assert_ne!(c, party_commitment("p", "y", &s));
        assert_ne!(c, party_commitment("q", "x", &s));
        assert_ne!(c, party_commitment("p", "x", &[2u8; 32]));
        // The documented layout: SHA-256("shijian-draw-commit v1\np\nx\n" ‖ 32 × 0x01).
        let mut msg = b"shijian-draw-commit v1\np\nx\n".to_vec();
        msg.extend_from_slice(&s);
        assert_eq!(c, <[u8; 32]>::from(Sha256::digest(&msg)));
    }
}
