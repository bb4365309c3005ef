//! Finding a font with Chinese glyphs on the system.
//!
//! Official documents are set in a serif face (宋体-like); Debian's `fonts-noto-cjk` package
//! ships Noto Serif CJK and Noto Sans CJK as TrueType Collections (`.ttc`, several faces in one
//! file, one per region: JP, KR, SC, TC, HK). [`find_cjk_font`] looks through font directories
//! for the simplified-Chinese face and says which file and which face index to load.

use std::path::{Path, PathBuf};

use shijian_core::{Code, Error, Result};
use skrifa::raw::FileRef;
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

/// A face in a font file: what [`find_cjk_font`] found and [`crate::Renderer::new`] loads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontSource {
    /// The font file (`.ttc`, `.otc`, `.otf` or `.ttf`).
    pub path: PathBuf,
    /// The face's index in a collection; 0 for a single-face file.
    pub index: u32,
    /// The face's family name, e.g. `Noto Serif CJK SC`.
    pub family: String,
}

/// Where fonts are installed on Debian and most Linux systems: the system's directories and the
/// user's own (`~/.local/share/fonts`).
pub fn default_font_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from("/usr/share/fonts"), PathBuf::from("/usr/local/share/fonts")];
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(Path::new(&home).join(".local/share/fonts"));
    }
    dirs
}

/// Finds the best face with Chinese glyphs under `dirs` (searched recursively, symbolic links
/// followed): Noto Serif CJK SC (or Source Han Serif SC, its other name) first, then Noto Sans
/// CJK SC (Source Han Sans SC), then any face in a file whose name says CJK, SC or Source Han
/// and that has the glyphs of common Chinese characters. Regular weights before others; among
/// equals, the first path in sorted order, so that the same system always gives the same face.
///
/// Fails with `document_font_missing` (which names the package `fonts-noto-cjk`) when there is
/// none; the detail `searched` lists the directories.
pub fn find_cjk_font(dirs: &[PathBuf]) -> Result<FontSource> {
    let mut files = Vec::new();
    for dir in dirs {
        collect_font_files(dir, 0, &mut files);
    }
    // Only files whose name suggests Chinese are opened: a system has hundreds of fonts, and a
    // CJK collection is 20 MB to read. The name also orders the reading, so that the usual
    // Debian layout finds Noto Serif CJK SC Regular in the first file opened.
    let mut candidates: Vec<(u8, PathBuf)> =
        files.into_iter().filter_map(|p| file_rank(&p).map(|rank| (rank, p))).collect();
    candidates.sort();
    candidates.dedup_by(|a, b| a.1 == b.1);

    let mut best: Option<(u8, FontSource)> = None;
    for (_, path) in candidates {
        let Ok(data) = std::fs::read(&path) else { continue };
        for (index, family, regular) in faces(&data) {
            let rank = face_rank(&family, regular);
            let Ok(font) = FontRef::from_index(&data, index) else { continue };
            if !has_common_hanzi(&font) {
                continue;
            }
            if best.as_ref().is_none_or(|(b, _)| rank < *b) {
                best = Some((rank, FontSource { path: path.clone(), index, family }));
            }
        }
        if best.as_ref().is_some_and(|(rank, _)| *rank == 0) {
            break;
        }
    }
    best.map(|(_, source)| source).ok_or_else(|| {
        let searched: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        Error::new(Code::DocumentFontMissing).with("searched", searched.join(", "))
    })
}

/// Font files under `dir`, depth-limited so that a symbolic-link loop ends.
fn collect_font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > 8 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        // `metadata` follows symbolic links: a link to a font file or directory counts.
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            collect_font_files(&path, depth + 1, out);
        } else if meta.is_file() {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if matches!(ext.as_deref(), Some("ttc" | "otc" | "otf" | "ttf")) {
                out.push(path);
            }
        }
    }
}

/// How promising a file's name is (lower first); `None` for a file not worth opening.
fn file_rank(path: &Path) -> Option<u8> {
    let name = path.file_name()?.to_str()?;
    let lower = name.to_ascii_lowercase();
    let chinese = lower.contains("cjk")
        || lower.contains("sourcehan")
        || lower.contains("source han")
        || lower.contains("source-han")
        || name.contains("SC");
    if !chinese {
        return None;
    }
    let serif = lower.contains("serif");
    let regular = lower.contains("regular")
        || !(lower.contains("bold")
            || lower.contains("light")
            || lower.contains("black")
            || lower.contains("medium")
            || lower.contains("thin")
            || lower.contains("heavy")
            || lower.contains("semibold")
            || lower.contains("extralight"));
    Some(match (serif, regular) {
        (true, true) => 0,
        (false, true) => 1,
        (true, false) => 2,
        (false, false) => 3,
    })
}

/// How good a face is for official documents, lower first: the serif SC face, the sans SC
/// face, another face named for simplified Chinese, another CJK face; regular before other
/// weights.
fn face_rank(family: &str, regular: bool) -> u8 {
    let base = match family {
        "Noto Serif CJK SC" | "Source Han Serif SC" | "Source Han Serif CN" => 0,
        "Noto Sans CJK SC" | "Source Han Sans SC" | "Source Han Sans CN" => 2,
        f if f.contains("SC") || f.contains("CN") => 4,
        f if f.contains("CJK") || f.contains("Source Han") => 6,
        _ => 8,
    };
    base + u8::from(!regular)
}

/// The faces of a font file: index, family name (the English one where there are several) and
/// whether it is the regular weight.
fn faces(data: &[u8]) -> Vec<(u32, String, bool)> {
    let count = match FileRef::new(data) {
        Ok(FileRef::Collection(c)) => c.len(),
        Ok(FileRef::Font(_)) => 1,
        Err(_) => return Vec::new(),
    };
    (0..count)
        .filter_map(|index| {
            let font = FontRef::from_index(data, index).ok()?;
            let family = english_name(&font, StringId::TYPOGRAPHIC_FAMILY_NAME)
                .or_else(|| english_name(&font, StringId::FAMILY_NAME))?;
            let subfamily = english_name(&font, StringId::TYPOGRAPHIC_SUBFAMILY_NAME)
                .or_else(|| english_name(&font, StringId::SUBFAMILY_NAME))
                .unwrap_or_default();
            let regular = matches!(subfamily.as_str(), "" | "Regular" | "Book" | "Normal");
            Some((index, family, regular))
        })
        .collect()
}

fn english_name(font: &FontRef<'_>, id: StringId) -> Option<String> {
    let mut first = None;
    for s in font.localized_strings(id) {
        let text = s.to_string();
        if s.language().is_none_or(|l| l.starts_with("en")) {
            return Some(text);
        }
        first.get_or_insert(text);
    }
    first
}

/// Whether the face has glyphs for characters every document uses (a Latin font whose file
/// name happens to contain "SC" does not).
fn has_common_hanzi(font: &FontRef<'_>) -> bool {
    let charmap = font.charmap();
    "中华人民共和国行政处罚决定书".chars().all(|c| charmap.map(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_rank_serif_regular_first_and_skip_latin_fonts() {
        assert_eq!(file_rank(Path::new("/f/NotoSerifCJK-Regular.ttc")), Some(0));
        assert_eq!(file_rank(Path::new("/f/NotoSansCJK-Regular.ttc")), Some(1));
        assert_eq!(file_rank(Path::new("/f/NotoSerifCJK-Bold.ttc")), Some(2));
        assert_eq!(file_rank(Path::new("/f/SourceHanSansSC-Bold.otf")), Some(3));
        assert_eq!(file_rank(Path::new("/f/DejaVuSans.ttf")), None);
        assert_eq!(file_rank(Path::new("/f/script.ttf")), None);
    }

    #[test]
    fn faces_rank_serif_sc_then_sans_sc_then_other_cjk() {
        assert!(face_rank("Noto Serif CJK SC", true) < face_rank("Noto Serif CJK SC", false));
        assert!(face_rank("Noto Serif CJK SC", false) < face_rank("Noto Sans CJK SC", true));
        assert!(face_rank("Noto Sans CJK SC", true) < face_rank("Noto Sans CJK JP", true));
        assert!(face_rank("Noto Sans CJK JP", true) < face_rank("DejaVu Sans", true));
    }
}
