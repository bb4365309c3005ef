//! Writing a laid-out document as PDF with the CJK font embedded as a subset.

use std::collections::HashMap;
use std::sync::Arc;

use krilla::geom::{PathBuilder, Point, Rect};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, metadata::Metadata};
use shijian_core::{Code, Error, Result};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use crate::font::{FontSource, default_font_dirs, find_cjk_font};
use crate::layout::{self, Measure, Op, PAGE_H, PAGE_W};
use crate::model::Document;

/// Renders documents with one font, loaded once. Cloning is cheap (the font is shared), and a
/// renderer can be used from several threads at once.
#[derive(Clone)]
pub struct Renderer {
    inner: Arc<Loaded>,
}

struct Loaded {
    source: FontSource,
    data: Arc<Vec<u8>>,
    font: Font,
    units_per_em: f32,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").field("font", &self.inner.source).finish()
    }
}

impl Renderer {
    /// Loads the face `source` names. Fails with `document_font_missing` (detail `reason`)
    /// when the file cannot be read or has no such face.
    pub fn new(source: FontSource) -> Result<Renderer> {
        let unreadable = |reason: String| {
            Error::new(Code::DocumentFontMissing).with("path", source.path.display()).with("reason", reason)
        };
        let data = std::fs::read(&source.path).map_err(|e| unreadable(e.to_string()))?;
        let units_per_em = FontRef::from_index(&data, source.index)
            .map_err(|e| unreadable(e.to_string()))?
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em as f32;
        let data = Arc::new(data);
        let font = Font::new(data.clone().into(), source.index)
            .ok_or_else(|| unreadable(format!("face {} is not usable", source.index)))?;
        Ok(Renderer { inner: Arc::new(Loaded { source, data, font, units_per_em }) })
    }

    /// The renderer with the best Chinese face in the system's font directories (see
    /// [`find_cjk_font`] and [`default_font_dirs`]).
    pub fn from_system() -> Result<Renderer> {
        Renderer::new(find_cjk_font(&default_font_dirs())?)
    }

    /// The face in use.
    pub fn font(&self) -> &FontSource {
        &self.inner.source
    }

    /// The document as PDF: A4 pages, the font embedded as a subset of the glyphs used, page
    /// numbers, and the verification QR code when the document has one.
    ///
    /// The bytes are a function of the document and the font alone (no creation time, the file
    /// identifier derived from the content), so rendering the same document again gives the
    /// same file and the same SHA-256 as the one recorded in the journal.
    ///
    /// It takes milliseconds of CPU (about 9 ms for three pages in a release build): an async
    /// caller runs it on the blocking pool.
    pub fn render(&self, doc: &Document) -> Result<Vec<u8>> {
        let font_ref = FontRef::from_index(self.inner.data.as_slice(), self.inner.source.index)
            .map_err(|e| render_failed(e.to_string()))?;
        let glyphs = Glyphs {
            charmap: font_ref.charmap(),
            metrics: font_ref.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em: self.inner.units_per_em,
            cache: Default::default(),
        };
        let pages = layout::layout(&glyphs, doc)?;

        let mut pdf = PdfDocument::new();
        let mut title = doc.title.clone();
        if let Some(number) = &doc.number {
            title = format!("{title} {number}");
        }
        pdf.set_metadata(Metadata::new().title(title).language("zh-CN".into()).creator("shijian".into()));
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or_else(|| render_failed("page size".into()))?;
        for ops in pages {
            let mut page = pdf.start_page_with(settings.clone());
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text { x, baseline, size, text, bold, justify } => {
                        let run = glyphs.run(&text, size, justify);
                        surface.set_fill(Some(Fill::default()));
                        // Headings and titles are set heavier by stroking the outline as well:
                        // one face (one embedded font) serves the whole document.
                        surface.set_stroke(bold.then(|| Stroke { width: size * 0.035, ..Stroke::default() }));
                        surface.draw_glyphs(
                            Point::from_xy(x, baseline),
                            &run,
                            self.inner.font.clone(),
                            &text,
                            size,
                            false,
                        );
                    }
                    Op::Rule { x1, y1, x2, y2 } => {
                        let mut path = PathBuilder::new();
                        path.move_to(x1, y1);
                        path.line_to(x2, y2);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke { width: 0.6, ..Stroke::default() }));
                            surface.draw_path(&path);
                        }
                    }
                    Op::Rects(rects) => {
                        let mut path = PathBuilder::new();
                        for (x, y, w, h) in rects {
                            if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                                path.push_rect(rect);
                            }
                        }
                        if let Some(path) = path.finish() {
                            surface.set_stroke(None);
                            surface.set_fill(Some(Fill::default()));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        pdf.finish().map_err(|e| render_failed(format!("{e:?}")))
    }
}

fn render_failed(reason: String) -> Error {
    Error::new(Code::DocumentRenderFailed).with("reason", reason)
}

/// Glyph lookup and advance widths for one render.
struct Glyphs<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: skrifa::metrics::GlyphMetrics<'a>,
    units_per_em: f32,
    cache: std::cell::RefCell<HashMap<char, (u32, f32)>>,
}

impl Glyphs<'_> {
    /// The glyph and advance (in em) of `c`; a character the font lacks gets glyph 0 (a box).
    fn glyph(&self, c: char) -> (u32, f32) {
        if let Some(g) = self.cache.borrow().get(&c) {
            return *g;
        }
        let id = self.charmap.map(c).unwrap_or_default();
        let advance = self.metrics.advance_width(id).unwrap_or(0.0) / self.units_per_em;
        let g = (id.to_u32(), advance);
        self.cache.borrow_mut().insert(c, g);
        g
    }

    /// The positioned glyphs of a line, each mapped back to its character so that the text can
    /// be copied and searched in the PDF. With `justify`, the space left on the line is shared
    /// between the gaps after each character but the last; a line that would need more than a
    /// third of an em per gap (one broken early before a long address) is left ragged.
    fn run(&self, text: &str, size: f32, justify: Option<f32>) -> Vec<KrillaGlyph> {
        let mut glyphs: Vec<KrillaGlyph> = text
            .char_indices()
            .map(|(i, c)| {
                let (id, advance) = self.glyph(c);
                KrillaGlyph::new(GlyphId::new(id), advance, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect();
        if let (Some(width), true) = (justify, glyphs.len() > 1) {
            let natural: f32 = glyphs.iter().map(|g| g.x_advance).sum::<f32>() * size;
            let gaps = (glyphs.len() - 1) as f32;
            let extra = (width - natural) / gaps / size;
            if extra > 0.0 && extra < 0.34 {
                let last = glyphs.len() - 1;
                for g in &mut glyphs[..last] {
                    g.x_advance += extra;
                }
            }
        }
        glyphs
    }
}

impl Measure for Glyphs<'_> {
    fn advance(&self, c: char) -> f32 {
        self.glyph(c).1
    }
}
