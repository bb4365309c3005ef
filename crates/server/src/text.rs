//! The wording of the pages in zh-CN and English, one entry per phrase like the error table in
//! `shijian_core::error`, and the links that carry the page's language. Templates take a
//! [`T`] for the page's language (`{% let t = crate::text::T::new(en) %}`) and write
//! `{{ t.get("nav.abnormal") }}` and `href="{{ t.link("/lists/abnormal") }}"`.
//!
//! Templates hold no wording of their own and never branch on the language: a phrase with a
//! value in it has `{}` where the value goes ([`T::fill`]); a phrase with markup has a key ending
//! in `_html` and is written with `|safe` ([`T::fill_html`] escapes the value it puts in); what
//! differs by language but is not a phrase (the other language's link, the `lang` field of a
//! form, a value given in both languages) has its own method here. The tests below hold the
//! templates to this.

use std::collections::HashMap;
use std::sync::LazyLock;

/// `(key, zh-CN, English)`.
const ENTRIES: &[(&str, &str, &str)] = &[
    // The layout shared by every page.
    ("site.suffix", "市场监管", "Market Supervision"),
    ("site.brand", "企业信用信息公示", "Enterprise credit information"),
    ("nav.abnormal", "经营异常名录", "Abnormal list"),
    ("nav.serious", "严重违法失信名单", "Serious violations list"),
    ("nav.inspection", "双随机抽查", "Random inspections"),
    ("nav.12315", "12315投诉举报", "12315 complaints"),
    ("nav.workbench", "工作人员与企业", "Staff and enterprises"),
    ("footer.log", "本页每条记录均在公开可验证日志中：", "Every record here is in a public, verifiable log: "),
    ("footer.checkpoint", "日志检查点", "checkpoint"),
    ("footer.key", "验证公钥", "key"),
    ("footer.end", "。", "."),
    ("deadline.provisional", "（暂定）", " (provisional)"),
    ("search.search", "查询", "Search"),
    (
        "search.name_trade_name_or_unified",
        "企业名称、字号或统一社会信用代码",
        "Name, trade name or unified social credit code",
    ),
    ("search.check_a_proposed_enterprise_name", "企业名称自主申报查重", "Check a proposed enterprise name"),
    ("search.nothing_found", "未找到相关市场主体。", "Nothing found."),
    ("search.formerly", "曾用名", "formerly"),
    ("search.n_found", "共找到 {} 个市场主体", "{} found"),
    (
        "search.more_than_n_found",
        "找到超过 {} 个市场主体，请增加关键词缩小范围",
        "More than {} found: add words to narrow the search",
    ),
    ("search.pages", "分页", "Pages"),
    ("search.12315_heading", "12315 消费投诉举报", "12315: complain or report"),
    (
        "search.12315_what",
        "买到问题商品、遇到服务纠纷，或发现经营者涉嫌违法？在手机上填写投诉举报，拍照上传票据和凭证，随时查询办理进度。无需注册。",
        "Bought something faulty, in a dispute over a service, or seen a business break the law? File a complaint or a report from your phone, with photos of receipts and evidence, and follow its progress. No account needed.",
    ),
    ("search.12315_file", "我要投诉举报", "Complain or report"),
    (
        "search.words_separated_by_spaces",
        "可输入多个关键词，以空格分隔，名称须包含全部关键词。",
        "Several words separated by spaces: the name must contain them all.",
    ),
    ("search.previous", "上一页", "Previous"),
    ("search.next", "下一页", "Next"),
    ("search.check_typed", "您输入的代码 {} 的", "In the code you typed, {}, "),
    ("search.check_wrong", "第18位校验码“{}”不正确。", "the check character (the 18th), {}, is wrong."),
    (
        "search.check_should_be",
        "如果前17位无误，第18位应为“{}”：",
        "If the first 17 characters are right, it should be {}:",
    ),
    ("error.back_to_search", "返回查询", "Back to search"),
    ("error.sign_in", "登录", "Sign in"),
    ("error.title_not_found", "页面不存在", "Not found"),
    (
        "error.access_denied",
        "您的账户无权查看或办理此项。如确需办理，请联系本单位的系统管理员。",
        "Your account may not see or do this. If you need to, ask your office's administrator.",
    ),
    (
        "error.no_such_address",
        "本站没有这个地址，请检查后重试，或从首页查询：",
        "There is no such address here; check it, or search from the home page:",
    ),
    ("error.title_sign_in", "请先登录", "Sign in first"),
    ("error.title_denied", "无权访问", "Access denied"),
    ("error.title_conflict", "操作与当前状态冲突", "Not possible in the present state"),
    ("error.title_too_many", "请求过于频繁，请稍后再试", "Too many requests: try again shortly"),
    ("error.title_too_large", "提交的内容过大", "What was sent is too large"),
    ("error.title_unavailable", "服务暂时不可用，请稍后再试", "Unavailable for a moment: try again shortly"),
    ("error.title_server", "服务器出错，请稍后再试", "Server error: try again shortly"),
    ("error.title_bad_request", "请求有误", "Bad request"),
    ("signin.sign_in", "工作人员与企业登录", "Sign in"),
    ("signin.username", "用户名", "Username"),
    ("signin.password", "密码", "Password"),
    ("names.name_self_check", "名称自主申报查重", "Name self-check"),
    ("names.name_self_check_2", "企业名称自主申报查重", "Name self-check"),
    (
        "names.proposed_name_division_trade_name",
        "拟申报名称（行政区划＋字号＋行业＋组织形式）",
        "Proposed name (division, trade name, industry, form)",
    ),
    ("names.check", "查重", "Check"),
    (
        "names.compared_with_the_names_registered",
        "比对范围（该区划及下级登记机关登记的名称）",
        "compared with the names registered in",
    ),
    ("names.trade_name", "字号", "Trade name"),
    ("names.industry_term", "行业或经营特点", "Industry term"),
    ("names.rule", "规则", "Rule"),
    ("names.conflicting_name", "冲突名称", "Conflicting name"),
    ("names.why", "原因", "Why"),
    ("names.basis", "依据", "Basis"),
    ("names.office_code_optional", "登记机关行政区划代码（可选）", "registering office's division code (optional)"),
    ("verify.verify_a_record", "验证记录", "Verify a record"),
    ("verify.verify_this_record", "验证这条记录", "Verify this record"),
    ("verify.checking", "正在核验……", "Checking…"),
    ("verify.what", "事项", "What"),
    ("verify.legal_basis", "依据", "Legal basis"),
    ("verify.the_record", "记录原文", "The record"),
    ("verify.check_it_yourself", "自行核验", "Check it yourself"),
    (
        "verify.this_page_checks",
        "本页在您的浏览器中、仅凭公开数据核验：下面这条记录正是登记机关写入公开日志的那一条——重新计算记录的承诺值，沿包含证明推算到日志根，再用公布的公钥核验日志对该根的签名。",
        "This page checks, in your browser and with nothing but public data, that the record below is the one the authority committed to its public log: it recomputes the record's commitment, follows the inclusion proof to the log's root, and checks the log's signature on that root with the published key.",
    ),
    (
        "verify.fetch_it_html",
        r#"获取 <code>/api/v1/events/{}</code>（记录与盐值）、<code>/api/v1/receipts/{}</code>（<code>C2SP tlog-proof</code> 收据）和 <code>/log/key</code>；日志条目为 <code>0x01 ‖ SHA-256("shijian/commitment/v1\n" ‖ 盐值 ‖ 记录)</code>，叶哈希按 RFC 6962 计算，收据中的检查点是 C2SP 签名便笺。任何 <code>tlog</code> 客户端均可核验。"#,
        r#"Fetch <code>/api/v1/events/{}</code> (record and salt), <code>/api/v1/receipts/{}</code> (a C2SP tlog-proof) and <code>/log/key</code>; the entry is <code>0x01 ‖ SHA-256("shijian/commitment/v1\n" ‖ salt ‖ record)</code>, its leaf hash is RFC 6962's, and the receipt's checkpoint is a C2SP signed note. Any tlog client can check it; so can <code>shijian ledger</code>."#,
    ),
    ("listing.division_code_optional", "行政区划代码（选填）", "Division code (optional)"),
    ("listing.show", "显示", "Show"),
    ("listing.none", "暂无。", "None."),
    ("listing.unified_social_credit_code", "统一社会信用代码", "Unified social credit code"),
    ("listing.name", "名称", "Name"),
    ("listing.registered_by", "登记机关", "Registered by"),
    ("listing.act", "办理", "Act"),
    ("listing.next_page", "下一页", "Next page"),
    ("listing.first_page", "第一页", "First page"),
    ("listing.prefecture", "市（州）", "Prefecture"),
    ("listing.county", "县（市、区）", "County or district"),
    ("listing.whole_province", "全省", "The whole province"),
    ("listing.whole_prefecture", "全市（州）", "The whole prefecture"),
    (
        "listing.choose_a_prefecture_then",
        "选择市（州）并点击“显示”后，可再选择县（市、区）。",
        "Choose a prefecture and press Show, then a county or district of it.",
    ),
    ("entity.abnormal_operations_list", "经营异常名录", "Abnormal operations list"),
    ("entity.annual_reports", "年度报告", "Annual reports"),
    ("entity.none_published", "暂无公示的年度报告。", "None published."),
    ("entity.former_names", "曾用名", "Former names"),
    ("entity.used_until", "使用至 {}", "until {}"),
    ("entity.listed_for", "列入原因", "Listed for"),
    ("entity.listed_on", "列入日期", "Listed on"),
    ("entity.removed_for", "移出原因", "Removed because"),
    ("entity.removed_on", "移出日期", "Removed on"),
    ("entity.year_report", "{}年度报告", "{} annual report"),
    ("entity.no_figures_published", "企业选择不公示资产状况信息。", "The enterprise chose not to publish its figures."),
    ("entity.changes", "变更信息", "Changes"),
    ("entity.changed_item", "变更事项", "Item"),
    ("entity.before", "变更前", "Before"),
    ("entity.after", "变更后", "After"),
    ("entity.random_inspection_results", "抽查检查结果", "Random inspection results"),
    ("entity.inspected", "检查日期", "Inspected"),
    ("entity.plan", "抽查计划", "Plan"),
    ("entity.result", "检查结果", "Result"),
    ("entity.12315_complaints", "12315投诉情况", "12315 complaints"),
    ("entity.complaints", "投诉数量", "Complaints"),
    ("entity.responded_to", "响应率", "Responded to"),
    ("entity.resolved", "解决率", "Resolved"),
    ("entity.about", "主要问题", "About"),
    ("entity.online_dispute_resolution", "在线消费纠纷解决（ODR）", "Online dispute resolution"),
    ("entity.in_the_scheme", "已加入", "in the scheme"),
    ("entity.not_in_the_scheme", "未加入", "not in the scheme"),
    ("entity.received", "收到", "received"),
    ("entity.answered_within_10_workdays", "10个工作日内处理", "answered within 10 workdays"),
    ("entity.settled", "和解", "settled"),
    (
        "entity.what_complainants_said_published_with",
        "投诉内容（经投诉人同意公开）",
        "What complainants said (published with consent)",
    ),
    ("entity.record", "登记与公示记录", "Record"),
    ("entity.date", "日期", "Date"),
    ("entity.what", "事项", "What"),
    ("entity.legal_basis", "法律依据", "Legal basis"),
    ("entity.verify", "验证", "verify"),
    (
        "entity.complaints_received_since",
        "{}以来收到且已受理或经企业处理的投诉；不公开投诉人，投诉内容仅在投诉人同意并去除个人信息后公开。",
        "Complaints received since {} and not refused; numbers only — no complainant is published, and a complaint's text only with the complainant's consent and personal data removed.",
    ),
    ("entity.n_open", "处理中 {}", "{} open"),
    ("entity.complainants_rating", "投诉人满意度", "Complainants' rating"),
    ("complaint_form.12315_complaints_and_reports", "12315 投诉举报", "12315 complaints and reports"),
    ("complaint_form.12315_complain_or_report", "12315 投诉举报", "12315: complain or report"),
    ("complaint_form.follow_a_complaint_you_filed", "查询已提交的投诉举报", "Follow a complaint you filed"),
    ("complaint_form.kind", "类型", "Kind"),
    ("complaint_form.complaint_a_dispute_of_mine", "投诉（本人消费纠纷）", "Complaint (a dispute of mine)"),
    ("complaint_form.report_a_suspected_violation", "举报（违法线索）", "Report (a suspected violation)"),
    (
        "complaint_form.you_required_for_a_complaint",
        "投诉举报人（投诉必填；举报可匿名）",
        "You (required for a complaint; a report may be anonymous)",
    ),
    ("complaint_form.name", "姓名", "Name"),
    ("complaint_form.telephone", "联系电话", "Telephone"),
    ("complaint_form.postal_address", "通讯地址", "Postal address"),
    ("complaint_form.the_business", "被投诉举报的经营者", "The business"),
    (
        "complaint_form.name_as_you_know_it",
        "名称（店招、网店名或登记名称均可）",
        "Name as you know it (shop sign, online store, registered name)",
    ),
    ("complaint_form.credit_code_if_you_know", "统一社会信用代码（如知道）", "Credit code, if you know it"),
    ("complaint_form.where_it_is", "经营地址", "Where it is"),
    ("complaint_form.county_or_district", "所在区县", "County or district"),
    ("complaint_form.choose", "— 请选择 —", "— choose —"),
    ("complaint_form.what_happened", "发生了什么", "What happened"),
    ("complaint_form.goods_or_service", "商品或服务类别", "Goods or service"),
    ("complaint_form.problem", "问题类别", "Problem"),
    ("complaint_form.amount_in_dispute_yuan", "涉及金额（元）", "Amount in dispute (yuan)"),
    ("complaint_form.when_you_learned_of_the", "知道权益受损的日期", "When you learned of the harm"),
    ("complaint_form.what_happened_2", "事实经过", "What happened"),
    ("complaint_form.what_you_ask_for_complaints", "诉求（投诉必填）", "What you ask for (complaints)"),
    (
        "complaint_form.the_facts_may_be_published",
        "同意在去除个人信息后公开事实经过",
        "The facts may be published with my personal data removed",
    ),
    (
        "complaint_form.send_it_straight_to_the",
        "不经企业在线处理（ODR），直接提交监管部门",
        "Send it straight to the office, not to the business first (ODR)",
    ),
    (
        "complaint_form.attachments_photographs_receipts_jpeg_png",
        "附件（照片、票据等，JPEG、PNG或PDF，最多5个，每个不超过8MB）",
        "Attachments (photographs, receipts; JPEG, PNG or PDF, up to 5 files of 8 MB each)",
    ),
    ("complaint_form.please_choose_the_attachments_again", "请重新选择附件。", "Please choose the attachments again."),
    ("complaint_form.submit", "提交", "Submit"),
    ("complaint_form.what_you_ask_for", "您的诉求", "What you ask for"),
    ("complaint_form.attachments", "附件", "Attachments"),
    ("complaint_form.take_a_photo", "拍照", "Take a photo"),
    ("complaint_form.choose_files", "选择照片或文件", "Choose photos or files"),
    ("complaint_form.remove", "移除", "Remove"),
    ("complaint_form.at_most_n_files", "最多可上传 {} 个附件。", "At most {} attachments."),
    ("complaint_form.file_too_big", "文件超过8MB，未加入：", "Larger than 8 MB, not added: "),
    ("complaint_form.file_wrong_type", "只接受JPEG、PNG或PDF，未加入：", "Only JPEG, PNG or PDF, not added: "),
    (
        "complaint_form.a_complaint_or_a_report_html",
        "<strong>投诉</strong>：因生活消费与经营者发生权益争议，请求市场监管部门调解；<strong>举报</strong>：向市场监管部门反映经营者涉嫌违法的线索。无需注册账号。您的姓名和联系方式不会公开。",
        "A <strong>complaint</strong> asks the office to help settle a dispute with a business over goods or services you bought for everyday use; a <strong>report</strong> tells the office of a suspected violation. No account is needed. Your name and contact details are never published.",
    ),
    ("complaint_receipt.received", "已收到", "Received"),
    ("complaint_receipt.received_2", "已收到您的投诉举报", "Received"),
    ("complaint_receipt.number", "编号", "Number"),
    ("complaint_receipt.tracking_code", "查询码", "Tracking code"),
    ("complaint_receipt.handled_by", "处理单位", "Handled by"),
    ("complaint_receipt.status", "状态", "Status"),
    ("complaint_receipt.attachments", "附件", "Attachments"),
    ("complaint_receipt.the_business_answers_by", "企业应于此日前处理", "The business answers by"),
    ("complaint_receipt.decision_due_by", "应于此日前作出处理决定", "Decision due by"),
    (
        "complaint_receipt.keep_the_number_and_the",
        "请妥善保存编号和查询码：查询码仅显示这一次，查询进度和评价处理结果都需要它们。",
        "Keep the number and the tracking code: the code is shown only now, and you need both to follow the complaint and rate how it was handled.",
    ),
    (
        "complaint_receipt.this_business_takes_part_in",
        "该经营者已加入在线消费纠纷解决（ODR）：企业应在10个工作日内与您协商处理；未能和解的，转由市场监管部门处理。",
        "This business takes part in online dispute resolution: it has 10 workdays to settle with you; what it does not settle goes on to the office.",
    ),
    ("complaint_receipt.follow_it", "查询进度", "Follow it"),
    ("complaint_receipt.n_received", "已收到 {} 个", "{} received"),
    ("complaint_track.progress", "办理进度", "Progress"),
    ("complaint_track.under_way", "办理中", "under way"),
    ("complaint_track.follow_a_complaint", "投诉举报查询", "Follow a complaint"),
    ("complaint_track.follow_a_complaint_or_report", "投诉举报查询", "Follow a complaint or report"),
    ("complaint_track.look_up", "查询", "Look up"),
    ("complaint_track.received", "收到日期", "Received"),
    ("complaint_track.next_step_due", "当前环节期限", "Next step due"),
    ("complaint_track.accepted", "受理日期", "Accepted"),
    ("complaint_track.closed", "办结日期", "Closed"),
    ("complaint_track.reason_given", "处理说明", "Reason given"),
    ("complaint_track.your_rating", "您的评价", "Your rating"),
    (
        "complaint_track.how_satisfied_are_you_with",
        "您对处理结果是否满意？",
        "How satisfied are you with how it was handled?",
    ),
    ("complaint_track.very_satisfied", "非常满意", "very satisfied"),
    ("complaint_track.satisfied", "满意", "satisfied"),
    ("complaint_track.neutral", "一般", "neutral"),
    ("complaint_track.dissatisfied", "不满意", "dissatisfied"),
    ("complaint_track.very_dissatisfied", "非常不满意", "very dissatisfied"),
    ("complaint_track.rate", "评价", "Rate"),
    (
        "complaint_track.not_settled_after_all_tell",
        "未实际和解？请说明原因，转交监管部门",
        "Not settled after all? Tell the office why",
    ),
    ("complaint_track.send_on_to_the_office", "转交监管部门", "Send on to the office"),
    ("complaint_track.the_business_s_answer", "企业答复", "The business's answer"),
    ("warnings.consumer_warnings", "消费警示", "Consumer warnings"),
    (
        "warnings.published_by_market_supervision_offices",
        "市场监管部门根据12315投诉举报的异常变化发布的消费提示与警示。",
        "Published by market supervision offices when complaints about something rise unusually.",
    ),
    ("warnings.file_a_complaint", "我要投诉举报", "File a complaint"),
    ("warnings.no_warnings_yet", "暂无消费警示。", "No warnings yet."),
    ("inspection.random_inspections", "双随机、一公开", "Random inspections"),
    ("inspection.random_inspections_2", "“双随机、一公开”监管", "Random inspections"),
    ("inspection.plans", "抽查计划", "Plans"),
    ("inspection.none_yet", "暂无。", "None yet."),
    ("inspection.plan", "计划编号", "Plan"),
    ("inspection.title", "名称", "Title"),
    ("inspection.office", "制定机关", "Office"),
    ("inspection.period", "实施期间", "Period"),
    ("inspection.stage", "进度", "Stage"),
    ("inspection.older_plans", "更早的计划", "Older plans"),
    ("inspection.inspection_items", "随机抽查事项清单", "Inspection items"),
    ("inspection.code", "编号", "Code"),
    ("inspection.department", "部门", "Department"),
    ("inspection.item", "抽查事项", "Item"),
    ("inspection.type", "类别", "Type"),
    ("inspection.highest_ratio", "抽查比例上限", "Highest ratio"),
    ("inspection.legal_basis", "依据", "Legal basis"),
    ("inspection.what_is_checked", "检查内容", "What is checked"),
    (
        "inspection.drawn_at_random_and_public",
        "随机抽取检查对象、随机选派执法检查人员，抽查事项、计划、抽查对象名单和检查结果及时向社会公开。每一次抽取的随机种子均可依公开记录复核；持有名录库文件的审计人员和随机数参与方可复核全部抽取。",
        "Targets and inspectors are drawn at random, and the items, plans, lists drawn and results are public. Anyone can check each draw's seed from the public record; auditors and the seed parties, who hold the pool file, repeat the whole draw.",
    ),
    ("plan.items", "抽查事项", "Items"),
    ("plan.sampling_ratio_by_credit_risk", "按信用风险分类的抽查比例", "Sampling ratio by credit-risk class"),
    ("plan.class", "分类", "Class"),
    ("plan.ratio", "比例", "Ratio"),
    ("plan.targets_in_the_pool_staff", "名录库中对象数（限工作人员）", "Targets in the pool (staff only)"),
    ("plan.how_the_draw_is_fixed", "抽取如何确定", "How the draw is fixed"),
    ("plan.pool_file_sha_256", "名录库文件（SHA-256）", "Pool file (SHA-256)"),
    ("plan.targets_in_the_pool", "名录库对象总数", "Targets in the pool"),
    ("plan.targets_to_draw", "应抽取对象数", "Targets to draw"),
    ("plan.checkpoint_after_publication", "公示后首个日志检查点", "Checkpoint after publication"),
    ("plan.seed", "随机种子", "Seed"),
    ("plan.drawn", "已抽取", "Drawn"),
    ("plan.seed_party", "随机数参与方", "Seed party"),
    ("plan.commitment", "承诺值", "Commitment"),
    ("plan.revealed_secret", "公开的随机数", "Revealed secret"),
    ("plan.targets_drawn_and_results", "抽查对象名单及检查结果", "Targets drawn and results"),
    ("plan.not_drawn_yet", "尚未抽取。", "Not drawn yet."),
    ("plan.credit_code", "统一社会信用代码", "Credit code"),
    ("plan.inspectors", "检查人员", "Inspectors"),
    (
        "plan.u_not_yet_classified",
        "U：尚未分类。A类（低风险）企业无触发事由不主动实施现场检查。企业信用风险分类结果不对外公开，各分类的对象数亦不公开。",
        "U: not yet classified. Class A (low risk) is inspected only with a trigger. An entity's credit-risk class is not public, so neither is the number of targets in each class.",
    ),
    (
        "plan.the_pool_was_fixed_by_its_hash",
        "名录库在任何随机数公开前以哈希值固定；各参与方在名录库固定前提交承诺，并在日志下一个检查点签名后才公开随机数，因此包括系统运营方在内，任何人都无法选择随机种子。种子为计划编号、名录库哈希、检查点与各方随机数的 SHA-256；每一信用分类抽取 SHA-256(种子 ‖ 代码) 最小的对象。名录库文件载有各对象的信用风险分类，不予公开：随机种子和每个被抽中对象的排序值可依本页复核；持有名录库文件的审计人员和随机数参与方可用以下命令复核全部抽取",
        "The pool was fixed by its hash before any secret existed in public; each party committed to its secret before the pool was fixed and revealed it only after the log's next checkpoint was signed, so no one, the operator included, could choose the seed. The seed is SHA-256 of the plan, the pool hash, the checkpoint and every party's secret; each class draws the targets with the smallest SHA-256(seed ‖ code). The pool file lists each target's credit class and is not public: the seed and each drawn target's key can be checked from this page; auditors and the seed parties, holding the pool file, repeat the whole draw with",
    ),
    ("odr.credit_file", "信用档案", "Credit file"),
    ("odr.in_the_scheme_since", "已于", "In the scheme since"),
    ("odr.leave_the_scheme", "退出ODR", "Leave the scheme"),
    (
        "odr.join_to_receive_complaints_directly",
        "加入后，消费者的投诉将直接送达本企业，在10个工作日内和解的，无需监管部门介入。",
        "Join to receive complaints directly and settle them within 10 workdays before they go to the office.",
    ),
    ("odr.join_the_scheme", "加入ODR", "Join the scheme"),
    ("odr.received", "收到", "Received"),
    ("odr.answered", "处理率", "answered"),
    ("odr.in_time", "按时处理率", "in time"),
    ("odr.settled", "和解率", "settled"),
    ("odr.complaints_sent_to_you", "收到的投诉", "Complaints sent to you"),
    ("odr.answer_by", "处理期限", "Answer by"),
    ("odr.complaint", "投诉", "Complaint"),
    ("odr.overdue", "逾期", "overdue"),
    ("odr.settled_2", "已和解", "settled"),
    ("odr.not_settled", "未和解", "not settled"),
    ("odr.how", "处理方式", "How"),
    ("odr.refund_replacement_repair", "退款、换货、维修……", "refund, replacement, repair…"),
    ("odr.answer", "答复内容", "Answer"),
    ("odr.send", "提交答复", "Send"),
    (
        "odr.in_the_scheme_since_end",
        "加入。消费者的投诉先送达本企业，须在10个工作日内处理。",
        ". Complaints about you come to you first; answer within 10 workdays.",
    ),
    ("odr.amount_yuan", "{}元", "{}"),
    (
        "enterprise.online_dispute_resolution_12315_complaints",
        "在线消费纠纷解决（12315投诉）",
        "Online dispute resolution (12315 complaints)",
    ),
    ("enterprise.kind", "主体类型", "Kind"),
    ("enterprise.status", "登记状态", "Status"),
    ("enterprise.the_public_credit_file", "查看公示信用档案", "The public credit file"),
    ("enterprise.name_self_check", "名称自主申报查询", "Name self-check"),
    ("enterprise.sign_out", "退出", "Sign out"),
    ("enterprise.annual_report", "年度报告", "Annual report"),
    ("enterprise.filed_for", "已报送年度：", "Filed for:"),
    ("enterprise.none", "无", "none"),
    ("enterprise.year", "报告年度", "Year"),
    ("enterprise.postal_address", "通信地址", "Postal address"),
    ("enterprise.postcode", "邮政编码", "Postcode"),
    ("enterprise.e_mail_optional", "电子邮箱（选填）", "E-mail (optional)"),
    ("enterprise.operating_state", "存续状态", "Operating state"),
    ("enterprise.operating", "开业", "operating"),
    ("enterprise.suspended", "歇业", "suspended"),
    ("enterprise.liquidating", "清算", "liquidating"),
    ("enterprise.website_or_online_shop_optional", "网站或网店（选填）", "Website or online shop (optional)"),
    ("enterprise.address", "网址", "Address"),
    ("enterprise.a_shop_on_a_platform", "网店", "a shop on a platform"),
    ("enterprise.employees", "从业人数", "Employees"),
    ("enterprise.number", "人数", "Number"),
    ("enterprise.publish", "公示", "publish"),
    ("enterprise.members", "成员人数", "Members"),
    ("enterprise.figures", "资产状况信息", "Figures"),
    ("enterprise.file_and_publish", "报送并公示", "File and publish"),
    ("enterprise.credit_repair", "信用修复", "Credit repair"),
    (
        "enterprise.the_entity_is_on_no",
        "本主体未被列入经营异常名录或严重违法失信名单，无需信用修复。",
        "The entity is on no list: there is nothing to repair.",
    ),
    ("enterprise.how_it_was_cured", "整改情况", "How it was cured"),
    (
        "enterprise.can_be_reached_at_the",
        "通过登记的住所或经营场所可以重新取得联系",
        "can be reached at the registered address again",
    ),
    ("enterprise.the_change_of_address_is", "已依法办理住所或经营场所变更登记", "the change of address is registered"),
    ("enterprise.the_harm_and_its_effects", "已经主动消除危害后果和不良影响", "the harm and its effects are removed"),
    ("enterprise.no_new_heavier_penalty_since", "未再受到市场监督管理部门较重行政处罚", "no new heavier penalty since"),
    ("enterprise.ask_for_repair", "申请信用修复", "Ask for repair"),
    ("enterprise.reference", "编号", "Reference"),
    ("enterprise.request", "事项", "Request"),
    ("enterprise.submitted", "申请日期", "Submitted"),
    ("enterprise.filing_on_the_entity_s_behalf", "代为办理", "Filing on the entity's behalf"),
    (
        "enterprise.reports_are_due",
        "每年1月1日至6月30日报送上一年度报告（企业信息公示暂行条例 第八条）。勾选“公示”的数据向社会公示，其余仅供监管部门查阅。",
        "Reports are due from 1 January to 30 June for the year before (条例 第八条). Ticked figures are published; the others are seen only by the authorities.",
    ),
    (
        "enterprise.the_penalty_s_obligations_are_fulfilled",
        "已经自觉履行行政处罚决定中规定的义务",
        "the penalty's obligations are fulfilled",
    ),
    (
        "enterprise.we_sign_the_credit_commitment",
        "本主体签署守信承诺书，承诺所述属实并依法诚信经营。",
        "We sign the credit commitment (守信承诺书): what we state is true, and we will keep the law.",
    ),
    ("register_entity.representative", "法定代表人（负责人）", "Representative"),
    ("register_entity.address", "住所", "Address"),
    ("register_entity.public_credit_file", "公示信用档案", "Public credit file"),
    ("register_entity.the_register", "市场主体名录", "The register"),
    ("register_entity.register_a_change", "变更登记", "Register a change"),
    ("register_entity.date", "变更日期", "Date"),
    ("register_entity.new_name_blank_unchanged", "新名称（不变更留空）", "New name (blank: unchanged)"),
    ("register_entity.new_address", "新住所", "New address"),
    ("register_entity.new_representative", "新法定代表人（负责人）", "New representative"),
    ("register_entity.register_the_change", "办理变更登记", "Register the change"),
    ("register_entity.status", "歇业、注销等", "Status"),
    ("register_entity.action", "办理事项", "Action"),
    ("register_entity.date_or_start_of_suspension", "日期（歇业为起始日）", "Date (or start of suspension)"),
    (
        "register_entity.suspended_until_suspension_and_its",
        "歇业截止日（仅歇业及延期）",
        "Suspended until (suspension and its extension only)",
    ),
    (
        "register_entity.under_investigation_or_in_litigation",
        "被立案调查或涉诉",
        "under investigation or in litigation",
    ),
    ("register_entity.a_fine_unpaid", "罚款未缴清", "a fine unpaid"),
    ("register_entity.equity_frozen_or_pledged", "股权被冻结或出质", "equity frozen or pledged"),
    ("register_entity.register", "办理", "Register"),
    ("register_entity.choose", "请选择", "Choose"),
    ("register_entity.done", "已办理。", "Registered."),
    (
        "register_entity.registered",
        "设立登记已办理，统一社会信用代码已赋予。",
        "Registered; the unified social credit code has been issued.",
    ),
    (
        "register_entity.registered_similar",
        "设立登记已办理，统一社会信用代码已赋予。提示：名称与已登记的名称近似（如读音相同），由申请人自担风险（企业名称登记管理规定 第十六条）。",
        "Registered; the unified social credit code has been issued. Warning: the name is similar to a registered name (e.g. the same sound); the applicant bears the risk (企业名称登记管理规定 第十六条).",
    ),
    ("register_new.title", "设立登记", "Register a new entity"),
    (
        "register_new.lead",
        "填写新设市场主体的登记事项（市场主体登记管理条例 第八条）。统一社会信用代码在登记时由系统按登记机关顺序赋予。",
        "Fill in the new entity's registered items (市场主体登记管理条例 第八条). The unified social credit code is issued on registration, next in the registering office's sequence.",
    ),
    ("register_new.kind", "主体类型", "Kind of entity"),
    ("register_new.office", "登记机关", "Registering office"),
    ("register_new.name", "名称", "Name"),
    (
        "register_new.capital",
        "注册资本（出资额，万元；公司必填）",
        "Registered capital (10,000 yuan; required of a company)",
    ),
    ("register_new.established_on", "成立日期", "Date of establishment"),
    ("register_new.scope", "经营范围（从经营范围规范表述目录中选择）", "Business scope (chosen from the catalogue)"),
    (
        "register_new.scope_hint",
        "展开行业门类，勾选至少一项。所选条目的规范表述即为登记的经营范围。",
        "Open a section and tick at least one item. The standard wordings of the items ticked become the registered scope.",
    ),
    ("register_new.licensed", "（许可项目）", "(licensed)"),
    ("register_new.choose_scope", "请至少选择一项经营范围", "Choose at least one item"),
    ("register_new.capital_required", "公司须填写注册资本", "A company registers its capital"),
    ("register_new.submit", "办理设立登记", "Register"),
    ("register_new.checking", "正在查重……", "Checking…"),
    ("register_new.met", "已登记的名称：", "Registered name:"),
    (
        "register_new.verdict_accept",
        "查重结果：未发现相同或近似名称，可以申报。",
        "Check: no same or similar name found; the name may be filed.",
    ),
    (
        "register_new.verdict_warn",
        "查重结果：与已登记名称近似，可以申报，但由申请人自担风险。",
        "Check: similar to a registered name; it may be filed at the applicant's risk.",
    ),
    ("register_new.verdict_refuse", "查重结果：不能使用此名称。", "Check: this name cannot be used."),
    ("register_new.section_a", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"),
    ("register_new.section_c", "制造业", "Manufacturing"),
    ("register_new.section_d", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water"),
    ("register_new.section_e", "建筑业", "Construction"),
    ("register_new.section_f", "批发和零售业", "Wholesale and retail"),
    ("register_new.section_g", "交通运输、仓储和邮政业", "Transport, storage and post"),
    ("register_new.section_h", "住宿和餐饮业", "Accommodation and catering"),
    ("register_new.section_i", "信息传输、软件和信息技术服务业", "Information, software and IT services"),
    ("register_new.section_k", "房地产业", "Real estate"),
    ("register_new.section_l", "租赁和商务服务业", "Leasing and business services"),
    ("register_new.section_m", "科学研究和技术服务业", "Research and technical services"),
    ("register_new.section_n", "水利、环境和公共设施管理业", "Water, environment and public facilities"),
    ("register_new.section_o", "居民服务、修理和其他服务业", "Personal services, repairs and other services"),
    ("register_new.section_p", "教育", "Education"),
    ("register_new.section_q", "卫生和社会工作", "Health and social work"),
    ("register_new.section_r", "文化、体育和娱乐业", "Culture, sports and entertainment"),
    ("register_new.section_other", "其他", "Other"),
    (
        "register_entity.done_similar",
        "已办理。提示：新名称与已登记的名称近似（如读音相同），由申请人自担风险（企业名称登记管理规定 第十六条）。",
        "Registered. Warning: the new name is similar to a registered name (e.g. the same sound); the applicant bears the risk (企业名称登记管理规定 第十六条).",
    ),
    (
        "register_entity.nothing_to_do",
        "该市场主体当前的登记状态下没有可办理的事项。",
        "Nothing can be registered for this entity in its present status.",
    ),
    (
        "register_entity.terminal_confirmed",
        "只列出当前登记状态允许的事项。注销、吊销、撤销须在下一页确认后才会办理。",
        "Only the steps the present status allows are listed. Deregistration, revocation and annulment are registered only after you confirm them on the next page.",
    ),
    ("register_confirm.title", "确认办理：{}", "Confirm: {}"),
    ("register_confirm.entity", "市场主体", "Entity"),
    ("register_confirm.on", "日期", "Date"),
    ("register_confirm.basis", "法律依据", "Legal basis"),
    (
        "register_confirm.not_yet",
        "尚未办理。只有按下确认按钮后才会登记。",
        "Nothing has been registered yet: only the confirm button registers it.",
    ),
    ("register_confirm.lead", "办理后将产生以下后果：", "Once registered:"),
    ("register_confirm.confirm", "确认办理{}", "Confirm the {}"),
    ("register_confirm.back", "返回修改", "Go back and change"),
    (
        "register_confirm.ends",
        "市场主体终止：自注销之日起不再存续于登记册中，营业执照作废，不得再以其名义从事经营活动（市场主体登记管理条例 第三十一条）。",
        "The entity ceases to exist: from the day of deregistration it is no longer in the register, its business licence is void, and no business may be done in its name (市场主体登记管理条例 第三十一条).",
    ),
    (
        "register_confirm.name_protected",
        "其名称自注销之日起1年内仍受保护，他人不得以相同字号登记；期满后名称释放，可由他人申请使用（企业名称登记管理规定 第十七条）。",
        "Its name stays protected for one year from the deregistration, and nobody may register the same trade name; after that the name is released and others may apply for it (企业名称登记管理规定 第十七条).",
    ),
    (
        "register_confirm.public",
        "此项登记向社会公示，并记入公开、可验证的日志；记录一经写入，不能删除或修改（企业信息公示暂行条例 第六条）。",
        "The registration is published and enters the public, verifiable log; once written, the record cannot be deleted or altered (企业信息公示暂行条例 第六条).",
    ),
    (
        "register_confirm.final",
        "办理后不能撤回。只有该项登记系以提交虚假材料或者其他欺诈手段取得时，才能依法予以撤销（市场主体登记管理条例 第四十条）。",
        "It cannot be undone. Only if it was obtained with false material or by other fraud may it be annulled (市场主体登记管理条例 第四十条).",
    ),
    (
        "register_confirm.revoke_stops",
        "营业执照被吊销，自吊销之日起不得从事经营活动；市场主体仍在登记册中，应当依法清算并申请注销登记（市场主体登记管理条例 第三十一条）。",
        "The business licence is revoked: from that day the entity may not trade. It stays in the register and must be wound up and apply for deregistration (市场主体登记管理条例 第三十一条).",
    ),
    (
        "register_confirm.revoke_then",
        "吊销后不能适用简易注销（市场主体登记管理条例实施细则 第四十八条）；吊销满三年仍未注销的，登记机关可在公告不少于60日后强制注销（公司法 第二百四十一条）。",
        "After a revocation simplified deregistration is no longer open (市场主体登记管理条例实施细则 第四十八条); if the entity is not deregistered within three years, the authority may deregister it after a public notice of at least 60 days (公司法 第二百四十一条).",
    ),
    (
        "register_confirm.final_revoke",
        "吊销是行政处罚，办理后不能撤回；只有处罚决定经行政复议或者行政诉讼被撤销时才能纠正（行政处罚法 第七条、第九条）。",
        "A revocation is an administrative penalty and cannot be undone here; only the penalty decision's reversal on administrative review or in court corrects it (行政处罚法 第七条、第九条).",
    ),
    (
        "register_confirm.annul_ends",
        "登记被撤销：市场主体从登记册中除名，营业执照作废（市场主体登记管理条例 第四十条）。",
        "The registration is annulled: the entity is removed from the register and its business licence is void (市场主体登记管理条例 第四十条).",
    ),
    (
        "register_confirm.name_protected_annulled",
        "其名称自撤销之日起1年内仍受保护，期满后名称释放（企业名称登记管理规定 第十七条）。",
        "Its name stays protected for one year from the annulment; after that it is released (企业名称登记管理规定 第十七条).",
    ),
    (
        "register_confirm.annul_barred",
        "对此负有直接责任的人员，自登记被撤销之日起3年内不得再次申请市场主体登记（市场主体登记管理条例 第四十条）。",
        "Those directly responsible may not apply for any registration for three years from the annulment (市场主体登记管理条例 第四十条).",
    ),
    ("workbench.workbench", "工作台", "Workbench"),
    ("workbench.the_register_in_my_jurisdiction", "辖区市场主体名录", "The register in my jurisdiction"),
    ("workbench.register_a_new_entity", "设立登记", "Register a new entity"),
    ("workbench.12315_complaints", "12315投诉举报", "12315 complaints"),
    ("workbench.credit_repair_and_objections_waiting", "信用修复与异议待办", "Credit repair and objections waiting"),
    ("workbench.nothing_waiting", "暂无待办。", "Nothing waiting."),
    ("workbench.serious_proposals", "拟列入严重违法失信名单的行政处罚", "Penalties proposing a serious-list entry"),
    (
        "workbench.serious_proposals_hint",
        "以下行政处罚属于严重违法失信名单管理办法规定的领域且为较重行政处罚，由信用部门决定是否列入；列入后公示三年，当事人可提出异议或申请信用修复。",
        "These penalties are heavier penalties in the fields of the serious-list rules; the credit office decides whether to list the party. An entry is public for three years; the party may object or ask for credit repair.",
    ),
    ("workbench.decision", "处罚决定", "Decision"),
    ("workbench.serious_ground", "违法领域", "Field of the violation"),
    ("workbench.heavier_penalty", "较重行政处罚", "Heavier penalty"),
    ("workbench.upper_level_consent", "已经上一级市场监管部门同意", "The level above has consented"),
    ("workbench.list_serious", "列入严重违法失信名单", "List on the serious list"),
    (
        "workbench.serious_listed",
        "已列入严重违法失信名单，并在信用档案中公示。",
        "Listed on the serious list and shown in the credit file.",
    ),
    ("workbench.due", "期限", "Due"),
    ("workbench.matter", "事项", "Matter"),
    ("workbench.step", "环节", "Step"),
    ("workbench.entity", "市场主体", "Entity"),
    ("workbench.accept", "受理", "Accept"),
    ("workbench.reason", "不予受理理由", "Reason for refusing"),
    ("workbench.refuse", "不予受理", "Refuse"),
    ("workbench.found", "核实情况", "Found"),
    (
        "workbench.reachable_at_the_registered_address",
        "通过登记的住所或经营场所可以重新取得联系",
        "reachable at the registered address again",
    ),
    ("workbench.change_of_address_registered", "已依法办理住所或经营场所变更登记", "change of address registered"),
    ("workbench.obligations_fulfilled", "已履行行政处罚决定规定的义务", "obligations fulfilled"),
    ("workbench.harm_removed", "已消除危害后果和不良影响", "harm removed"),
    ("workbench.no_new_heavier_penalty", "未再受到较重行政处罚", "no new heavier penalty"),
    ("workbench.no_repeat_of_the_violation", "未因同一类违法行为再次受到处罚", "no repeat of the violation"),
    ("workbench.credit_commitment_signed", "已签署守信承诺书", "credit commitment signed"),
    ("workbench.approve", "准予修复", "Approve"),
    ("workbench.reason_2", "不予修复理由", "Reason for rejecting"),
    ("workbench.reject", "不予修复", "Reject"),
    ("workbench.finding", "核查结论", "Finding"),
    ("workbench.objection_holds", "异议成立", "Objection holds"),
    ("workbench.objection_fails", "异议不成立", "Objection fails"),
    (
        "workbench.the_pages_for_this_role",
        "本角色的办理页面将在后续版本提供；在此之前可通过接口办理。",
        "The pages for this role come with the next releases; the API serves it meanwhile.",
    ),
    ("inspection_desk.case_raised", "已转为案件线索", "Raised a case clue"),
    ("inspection_desk.random_inspections_workbench", "双随机抽查 · 工作台", "Random inspections · workbench"),
    ("inspection_desk.public_notices", "公示信息", "Public notices"),
    (
        "inspection_desk.your_role_has_no_part",
        "您的角色不参与双随机抽查的办理；公示信息见上方链接。",
        "Your role has no part in random inspections; the public notices are linked above.",
    ),
    ("inspection_desk.plans_of_my_office", "本辖区抽查计划", "Plans of my office"),
    ("inspection_desk.no_plans_yet", "暂无抽查计划。", "No plans yet."),
    ("inspection_desk.plan", "计划", "Plan"),
    ("inspection_desk.period", "检查期间", "Period"),
    ("inspection_desk.drawn_published", "抽取 / 已公示结果", "Drawn / published"),
    ("inspection_desk.waiting_for", "待：", "waiting for:"),
    ("inspection_desk.publish_fix_the_pool", "公示计划（固定名录）", "Publish (fix the pool)"),
    ("inspection_desk.draw", "抽取并分派", "Draw"),
    (
        "inspection_desk.results_to_publish_20_workdays",
        "待公示的检查结果（20个工作日内）",
        "Results to publish (20 workdays)",
    ),
    ("inspection_desk.due", "公示期限", "Due"),
    ("inspection_desk.target", "检查对象", "Target"),
    ("inspection_desk.result", "结果", "Result"),
    ("inspection_desk.publish", "公示", "Publish"),
    ("inspection_desk.new_plan", "制定抽查计划", "New plan"),
    ("inspection_desk.title", "计划名称", "Title"),
    ("inspection_desk.planning_office_blank_mine", "制定机关（留空为本机关）", "Planning office (blank: mine)"),
    ("inspection_desk.inspections_from", "检查开始日期", "Inspections from"),
    ("inspection_desk.to", "检查截止日期", "to"),
    ("inspection_desk.seed_parties_reveal_by", "随机数揭示截止日", "Seed parties reveal by"),
    (
        "inspection_desk.items_several_departments_a_joint",
        "抽查事项（跨部门即为联合抽查）",
        "Items (several departments: a joint plan)",
    ),
    ("inspection_desk.unclassified", "未分类", "unclassified"),
    ("draw_verify.repeat_the_draw", "在浏览器中复核抽取", "Repeat the draw in your browser"),
    (
        "draw_verify.this_page_recomputes",
        "本页在您的浏览器中，仅用公开记录重新计算：各参与方揭示的随机数是否与事先承诺一致，随机数种子是否由计划编号、名录哈希、检查点和各方随机数算得，以及抽取名单是否按各对象的密钥（种子与对象编号的SHA-256）排序。改动种子后重新计算，复核即不能通过。",
        "This page recomputes in your browser, from the public record alone: whether each revealed secret opens its party's commitment, whether the seed follows from the plan, the pool hash, the checkpoint and the secrets, and whether the list drawn is in the order of each target's key (SHA-256 of the seed and the target's id). Change the seed and recompute: the check then fails.",
    ),
    ("draw_verify.recompute", "重新计算", "Recompute"),
    ("draw_verify.what_it_cannot", "浏览器不能复核的部分", "What the browser cannot check"),
    (
        "draw_verify.the_pool_file_is_restricted",
        "每个信用风险类别中抽取了哪些对象，需要用到检查对象名录文件；该文件列明每个对象的信用风险类别，不予公开。审计人员和随机数参与方向抽查机关取得名录文件，核对其哈希后运行：",
        "Which targets of each credit class were drawn needs the pool file, which lists every target's credit class and is not public. Auditors and the seed parties obtain it from the administration, check its hash and run:",
    ),
    ("plan.repeat_the_draw_in_the_browser", "在浏览器中复核抽取", "Repeat the draw in your browser"),
    (
        "inspection_desk.drew_nothing",
        "抽取完成，但名录中没有可抽取的检查对象，未产生检查任务。",
        "The draw took no target: the pool held none to draw.",
    ),
    ("inspection_desk.drew_n", "已抽取{}个检查对象", "{} targets drawn"),
    (
        "inspection_desk.staffed_none",
        "，但没有符合条件的检查人员：全部任务均未组成检查组，请补充检查人员名录后另行安排。",
        ", but no inspector was eligible: no task has a team. Enrol inspectors and arrange the tasks.",
    ),
    (
        "inspection_desk.staffed_but",
        "；其中{}个任务未能组成检查组，需另行安排。",
        "; {} of the tasks have no team and must be arranged.",
    ),
    ("inspection_desk.staffed_all", "，并已分派检查人员。", ", each with its inspectors."),
    (
        "inspection_desk.blank_ratio_is_default",
        "已填入默认比例；某类留空即按默认比例，不是0%。A类须写明触发事由方可抽查；仅选重点检查事项时各类均为100%。",
        "The defaults are filled in; a class left blank takes its default, not 0%. Class A needs a stated trigger; with key items only, every class is 100%.",
    ),
    (
        "inspection_desk.trigger_for_class_a_a",
        "A类主体的触发原因（投诉举报、转办交办、风险监测）",
        "Trigger for class A (a complaint, a referral, monitoring)",
    ),
    ("inspection_desk.scope_industry_codes_gb_t", "范围：行业代码（GB/T 4754）", "Scope: industry codes (GB/T 4754)"),
    ("inspection_desk.inspectors_per_target", "每组检查人员数", "Inspectors per target"),
    (
        "inspection_desk.not_the_inspector_of_the",
        "同一对象回避期（天）",
        "Not the inspector of the same target within (days)",
    ),
    (
        "inspection_desk.seed_parties_supervisor_and_auditor",
        "随机数参与方（纪检监督、审计账户）",
        "Seed parties (supervisor and auditor accounts)",
    ),
    ("inspection_desk.draft_the_plan", "制定计划", "Draft the plan"),
    ("inspection_desk.plans_for_which_i_hold", "我参与随机数生成的计划", "Plans for which I hold a secret"),
    ("inspection_desk.nothing_owed", "暂无待办。", "Nothing owed."),
    ("inspection_desk.reveal_by", "揭示截止", "Reveal by"),
    (
        "inspection_desk.this_browser_cannot_compute_sha",
        "本浏览器无法在此计算 SHA-256，请在其他设备计算承诺值。",
        "This browser cannot compute SHA-256 here; compute the commitment elsewhere.",
    ),
    ("inspection_desk.make_a_secret_here", "在本机生成随机数", "Make a secret here"),
    ("inspection_desk.commitment_hex", "承诺值（十六进制）", "Commitment (hex)"),
    ("inspection_desk.commit_keep_the_secret", "提交承诺（请保存随机数）", "Commit (keep the secret!)"),
    ("inspection_desk.secret_hex", "随机数（十六进制）", "Secret (hex)"),
    ("inspection_desk.reveal", "揭示", "Reveal"),
    ("inspection_desk.done", "已完成", "done"),
    ("inspection_desk.my_inspection_tasks", "我的检查任务", "My inspection tasks"),
    ("inspection_desk.no_tasks", "暂无检查任务。", "No tasks."),
    ("inspection_desk.inspected_on", "检查日期", "Inspected on"),
    ("inspection_desk.findings_kept_in_the_file", "检查情况（存档，不公示）", "Findings (kept in the file)"),
    ("inspection_desk.record", "录入结果", "Record"),
    ("inspection_desk.record_the_result", "录入检查结果和证据", "Record the result and evidence"),
    ("inspection_desk.evidence_files", "检查证据（照片、扫描件）", "Evidence (photos, scans)"),
    ("inspection_desk.evidence_photo", "或现场拍照", "Or take a photo"),
    (
        "inspection_desk.evidence_hint",
        "JPEG、PNG或PDF文件，每个不超过8 MiB，随结果一并保存。出错时须重新选择文件。",
        "JPEG, PNG or PDF files of at most 8 MiB each, kept with the result. After an error, choose the files again.",
    ),
    ("inspection_desk.evidence_n", "检查证据 {} 份：", "Evidence, {} file(s):"),
    (
        "inspection_desk.evidence_too_large",
        "每个文件不得超过8 MiB，请重新选择文件",
        "Each file may be at most 8 MiB: choose the files again",
    ),
    (
        "inspection_desk.evidence_wrong_type",
        "只能上传JPEG、PNG或PDF文件，请重新选择文件",
        "Only JPEG, PNG or PDF files: choose the files again",
    ),
    (
        "inspection_desk.evidence_too_many",
        "一次最多上传 {} 个文件，请重新选择文件",
        "At most {} files at a time: choose the files again",
    ),
    ("inspection_desk.publish_the_result", "公示结果", "Publish the result"),
    (
        "inspection_desk.sampling_ratio_per_credit_class",
        "按信用风险分类的抽查比例（%）",
        "Sampling ratio per credit class (%)",
    ),
    (
        "inspection_desk.scope_registering_offices",
        "范围：登记机关（留空为全辖区）",
        "Scope: registering offices (blank: all of the office's)",
    ),
    (
        "inspection_desk.no_inspector_from_the_target_s_own",
        "异地交叉检查（不派本登记机关人员）",
        "no inspector from the target's own office (cross-area)",
    ),
    (
        "inspection_desk.commit_before_publication",
        "计划公示前提交承诺，公示后揭示随机数；抽取还使用公示后的第一个日志检查点，任何一方（包括系统运营方）都无法单独决定随机种子。",
        "Commit before publication; reveal after it (the draw also uses the log's first checkpoint after publication, so neither you nor the operator alone decides the seed).",
    ),
    ("complaint_desk.12315_workbench", "12315投诉举报 · 工作台", "12315 · workbench"),
    ("complaint_desk.12315_complaints_and_reports", "12315投诉举报", "12315 complaints and reports"),
    ("complaint_desk.office", "承办单位", "Office"),
    ("complaint_desk.current_deadline", "当前期限", "Current deadline"),
    ("complaint_desk.overdue", "已逾期", "overdue"),
    ("complaint_desk.complainant_personal_data", "投诉举报人（个人信息）", "Complainant (personal data)"),
    ("complaint_desk.business_as_named", "被投诉举报对象", "Business as named"),
    ("complaint_desk.register_entry", "对应市场主体", "Register entry"),
    ("complaint_desk.not_confirmed", "待确认", "not confirmed"),
    ("complaint_desk.place", "消费地", "Place"),
    ("complaint_desk.category_problem", "类别 / 问题", "Category / problem"),
    ("complaint_desk.amount_yuan", "涉及金额（元）", "Amount (yuan)"),
    ("complaint_desk.request", "诉求", "Request"),
    ("complaint_desk.publication", "是否同意公开", "Publication"),
    (
        "complaint_desk.consents_to_a_narrative_without",
        "同意在去除个人信息后公开",
        "consents to a narrative without personal data",
    ),
    ("complaint_desk.no_consent", "不同意公开", "no consent"),
    ("complaint_desk.outcome", "办理结果", "Outcome"),
    ("complaint_desk.register_entries_it_may_mean", "可能对应的市场主体", "Register entries it may mean"),
    ("complaint_desk.score", "匹配度", "Score"),
    ("complaint_desk.why", "依据", "Why"),
    ("complaint_desk.this_one", "确认为此主体", "This one"),
    ("complaint_desk.next_steps", "办理", "Next steps"),
    ("complaint_desk.accept_mediation_starts", "受理（开始调解）", "Accept (mediation starts)"),
    ("complaint_desk.ground_art_15", "不予受理情形（第十五条）", "Ground (Art. 15)"),
    ("complaint_desk.reason", "理由", "Reason"),
    ("complaint_desk.agreement", "调解协议内容", "Agreement"),
    ("complaint_desk.recovered_yuan", "挽回经济损失（元）", "Recovered (yuan)"),
    ("complaint_desk.agreed", "调解成功", "Agreed"),
    ("complaint_desk.ground_art_21", "终止调解情形（第二十一条）", "Ground (Art. 21)"),
    ("complaint_desk.end_mediation", "终止调解", "End mediation"),
    ("complaint_desk.testing_starts_clock_stops", "开始检测鉴定（暂停计时）", "Testing starts (clock stops)"),
    ("complaint_desk.testing_ended", "检测鉴定结束", "Testing ended"),
    ("complaint_desk.reporter_told", "已告知举报人", "Reporter told"),
    ("complaint_desk.parties_told", "已告知双方", "Parties told"),
    ("complaint_desk.extend_by_15_workdays", "延长15个工作日", "Extend by 15 workdays"),
    ("complaint_desk.decision", "决定", "Decision"),
    ("complaint_desk.open_a_case", "立案", "open a case"),
    ("complaint_desk.no_case", "不予立案", "no case"),
    ("complaint_desk.record_the_decision", "记录立案决定", "Record the decision"),
    ("complaint_desk.to_office_division_code", "移送至（区划代码）", "To office (division code)"),
    ("complaint_desk.transfer", "移送有管辖权的部门", "Transfer"),
    (
        "complaint_desk.why_this_office_has_no",
        "管辖异议理由（第三十条）",
        "Why this office has no jurisdiction (Art. 30)",
    ),
    ("complaint_desk.dispute_jurisdiction", "提出管辖争议", "Dispute jurisdiction"),
    ("complaint_desk.office_designated", "指定管辖单位", "Office designated"),
    ("complaint_desk.designate", "指定管辖", "Designate"),
    (
        "complaint_desk.publish_the_narrative_the_complainant",
        "公开投诉内容（投诉人已同意）",
        "Publish the narrative (the complainant consented)",
    ),
    (
        "complaint_desk.text_personal_data_removed_read",
        "公开文本（已初步去除个人信息，请核对后公开）",
        "Text, personal data removed (read it before publishing)",
    ),
    ("complaint_desk.publish", "公开", "Publish"),
    ("complaint_desk.narrative_published_on", "投诉内容已于 {}公开.", "Narrative published on {}."),
    ("complaint_desk.worklist", "待办", "Worklist"),
    ("complaint_desk.overdue_2", "件逾期", "overdue"),
    ("complaint_desk.workdays_left", "剩余工作日", "Workdays left"),
    ("complaint_desk.business", "被投诉对象", "Business"),
    ("complaint_desk.unusual_rises_and_draft_warnings", "异常上升与消费警示草稿", "Unusual rises and draft warnings"),
    (
        "complaint_desk.the_last_28_days_against",
        "近28日与往年同期（季节基线，按12315总量增长校正）比较；读取投诉举报",
        "The last 28 days against the same weeks of earlier years (seasonal baseline, scaled for the growth of 12315); complaints read:",
    ),
    ("complaint_desk.no_unusual_rise", "未发现异常上升。", "No unusual rise."),
    ("complaint_desk.against_about", "件，往年同期约", "against about"),
    ("complaint_desk.title", "标题", "Title"),
    ("complaint_desk.text", "正文", "Text"),
    ("complaint_desk.publish_the_warning", "发布消费警示", "Publish the warning"),
    ("complaint_desk.trends", "趋势", "Trends"),
    ("complaint_desk.by_category_last_12_months", "按类别（近12个月）", "By category, last 12 months"),
    ("complaint_desk.category", "类别", "Category"),
    ("complaint_desk.12_months", "近12个月", "12 months"),
    ("complaint_desk.change", "同比", "change"),
    ("complaint_desk.by_region", "按地区", "By region"),
    ("complaint_desk.region", "地区", "Region"),
    ("complaint_desk.tab_analysis", "分析与消费警示", "Analysis and warnings"),
    (
        "complaint_desk.not_your_part",
        "此项不属于您的职责，请从上方选择。",
        "This part is not among your duties; choose one above.",
    ),
    ("complaint_desk.any", "全部", "All"),
    ("complaint_desk.kind", "类型", "Kind"),
    ("complaint_desk.received_from", "收到日期起", "Received from"),
    ("complaint_desk.received_to", "截至", "Until"),
    ("complaint_desk.flagged_from", "发现日期起", "Flagged from"),
    ("complaint_desk.filter", "筛选", "Filter"),
    ("complaint_desk.n_found", "共{}件", "{} found"),
    ("complaint_desk.page_n", "第{}页", "page {}"),
    ("complaint_desk.previous_page", "上一页", "Previous page"),
    ("complaint_desk.next_page", "下一页", "Next page"),
    ("complaint_desk.clue_state", "核查状态", "Check"),
    ("complaint_desk.clue_open", "待核查", "waiting"),
    ("complaint_desk.clue_decided", "已核查", "decided"),
    ("complaint_desk.choose", "请选择", "Choose"),
    ("complaint_desk.choose_a_decision", "请选择是否立案。", "Choose whether to open a case."),
    (
        "complaint_desk.checked_within_15_workdays_of",
        "自发现之日起十五个工作日内核查（《市场监督管理投诉举报处理暂行办法》第二十三条）。",
        "Checked within 15 workdays of flagging (Measures Art. 23).",
    ),
    ("complaint_desk.no_clues", "暂无线索。", "No clues."),
    ("complaint_desk.check_due", "核查期限", "Check due"),
    ("complaint_desk.clue", "线索", "Clue"),
    ("complaint_desk.business_2", "经营者", "Business"),
    ("complaint_desk.complaints", "投诉举报", "Complaints"),
    ("complaint_desk.record", "记录", "Record"),
    ("complaint_desk.reason_head_s_approval", "延期理由（经负责人批准）", "Reason (head's approval)"),
    ("complaint_desk.case_clues_from_complaints", "诉转案线索", "Case clues from complaints (诉转案)"),
    ("complaint_desk.n_complaints", "{}件", "{}"),
    // The rules of the name check (names.rule.<code>), as the findings name them.
    ("names.rule.identical", "名称相同", "The same name"),
    ("names.rule.traditional_simplified_variant", "仅繁简不同", "The same in traditional or simplified characters"),
    ("names.rule.same_words_reordered", "字词相同、排列不同", "The same words in another order"),
    ("names.rule.same_trade_name_same_industry", "同行业字号相同", "The same trade name in the same industry"),
    ("names.rule.same_sounding_trade_name", "字号读音相同", "A trade name that sounds the same"),
    ("names.rule.contains_registered_trade_name", "包含已登记字号", "Contains a registered trade name"),
    ("names.rule.form_missing", "未标明组织形式", "No organisational form"),
    ("names.rule.form_kind_mismatch", "组织形式与主体类型不符", "A form that does not fit the kind"),
    ("names.rule.district_without_city", "区名前未冠市名", "A district without its city"),
    ("names.rule.trade_name_is_industry", "以行业用语作字号", "An industry term as the trade name"),
    ("names.rule.trade_name_short", "字号过短", "A trade name too short"),
    ("names.rule.forbidden_word", "含有禁用内容", "Forbidden content"),
    ("names.rule.national_prefix", "冠以“中国”等字词", "A national prefix (中国, 中华)"),
    ("names.rule.national_word_inside", "名称中间含“中国”等字词", "A national word inside the name (中国, 中华)"),
    ("plan.unassigned", "{}个未分派", "{} unassigned"),
    // Enforcement (`case_desk`, `penalties`).
    ("workbench.cases", "行政执法案件", "Enforcement cases"),
    ("case.desk", "案件办理", "Enforcement desk"),
    ("case.title", "案件 {}", "Case {}"),
    ("case.new_clue", "登记案件线索", "Receive a clue"),
    (
        "case.new_clue_what",
        "线索登记后须在15个工作日内核查并决定是否立案（市场监督管理行政处罚程序规定第十八条），带 * 的为必填项。",
        "A clue is checked and a decision to file or not made within 15 workdays (procedure rules, art. 18). Fields marked * are required.",
    ),
    ("case.receive", "登记线索", "Receive the clue"),
    ("case.show", "显示", "Show"),
    ("case.queue.open", "全部待办", "All open"),
    ("case.queue.mine", "我的线索和案件", "My clues and cases"),
    ("case.queue.review", "待审核", "To review"),
    ("case.queue.collective", "待集体讨论", "For collective decision"),
    ("case.n_matters", "共 {} 件", "{} in all"),
    ("case.nothing_here", "暂无待办事项。", "Nothing here."),
    ("case.id", "案件编号", "Case"),
    ("case.party", "当事人", "Party"),
    ("case.status", "状态", "Status"),
    ("case.received_on", "线索收到日期", "Clue received"),
    ("case.next_limit", "最近期限", "Next limit"),
    ("case.overdue", "已逾期", "overdue"),
    ("case.limits", "办案期限", "Limits"),
    ("case.limit", "期限", "Limit"),
    ("case.due", "届满日", "Due"),
    ("case.no_limit_running", "当前没有正在计算的期限。", "No limit is running."),
    ("case.paused", "期限中止计算中。", "The clocks are stopped."),
    ("case.excluded_days", "不计入办案期限的天数：{}", "Days not counted towards the limit: {}"),
    ("case.clock.filing_due", "立案决定期限", "Decision to file"),
    ("case.clock.reporter_due", "告知举报人期限", "Telling the reporter"),
    ("case.clock.decision_due", "作出处理决定期限", "Decision"),
    ("case.clock.statement_due", "陈述、申辩和听证申请期限", "Statements and hearing request"),
    ("case.clock.review_due", "审核期限", "Review"),
    ("case.clock.payment_due", "缴纳罚款期限", "Payment"),
    ("case.clock.court_due", "申请强制执行期限", "Court enforcement"),
    ("case.clock.publish_due", "公示期限", "Publication"),
    ("case.clock.withdraw_due", "撤下公示期限", "Withdrawal"),
    ("case.clock.close_due", "结案期限", "Closure"),
    ("case.clock.measure_due", "强制措施期限", "Seizure or preservation"),
    ("case.clock.other", "其他期限", "Other limit"),
    ("case.record", "办案记录", "Record"),
    ("case.source", "线索来源", "Source"),
    ("case.filed_on", "立案日期", "Filed"),
    ("case.not_filed", "不予立案", "Not filed"),
    ("case.reporter_notified_on", "告知举报人日期", "Reporter told"),
    ("case.evidence", "证据", "Evidence"),
    ("case.measure", "强制措施", "Measure"),
    ("case.pause", "期限中止", "Clock stopped"),
    ("case.review", "审核", "Review"),
    ("case.agreed", "同意", "agreed"),
    ("case.not_agreed", "不同意", "not agreed"),
    ("case.awaiting", "待审核", "awaiting"),
    ("case.noticed", "行政处罚告知", "Proposed penalty notified"),
    ("case.explanation", "裁量说明", "Discretion explained"),
    ("case.hearing_offered", "告知听证权利", "Hearing offered"),
    ("case.yes", "是", "Yes"),
    ("case.no", "否", "No"),
    ("case.statement_on", "陈述申辩日期", "Statement"),
    ("case.waived", "放弃陈述申辩", "Statements waived"),
    ("case.hearing_requested_on", "申请听证日期", "Hearing requested"),
    ("case.hearing_on", "听证日期", "Hearing day"),
    ("case.hearing_held_on", "举行听证日期", "Hearing held"),
    ("case.collective_on", "集体讨论日期", "Collective decision"),
    ("case.decided", "处理决定", "Decision"),
    ("case.no_penalty", "不予行政处罚", "No penalty"),
    ("case.number", "决定书文号", "Decision number"),
    ("case.served", "送达", "Served"),
    ("case.paid", "缴纳", "Paid"),
    ("case.enforcement_on", "申请法院强制执行日期", "Court enforcement applied for"),
    ("case.transferred", "移送公安机关", "Transferred to the police"),
    ("case.acknowledged_on", "公安机关接收日期", "Police acknowledged"),
    ("case.answered", "公安机关决定", "Police decision"),
    ("case.police_filed", "已立案", "opened a criminal case"),
    ("case.police_declined", "不予立案，退回", "declined, returned"),
    ("case.changed", "复议或诉讼结果", "Changed after review or litigation"),
    ("case.revoked", "决定已撤销", "revoked"),
    ("case.published", "公示期间", "Published"),
    ("case.publicity_ended", "停止公示", "Publicity ended"),
    ("case.closed_on", "结案日期", "Closed"),
    ("case.fine_of", "罚款{}元", "a fine of {} yuan"),
    ("case.confiscated_of", "没收违法所得{}元", "illegal gains of {} yuan confiscated"),
    ("case.documents", "执法文书", "Documents"),
    ("case.no_documents", "尚未制作文书。", "No document issued yet."),
    ("case.document_kind", "文书", "Document"),
    ("case.issue", "制作文书", "Issue"),
    (
        "case.document_issued",
        "文书已制作，可在“执法文书”中下载。",
        "The document is issued: download it under Documents.",
    ),
    ("case.public_record", "查看公示信息", "See the public record"),
    ("case.next_steps", "办理", "Next steps"),
    ("case.nothing_to_do", "当前没有可办理的环节。", "No step to take now."),
    (
        "case.read_only",
        "您可以查看本案，办理须由执法人员进行。",
        "You may read this case; its steps are taken by case officers.",
    ),
    ("case.done", "已办理：{}。", "Done: {}."),
    ("case.compute", "按裁量基准试算", "Compute the benchmark's proposal"),
    ("case.proposed_fine", "裁量基准建议罚款{}元。", "The benchmark proposes a fine of {} yuan."),
    ("case.choose", "请选择", "Choose"),
    ("case.choose_a_file", "请选择证据文件", "Choose the evidence file"),
    ("case.whole_number", "请填写不小于0的整数", "Enter a whole number, 0 or more"),
    ("case.f.office", "办案机关", "Office"),
    ("case.f.source", "线索来源", "Source"),
    (
        "case.f.source_reference",
        "来源编号（投诉举报、检查任务、移送函）",
        "Reference (complaint, inspection, referral)",
    ),
    ("case.f.reporter_named", "实名举报，须告知举报人处理结果", "A named reporter, to be told of the decision"),
    ("case.f.party_kind", "当事人类型", "Kind of party"),
    ("case.f.party_name", "当事人名称或姓名", "Party's name"),
    ("case.f.party_entity", "统一社会信用代码", "Unified social credit code"),
    ("case.f.party_id_number", "身份证号码（不公示）", "Identity card number (never published)"),
    ("case.f.party_address", "住所或地址（自然人的不公示）", "Address (a person's is never published)"),
    ("case.f.facts", "违法事实", "Facts"),
    ("case.f.violation_on", "违法行为发生或终了日期", "Day the violation was committed or ended"),
    (
        "case.f.harm",
        "涉及公民生命健康安全、金融安全且有危害后果（追责期限5年）",
        "Harm to life, health or financial safety (5-year limitation)",
    ),
    ("case.f.row", "违法行为（裁量基准）", "Violation (discretion benchmark)"),
    ("case.f.approved_by", "批准人", "Approved by"),
    ("case.f.reason", "理由", "Reason"),
    ("case.f.pause_reason", "中止原因", "Why the clock stops"),
    ("case.f.note", "备注", "Note"),
    ("case.f.officers", "办案人员（至少两名，以逗号分隔）", "Officers (at least two, separated by commas)"),
    ("case.f.ground", "不予立案的理由", "Ground for not filing"),
    ("case.f.evidence_kind", "证据种类", "Kind of evidence"),
    ("case.f.file", "证据文件", "Evidence file"),
    ("case.f.measure_kind", "措施种类", "Kind of measure"),
    ("case.f.items", "涉及的物品、场所", "Goods and places"),
    ("case.f.measure", "措施序号", "Measure number"),
    ("case.f.outcome", "处理结果", "Outcome"),
    ("case.f.until", "集体讨论确定的期限", "Limit set collectively"),
    ("case.f.review_kind", "审核种类", "Kind of review"),
    ("case.f.agreed", "审核意见", "Opinion"),
    ("case.f.opinion", "审核意见说明", "The opinion in words"),
    ("case.f.goods_value_yuan", "货值金额（元）", "Value of the goods (yuan)"),
    ("case.f.illegal_gains_yuan", "违法所得（元）", "Illegal gains (yuan)"),
    ("case.f.circumstances", "裁量情节", "Circumstances"),
    ("case.f.fine_yuan", "罚款金额（元，与建议不同时填写）", "Fine in yuan (only to depart from the proposal)"),
    ("case.f.departure_reason", "不采用建议金额的理由", "Why the proposal is departed from"),
    ("case.f.departure_approved_by", "批准人（负责人或集体讨论）", "Approved by (the head, or collectively)"),
    (
        "case.f.penalty_facts",
        "决定书载明的违法事实（默认为线索事实）",
        "Facts as the decision states them (the clue's by default)",
    ),
    ("case.f.statement", "陈述、申辩要点", "What the party stated"),
    ("case.f.waived", "当事人放弃陈述、申辩", "The party waives statements"),
    ("case.f.hearing_on", "听证日期（通知后至少7日）", "Hearing day (7 days after notice at the earliest)"),
    ("case.f.place", "听证地点", "Place"),
    ("case.f.hearing_record", "听证笔录要点", "Hearing record"),
    ("case.f.members", "参加讨论人数", "Members present"),
    ("case.f.resolution", "讨论决定", "Resolution"),
    (
        "case.f.no_penalty",
        "不予处罚的理由（作出不予处罚决定时选择）",
        "Ground for no penalty (choose only for a no-penalty decision)",
    ),
    ("case.f.education", "已进行的教育（不予处罚时必填）", "Education given (required for no penalty)"),
    ("case.f.method", "送达方式", "How served"),
    ("case.f.court", "人民法院", "Court"),
    ("case.f.police", "公安机关", "Police office"),
    ("case.f.accepted", "公安机关是否立案", "Did the police open a case"),
    ("case.f.publicity_end", "停止公示的原因", "Why publicity ends"),
    ("case.f.change_by", "复议或诉讼", "Review or litigation"),
    ("case.f.reference", "复议决定书或判决书文号", "Number of the review decision or judgment"),
    ("penalties.title", "行政处罚信息公示", "Public penalty records"),
    (
        "penalties.what",
        "依据《市场监督管理行政处罚信息公示规定》公示的行政处罚信息，公示期满或依法停止公示后不再显示。",
        "Penalties published under the rules on penalty publicity; a record is no longer shown once its term is over or its publicity ended.",
    ),
    ("penalties.search_by", "当事人名称、决定书文号或统一社会信用代码", "Party, decision number or credit code"),
    ("penalties.none", "没有找到公示中的行政处罚信息。", "No public penalty record found."),
    ("penalties.decided_on", "{} 作出", "decided {}"),
    ("penalties.newest", "最新", "Newest"),
    ("penalties.record", "行政处罚信息", "Penalty record"),
    ("penalties.number", "行政处罚决定书文号", "Decision number"),
    ("penalties.uscc", "统一社会信用代码", "Unified social credit code"),
    ("penalties.violation", "违法行为类型", "Violation"),
    ("penalties.basis", "处罚依据", "Legal basis"),
    ("penalties.penalty", "处罚内容", "Penalty"),
    ("penalties.authority", "处罚机关", "Authority"),
    ("penalties.decided", "处罚决定日期", "Decided"),
    ("penalties.published", "公示日期", "Published"),
    ("penalties.until", "公示截止日期", "Shown until"),
    ("penalties.check_heading", "核对", "Check"),
    (
        "penalties.check_copy",
        "决定书电子文件的SHA-256值，可用于核对您持有的文件是否与原件一致：",
        "The SHA-256 of the decision's file, to check that a copy you hold is the original:",
    ),
    ("penalties.verify", "在公开日志中验证本条记录", "Verify this record in the public log"),
    ("nav.penalties", "行政处罚公示", "Penalties"),
    ("entity.penalties", "行政处罚信息", "Administrative penalties"),
    // Errors beside a form's fields (`form`), in words a person can act on.
    ("form.n_errors", "有 {} 处需要更正，见各栏下方的说明。", "Fields to correct: {}. See the note under each."),
    ("form.date", "请填写有效日期（年-月-日）", "Enter a valid date (year-month-day)"),
    ("form.required", "此项必填", "Required"),
    ("form.percentage", "请填写0到100之间的百分数", "Enter a percentage from 0 to 100"),
    ("form.division_code", "请填写6位行政区划代码", "Enter a 6-digit division code"),
    (
        "form.division_codes",
        "请填写6位行政区划代码，多个以逗号分隔",
        "Enter 6-digit division codes, separated by commas",
    ),
    ("form.kinds", "主体类型无法识别", "A kind of entity not known"),
    ("form.choose", "请从列表中选择", "Choose from the list"),
    ("form.too_long", "内容过长", "Too long"),
    ("form.invalid", "格式不正确", "Not in the expected form"),
    ("form.year", "请填写四位数的年份", "Enter a year of four digits"),
    ("form.hex64", "请填写64位十六进制数（0-9、a-f）", "Enter 64 hexadecimal digits (0-9, a-f)"),
    ("form.count", "请填写整数", "Enter a whole number"),
    ("form.amount", "请填写金额（万元），如 12.50", "Enter an amount in 10,000 yuan, such as 12.50"),
    (
        "complaint_track.no_match",
        "编号与查询码不符，请核对编号和查询码后重试",
        "The number and this tracking code do not match: check both and try again",
    ),
    (
        "inspection_desk.secret_does_not_open",
        "此随机数与您在计划公示前提交的承诺不符，请核对后重新填写",
        "This secret does not open the commitment you made before publication: check it and enter it again",
    ),
    (
        "inspection_desk.over_cap",
        "按这些比例将抽取名录的{share}，超过检查事项“{item}”的上限{cap}，请降低比例",
        "These ratios would draw {share} of the pool, over the cap of {cap} of the item “{item}”: lower them",
    ),
    (
        "inspection_desk.over_lowest_cap",
        "各类比例均超过所选检查事项的最低上限，请降低比例",
        "Every class's ratio is over the lowest cap of the items chosen: lower them",
    ),
];

static CATALOGUE: LazyLock<HashMap<&'static str, (&'static str, &'static str)>> =
    LazyLock::new(|| ENTRIES.iter().map(|&(k, zh, en)| (k, (zh, en))).collect());

/// The catalogue in one page's language.
#[derive(Clone, Copy, Debug)]
pub struct T {
    en: bool,
}

impl T {
    /// The catalogue in English when `en` (templates pass their `en`, by reference).
    pub fn new(en: impl std::borrow::Borrow<bool>) -> T {
        T { en: *en.borrow() }
    }

    /// The phrase of `key`; a key not in the catalogue shows as itself, so a page never loses
    /// a line silently (and the catalogue's test reads every key the templates use).
    pub fn get(&self, key: &str) -> &'static str {
        match CATALOGUE.get(key) {
            Some((zh, en)) => {
                if self.en {
                    en
                } else {
                    zh
                }
            }
            None => "⟦missing text⟧",
        }
    }

    /// The `lang` attribute of the page.
    pub fn lang(&self) -> &'static str {
        if self.en { "en" } else { "zh-CN" }
    }

    /// `path` in the page's language: `?lang=en` or `&lang=en` added for English.
    pub fn link(&self, path: &str) -> String {
        match (self.en, path.contains('?')) {
            (false, _) => path.to_string(),
            (true, false) => format!("{path}?lang=en"),
            (true, true) => format!("{path}&lang=en"),
        }
    }

    /// [`T::link`] of `base` followed by `tail` (an id, a code).
    pub fn link_to(&self, base: &str, tail: &str) -> String {
        self.link(&format!("{base}{tail}"))
    }

    /// [`T::link`] of a path with an id inside it: `/enterprise/` + code + `/odr`.
    pub fn link_at(&self, base: &str, id: &str, rest: &str) -> String {
        self.link(&format!("{base}{id}{rest}"))
    }

    /// The phrase of `key` with each `{}` replaced by `value` (a date, a count); the page
    /// escapes the whole as it escapes any text.
    pub fn fill(&self, key: &str, value: impl std::fmt::Display) -> String {
        self.get(key).replace("{}", &value.to_string())
    }

    /// The markup of an `_html` key with each `{}` replaced by `value`, escaped: the phrase is
    /// ours and written with `|safe`, the value is not.
    pub fn fill_html(&self, key: &str, value: impl std::fmt::Display) -> String {
        debug_assert!(key.ends_with("_html"), "{key} holds no markup");
        let escaped = askama::filters::escape(value, askama::filters::Html).map(|e| e.to_string()).unwrap_or_default();
        self.get(key).replace("{}", &escaped)
    }

    /// Of a value the record gives in both languages (a status), the page's.
    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        if self.en { en } else { zh }
    }

    /// The `lang` value a form sends to stay in the page's language: `en` for English; none
    /// for Chinese, the default.
    pub fn lang_param(&self) -> Option<&'static str> {
        self.en.then_some("en")
    }

    /// The `lang` attribute of the link to the page in the other language.
    pub fn other_lang(&self) -> &'static str {
        if self.en { "zh-CN" } else { "en" }
    }

    /// The name of a 12315 category (a subject or a problem) by its code: never the code alone.
    pub fn category<'a>(&self, code: &'a str) -> &'a str {
        shijian_core::complaint::categories::label(code, self.en)
    }

    /// The name of a rule of the name check, by its code.
    pub fn name_rule(&self, code: &str) -> &'static str {
        self.get(&format!("names.rule.{code}"))
    }

    /// The page's half of a text the record gives as `中文 / English`; the whole when it has no
    /// such halves.
    pub fn half<'a>(&self, text: &'a str) -> &'a str {
        match text.rsplit_once(" / ") {
            Some((zh, en)) => self.pick(zh.trim(), en.trim()),
            None => text,
        }
    }

    /// The other language's name, written in that language: a reader who does not read this
    /// page's language still finds their own.
    pub fn other_lang_name(&self) -> &'static str {
        if self.en { "中文" } else { "English" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cjk(s: &str) -> bool {
        s.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c)
                || ('\u{3000}'..='\u{303f}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    }

    /// `text` without what stands in brackets: an English phrase may give the Chinese term of
    /// art beside its translation, "the credit commitment (守信承诺书)".
    fn outside_brackets(text: &str) -> String {
        let mut depth = 0usize;
        text.chars()
            .filter(|&c| {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .collect()
    }

    /// Every entry has both languages: Chinese with Chinese characters, English with none
    /// outside brackets; a value's place `{}` is in both or neither; markup only under an
    /// `_html` key; keys are unique.
    #[test]
    fn every_entry_speaks_both_languages() {
        assert_eq!(CATALOGUE.len(), ENTRIES.len(), "a key is listed twice");
        for (key, zh, en) in ENTRIES {
            assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{key}");
            assert!(cjk(zh), "{key}: {zh}");
            assert!(!cjk(&outside_brackets(en)), "{key}: {en}");
            assert_eq!(zh.matches("{}").count(), en.matches("{}").count(), "{key}");
            let markup = zh.contains('<') || en.contains('<');
            assert_eq!(markup, key.ends_with("_html"), "{key}");
        }
    }

    fn templates() -> Vec<(String, String)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut out = Vec::new();
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            out.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
        }
        assert!(!out.is_empty());
        out
    }

    /// Every key a template asks for is in the catalogue (and so, by the test above, in both
    /// languages).
    #[test]
    fn every_key_the_templates_use_is_listed() {
        let mut used = 0;
        for (path, html) in templates() {
            for call in ["t.get(\"", "t.fill(\"", "t.fill_html(\""] {
                for part in html.split(call).skip(1) {
                    let key = part.split('"').next().unwrap();
                    assert!(CATALOGUE.contains_key(key), "{path}: {key}");
                    used += 1;
                }
            }
        }
        assert!(used > 0);
    }

    /// No template chooses its wording by language (`{% if en %}`, `{% if !en %}` or
    /// `{% else if en %}`): the words belong in the catalogue, so that both languages are
    /// written and checked in one place. And only the catalogue's `_html` phrases are written
    /// unescaped.
    #[test]
    fn no_template_branches_on_the_language() {
        for (path, html) in templates() {
            for tag in html.split("{%").skip(1) {
                let tag = tag.split("%}").next().unwrap().trim_matches(|c: char| c == '-' || c.is_whitespace());
                let words: Vec<&str> = tag.split_whitespace().collect();
                let condition = match words.as_slice() {
                    ["if", rest @ ..] | ["else", "if", rest @ ..] | ["elif", rest @ ..] => rest,
                    _ => continue,
                };
                let branches = condition.iter().any(|w| matches!(w.trim_matches(['(', ')']), "en" | "!en"));
                assert!(!branches, "{path}: {{% {tag} %}}");
            }
            for expression in html.split("{{").skip(1) {
                let expression = expression.split("}}").next().unwrap();
                if expression.contains("|safe") {
                    assert!(expression.contains("_html\""), "{path}: {expression}");
                }
            }
        }
    }

    #[test]
    fn values_fill_their_places() {
        let (zh, en) = (T::new(false), T::new(true));
        assert_eq!(zh.fill("complaint_receipt.n_received", 2), "已收到 2 个");
        assert_eq!(en.fill("complaint_receipt.n_received", 2), "2 received");
        let html = en.fill_html("verify.fetch_it_html", "<b>");
        assert!(html.contains("<code>/api/v1/events/&#60;b&#62;</code>"), "{html}");
        assert!(!html.contains("<b>"));
        assert_eq!((zh.lang_param(), en.lang_param()), (None, Some("en")));
        assert_eq!(en.link_at("/enterprise/", "X", "/odr"), "/enterprise/X/odr?lang=en");
        assert_eq!(zh.pick("已办结", "closed"), "已办结");
    }

    #[test]
    fn links_carry_the_language() {
        let (zh, en) = (T::new(false), T::new(true));
        assert_eq!(zh.link("/lists/abnormal"), "/lists/abnormal");
        assert_eq!(en.link("/lists/abnormal"), "/lists/abnormal?lang=en");
        assert_eq!(en.link("/workbench/complaints?id=T1"), "/workbench/complaints?id=T1&lang=en");
        assert_eq!(en.link_to("/inspection/plans/", "P1"), "/inspection/plans/P1?lang=en");
    }
}
