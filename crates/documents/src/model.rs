//! What a document says, without how it looks: a title, a number, the issuing office, blocks
//! of content in order, and where a printed copy can be verified.
//!
//! The model is generic: enforcement's 立案审批表, 询问笔录, 行政处罚告知书, 听证告知书,
//! 行政处罚决定书, 送达回证, 结案审批表 and 不予处罚决定书, and later sampling reports and recall
//! notices, are all a sequence of the same few blocks. The caller fills in the text (in zh-CN);
//! this crate only lays it out.

/// A document (文书) to render.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The document's kind as printed, centred and large: e.g. `行政处罚决定书`.
    pub title: String,
    /// The document number (文号), e.g. `鄂武市监处罚〔2026〕123号`; see
    /// [`shijian_core::case::document_number`]. Approval forms have none.
    pub number: Option<String>,
    /// The issuing office's full name, printed above the title: e.g. `武汉市市场监督管理局`.
    pub issuer: String,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
    /// Where anyone can check a printed copy against the public log; drawn at the bottom of the
    /// last page as a QR code with the address beside it.
    pub verify: Option<Verify>,
}

/// One piece of a document's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A section heading (e.g. `一、违法事实`), set a little larger than the text.
    Heading(String),
    /// Running text, wrapped to the page width with a two-character first-line indent, as
    /// Chinese official documents are set. A line break in the text starts a new paragraph.
    Paragraph(String),
    /// Text without the first-line indent (an addressee line such as `当事人：…`).
    Line(String),
    /// A labelled value in a bordered two-column table, as approval forms (审批表) and records
    /// (笔录) are laid out; consecutive fields form one table. Line breaks in the value are
    /// kept, so `"\n\n\n"` leaves room for a handwritten opinion and signature.
    Field { label: String, value: String },
    /// A table with a header row repeated on each page it spans.
    Table { header: Vec<String>, rows: Vec<Vec<String>> },
    /// Right-aligned lines at the end: the issuing office, the date (`2026年12月7日`), a seal note.
    Signature { lines: Vec<String> },
    /// An empty line.
    Spacer,
}

/// How a printed document is checked against the public log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verify {
    /// The public address of the document's record; encoded in the QR code and printed.
    pub url: String,
    /// A line printed under the address, e.g. the file's SHA-256 or the log index of the event
    /// that recorded it.
    pub sha_note: String,
}
