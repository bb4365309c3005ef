//! shijian's use cases, one module per context: load the state, let `core` decide, append the
//! events, answer queries. Every use case takes the acting [`Actor`](shijian_core::event::Actor)
//! and is authorised here, once, for the command line and HTTP alike ([`access`]).
//!
//! **Architecture Invariant:** no SQL and no HTTP here; the store is reached only through
//! `shijian_store::Store`'s methods.
//!
//! **Architecture Invariant:** events are made only from their data's type
//! (`NewEvent::of`, `RegistryEvent::to_event`), so each carries its declared kind and basis;
//! no use case writes a `NewEvent` by hand.

pub mod access;
pub mod accounts;
pub mod case;
pub mod complaints;
pub mod credit;
pub mod import;
pub mod inspection;
pub mod lists;
pub mod names;
pub mod registry;
pub mod search;

pub use names::{NameCheck, NameFinding, Verdict};
pub use registry::Registry;

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    /// The `.rs` files under `dir`, recursively (for the tests that scan the crate's sources).
    pub(crate) fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    /// Events are made from their data's type only: no use case builds a `NewEvent` by hand
    /// (with a kind and basis of its choosing).
    #[test]
    fn no_use_case_builds_an_event_by_hand() {
        let mut files = Vec::new();
        sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        assert!(files.len() > 10);
        let this = Path::new(file!()).file_name().unwrap();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let text = if f.file_name() == Some(this) { text.split("#[cfg(test)]").next().unwrap() } else { &text };
            for pattern in ["NewEvent {", "NewEvent{"] {
                for (at, _) in text.match_indices(pattern) {
                    // `-> NewEvent {` opens a function returning one, which is fine.
                    let before = text[..at].trim_end();
                    assert!(before.ends_with("->"), "{} builds an event by hand ({pattern})", f.display());
                }
            }
        }
    }
}
