//! The verification QR code: the modules of the code for an address, drawn as squares in the
//! PDF by [`crate::Renderer`] and as one SVG path for web pages by [`qr_svg`].

use qrcode::{Color, EcLevel, QrCode};
use shijian_core::{Code, Error, Result};

/// The dark modules of a QR code, row by row.
pub(crate) struct QrMatrix {
    /// Modules per side.
    pub width: usize,
    /// `width * width` modules, row-major; `true` is dark.
    pub dark: Vec<bool>,
}

impl QrMatrix {
    /// Level M (about 15 % of the code may be damaged): a printed page gets folded and
    /// stamped, and M keeps a 100-character address at version 6 or below.
    pub(crate) fn encode(url: &str) -> Result<QrMatrix> {
        let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
            .map_err(|e| Error::new(Code::DocumentRenderFailed).with("reason", format!("verification address: {e}")))?;
        let width = code.width();
        let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
        Ok(QrMatrix { width, dark })
    }

    /// Horizontal runs of dark modules as `(row, first column, length)`: one rectangle per run
    /// keeps the PDF and the SVG small.
    pub(crate) fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for y in 0..self.width {
            let row = &self.dark[y * self.width..(y + 1) * self.width];
            let mut x = 0;
            while x < self.width {
                if row[x] {
                    let start = x;
                    while x < self.width && row[x] {
                        x += 1;
                    }
                    runs.push((y, start, x - start));
                } else {
                    x += 1;
                }
            }
        }
        runs
    }
}

/// The QR code for `url` as an inline SVG element (no XML declaration), for a web page that
/// shows a document's verification address. It scales to its container (`viewBox` with the
/// 4-module quiet zone the standard asks for) and is the same text for the same address.
pub fn qr_svg(url: &str) -> Result<String> {
    let matrix = QrMatrix::encode(url)?;
    let quiet = 4;
    let side = matrix.width + 2 * quiet;
    let mut path = String::new();
    for (y, x, len) in matrix.runs() {
        path.push_str(&format!("M{} {}h{len}v1h-{len}z", x + quiet, y + quiet));
    }
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges" role="img"><rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>"##
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_is_deterministic_and_square() {
        let a = qr_svg("https://example.org/v/2026/123").unwrap();
        assert_eq!(a, qr_svg("https://example.org/v/2026/123").unwrap());
        assert!(a.starts_with("<svg ") && a.ends_with("</svg>"));
        // Version 3 (29 modules) at level M holds the 30 bytes, plus the 4-module quiet zone.
        assert_eq!(QrMatrix::encode("https://example.org/v/2026/123").unwrap().width, 29);
        assert!(a.contains(r#"viewBox="0 0 37 37""#), "{a}");
    }

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let m = QrMatrix::encode("x").unwrap();
        let covered: usize = m.runs().iter().map(|r| r.2).sum();
        assert_eq!(covered, m.dark.iter().filter(|d| **d).count());
    }

    #[test]
    fn an_address_too_long_is_a_typed_error() {
        let e = qr_svg(&"x".repeat(5000)).unwrap_err();
        assert_eq!(e.code(), Code::DocumentRenderFailed);
    }
}
