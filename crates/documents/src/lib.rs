//! Official documents (文书) as PDF.
//!
//! A [`Document`] is a title, a document number (文号, see [`shijian_core::case::document_number`]), the issuing
//! office and a sequence of [`Block`]s; a [`Renderer`] lays it out on A4 pages in a Chinese
//! font found on the system ([`find_cjk_font`]: Noto Serif CJK SC from Debian's
//! `fonts-noto-cjk` first) and writes it as PDF with the font embedded as a subset, page
//! numbers, and a QR code with the address where a printed copy is checked against the public
//! log ([`Verify`]; [`qr_svg`] draws the same code for web pages).
//!
//! The caller records each file's [`sha256_hex`] in the journal; rendering is deterministic, so
//! the same document renders to the same bytes.
//!
//! **Architecture Invariant:** this crate knows nothing of cases, stores or HTTP: it takes a
//! [`Document`] and gives bytes. Its only IO is reading font files. It fails with the core's
//! typed errors (`document_font_missing`, `document_render_failed`).

mod font;
mod layout;
mod model;
mod qr;
mod render;

pub use font::{FontSource, default_font_dirs, find_cjk_font};
pub use model::{Block, Document, Verify};
pub use qr::qr_svg;
pub use render::Renderer;

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes` as 64 lower-case hexadecimal digits, as the journal records a file.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_renderer_can_be_shared_between_threads() {
        fn shared<T: Send + Sync + Clone>() {}
        shared::<super::Renderer>();
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(super::sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
