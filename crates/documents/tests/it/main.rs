//! The documents crate against the real font and a real PDF reader: what is rendered can be
//! read back, is small, and is the same bytes every time.

mod font;
mod render;

use shijian_documents::Renderer;

/// The system's renderer, or `None` (with a notice) where no Chinese font is installed. Where
/// the fonts are required (`SHIJIAN_REQUIRE_BROWSER=1`, as CI sets after installing
/// `fonts-noto-cjk`), a missing font fails the test instead.
pub fn renderer() -> Option<Renderer> {
    match Renderer::from_system() {
        Ok(r) => Some(r),
        Err(e) if std::env::var("SHIJIAN_REQUIRE_BROWSER").as_deref() == Ok("1") => {
            panic!("SHIJIAN_REQUIRE_BROWSER=1 but no Chinese font: {e}")
        }
        Err(e) => {
            eprintln!("SKIPPED: no Chinese font installed ({e}); apt-get install fonts-noto-cjk");
            None
        }
    }
}
