//! Laying a [`Document`] out on A4 pages: line breaking, tables, page breaks and page numbers.
//!
//! The layout is a pure function of the document and the font's advance widths; it yields,
//! per page, a list of drawing operations that [`crate::Renderer`] writes as PDF. Keeping it
//! apart from the PDF writer lets the tests check the layout without a font file.
//!
//! Units are PDF points (1/72 inch), origin at the top left, y growing downwards.

use crate::model::{Block, Document, Verify};
use crate::qr::QrMatrix;
use shijian_core::Result;

/// A4, 210 × 297 mm.
pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
/// About 25 mm on every side.
const MARGIN: f32 = 70.87;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = PAGE_W - MARGIN;
const TOP: f32 = MARGIN;
const BOTTOM: f32 = PAGE_H - MARGIN;
const WIDTH: f32 = RIGHT - LEFT;

const BODY: f32 = 12.0;
/// Line pitch as a multiple of the font size: Chinese text needs more leading than Latin.
const LEADING: f32 = 1.75;
const TITLE: f32 = 22.0;
const ISSUER: f32 = 16.0;
const HEADING: f32 = 13.5;
const SMALL: f32 = 9.0;
const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 3.0;
/// The side of the printed verification QR code: 25 mm scans from a phone held at reading
/// distance.
const QR_SIDE: f32 = 72.0;

/// One drawing operation on a page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// A line of text; `x` is the left end and `baseline` the baseline. With `justify`, the
    /// line is spaced out to that width (running text is set flush on both sides, 两端对齐).
    Text { x: f32, baseline: f32, size: f32, text: String, bold: bool, justify: Option<f32> },
    /// A thin black line (table borders).
    Rule { x1: f32, y1: f32, x2: f32, y2: f32 },
    /// Filled black rectangles (the QR code's dark modules).
    Rects(Vec<(f32, f32, f32, f32)>),
}

/// Widths of characters, in em (fractions of the font size).
pub(crate) trait Measure {
    fn advance(&self, c: char) -> f32;

    fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

/// Characters that must not begin a line (避头点, GB/T 15834 and the usage of official
/// documents): closing punctuation stays with the character before it, hanging into the margin.
fn no_line_start(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '」'
            | '』'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '”'
            | '’'
            | '…'
            | '·'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '%'
            | '％'
    )
}

/// Characters that must not end a line (避尾点): opening punctuation goes to the next line
/// with the character after it.
fn no_line_end(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '《' | '〈' | '〔' | '“' | '‘' | '(' | '[')
}

/// Breaks `text` into lines no wider than `width` points at `size`, the first line `indent`
/// points narrower. Chinese text breaks between any two characters; a run of Latin letters and
/// digits (a number, a word, an address) is kept whole unless it is longer than a line.
/// Closing punctuation that does not fit hangs into the margin when `hang` (running text, with
/// 25 mm of margin), and otherwise takes the character before it to the next line (a table
/// cell, where it would cross the border).
/// A line break in `text` is kept (each piece wrapped on its own, the first line of each
/// indented); tabs become spaces and other control characters are dropped.
pub(crate) fn wrap(m: &dyn Measure, text: &str, size: f32, width: f32, indent: f32, hang: bool) -> Vec<String> {
    if text.contains('\n') {
        return text.split('\n').flat_map(|piece| wrap(m, piece, size, width, indent, hang)).collect();
    }
    // Units that are not split: ASCII word runs, or single characters.
    let mut units: Vec<String> = Vec::new();
    for c in text.chars() {
        let c = if c == '\t' { ' ' } else { c };
        if c.is_control() {
            continue;
        }
        let word = c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.' | '@' | '#' | '=' | '&' | '~');
        match units.last_mut() {
            Some(last) if word && last.chars().all(|l| l.is_ascii_alphanumeric() || "-_/.@#=&~".contains(l)) => {
                last.push(c)
            }
            _ => units.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    let avail = |lines: &Vec<String>| if lines.is_empty() { width - indent } else { width };
    for unit in units {
        let w = m.width(&unit, size);
        let first = unit.chars().next().unwrap_or(' ');
        if line.is_empty() && first == ' ' {
            continue;
        }
        if line_w + w <= avail(&lines) + 0.01 || line.is_empty() && w <= width {
            line.push_str(&unit);
            line_w += w;
            continue;
        }
        if unit.chars().count() == 1 && no_line_start(first) && !line.is_empty() {
            if hang {
                // Hanging punctuation: the line may run up to one character into the margin.
                line.push_str(&unit);
                line_w += w;
                continue;
            }
            if line.chars().count() > 1 {
                let last = line.pop().unwrap_or_default();
                lines.push(std::mem::take(&mut line));
                line.push(last);
                line.push_str(&unit);
                line_w = m.width(&line, size);
                continue;
            }
        }
        if w > width {
            // A unit longer than any line (an address): break it by characters.
            for c in unit.chars() {
                let cw = m.advance(c) * size;
                if line_w + cw > avail(&lines) && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += cw;
            }
            continue;
        }
        // Opening punctuation at the end of the line moves down with what it opens.
        let mut carried = String::new();
        while let Some(last) = line.chars().last() {
            if no_line_end(last) && line.chars().count() > 1 {
                line.pop();
                carried.insert(0, last);
            } else {
                break;
            }
        }
        lines.push(std::mem::take(&mut line).trim_end().to_string());
        line = carried;
        line.push_str(unit.trim_start_matches(' '));
        line_w = m.width(&line, size);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The layout in progress: finished pages and the current one.
struct Layout<'a> {
    m: &'a dyn Measure,
    pages: Vec<Vec<Op>>,
    y: f32,
}

/// Lays `doc` out; the result has at least one page and the page numbers drawn.
pub(crate) fn layout(m: &dyn Measure, doc: &Document) -> Result<Vec<Vec<Op>>> {
    let mut l = Layout { m, pages: vec![Vec::new()], y: TOP };
    l.header(doc);
    let mut i = 0;
    while i < doc.blocks.len() {
        match &doc.blocks[i] {
            Block::Heading(text) => {
                // A heading is kept with the first line after it, and its space above is
                // dropped at the top of a page.
                l.ensure(BODY * 0.5 + HEADING * LEADING + BODY * LEADING);
                if l.y > TOP {
                    l.y += BODY * 0.5;
                }
                l.text_lines(text, HEADING, true, 0.0);
            }
            Block::Paragraph(text) => {
                for para in text.split('\n') {
                    l.text_lines(para, BODY, false, 2.0 * BODY);
                }
            }
            Block::Line(text) => {
                for line in text.split('\n') {
                    l.text_lines(line, BODY, false, 0.0);
                }
            }
            Block::Field { .. } => {
                // Consecutive fields are one table with a common label column.
                let start = i;
                while i + 1 < doc.blocks.len() && matches!(doc.blocks[i + 1], Block::Field { .. }) {
                    i += 1;
                }
                let rows: Vec<Vec<String>> = doc.blocks[start..=i]
                    .iter()
                    .filter_map(|b| match b {
                        Block::Field { label, value } => Some(vec![label.clone(), value.clone()]),
                        _ => None,
                    })
                    .collect();
                let label_w = rows
                    .iter()
                    .map(|r| m.width(&r[0], BODY) + 2.0 * CELL_PAD_X + 1.0)
                    .fold(5.0 * BODY, f32::max)
                    .min(WIDTH * 0.35);
                l.table(&[label_w, WIDTH - label_w], None, &rows);
            }
            Block::Table { header, rows } => {
                let n = header.len().max(rows.iter().map(Vec::len).max().unwrap_or(0)).max(1);
                let widths = column_widths(m, n, header, rows);
                let header = (!header.is_empty()).then_some(header.as_slice());
                l.table(&widths, header, rows);
            }
            Block::Signature { lines } => {
                let lead = BODY * LEADING;
                l.y += lead;
                l.ensure(lead * lines.len() as f32);
                for line in lines {
                    let w = m.width(line, BODY);
                    l.text(RIGHT - 2.0 * BODY - w, BODY, line, false);
                }
            }
            Block::Spacer => l.y += BODY * LEADING,
        }
        i += 1;
    }
    if let Some(verify) = &doc.verify {
        l.verify(verify)?;
    }
    let total = l.pages.len();
    for (n, page) in l.pages.iter_mut().enumerate() {
        let footer = format!("第 {} 页 共 {} 页", n + 1, total);
        let w = m.width(&footer, SMALL);
        page.push(Op::Text {
            x: (PAGE_W - w) / 2.0,
            baseline: PAGE_H - MARGIN / 2.0,
            size: SMALL,
            text: footer,
            bold: false,
            justify: None,
        });
    }
    Ok(l.pages)
}

/// Column widths for a table of `n` columns: each column gets what its widest cell needs when
/// that fits; otherwise narrow columns keep their width and the rest share what is left.
fn column_widths(m: &dyn Measure, n: usize, header: &[String], rows: &[Vec<String>]) -> Vec<f32> {
    let mut natural = vec![2.0 * BODY; n];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (j, cell) in row.iter().enumerate().take(n) {
            natural[j] = natural[j].max(m.width(cell, BODY) + 2.0 * CELL_PAD_X + 1.0);
        }
    }
    let total: f32 = natural.iter().sum();
    if total <= WIDTH {
        return natural.iter().map(|w| w * WIDTH / total).collect();
    }
    // Water-filling: columns narrower than an equal share of what is left keep their width.
    let mut widths = vec![0.0; n];
    let mut open: Vec<usize> = (0..n).collect();
    let mut left = WIDTH;
    loop {
        let share = left / open.len() as f32;
        let (narrow, wide): (Vec<usize>, Vec<usize>) = open.iter().partition(|&&j| natural[j] <= share);
        if narrow.is_empty() {
            for &j in &wide {
                widths[j] = share;
            }
            return widths;
        }
        for &j in &narrow {
            widths[j] = natural[j];
            left -= natural[j];
        }
        open = wide;
        if open.is_empty() {
            return widths;
        }
    }
}

impl Layout<'_> {
    fn page(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("a layout has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    /// One line of text at `x`, advancing by a line pitch.
    fn text(&mut self, x: f32, size: f32, text: &str, bold: bool) {
        self.text_justified(x, size, text, bold, None);
    }

    fn text_justified(&mut self, x: f32, size: f32, text: &str, bold: bool, justify: Option<f32>) {
        let lead = size * LEADING;
        let baseline = self.y + (lead - size) / 2.0 + size * 0.88;
        self.page().push(Op::Text { x, baseline, size, text: text.to_string(), bold, justify });
        self.y += lead;
    }

    /// Running text: wrapped, every line but the last set flush on both sides.
    fn text_lines(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let lines = wrap(self.m, text, size, WIDTH, indent, true);
        for (k, line) in lines.iter().enumerate() {
            self.ensure(size * LEADING);
            let x = if k == 0 { LEFT + indent } else { LEFT };
            let justify = (k + 1 < lines.len()).then_some(RIGHT - x);
            self.text_justified(x, size, line, bold, justify);
        }
    }

    fn centred(&mut self, text: &str, size: f32, bold: bool) {
        for line in wrap(self.m, text, size, WIDTH, 0.0, false) {
            let w = self.m.width(&line, size);
            self.text(LEFT + (WIDTH - w) / 2.0, size, &line, bold);
        }
    }

    /// The issuing office and the title, centred, and the number on the right below them, as
    /// the market-supervision enforcement forms (行政执法文书格式范本) print it; GB/T 9704-2012
    /// §7.2.4 centres the number of an ordinary official document (公文) instead. The forms'
    /// current edition was not at hand to confirm the position.
    fn header(&mut self, doc: &Document) {
        if !doc.issuer.is_empty() {
            self.centred(&doc.issuer, ISSUER, true);
        }
        self.centred(&doc.title, TITLE, true);
        if let Some(number) = &doc.number {
            let w = self.m.width(number, BODY);
            self.text(RIGHT - w, BODY, number, false);
        }
        self.y += BODY * 0.5;
    }

    /// A bordered table; rows are kept whole on a page when they fit on one, and the header is
    /// repeated on each page the table continues on.
    fn table(&mut self, widths: &[f32], header: Option<&[String]>, rows: &[Vec<String>]) {
        let lead = BODY * LEADING;
        let wrap_row = |row: &[String]| -> Vec<Vec<String>> {
            widths
                .iter()
                .enumerate()
                .map(|(j, w)| {
                    let cell = row.get(j).map(String::as_str).unwrap_or("");
                    wrap(self.m, cell, BODY, w - 2.0 * CELL_PAD_X, 0.0, false)
                })
                .collect()
        };
        let header_cells = header.map(wrap_row);
        if rows.is_empty() {
            // A table with nothing in it yet still shows its columns.
            if let Some(h) = &header_cells {
                self.ensure(row_height(h, lead));
                self.row(widths, h, 0, h.iter().map(Vec::len).max().unwrap_or(1), true);
            }
            return;
        }
        let header_h = header_cells.as_ref().map_or(0.0, |c| row_height(c, lead));
        let mut header_drawn = false;
        for row in rows {
            let cells = wrap_row(row);
            let n_lines = cells.iter().map(Vec::len).max().unwrap_or(1);
            let mut from = 0;
            while from < n_lines {
                let need = if from == 0 { row_height(&cells, lead).min(BOTTOM - TOP - header_h) } else { lead };
                let header_need = if header_drawn { 0.0 } else { header_h };
                if self.y + header_need + need > BOTTOM && self.y > TOP {
                    self.new_page();
                    header_drawn = false;
                }
                if !header_drawn {
                    if let Some(h) = &header_cells {
                        let hn = h.iter().map(Vec::len).max().unwrap_or(1);
                        self.row(widths, h, 0, hn, true);
                    }
                    header_drawn = true;
                }
                let room = ((BOTTOM - self.y - 2.0 * CELL_PAD_Y) / lead).floor().max(1.0) as usize;
                let to = n_lines.min(from + room);
                self.row(widths, &cells, from, to, false);
                from = to;
                if from < n_lines {
                    self.new_page();
                    header_drawn = false;
                }
            }
        }
    }

    /// Lines `from..to` of a row's cells, with their borders.
    fn row(&mut self, widths: &[f32], cells: &[Vec<String>], from: usize, to: usize, bold: bool) {
        let lead = BODY * LEADING;
        let top = self.y;
        let height = (to - from) as f32 * lead + 2.0 * CELL_PAD_Y;
        let mut x = LEFT;
        let mut ops = Vec::new();
        for (j, w) in widths.iter().enumerate() {
            let lines = cells.get(j).map(Vec::as_slice).unwrap_or(&[]);
            for (k, line) in lines.iter().enumerate().take(to).skip(from) {
                let line_top = top + CELL_PAD_Y + (k - from) as f32 * lead;
                let baseline = line_top + (lead - BODY) / 2.0 + BODY * 0.88;
                let text = line.clone();
                ops.push(Op::Text { x: x + CELL_PAD_X, baseline, size: BODY, text, bold, justify: None });
            }
            ops.push(Op::Rule { x1: x, y1: top, x2: x, y2: top + height });
            x += w;
        }
        ops.push(Op::Rule { x1: x, y1: top, x2: x, y2: top + height });
        ops.push(Op::Rule { x1: LEFT, y1: top, x2: x, y2: top });
        ops.push(Op::Rule { x1: LEFT, y1: top + height, x2: x, y2: top + height });
        self.page().extend(ops);
        self.y = top + height;
    }

    /// The QR code and the address at the bottom of the last page (on a new page when the
    /// content leaves no room).
    fn verify(&mut self, verify: &Verify) -> Result<()> {
        let matrix = QrMatrix::encode(&verify.url)?;
        let text_x = LEFT + QR_SIDE + BODY;
        let text_w = RIGHT - text_x;
        let lead = SMALL * LEADING;
        let mut lines = Vec::new();
        for text in ["扫描二维码或访问以下网址，可核验本文书与公示记录是否一致：", &verify.url, &verify.sha_note]
        {
            lines.extend(wrap(self.m, text, SMALL, text_w, 0.0, false));
        }
        let height = QR_SIDE.max(lines.len() as f32 * lead);
        if self.y + BODY + height > BOTTOM {
            self.new_page();
        }
        let top = BOTTOM - height;
        let module = QR_SIDE / matrix.width as f32;
        let rects = matrix
            .runs()
            .into_iter()
            .map(|(y, x, len)| (LEFT + x as f32 * module, top + y as f32 * module, len as f32 * module, module))
            .collect();
        self.page().push(Op::Rects(rects));
        self.y = top;
        for line in lines {
            self.text(text_x, SMALL, &line, false);
        }
        Ok(())
    }
}

fn row_height(cells: &[Vec<String>], lead: f32) -> f32 {
    cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lead + 2.0 * CELL_PAD_Y
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one em wide, a Latin letter half.
    struct Mono;
    impl Measure for Mono {
        fn advance(&self, c: char) -> f32 {
            if c.is_ascii() { 0.5 } else { 1.0 }
        }
    }

    #[test]
    fn chinese_breaks_anywhere_and_keeps_closing_punctuation_on_the_line() {
        // 5 characters a line.
        let lines = wrap(&Mono, "一二三四五。六七八九十", 10.0, 50.0, 0.0, true);
        assert_eq!(lines, vec!["一二三四五。", "六七八九十"]);
        let lines = wrap(&Mono, "一二三四（五六）", 10.0, 50.0, 0.0, true);
        assert_eq!(lines, vec!["一二三四", "（五六）"]);
        // In a cell the character before the full stop goes down with it.
        let lines = wrap(&Mono, "一二三四五。六七", 10.0, 50.0, 0.0, false);
        assert_eq!(lines, vec!["一二三四", "五。六七"]);
    }

    #[test]
    fn line_breaks_are_kept_and_control_characters_dropped() {
        assert_eq!(wrap(&Mono, "一二\r\n三\t四\u{7}", 10.0, 50.0, 0.0, true), vec!["一二", "三 四"]);
        assert_eq!(wrap(&Mono, "", 10.0, 50.0, 0.0, true), vec![""]);
    }

    #[test]
    fn latin_runs_stay_whole_and_the_first_line_is_indented() {
        let lines = wrap(&Mono, "罚款2026元整", 10.0, 40.0, 20.0, true);
        assert_eq!(lines, vec!["罚款", "2026元整"]);
    }

    #[test]
    fn long_text_makes_several_numbered_pages() {
        let doc = Document {
            title: "行政处罚决定书".into(),
            blocks: vec![Block::Paragraph("事实".repeat(3000))],
            ..Default::default()
        };
        let pages = layout(&Mono, &doc).unwrap();
        assert!(pages.len() >= 3, "{}", pages.len());
        let last = pages.last().unwrap().last().unwrap();
        assert!(matches!(last, Op::Text { text, .. } if *text == format!("第 {0} 页 共 {0} 页", pages.len())));
        for page in &pages {
            for op in page {
                if let Op::Text { baseline, .. } = op {
                    assert!(*baseline < PAGE_H - MARGIN / 2.0 + 1.0);
                }
            }
        }
    }

    fn texts(pages: &[Vec<Op>]) -> Vec<String> {
        pages
            .iter()
            .flatten()
            .filter_map(|op| if let Op::Text { text, .. } = op { Some(text.clone()) } else { None })
            .collect()
    }

    #[test]
    fn a_field_longer_than_a_page_continues_on_the_next_with_nothing_lost() {
        let value = "询问内容记录".repeat(500);
        let doc = Document {
            title: "询问笔录".into(),
            blocks: vec![
                Block::Field { label: "被询问人".into(), value: "李某".into() },
                Block::Field { label: "询问内容".into(), value: value.clone() },
                Block::Field { label: "被询问人签名".into(), value: String::new() },
            ],
            ..Default::default()
        };
        let pages = layout(&Mono, &doc).unwrap();
        assert!(pages.len() >= 3, "{}", pages.len());
        let all: String = texts(&pages).into_iter().filter(|t| !t.contains(" 页 共 ")).collect();
        assert!(all.contains(&value), "the value is cut");
        assert!(all.contains("被询问人签名"));
        for page in &pages {
            for op in page {
                if let Op::Rule { y1, y2, .. } = op {
                    assert!(*y1 >= TOP - 0.01 && *y2 <= BOTTOM + 0.01, "a border outside the text area: {y1} {y2}");
                }
            }
        }
    }

    #[test]
    fn a_table_without_rows_shows_its_header() {
        let doc = Document {
            title: "送达回证".into(),
            blocks: vec![Block::Table { header: vec!["送达文书".into(), "收件人签名".into()], rows: vec![] }],
            ..Default::default()
        };
        let t = texts(&layout(&Mono, &doc).unwrap());
        assert!(t.contains(&"送达文书".to_string()) && t.contains(&"收件人签名".to_string()), "{t:?}");
    }

    #[test]
    fn columns_fit_the_width() {
        let rows = vec![vec!["1".into(), "现场检查笔录".repeat(20), "当事人提供".into()]];
        let w = column_widths(&Mono, 3, &["序号".into(), "证据名称".into(), "来源".into()], &rows);
        assert!((w.iter().sum::<f32>() - WIDTH).abs() < 0.1, "{w:?}");
        assert!(w[0] < w[1] && w[2] < w[1]);
    }
}
