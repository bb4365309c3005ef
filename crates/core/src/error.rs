//! The one error vocabulary of shijian.
//!
//! Every failure (and every warning) that a user can see has a stable snake_case code, a kind
//! that decides how it is presented (an HTTP status, a CLI exit code), and a message in zh-CN
//! and English. The table below is the only place these are written down; callers build an
//! [`Error`] from a [`Code`] and attach named details (`line`, `expected`, ...), which the
//! message templates interpolate as `{name}`.

use std::fmt;

/// The language of a user-facing message. zh-CN first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks a language from an `Accept-Language`-like tag; anything not English is zh-CN.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("en") { Lang::En } else { Lang::Zh }
    }
}

/// What kind of failure a code is; decides the HTTP status and the CLI exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Not a failure: accepted, but the user should look (e.g. an organization code whose
    /// GB 11714 check fails).
    Warning,
    /// The input is malformed or breaks a rule; nothing was changed.
    InvalidInput,
    /// The thing named does not exist.
    NotFound,
    /// Who is asking is not established (no or bad credentials).
    Unauthenticated,
    /// The actor may not do this (role, jurisdiction, ownership).
    Forbidden,
    /// The request conflicts with the current state.
    Conflict,
    /// A dependency (the database, a file) is not available.
    Unavailable,
    /// A bug or a broken invariant.
    Internal,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $kind:ident, $zh:literal, $en:literal; )*) => {
        /// A stable error or warning code. The string form ([`Code::as_str`]) never changes
        /// once released; other systems match on it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in table order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable snake_case code.
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The kind of failure.
            pub fn kind(self) -> ErrorKind {
                match self { $( Code::$variant => ErrorKind::$kind, )* }
            }

            /// The message template in `lang`; `{name}` stands for the detail `name`.
            pub fn template(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Code::$variant, Lang::Zh) => $zh, (Code::$variant, Lang::En) => $en, )*
                }
            }
        }
    };
}

codes! {
    // --- 统一社会信用代码 (GB 32100-2015) ---
    UsccLength = "uscc_length", InvalidInput,
        "统一社会信用代码应为18位，实际为{length}位",
        "a unified social credit code has 18 characters, this one has {length}";
    UsccCharset = "uscc_charset", InvalidInput,
        "统一社会信用代码第{position}位“{char}”不是允许的字符（0-9及除I、O、Z、S、V外的大写字母）",
        "character {position} '{char}' is not allowed (digits and upper-case letters except I, O, Z, S, V)";
    UsccCheck = "uscc_check", InvalidInput,
        "统一社会信用代码校验码错误：第18位应为“{expected}”，实际为“{found}”",
        "wrong check character: position 18 should be '{expected}', not '{found}'";
    UsccDivisionForm = "uscc_division_form", InvalidInput,
        "统一社会信用代码第3-8位“{division}”不是行政区划代码的格式",
        "positions 3-8 '{division}' are not in the form of a division code";
    UsccAuthorityUnlisted = "uscc_authority_unlisted", Warning,
        "登记管理部门码“{authority}”不在GB 32100所列表中",
        "registration-authority code '{authority}' is not in the GB 32100 table";
    UsccCategoryUnlisted = "uscc_category_unlisted", Warning,
        "登记管理部门码“{authority}”与机构类别码“{category}”的组合不在GB 32100所列表中",
        "the combination of authority '{authority}' and category '{category}' is not in the GB 32100 table";
    UsccDivisionUnlisted = "uscc_division_unlisted", Warning,
        "登记管理机关行政区划码“{division}”不在现行行政区划代码表中（可能已撤销）",
        "division '{division}' is not in the current list (it may have been abolished since)";
    UsccOrgCodeCheck = "uscc_org_code_check", Warning,
        "主体标识码（组织机构代码）校验码应为“{expected}”，实际为“{found}”（部分早期代码如此）",
        "the organization code's GB 11714 check character should be '{expected}', not '{found}' (true of some early codes)";

    // --- 居民身份证号码 (GB 11643-1999) ---
    RidLength = "rid_length", InvalidInput,
        "公民身份号码应为18位，实际为{length}位",
        "a resident identity number has 18 characters, this one has {length}";
    RidCharset = "rid_charset", InvalidInput,
        "公民身份号码第{position}位“{char}”不是允许的字符",
        "character {position} '{char}' is not allowed";
    RidRegion = "rid_region", InvalidInput,
        "公民身份号码前6位“{region}”不是行政区划代码的格式",
        "the first six digits '{region}' are not in the form of a division code";
    RidRegionUnlisted = "rid_region_unlisted", Warning,
        "公民身份号码地址码“{region}”不在现行行政区划代码表中（可能已撤销）",
        "address code '{region}' is not in the current division list (it may have been abolished since)";
    RidBirthDate = "rid_birth_date", InvalidInput,
        "公民身份号码中的出生日期“{date}”不是真实日期",
        "the birth date '{date}' is not a real date";
    RidCheck = "rid_check", InvalidInput,
        "公民身份号码校验码错误：第18位应为“{expected}”，实际为“{found}”",
        "wrong check character: position 18 should be '{expected}', not '{found}'";

    // --- 行政区划 (GB/T 2260) ---
    DivisionForm = "division_form", InvalidInput,
        "行政区划代码应为6位数字：“{input}”",
        "a division code is six digits: '{input}'";
    DivisionUnknown = "division_unknown", NotFound,
        "行政区划代码“{code}”不在行政区划代码表中",
        "division code '{code}' is not in the division list";

    // --- 国民经济行业分类 (GB/T 4754-2017) ---
    IndustryForm = "industry_form", InvalidInput,
        "行业代码应为门类字母（A-T）或2至4位数字：“{input}”",
        "an industry code is a section letter (A-T) or 2 to 4 digits: '{input}'";
    IndustryUnknown = "industry_unknown", NotFound,
        "行业代码“{code}”不在行业分类表中",
        "industry code '{code}' is not in the classification";
    IndustryParentMissing = "industry_parent_missing", InvalidInput,
        "行业代码“{code}”的上级“{parent}”不在行业分类表中",
        "the parent '{parent}' of industry code '{code}' is not in the classification";
    IndustryNameMissing = "industry_name_missing", InvalidInput,
        "行业代码“{code}”缺少名称",
        "industry code '{code}' has no name";

    // --- 日期与工作日 ---
    DateForm = "date_form", InvalidInput,
        "日期应为YYYY-MM-DD格式的真实日期：“{input}”",
        "a date is a real date written YYYY-MM-DD: '{input}'";
    DateRangeReversed = "date_range_reversed", InvalidInput,
        "起始日期{from}晚于结束日期{to}",
        "the start date {from} is after the end date {to}";
    DateOutOfRange = "date_out_of_range", InvalidInput,
        "日期计算超出可表示范围",
        "the date computation leaves the representable range";
    CalendarYearNotCovered = "calendar_year_not_covered", InvalidInput,
        "{year}年的法定节假日安排尚未载入，且不在可按放假办法暂定计算的年份内，无法计算工作日；请管理员导入国务院办公厅公布的当年安排",
        "the official holiday schedule for {year} is not loaded and the year is outside the years a provisional schedule is computed for, so workdays cannot be computed; an administrator imports the year's published schedule";
    CalendarEntryKind = "calendar_entry_kind", InvalidInput,
        "日期类型应为holiday（休息日）或workday（调休上班日）：“{kind}”",
        "the kind of a date is holiday or workday: '{kind}'";
    CalendarHolidayOnWeekend = "calendar_holiday_on_weekend", InvalidInput,
        "{date}是周末，本就休息，不应列为holiday",
        "{date} is a weekend day, already a rest day; it cannot be listed as a holiday";
    CalendarWorkdayOnWeekday = "calendar_workday_on_weekday", InvalidInput,
        "{date}是周一至周五，本就上班，不应列为调休上班日",
        "{date} is a weekday, already a workday; it cannot be listed as an adjusted workday";
    CalendarDuplicateDate = "calendar_duplicate_date", InvalidInput,
        "日期{date}重复出现",
        "date {date} appears twice";
    CalendarYearIncomplete = "calendar_year_incomplete", InvalidInput,
        "{year}年的安排没有任何节假日，不像完整的年度安排",
        "the schedule for {year} has no holiday at all; it does not look like a whole year's schedule";

    // --- 文件与导入 ---
    FileUnreadable = "file_unreadable", InvalidInput,
        "无法读取文件{path}：{reason}",
        "cannot read file {path}: {reason}";
    FileFormatUnsupported = "file_format_unsupported", InvalidInput,
        "不支持的文件格式“{extension}”（支持tsv、csv、xlsx）",
        "unsupported file format '{extension}' (tsv, csv and xlsx are)";
    FileHeader = "file_header", InvalidInput,
        "文件表头应为“{expected}”，实际为“{found}”",
        "the file's header should be '{expected}', not '{found}'";
    FileRowShape = "file_row_shape", InvalidInput,
        "第{line}行应有{expected}列，实际为{found}列",
        "line {line} should have {expected} columns, not {found}";
    FileEmpty = "file_empty", InvalidInput,
        "文件没有数据行",
        "the file has no data rows";

    // --- 数据库 ---
    DbUnavailable = "db_unavailable", Unavailable,
        "无法连接数据库：{reason}",
        "cannot reach the database: {reason}";
    DbUrl = "db_url", InvalidInput,
        "数据库地址无效：{reason}",
        "invalid database URL: {reason}";
    DbQuery = "db_query", Internal,
        "数据库操作失败：{reason}",
        "a database operation failed: {reason}";
    DbSchemaNewer = "db_schema_newer", Conflict,
        "数据库结构版本{version}比本程序所知的更新；请升级程序",
        "the database has schema version {version}, newer than this program knows; upgrade the program";
    DbMigrationChanged = "db_migration_changed", Conflict,
        "已执行的迁移{version}与本程序中的内容不一致",
        "applied migration {version} differs from the one in this program";
    DbMigrationsPending = "db_migrations_pending", Conflict,
        "数据库有{count}个迁移尚未执行；请运行 shijian db migrate",
        "the database has {count} pending migrations; run shijian db migrate";
    DbIntegrity = "db_integrity", Internal,
        "数据库完整性检查失败：{reason}",
        "the database integrity check failed: {reason}";
    /// A checked append (`Store::append_checked`) found that something its decision was made
    /// on was recorded again after the decision read it (another request about the same matter
    /// committed first); nothing was written.
    AppendConflict = "append_conflict", Conflict,
        "该事项已被其他操作更新，请刷新后重试",
        "the matter was updated by another operation; refresh and try again";

    // --- 登记 (register) ---
    RegistryKind = "registry_kind", InvalidInput,
        "未知的市场主体类型“{kind}”",
        "unknown kind of market entity '{kind}'";
    RegistryUnknownEntity = "registry_unknown_entity", NotFound,
        "该市场主体尚未登记",
        "the market entity is not registered";
    RegistryTransition = "registry_transition", Conflict,
        "市场主体当前状态为“{status}”，不能办理此项登记（{command}）",
        "the entity's status is '{status}'; this registration ({command}) is not possible";
    RegistryIneligible = "registry_ineligible", Conflict,
        "不符合办理条件：{reason}",
        "not eligible: {reason}";
    RegistryDeadline = "registry_deadline", InvalidInput,
        "不符合期限要求：{rule}（{days}日）",
        "outside the period the law sets: {rule} ({days} days)";

    RegistryDuplicate = "registry_duplicate", Conflict,
        "统一社会信用代码{uscc}已登记",
        "the credit code {uscc} is already registered";
    RegistryField = "registry_field", InvalidInput,
        "登记事项“{field}”有误：{reason}",
        "the registration field '{field}' is not valid: {reason}";
    TextFormatChar = "text_format_char", InvalidInput,
        "“{field}”含有不可见的格式字符（{char}），请删除后再提交",
        "'{field}' contains an invisible format character ({char}); remove it";
    NameNoDivision = "name_no_division", InvalidInput,
        "名称未含行政区划，请选择登记机关后再查询",
        "the name states no administrative division: choose the registering office";
    RegistryNameRefused = "registry_name_refused", Conflict,
        "名称“{name}”不予登记：{reason}",
        "the name '{name}' cannot be registered: {reason}";
    ImportInvalidRows = "import_invalid_rows", InvalidInput,
        "文件中有{count}行不合规，未导入任何数据（可用 --skip-invalid 只导入合规的行）；首个错误在第{line}行：{reason}",
        "{count} rows are not valid, nothing was imported (--skip-invalid imports the valid rows); the first is line {line}: {reason}";

    AccessDenied = "access_denied", Forbidden,
        "无权办理：角色“{role}”不能在辖区{division}内执行{action}",
        "not allowed: the role '{role}' may not perform {action} in division {division}";

    SearchQueryShort = "search_query_short", InvalidInput,
        "查询词“{query}”太短：请输入至少两个汉字或完整的统一社会信用代码",
        "the query '{query}' is too short: give at least two Chinese characters or a whole credit code";

    // ----- accounts -----
    AccountInvalid = "account_invalid", InvalidInput,
        "账户信息有误：{field}（{reason}）",
        "invalid account: {field} ({reason})";

    AccountExists = "account_exists", Conflict,
        "用户名“{username}”已被使用",
        "the username '{username}' is taken";

    AccountUnknown = "account_unknown", NotFound,
        "没有账户“{username}”",
        "no account '{username}'";

    PasswordWeak = "password_weak", InvalidInput,
        "密码强度不足：至少10位，须包含字母和数字",
        "the password is too weak: at least 10 characters, with letters and digits";

    /// Also the answer for a locked account and an unknown username, so that the answer does
    /// not tell whether an account exists.
    SignInFailed = "sign_in_failed", Unauthenticated,
        "用户名或密码错误；连续失败5次后账户将锁定15分钟",
        "wrong username or password; five failures in a row lock an account for 15 minutes";

    /// No longer the answer to a sign-in (it would tell that the account exists); kept as the
    /// code recorded for the refusal.
    AccountLocked = "account_locked", Unauthenticated,
        "连续登录失败次数过多，账户已锁定至{until}",
        "too many failed sign-ins: the account is locked until {until}";

    TokenInvalid = "token_invalid", Unauthenticated,
        "访问令牌无效或已过期",
        "the access token is invalid or has expired";

    SignInRequired = "sign_in_required", Unauthenticated,
        "请先登录",
        "sign in first";

    // ----- HTTP -----
    RequestInvalid = "request_invalid", InvalidInput,
        "请求无效：{reason}",
        "invalid request: {reason}";

    RequestTooLarge = "request_too_large", InvalidInput,
        "请求内容过大",
        "the request body is too large";

    RequestTimeout = "request_timeout", Unavailable,
        "请求处理超时，请稍后重试",
        "the request took too long; try again later";

    RateLimited = "rate_limited", Unavailable,
        "请求过于频繁，请{retry_after}秒后再试",
        "too many requests: try again in {retry_after} seconds";

    /// Too many password checks are running or waiting (each holds about 19 MiB).
    TooBusy = "too_busy", Unavailable,
        "登录的人太多，请{retry_after}秒后再试",
        "too many sign-ins at once: try again in {retry_after} seconds";

    CsrfInvalid = "csrf_invalid", Forbidden,
        "表单已失效或来自其他网站，请刷新页面后重试",
        "the form is stale or came from another site: reload the page and try again";

    RouteUnknown = "route_unknown", NotFound,
        "没有这个地址：{path}",
        "no such address: {path}";

    EventNotPublic = "event_not_public", NotFound,
        "没有可公开的事件 {id}",
        "no public event {id}";

    // --- 经营范围 (business scope catalogue) ---
    ScopeCodeForm = "scope_code_form", InvalidInput,
        "经营范围条目代码应为2至20位字母或数字：“{input}”",
        "a business scope item code is 2 to 20 letters or digits: '{input}'";
    ScopeUnknown = "scope_unknown", NotFound,
        "经营范围条目“{code}”不在经营范围库中",
        "business scope item '{code}' is not in the catalogue";
    ScopeEmpty = "scope_empty", InvalidInput,
        "经营范围至少应包含一个条目",
        "a business scope has at least one item";
    ScopeCategory = "scope_category", InvalidInput,
        "经营范围条目“{code}”的类别应为一般项目（general）或许可项目（licensed）：“{category}”",
        "the category of business scope item '{code}' is general or licensed: '{category}'";
    ScopeWordingMissing = "scope_wording_missing", InvalidInput,
        "经营范围条目“{code}”缺少规范表述",
        "business scope item '{code}' has no standard wording";
    ScopeLicenceMissing = "scope_licence_missing", InvalidInput,
        "许可项目“{code}”须写明所需许可证件、审批部门和法律依据（多项以“|”分隔，三列逐项对应）",
        "licensed item '{code}' must name its licences, approving departments and legal bases (several separated by '|', one for one in the three columns)";
    ScopeLicenceUnexpected = "scope_licence_unexpected", InvalidInput,
        "一般项目“{code}”不应填写许可证件、审批部门或法律依据",
        "general item '{code}' cannot name a licence, approving department or legal basis";
    ScopeDuplicate = "scope_duplicate", InvalidInput,
        "经营范围条目代码“{code}”重复出现",
        "business scope item code '{code}' appears twice";
    ScopeWordingDuplicate = "scope_wording_duplicate", InvalidInput,
        "规范表述“{wording}”重复：条目“{code}”与“{other}”",
        "the standard wording '{wording}' appears twice: items '{code}' and '{other}'";

    // --- 信用 (annual reports, lists, repair, classification) ---
    CreditReportNotOpen = "credit_report_not_open", Conflict,
        "{year}年度报告自{opens}起方可报送",
        "the annual report for {year} can be filed from {opens}";
    CreditReportNotDue = "credit_report_not_due", InvalidInput,
        "{year}年度无需报送年度报告：{reason}",
        "no annual report is due for {year}: {reason}";
    CreditReportDuplicate = "credit_report_duplicate", Conflict,
        "{year}年度报告已报送；如需修改，请更正",
        "the annual report for {year} has already been filed; correct it instead";
    CreditReportNotFiled = "credit_report_not_filed", Conflict,
        "{year}年度报告尚未报送，无法更正",
        "the annual report for {year} has not been filed, so it cannot be corrected";
    CreditCorrectionClosed = "credit_correction_closed", Conflict,
        "{year}年度报告的更正应在{deadline}前完成",
        "corrections to the annual report for {year} had to be made by {deadline}";
    CreditEntityClosed = "credit_entity_closed", Conflict,
        "{uscc}已注销、被吊销营业执照或被撤销登记，不能再报送年度报告、异议或信用修复申请",
        "{uscc} is deregistered, its licence revoked or its registration annulled; it can no longer file annual reports, objections or repair requests";
    FilingBackEntry = "filing_back_entry", InvalidInput,
        "提交日期由系统按收到之日确定；补录纸质申请须由工作人员填写日期并说明理由（{reason}）",
        "the filing day is the day the system receives it; only staff back-entering a paper filing give a day, with a reason ({reason})";
    CreditReportField = "credit_report_field", InvalidInput,
        "年度报告事项“{field}”有误：{reason}",
        "the annual report field '{field}' is not valid: {reason}";
    CreditAmount = "credit_amount", InvalidInput,
        "“{field}”的金额“{value}”应为十进制数（如 12.50）",
        "the amount '{value}' of '{field}' is not a decimal number (such as 12.50)";
    CreditListTransition = "credit_list_transition", Conflict,
        "名录状态不允许此项操作（{action}）：{reason}",
        "the list state does not allow this ({action}): {reason}";
    CreditIneligible = "credit_ineligible", Conflict,
        "不符合条件：{reason}",
        "not eligible: {reason}";
    CreditTooEarly = "credit_too_early", Conflict,
        "最早可于{date}办理：{rule}",
        "not before {date}: {rule}";
    CreditWorkflow = "credit_workflow", Conflict,
        "当前环节为“{status}”，不能{action}",
        "the matter is at '{status}'; it cannot {action}";
    CreditRepairNotAvailable = "credit_repair_not_available", Conflict,
        "该信息不适用信用修复：{reason}",
        "credit repair is not available for this record: {reason}";
    CreditModelRow = "credit_model_row", InvalidInput,
        "信用风险分类指标文件第{line}行有误：{reason}",
        "the credit-risk indicator file is not valid at line {line}: {reason}";
    CreditModelIncomplete = "credit_model_incomplete", InvalidInput,
        "信用风险分类指标文件缺少{item}",
        "the credit-risk indicator file lacks {item}";

    // --- 双随机、一公开 (random inspections) ---
    InspectionField = "inspection_field", InvalidInput,
        "抽查数据字段“{field}”无效：{reason}",
        "inspection field '{field}' is invalid: {reason}";
    InspectionItemUnknown = "inspection_item_unknown", NotFound,
        "抽查事项清单中没有事项“{code}”",
        "there is no item '{code}' in the inspection item list";
    InspectionPlanUnknown = "inspection_plan_unknown", NotFound,
        "没有抽查计划“{plan}”",
        "there is no inspection plan '{plan}'";
    InspectionTaskUnknown = "inspection_task_unknown", NotFound,
        "抽查计划“{plan}”中没有检查对象“{target}”",
        "plan '{plan}' has no task for '{target}'";
    InspectionRatio = "inspection_ratio", InvalidInput,
        "抽查比例超出上限：{stratum}类 {ratio}（以万分之一计）",
        "the sampling ratio exceeds its limit: class {stratum}, {ratio} (in 1/10,000)";
    InspectionCap = "inspection_cap", InvalidInput,
        "抽查比例超出检查事项“{item}”的上限{cap}：预计抽取名录的{share}",
        "the ratios exceed the cap of item '{item}', {cap}: they would draw {share} of the pool";
    InspectionClassA = "inspection_class_a", InvalidInput,
        "A类（低风险）企业无触发事由不主动实施现场检查：请说明触发事由或将A类比例设为0（国市监信发〔2022〕6号）",
        "class A (low risk) entities are not inspected without a trigger: state the trigger or set the class A ratio to 0";
    InspectionWorkflow = "inspection_workflow", Conflict,
        "“{plan}”当前状态为{status}，不能{step}",
        "'{plan}' is {status}: it cannot {step} now";
    InspectionNotParty = "inspection_not_party", Forbidden,
        "“{party}”不是抽查计划“{plan}”的随机数参与方",
        "'{party}' is not a seed party of plan '{plan}'";
    InspectionReveal = "inspection_reveal", Conflict,
        "“{party}”公开的随机数与其在计划“{plan}”发布前的承诺不符",
        "the secret revealed by '{party}' does not open their commitment to plan '{plan}'";
    InspectionNoCheckpoint = "inspection_no_checkpoint", Conflict,
        "计划“{plan}”发布后尚无签名的日志检查点，请稍后再公开随机数或抽取",
        "no signed checkpoint follows the publication of plan '{plan}' yet: reveal or draw a little later";
    InspectionPool = "inspection_pool", Conflict,
        "抽查名录库文件与计划发布时的承诺不符（第{line}行：{reason}）",
        "the pool file does not match the plan's commitment (line {line}: {reason})";

    // --- 12315 投诉举报 (complaints and reports) ---
    ComplaintField = "complaint_field", InvalidInput,
        "投诉举报字段“{field}”无效：{reason}",
        "complaint field '{field}' is invalid: {reason}";
    ComplaintUnknown = "complaint_unknown", NotFound,
        "没有编号为“{id}”的投诉举报",
        "there is no complaint or report '{id}'";
    ComplaintWorkflow = "complaint_workflow", Conflict,
        "“{id}”当前状态为{status}，不能{step}",
        "'{id}' is {status}: it cannot {step} now";
    ComplaintGround = "complaint_ground", InvalidInput,
        "所选理由“{ground}”不成立：{reason}",
        "the ground '{ground}' does not apply: {reason}";
    ComplaintTracking = "complaint_tracking", NotFound,
        "投诉举报编号或查询码不正确",
        "the complaint number or the tracking code is not correct";
    ComplaintAttachment = "complaint_attachment", InvalidInput,
        "附件不符合要求：{reason}（仅限JPEG、PNG、PDF，每个不超过8MB，最多5个）",
        "the attachment is not acceptable: {reason} (JPEG, PNG or PDF, up to 8 MB each, at most 5)";
    ComplaintNotOdr = "complaint_not_odr", Forbidden,
        "“{entity}”未加入在线消费纠纷解决（ODR）或该投诉不由其处理",
        "'{entity}' is not in the online dispute resolution scheme, or this complaint is not theirs";
    ComplaintImportRow = "complaint_import_row", InvalidInput,
        "导入文件第{line}行有误：{reason}",
        "the import file is not valid at line {line}: {reason}";
    ComplaintPersonalData = "complaint_personal_data", InvalidInput,
        "公开文本仍含个人信息（{what}），请删除后再公开",
        "the text to publish still contains personal data ({what}); remove it first";
    ComplaintNoConsent = "complaint_no_consent", Conflict,
        "“{id}”不能公开：{reason}",
        "'{id}' cannot be published: {reason}";
    ComplaintClueUnknown = "complaint_clue_unknown", NotFound,
        "没有编号为“{id}”的案件线索，或该线索已处理",
        "there is no open case clue '{id}'";

    // --- 行政执法案件 (enforcement cases) ---
    CaseField = "case_field", InvalidInput,
        "案件字段“{field}”无效：{reason}",
        "case field '{field}' is invalid: {reason}";
    CaseUnknown = "case_unknown", NotFound,
        "没有编号为“{id}”的案件或线索",
        "there is no case or clue '{id}'";
    CaseWorkflow = "case_workflow", Conflict,
        "案件“{id}”当前为“{status}”，现在不能{step}",
        "case '{id}' is at '{status}': the step '{step}' is not allowed now";
    CaseTimeBarred = "case_time_barred", InvalidInput,
        "违法行为发生于{violation_on}，已超过追责期限（至{end}止），不予立案（行政处罚法第三十六条）",
        "the violation of {violation_on} is beyond the limitation period (ended {end}; Administrative Penalty Law, Art. 36)";
    CaseDeparture = "case_departure", InvalidInput,
        "罚款与裁量基准建议不一致，须写明理由并经负责人批准或集体讨论",
        "a fine other than the benchmark's proposal needs a reason and an approval";
    CaseSummaryLimit = "case_summary_limit", InvalidInput,
        "简易程序仅适用于警告或对{party}不超过{max}的罚款（行政处罚法第五十一条）",
        "the summary procedure is for a warning or a fine of at most {max} ({party}; Administrative Penalty Law, Art. 51)";
    CaseTransferOpen = "case_transfer_open", Conflict,
        "案件“{id}”已移送公安机关且尚未退回，不能就同一违法行为作出罚款决定",
        "case '{id}' is with the police: no fine for the same act while the transfer is open";
    CaseNotReady = "case_not_ready", Conflict,
        "尚不能作出处罚决定：缺少{missing}",
        "the decision cannot be made yet: {missing} is missing";
    CaseNumberTaken = "case_number_taken", Conflict,
        "文号“{number}”已被使用",
        "the document number {number} is already taken";
    CasePayment = "case_payment", InvalidInput,
        "缴款金额不符：应缴罚款{fine}，加处罚款{late_fee}",
        "the payment does not match: fine {fine}, late fee {late_fee}";

    // --- 事件与日志 (journal and log) ---
    EventInvalid = "event_invalid", InvalidInput,
        "事件不合规：{field}（{reason}）",
        "the event is not valid: {field} ({reason})";
    EventUnknown = "event_unknown", NotFound,
        "没有编号为{id}的事件",
        "there is no event {id}";
    LogIndexUnknown = "log_index_unknown", NotFound,
        "日志中没有序号{index}（日志共{size}条）",
        "the log has no index {index} (it has {size} entries)";
    LogNotCheckpointed = "log_not_checkpointed", Conflict,
        "序号{index}尚未被已签名的检查点覆盖，请稍后再试",
        "index {index} is not yet covered by a signed checkpoint; try again shortly";
    LogKey = "log_key", InvalidInput,
        "日志签名密钥有误：{reason}",
        "the log signing key is not usable: {reason}";
    LogVerifyFailed = "log_verify_failed", Internal,
        "日志校验失败：序号{index}起有误（{reason}）",
        "the log does not verify: first bad index {index} ({reason})";
    LogTampered = "log_tampered", Internal,
        "日志存储与其内容不一致：{reason}",
        "the log's storage does not match its contents: {reason}";

    Internal = "internal", Internal,
        "内部错误：{reason}",
        "internal error: {reason}";

    // --- 行政处罚案件裁量基准 ---
    CaseBenchmarkFile = "case_benchmark_file", InvalidInput,
        "裁量基准“{version}”的数据有误：{reason}",
        "the discretion benchmark '{version}' is not valid: {reason}";
    CaseBenchmarkValue = "case_benchmark_value", InvalidInput,
        "“{value}”不是有效的取值（{what}）",
        "'{value}' is not a valid value ({what})";
    CaseBenchmarkVersions = "case_benchmark_versions", InvalidInput,
        "裁量基准的版本有误：{reason}",
        "the discretion benchmark versions are not valid: {reason}";
    CaseBenchmarkNotEffective = "case_benchmark_not_effective", NotFound,
        "{date}立案的案件没有适用的裁量基准（最早的版本自{earliest}起施行）",
        "no discretion benchmark applies to a case filed on {date} (the earliest takes effect on {earliest})";
    CaseBenchmarkRowUnknown = "case_benchmark_row_unknown", NotFound,
        "裁量基准“{version}”中没有违法行为“{row}”",
        "the discretion benchmark '{version}' has no violation '{row}'";
    CaseBenchmarkGoodsValueMissing = "case_benchmark_goods_value_missing", InvalidInput,
        "违法行为“{row}”的罚款幅度取决于货值金额，请先填写货值金额",
        "the fine for '{row}' depends on the value of the goods; enter the goods value first";
    CaseBenchmarkCircumstanceConflict = "case_benchmark_circumstance_conflict", InvalidInput,
        "所选情节相互矛盾：{reason}",
        "the circumstances chosen contradict each other: {reason}";
    CaseBenchmarkDepartureReason = "case_benchmark_departure_reason", InvalidInput,
        "罚款偏离裁量基准的建议数额，须写明理由",
        "a fine that departs from the benchmark's proposal needs a reason";
    CaseBenchmarkDepartureApproval = "case_benchmark_departure_approval", InvalidInput,
        "罚款偏离裁量基准，须经机关主要负责人批准或者集体讨论决定，请填写批准情况",
        "a fine that departs from the benchmark needs the approval of the principal head or a collective decision; record it";
    CaseBenchmarkDepartureRange = "case_benchmark_departure_range", InvalidInput,
        "罚款{fine}元超出法定幅度（{min}元至{max}元）",
        "a fine of {fine} yuan is outside the statutory range ({min} to {max} yuan)";
    CaseBenchmarkDepartureZero = "case_benchmark_departure_zero", InvalidInput,
        "减轻处罚的罚款不能为零；不予处罚须符合《中华人民共和国行政处罚法》第三十三条",
        "a mitigated fine cannot be zero; no penalty at all needs the grounds of Art. 33 of the Administrative Penalty Law";
    CaseBenchmarkDepartureNoFine = "case_benchmark_departure_no_fine", InvalidInput,
        "本案尚不具备处以罚款的条件（{reason}），不能处以罚款",
        "the conditions for a fine are not met in this case ({reason}); no fine can be set";
    CaseBenchmarkDepartureExempt = "case_benchmark_departure_exempt", InvalidInput,
        "依据《中华人民共和国行政处罚法》第三十三条应当不予行政处罚，不能处以罚款",
        "Art. 33 of the Administrative Penalty Law requires no penalty here; no fine can be set";
    CaseExemptFile = "case_exempt_file", InvalidInput,
        "首违不罚、轻微免罚清单的数据有误：{reason}",
        "the list of violations exempt from penalty is not valid: {reason}";

    // --- 文书 ---
    /// No font with Chinese glyphs was found in the font directories searched (detail
    /// `searched`), or the one found cannot be read (detail `reason`). Debian and Ubuntu ship
    /// one in `fonts-noto-cjk`.
    DocumentFontMissing = "document_font_missing", Unavailable,
        "未找到中文字体：请安装 fonts-noto-cjk 软件包（如 apt-get install fonts-noto-cjk）",
        "no Chinese font found: install the fonts-noto-cjk package (e.g. apt-get install fonts-noto-cjk)";
    /// The document could not be written as PDF (a verification address too long for a QR
    /// code, a failure of the PDF writer).
    DocumentRenderFailed = "document_render_failed", Internal,
        "文书生成失败：{reason}",
        "the document could not be generated: {reason}";
}

/// A typed failure (or warning) with its code and named details.
///
/// The code and the detail names are the contract; the messages are for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    code: Code,
    details: Vec<(&'static str, String)>,
}

impl Error {
    pub fn new(code: Code) -> Error {
        Error { code, details: Vec::new() }
    }

    /// Adds (or replaces) a named detail.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl fmt::Display) -> Error {
        let value = value.to_string();
        match self.details.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.details.push((name, value)),
        }
        self
    }

    pub fn code(&self) -> Code {
        self.code
    }

    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }

    /// The named details, in the order they were added.
    pub fn details(&self) -> &[(&'static str, String)] {
        &self.details
    }

    /// The value of one detail.
    pub fn detail(&self, name: &str) -> Option<&str> {
        self.details.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }

    /// The message in `lang`, with `{name}` replaced by the detail's value. A detail the
    /// template does not mention (such as `line` or `path`) is appended in brackets.
    pub fn message(&self, lang: Lang) -> String {
        let template = self.code.template(lang);
        let mut out = self.text(lang);
        let extra: Vec<String> = self
            .details
            .iter()
            .filter(|(n, _)| !template.contains(&format!("{{{n}}}")))
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        if !extra.is_empty() {
            out.push_str(" [");
            out.push_str(&extra.join(", "));
            out.push(']');
        }
        out
    }

    /// The message in `lang` without the details its sentence does not name: for a person
    /// reading it beside the field it is about, where `field=…` would only repeat the label in
    /// the program's words.
    pub fn text(&self, lang: Lang) -> String {
        let template = self.code.template(lang);
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.detail(name) {
                        Some(v) => out.push_str(v),
                        None => out.push('?'),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

impl From<Code> for Error {
    fn from(code: Code) -> Error {
        Error::new(code)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_snake_case_and_bilingual() {
        let mut seen = HashSet::new();
        for &code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "duplicate code {s}");
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit()), "{s}");
            let zh = code.template(Lang::Zh);
            let en = code.template(Lang::En);
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{s} zh lacks Chinese");
            assert!(en.is_ascii(), "{s} en is not ASCII: {en}");
            // Both languages name the same details.
            let names = |t: &str| {
                let mut v: Vec<String> =
                    t.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect();
                v.sort();
                v
            };
            assert_eq!(names(zh), names(en), "{s}: zh and en name different details");
        }
    }

    #[test]
    fn message_interpolates_and_appends_extra_details() {
        let e = Error::new(Code::UsccCheck).with("expected", "7").with("found", "X").with("line", 3);
        assert_eq!(e.message(Lang::En), "wrong check character: position 18 should be '7', not 'X' [line=3]");
        assert_eq!(e.message(Lang::Zh), "统一社会信用代码校验码错误：第18位应为“7”，实际为“X” [line=3]");
        assert_eq!(e.to_string(), "uscc_check: wrong check character: position 18 should be '7', not 'X' [line=3]");
    }

    #[test]
    fn lang_from_tag() {
        assert_eq!(Lang::from_tag("en-GB,en;q=0.9"), Lang::En);
        assert_eq!(Lang::from_tag("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_tag(""), Lang::Zh);
    }
}
