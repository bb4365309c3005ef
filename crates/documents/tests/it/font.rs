use std::path::PathBuf;

use shijian_core::{Code, ErrorKind, Lang};
use shijian_documents::{Renderer, find_cjk_font};

#[test]
fn an_empty_directory_gives_a_typed_error_naming_the_package() {
    let dir = tempfile::tempdir().unwrap();
    let e = find_cjk_font(&[dir.path().to_path_buf()]).unwrap_err();
    assert_eq!(e.code(), Code::DocumentFontMissing);
    assert_eq!(e.kind(), ErrorKind::Unavailable);
    assert!(e.text(Lang::Zh).contains("fonts-noto-cjk"), "{}", e.text(Lang::Zh));
    assert!(e.text(Lang::En).contains("fonts-noto-cjk"), "{}", e.text(Lang::En));
    assert_eq!(e.detail("searched"), Some(dir.path().to_str().unwrap()));
}

#[test]
fn a_latin_font_whose_name_says_sc_is_not_taken_for_chinese() {
    let Some(dejavu) =
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"].into_iter().map(PathBuf::from).find(|p| p.exists())
    else {
        eprintln!("SKIPPED: DejaVuSans.ttf not installed");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&dejavu, dir.path().join("FakeSC-Regular.ttf")).unwrap();
    assert_eq!(find_cjk_font(&[dir.path().to_path_buf()]).unwrap_err().code(), Code::DocumentFontMissing);
}

#[test]
fn a_symbolic_link_to_the_collection_is_found_and_the_sc_face_chosen() {
    let Some(system) = crate::renderer() else { return };
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("opentype/noto");
    std::fs::create_dir_all(&nested).unwrap();
    let name = system.font().path.file_name().unwrap();
    std::os::unix::fs::symlink(&system.font().path, nested.join(name)).unwrap();

    let found = find_cjk_font(&[PathBuf::from("/nonexistent"), dir.path().to_path_buf()]).unwrap();
    assert_eq!(found.path, nested.join(name));
    assert_eq!(found.index, system.font().index);
    assert!(found.family.ends_with("SC") || found.family.contains("CJK"), "{found:?}");
    // Debian's fonts-noto-cjk: the serif collection, simplified-Chinese face.
    if system.font().path.ends_with("NotoSerifCJK-Regular.ttc") {
        assert_eq!(found.family, "Noto Serif CJK SC");
    }
    Renderer::new(found).unwrap();
}

#[test]
fn an_unreadable_font_file_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("NotoSerifCJK-Regular.ttc");
    std::fs::write(&path, b"not a font").unwrap();
    assert_eq!(find_cjk_font(&[dir.path().to_path_buf()]).unwrap_err().code(), Code::DocumentFontMissing);
    let source = shijian_documents::FontSource { path, index: 2, family: "Noto Serif CJK SC".into() };
    let e = Renderer::new(source).unwrap_err();
    assert_eq!(e.code(), Code::DocumentFontMissing);
    assert!(e.detail("reason").is_some());
}
