use std::time::Instant;

use shijian_core::Code;
use shijian_core::case::document_number;
use shijian_documents::{Block, Document, Verify, qr_svg, sha256_hex};

const FACT: &str = "经查，当事人于2026年9月1日至2026年10月15日期间，在其经营场所销售超过保质期的预包装食品“某某牌全麦面包”共计36袋，每袋售价12.5元，货值金额450元，违法所得75元。上述食品标注的保质期至2026年8月30日，当事人在进货查验和日常检查中未及时清理，致使超过保质期的食品陈列于货架上销售。";

/// A 行政处罚决定书 as the enforcement module will write one: header, the party as a field
/// table, facts, evidence as a table, legal basis, the decision, the party's rights, the
/// signature and the verification code. The facts are repeated to fill about three pages.
pub fn decision() -> Document {
    let mut blocks = vec![
        Block::Field { label: "当事人".into(), value: "武汉某某超市有限公司".into() },
        Block::Field { label: "统一社会信用代码".into(), value: "（略）".into() },
        Block::Field { label: "住所".into(), value: "湖北省武汉市江岸区某某路88号".into() },
        Block::Field { label: "法定代表人".into(), value: "张某".into() },
        Block::Spacer,
        Block::Paragraph("2026年10月15日，本局执法人员在日常监督检查中发现当事人涉嫌销售超过保质期的食品，经本局负责人批准，于2026年10月16日立案调查。现已调查终结。".into()),
        Block::Heading("一、违法事实".into()),
    ];
    for _ in 0..5 {
        blocks.push(Block::Paragraph(FACT.into()));
    }
    blocks.push(Block::Heading("二、证据".into()));
    blocks.push(Block::Paragraph("以上事实有下列证据为证：".into()));
    blocks.push(Block::Table {
        header: vec!["序号".into(), "证据名称".into(), "证明事项".into()],
        rows: (1..=12)
            .map(|i| {
                vec![
                    i.to_string(),
                    ["现场检查笔录", "询问笔录", "进货单据及销售记录", "照片及视听资料"][i % 4].into(),
                    "证明当事人销售超过保质期食品的事实、数量及货值金额。".into(),
                ]
            })
            .collect(),
    });
    blocks.push(Block::Heading("三、处罚依据及决定".into()));
    blocks.push(Block::Paragraph("当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，参照本局行政处罚裁量基准，本局决定对当事人作出如下行政处罚：\n1. 没收超过保质期的食品36袋；\n2. 没收违法所得75元；\n3. 罚款人民币50000元。".into()));
    for _ in 0..2 {
        blocks.push(Block::Paragraph(FACT.into()));
    }
    blocks.push(Block::Heading("四、履行方式和期限".into()));
    blocks.push(Block::Paragraph("当事人应当自收到本决定书之日起十五日内，持本决定书到指定银行缴纳罚没款。逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。".into()));
    blocks.push(Block::Heading("五、救济途径".into()));
    blocks.push(Block::Paragraph("当事人如不服本决定，可以在收到本决定书之日起六十日内向武汉市人民政府申请行政复议，也可以在六个月内依法向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外。".into()));
    blocks.push(Block::Signature { lines: vec!["武汉市市场监督管理局".into(), "2026年12月7日".into()] });
    Document {
        title: "行政处罚决定书".into(),
        number: Some(document_number("鄂武市监处罚", 2026, 123)),
        issuer: "武汉市市场监督管理局".into(),
        blocks,
        verify: Some(Verify {
            url: "https://shijian.example.org/penalties/verify/2026-123".into(),
            sha_note: "公示日志序号 1024；核验时请比对文书编号与公示内容".into(),
        }),
    }
}

/// With `SHIJIAN_SAMPLE_DIR` set, the PDFs the tests render are kept there to be looked at.
fn keep_sample(name: &str, pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("SHIJIAN_SAMPLE_DIR") {
        std::fs::write(std::path::Path::new(&dir).join(name), pdf).unwrap();
    }
}

fn extract(pdf: &[u8]) -> (String, usize) {
    let text = pdf_extract::extract_text_from_mem(pdf).expect("the PDF reads back");
    let pages = pdf_extract::Document::load_mem(pdf).expect("the PDF parses").get_pages().len();
    // The extractor puts spaces and line breaks between runs; the checks look at the characters.
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (text, pages)
}

#[test]
fn a_decision_renders_reads_back_and_is_small_and_deterministic() {
    let started = Instant::now();
    let Some(renderer) = crate::renderer() else { return };
    eprintln!("found and loaded {:?} in {:?}", renderer.font(), started.elapsed());
    let doc = decision();
    let started = Instant::now();
    let pdf = renderer.render(&doc).unwrap();
    let took = started.elapsed();
    eprintln!("rendered {} bytes in {took:?}", pdf.len());
    keep_sample("sample-decision.pdf", &pdf);

    let (text, pages) = extract(&pdf);
    assert!(text.contains("行政处罚决定书"), "{text}");
    assert!(text.contains("鄂武市监处罚〔2026〕123号"), "{text}");
    assert!(text.contains("当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。"), "{text}");
    assert!(text.contains("统一社会信用代码"), "{text}");
    assert!(text.contains("shijian.example.org/penalties/verify/2026-123"), "{text}");
    assert_eq!(pages, 3, "{text}");
    assert!(text.contains("第1页共3页") && text.contains("第3页共3页"), "{text}");

    // A subset of the font, not the 20 MB collection.
    assert!(pdf.len() < 400 * 1024, "{} bytes", pdf.len());

    let again = renderer.render(&doc).unwrap();
    assert!(pdf == again, "the same document renders to different bytes");
    assert_eq!(sha256_hex(&pdf), sha256_hex(&again));
    let mut changed = doc.clone();
    changed.number = Some(document_number("鄂武市监处罚", 2026, 124));
    assert_ne!(sha256_hex(&renderer.render(&changed).unwrap()), sha256_hex(&pdf));
}

#[test]
fn an_approval_form_without_number_or_code_fits_one_page() {
    let Some(renderer) = crate::renderer() else { return };
    let doc = Document {
        title: "立案审批表".into(),
        number: None,
        issuer: "武汉市江岸区市场监督管理局".into(),
        blocks: vec![
            Block::Field { label: "案件来源".into(), value: "投诉举报".into() },
            Block::Field { label: "当事人".into(), value: "武汉某某餐饮管理有限公司".into() },
            Block::Field {
                label: "简要案情".into(), value: "举报人反映当事人销售的食品超过保质期。".repeat(6)
            },
            Block::Field { label: "承办人意见".into(), value: "建议立案。".into() },
            Block::Field { label: "负责人意见".into(), value: "".into() },
            Block::Signature { lines: vec!["2026年12月7日".into()] },
        ],
        verify: None,
    };
    let pdf = renderer.render(&doc).unwrap();
    keep_sample("sample-form.pdf", &pdf);
    let (text, pages) = extract(&pdf);
    assert_eq!(pages, 1);
    assert!(text.contains("立案审批表") && text.contains("承办人意见") && text.contains("第1页共1页"), "{text}");
    assert!(pdf.len() < 100 * 1024, "{} bytes", pdf.len());
}

#[test]
fn an_empty_document_still_has_a_page() {
    let Some(renderer) = crate::renderer() else { return };
    let pdf = renderer.render(&Document { title: "送达回证".into(), ..Default::default() }).unwrap();
    let (text, pages) = extract(&pdf);
    assert_eq!(pages, 1);
    assert!(text.contains("送达回证"), "{text}");
}

#[test]
fn a_verification_address_too_long_for_a_qr_code_is_a_typed_error() {
    let Some(renderer) = crate::renderer() else { return };
    let mut doc = decision();
    doc.verify = Some(Verify { url: format!("https://example.org/{}", "x".repeat(4000)), sha_note: String::new() });
    assert_eq!(renderer.render(&doc).unwrap_err().code(), Code::DocumentRenderFailed);
}

#[test]
fn the_web_page_code_is_the_same_address() {
    let svg = qr_svg("https://shijian.example.org/penalties/verify/2026-123").unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("<path d=\"M"));
}

/// The journal keeps the SHA-256 of the file rendered when the decision was made; rendering it
/// again in another process (after a restart, on another server) must give the same bytes, so
/// nothing in the file may depend on hash-map order, addresses or the clock.
#[test]
fn another_process_renders_the_same_bytes() {
    const CHILD: &str = "SHIJIAN_DOCUMENTS_CHILD_OUT";
    let Some(renderer) = crate::renderer() else { return };
    let pdf = renderer.render(&decision()).unwrap();
    if let Ok(out) = std::env::var(CHILD) {
        std::fs::write(out, &pdf).unwrap();
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("child.pdf");
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["render::another_process_renders_the_same_bytes", "--exact", "--test-threads=1"])
        .env(CHILD, &out)
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let child = std::fs::read(&out).unwrap();
    assert_eq!(sha256_hex(&child), sha256_hex(&pdf));
    // A renderer loaded anew in this process, too.
    let fresh = shijian_documents::Renderer::new(renderer.font().clone()).unwrap();
    assert!(fresh.render(&decision()).unwrap() == pdf);
}
