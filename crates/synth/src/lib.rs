//! A synthetic province, deterministic from a seed: market entities of Hubei with realistic
//! kinds, places, names, codes and 30 years of history, as the registry's events.
//!
//! - **Places**: the registering office is drawn by the 2020 census population of the 17
//!   prefecture-level units (`data/hubei-population-2020.tsv`), then a county-level unit inside;
//!   about 6% of entities register with the prefecture's office and 0.5% with the province's.
//! - **Kinds**: about two thirds 个体工商户, a quarter 有限责任公司, the rest partnerships, sole
//!   proprietorships, branches, joint-stock, foreign-invested companies and cooperatives.
//! - **Names** are built the legal way (division + 字号 + industry term + form, 企业名称登记管理规定
//!   第六条) with a 字号 unique within its registering office, so no name would be refused; about
//!   2% deliberately sound like, or contain, an earlier 字号 of the same office, so name checks
//!   meet the similar-name rules.
//! - **Codes** are valid 统一社会信用代码 for the office's division and the kind's category
//!   (GB 32100-2015), unique.
//! - **History**: changes (address, representative, capital, scope, sometimes the name), filings,
//!   suspensions, simple and ordinary deregistrations, revocations and forced deregistrations,
//!   each dated so that the registry's rules accept it (a test replays every entity through
//!   `registry::decide`).
//!
//! Entity `i` depends only on the seed, `i`, and the names and codes drawn before it, so the
//! same seed gives the same province, at any scale.

pub mod case;
pub mod complaint;
pub mod inspection;

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shijian_core::entity::{Changes, Entity, RegistryEvent};
use shijian_core::registry::EntityKind;
use shijian_core::{DivisionCode, IndustryCode, Uscc};

/// One synthetic entity: its registration and the events that followed, in date order.
#[derive(Clone, Debug)]
pub struct Synthetic {
    pub entity: Entity,
    pub history: Vec<RegistryEvent>,
    /// Its credit file's events (annual reports, list entries), in date order.
    pub credit: Vec<CreditRecord>,
}

/// An event of the credit file, as decided by `shijian_core::credit`.
#[derive(Clone, Debug)]
pub struct CreditRecord {
    pub on: NaiveDate,
    pub kind: &'static str,
    pub basis: &'static str,
    pub data: serde_json::Value,
    /// Recorded as restricted (the part of an annual report the entity did not publish).
    pub restricted: bool,
}

// A credit record is event data: its kind one of the credit file's declared `KIND_*`, its basis
// the decision's.
impl shijian_core::event::EventData for CreditRecord {
    fn kind(&self) -> &'static shijian_core::event::EventKind {
        shijian_core::event::declared_or_undeclared(self.kind)
    }
    fn basis(&self) -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(self.basis)
    }
    fn data(&self) -> shijian_core::Result<serde_json::Value> {
        Ok(self.data.clone())
    }
}

/// The kinds and their shares (per 10,000). Hubei: about 6.4 million market entities, about two
/// thirds of them 个体工商户 (湖北省市场监管“十四五”规划 and yearly statistics); the split of the
/// rest is an estimate.
const KIND_SHARES: &[(EntityKind, u32)] = &[
    (EntityKind::IndividualBusiness, 6700),
    (EntityKind::LimitedCompany, 2520),
    (EntityKind::JointStockCompany, 40),
    (EntityKind::GeneralPartnership, 20),
    (EntityKind::SpecialGeneralPartnership, 5),
    (EntityKind::LimitedPartnership, 35),
    (EntityKind::SoleProprietorship, 150),
    (EntityKind::Branch, 240),
    (EntityKind::ForeignInvested, 30),
    (EntityKind::FarmerCooperative, 260),
];

/// Industry terms used in names, the GB/T 4754 division they point to, the scope wording, and
/// whether 个体工商户 use them (then with a shop form).
const TRADES: &[(&str, &str, &str, bool)] = &[
    ("餐饮", "62", "餐饮服务；食品销售", true),
    ("商贸", "51", "日用百货销售；五金产品批发", true),
    ("科技", "65", "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广", false),
    ("贸易", "51", "建筑材料销售；日用百货销售", true),
    ("酒业", "15", "酒类经营；食品销售", false),
    ("食品", "14", "食品生产；食品销售", true),
    ("物流", "58", "普通货物仓储服务；国内货物运输代理", false),
    ("建筑工程", "47", "建设工程施工；住宅室内装饰装修", false),
    ("房地产", "70", "房地产开发经营", false),
    ("农业", "01", "谷物种植；蔬菜种植；农产品的生产、销售、加工、运输、贮藏及其他相关服务", false),
    ("养殖", "03", "牲畜饲养；家禽饲养", true),
    ("服装", "18", "服装制造；服装服饰零售", true),
    ("汽车服务", "81", "机动车修理和维护；汽车零配件零售", true),
    ("美容美发", "80", "理发服务；生活美容服务", true),
    ("超市", "52", "日用百货销售；食品销售", true),
    ("文化传媒", "86", "组织文化艺术交流活动；广告设计、代理", false),
    ("广告", "72", "广告设计、代理；广告制作", true),
    ("咨询", "72", "信息咨询服务（不含许可类信息咨询服务）", false),
    ("家政服务", "80", "家政服务", true),
    ("物业管理", "70", "物业管理", false),
    ("机械设备", "34", "通用设备制造（不含特种设备制造）；机械设备销售", false),
    ("印刷", "23", "包装装潢印刷品印刷", true),
    ("医药", "27", "药品生产；药品批发", false),
    ("大药房", "52", "药品零售", true),
    ("装饰工程", "50", "住宅室内装饰装修", true),
    ("水产", "04", "水产养殖；水产品零售", true),
    ("电子商务", "52", "互联网销售（除销售需要许可的商品）", true),
    ("劳务", "72", "劳务服务（不含劳务派遣）", false),
    ("环保科技", "77", "环境保护专用设备销售；固体废物治理", false),
    ("旅游", "72", "旅游业务；旅行社服务网点旅游招徕、咨询服务", false),
];

/// Characters trade names are made of: common, positive, and none of them a division, a
/// forbidden word or a national word on its own.
const TRADE_CHARS: &str = "红光华兴盛荣鑫源泰丰瑞祥隆达通宏远恒昌顺佳和美新锦辉明金银玉宝鼎嘉亿福康安宁德信诚义利民众合聚友邦博创维拓航腾飞跃骏驰星月云天海峰岭林森楠竹梅兰菊松柏青翠碧蓝紫彤晨曦阳朗晴雅韵秀丽静怡悦欣乐雨雪霖泽润涵溪泉江河湖川洲岛湾港帆舟桥城乡田园禾谷稻麦豆果蔬茶香味甘甜醇厚朴实真善思睿智慧贤良俊杰英豪雄威武强壮力坚刚正直方圆广博";

/// Homophone substitutions for deliberate same-sounding names.
const HOMOPHONES: &[(char, char)] = &[
    ('红', '宏'),
    ('宏', '鸿'),
    ('华', '化'),
    ('兴', '星'),
    ('鑫', '新'),
    ('源', '元'),
    ('隆', '龙'),
    ('达', '大'),
    ('丰', '峰'),
    ('瑞', '锐'),
    ('祥', '翔'),
    ('恒', '衡'),
    ('昌', '常'),
    ('佳', '嘉'),
    ('金', '今'),
    ('明', '鸣'),
    ('安', '岸'),
    ('信', '欣'),
    ('诚', '城'),
    ('利', '立'),
];

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志宏海波斌宇浩凯鹏飞俊鑫琳雪梅辉文晓晨欣怡佳颖子涵雨轩博宁";
const ROADS: &str = "解放中山人民建设和平胜利友谊光明长江汉江青年新华民主团结幸福东风朝阳文化复兴";

/// The province's places and their weights.
struct Places {
    /// (prefecture, weight, county-level units inside)
    prefectures: Vec<(DivisionCode, u64, Vec<DivisionCode>)>,
    total: u64,
    province: DivisionCode,
}

impl Places {
    fn hubei() -> Places {
        let mut prefectures = Vec::new();
        for line in include_str!("../data/hubei-population-2020.tsv").lines().filter(|l| !l.starts_with('#')).skip(1) {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let (Ok(code), Ok(pop)) = (DivisionCode::parse(f[0]), f[2].trim().parse::<u64>()) else { continue };
            let mut counties = code.children();
            if counties.is_empty() {
                // Units directly under the province (仙桃, 潜江, 天门, 神农架) register themselves.
                counties.push(code);
            }
            prefectures.push((code, pop, counties));
        }
        let total = prefectures.iter().map(|p| p.1).sum();
        let province = DivisionCode::parse("420000").unwrap_or_else(|_| prefectures[0].0);
        Places { prefectures, total, province }
    }

    /// (registering office, the prefecture it lies in, the county-level unit)
    fn draw(&self, rng: &mut ChaCha8Rng) -> (DivisionCode, DivisionCode, DivisionCode) {
        let mut x = rng.random_range(0..self.total.max(1));
        let mut pick = &self.prefectures[0];
        for p in &self.prefectures {
            if x < p.1 {
                pick = p;
                break;
            }
            x -= p.1;
        }
        let county = pick.2[rng.random_range(0..pick.2.len())];
        let office = match rng.random_range(0..1000) {
            0..5 => self.province,
            5..65 => pick.0,
            _ => county,
        };
        (office, pick.0, county)
    }
}

/// The generator.
pub struct Province {
    seed: u64,
    as_of: NaiveDate,
    places: Places,
    trade_chars: Vec<char>,
    /// (office, 字号) pairs used, as 64-bit fingerprints.
    used_trade: HashSet<u64>,
    /// 字号 drawn per office, a sample kept for near-duplicates: (office, 字号).
    recent: Vec<(DivisionCode, String)>,
    /// The next subject identifier per office: (the 8-digit organisation codes issued before
    /// 2016, the `MA` codes issued since), each rising as the issuing system hands them out.
    next_codes: HashMap<DivisionCode, (u64, u64)>,
    /// Scope catalogue items by industry code (大类 or 门类).
    scope_index: std::collections::BTreeMap<String, Vec<&'static str>>,
    next: u64,
}

fn fingerprint(parts: &[&str]) -> u64 {
    // FNV-1a: stable across platforms and versions, which a seeded generator needs.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn pick<'a>(rng: &mut ChaCha8Rng, s: &'a [char]) -> &'a char {
    &s[rng.random_range(0..s.len())]
}

const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

impl Province {
    /// A province from `seed`, with history up to `as_of`.
    pub fn new(seed: u64, as_of: NaiveDate) -> Province {
        Province {
            seed,
            as_of,
            places: Places::hubei(),
            trade_chars: TRADE_CHARS.chars().collect(),
            used_trade: HashSet::new(),
            recent: Vec::new(),
            next_codes: HashMap::new(),
            scope_index: {
                let mut m: std::collections::BTreeMap<String, Vec<&'static str>> = std::collections::BTreeMap::new();
                for item in shijian_core::scope::ScopeCatalogue::builtin().items() {
                    m.entry(item.industry.to_string()).or_default().push(item.code.as_str());
                }
                m
            },
            next: 0,
        }
    }

    /// The random stream of entity `i`.
    fn rng(&self, i: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(i);
        rng
    }

    fn short(d: DivisionCode) -> String {
        let name = d.name();
        if name.contains("自治") {
            return name.chars().take(2).collect();
        }
        for suffix in ["省", "市", "林区", "县"] {
            if let Some(s) = name.strip_suffix(suffix)
                && s.chars().count() >= 2
            {
                return s.to_string();
            }
        }
        name.to_string()
    }

    fn trade_name(&mut self, rng: &mut ChaCha8Rng, office: DivisionCode) -> String {
        // Now and then, on purpose, one like an earlier 字号 of the same office.
        if rng.random_range(0..100) < 2 && !self.recent.is_empty() {
            let (o, base) = self.recent[rng.random_range(0..self.recent.len())].clone();
            if o == office {
                let candidates: Vec<String> = {
                    let mut v = Vec::new();
                    for (a, b) in HOMOPHONES {
                        if base.contains(*a) {
                            v.push(base.replacen(*a, &b.to_string(), 1));
                        }
                    }
                    v.push(format!("{base}{}", pick(rng, &self.trade_chars)));
                    v
                };
                let t = candidates[rng.random_range(0..candidates.len())].clone();
                if self.used_trade.insert(fingerprint(&[&office.to_string(), &t])) {
                    return t;
                }
            }
        }
        loop {
            let len = if rng.random_range(0..10) < 7 { 2 } else { 3 };
            let t: String = (0..len).map(|_| *pick(rng, &self.trade_chars)).collect();
            if t.chars().collect::<HashSet<_>>().len() < len {
                continue;
            }
            if self.used_trade.insert(fingerprint(&[&office.to_string(), &t])) {
                if self.recent.len() < 4096 {
                    self.recent.push((office, t.clone()));
                } else {
                    let at = rng.random_range(0..self.recent.len());
                    self.recent[at] = (office, t.clone());
                }
                return t;
            }
        }
    }

    /// A code the way the issuing system hands them out: within an office, subject identifiers
    /// rise in issue order with small gaps (GB 32100-2015 positions 9–17 come from a
    /// sequential allocation, not a random draw), so codes are unique by construction. Codes
    /// in issue order also keep the register's code-keyed indexes appending where they grow.
    fn code(&mut self, rng: &mut ChaCha8Rng, kind: EntityKind, office: DivisionCode, year: i32) -> Uscc {
        let seed = self.seed;
        let counters = self.next_codes.entry(office).or_insert_with(|| {
            // Each office starts somewhere of its own in both code spaces.
            let mut r = ChaCha8Rng::seed_from_u64(seed ^ fingerprint(&[&office.to_string(), "codes"]));
            (r.random_range(10_000_000..40_000_000), r.random_range(0..100_000_000))
        });
        loop {
            let body = if year >= 2016 {
                counters.1 += rng.random_range(1..=5);
                let mut n = counters.1;
                let mut digits = [b'0'; 6];
                for d in digits.iter_mut().rev() {
                    *d = CODE_ALPHABET[(n % CODE_ALPHABET.len() as u64) as usize];
                    n /= CODE_ALPHABET.len() as u64;
                }
                format!("MA{}", std::str::from_utf8(&digits).unwrap_or("000000"))
            } else {
                counters.0 += rng.random_range(1..=5);
                format!("{:08}", counters.0)
            };
            if let Ok(code) = Uscc::compose('9', kind.uscc_category(), &office.to_string(), &body) {
                return code;
            }
        }
    }

    fn person(rng: &mut ChaCha8Rng) -> String {
        let s: Vec<char> = SURNAMES.chars().collect();
        let g: Vec<char> = GIVEN.chars().collect();
        let mut name = pick(rng, &s).to_string();
        for _ in 0..rng.random_range(1..=2) {
            name.push(*pick(rng, &g));
        }
        name
    }

    fn date(&self, rng: &mut ChaCha8Rng) -> NaiveDate {
        // Most entities are young: Hubei's register has grown fastest in the last decade.
        let u: f64 = rng.random();
        let days_back = (u * u * 30.0 * 365.0) as u64;
        self.as_of.checked_sub_days(Days::new(days_back)).unwrap_or(self.as_of)
    }

    /// The next entity.
    pub fn next_entity(&mut self) -> Synthetic {
        let i = self.next;
        self.next += 1;
        let mut rng = self.rng(i);
        let total: u32 = KIND_SHARES.iter().map(|k| k.1).sum();
        let mut x = rng.random_range(0..total);
        let mut kind = EntityKind::IndividualBusiness;
        for (k, share) in KIND_SHARES {
            if x < *share {
                kind = *k;
                break;
            }
            x -= share;
        }
        let (mut office, prefecture, county) = self.places.draw(&mut rng);
        if kind == EntityKind::IndividualBusiness || kind == EntityKind::FarmerCooperative {
            // Individual businesses and cooperatives register with the county-level office.
            office = county;
        }
        let established_on = self.date(&mut rng);
        let trade_idx = loop {
            let t = rng.random_range(0..TRADES.len());
            if kind != EntityKind::IndividualBusiness || TRADES[t].3 {
                break t;
            }
        };
        let (term, industry, scope_text, _) = TRADES[trade_idx];
        let place_name = if county.name().ends_with('区') || office == prefecture || office == self.places.province {
            Self::short(if office == self.places.province { office } else { prefecture })
        } else {
            Self::short(county)
        };
        let name = self.valid_name(&mut rng, kind, office, &place_name, term);
        let representative = Self::person(&mut rng);
        let uscc = self.code(&mut rng, kind, office, established_on.year());
        let capital = match kind {
            EntityKind::Branch => None,
            EntityKind::IndividualBusiness => {
                if rng.random_range(0..2) == 0 {
                    None
                } else {
                    Some(["1", "2", "3", "5", "10", "20"][rng.random_range(0..6)].to_string())
                }
            }
            EntityKind::JointStockCompany => {
                Some(["1000", "3000", "5000", "10000", "50000"][rng.random_range(0..5)].into())
            }
            _ => Some(
                ["3", "5", "10", "50", "100", "200", "500", "1000", "2000", "5000"][rng.random_range(0..10)].into(),
            ),
        };
        let currency = if kind == EntityKind::ForeignInvested && rng.random_range(0..3) == 0 { "USD" } else { "CNY" };
        let road: Vec<char> = ROADS.chars().collect();
        let r = rng.random_range(0..road.len() / 2) * 2;
        let address = format!(
            "{}{}{}{}路{}号",
            prefecture.name(),
            if county == prefecture { "" } else { county.name() },
            road[r],
            road[r + 1],
            rng.random_range(1..999)
        );
        let parent = if kind == EntityKind::Branch {
            let p = self.code(&mut rng, EntityKind::LimitedCompany, office, established_on.year());
            Some(p)
        } else {
            None
        };
        // Registrations choose their scope from the catalogue: one to three items of the
        // industry (or of its section), rendered as registered.
        let (scope, scope_text) = self.scope(&mut rng, industry, scope_text);
        let entity = Entity {
            uscc,
            name,
            kind,
            representative,
            capital,
            currency: currency.into(),
            established_on,
            authority: office,
            address,
            scope,
            scope_text,
            industry: IndustryCode::parse_form(industry).ok(),
            parent,
        };
        let history = self.history(&mut rng, &entity, office, &place_name);
        let credit = self.credit(&mut rng, &entity, &history);
        Synthetic { entity, history, credit }
    }

    fn scope(&self, rng: &mut ChaCha8Rng, industry: &str, fallback: &str) -> (Vec<String>, String) {
        let section = IndustryCode::parse_form(industry).ok().and_then(|c| c.parent()).map(|p| p.to_string());
        let found = self.scope_index.get(industry).or_else(|| section.and_then(|s| self.scope_index.get(&s)));
        let mut items: Vec<&str> = Vec::new();
        if let Some(found) = found {
            for _ in 0..rng.random_range(1..=3usize) {
                let code = found[rng.random_range(0..found.len())];
                if !items.contains(&code) {
                    items.push(code);
                }
            }
        }
        match shijian_core::scope::ScopeCatalogue::builtin().validate(&items) {
            Ok(selection) if !items.is_empty() => {
                (selection.codes().iter().map(|c| c.to_string()).collect(), selection.render_zh())
            }
            _ => (Vec::new(), format!("一般项目：{fallback}")),
        }
    }

    /// A name whose parts parse back as built and that the checks of a name on its own accept
    /// (a 字号 can run into the division before it: 黄石 + 港贤 reads as 黄石港 + 贤).
    fn valid_name(
        &mut self,
        rng: &mut ChaCha8Rng,
        kind: EntityKind,
        office: DivisionCode,
        place: &str,
        term: &str,
    ) -> String {
        for attempt in 0.. {
            let trade = self.trade_name(rng, office);
            let name = self.name(rng, kind, place, &trade, term);
            let (parsed, findings) = shijian_core::name::check(&name, Some(kind), Some(office));
            if attempt > 1000 {
                panic!("{name} {trade} {parsed:?} {findings:?}");
            }
            if parsed.trade_name == trade
                && !findings.iter().any(|f| f.severity == shijian_core::name::Severity::Refuse)
            {
                return name;
            }
        }
        unreachable!()
    }

    fn name(&self, rng: &mut ChaCha8Rng, kind: EntityKind, place: &str, trade: &str, term: &str) -> String {
        match kind {
            EntityKind::IndividualBusiness => {
                let form = ["店", "馆", "部", "行", "中心"][rng.random_range(0..5)];
                format!("{place}{trade}{term}{form}")
            }
            EntityKind::SoleProprietorship => {
                format!("{place}{trade}{term}{}", ["厂", "店", "中心"][rng.random_range(0..3)])
            }
            EntityKind::JointStockCompany => format!("{place}{trade}{term}股份有限公司"),
            EntityKind::GeneralPartnership => format!("{place}{trade}{term}（普通合伙）"),
            EntityKind::SpecialGeneralPartnership => format!("{place}{trade}{term}（特殊普通合伙）"),
            EntityKind::LimitedPartnership => format!("{place}{trade}{term}（有限合伙）"),
            EntityKind::Branch => format!("{place}{trade}{term}有限公司分公司"),
            EntityKind::FarmerCooperative => format!("{place}{trade}{term}专业合作社"),
            EntityKind::ForeignInvested | EntityKind::LimitedCompany => {
                if rng.random_range(0..10) == 0 {
                    format!("{trade}（{place}）{term}有限公司")
                } else {
                    format!("{place}{trade}{term}有限公司")
                }
            }
        }
    }

    /// What happened to the entity after registration, dated inside what the rules allow.
    fn history(&mut self, rng: &mut ChaCha8Rng, e: &Entity, office: DivisionCode, place: &str) -> Vec<RegistryEvent> {
        let mut out = Vec::new();
        let age = (self.as_of - e.established_on).num_days();
        if age < 30 {
            return out;
        }
        let day = |rng: &mut ChaCha8Rng, from: NaiveDate, span: i64| -> NaiveDate {
            from.checked_add_days(Days::new(rng.random_range(0..span.max(1)) as u64)).unwrap_or(from)
        };
        let mut t = e.established_on;
        let as_of = self.as_of;
        let left = move |t: NaiveDate| (as_of - t).num_days();
        // Changes and filings.
        for _ in 0..rng.random_range(0..3) {
            if rng.random_range(0..100) < 55 || left(t) < 60 {
                continue;
            }
            t = day(rng, t.checked_add_days(Days::new(30)).unwrap_or(t), left(t) - 30);
            if rng.random_range(0..3) == 0 {
                let matter = ["章程", "董事、监事、经理", "联络员", "财务负责人"][rng.random_range(0..4)];
                out.push(RegistryEvent::Filed { on: t, matter: matter.into(), detail: String::new() });
                continue;
            }
            let mut changes = Changes::default();
            match rng.random_range(0..10) {
                0..3 => {
                    changes.address =
                        Some(format!("{}新址{}号", e.address.trim_end_matches('号'), rng.random_range(1..99)))
                }
                3..6 => changes.representative = Some(Self::person(rng)),
                6..8 if e.capital.is_some() => changes.capital = Some((rng.random_range(1..100) * 10).to_string()),
                8 if e.kind != EntityKind::IndividualBusiness && e.kind != EntityKind::Branch => {
                    let term = TRADES[rng.random_range(0..TRADES.len())].0;
                    let new_name = self.valid_name(rng, e.kind, office, place, term);
                    changes.name = Some(new_name);
                }
                _ => {
                    // One more item from the catalogue, the wording rendered anew.
                    let all: Vec<&'static str> = self.scope_index.values().flatten().copied().collect();
                    let mut codes: Vec<&str> = e.scope.iter().map(String::as_str).collect();
                    codes.push(all[rng.random_range(0..all.len())]);
                    if let Ok(selection) = shijian_core::scope::ScopeCatalogue::builtin().validate(&codes) {
                        changes.scope = Some(selection.codes().iter().map(|c| c.to_string()).collect());
                        changes.scope_text = Some(selection.render_zh());
                    }
                }
            }
            if !changes.is_empty() {
                out.push(RegistryEvent::Changed { on: t, changes });
            }
        }
        // Suspension (歇业), rare.
        if rng.random_range(0..1000) < 5 && left(t) > 400 {
            let from = day(rng, t.checked_add_days(Days::new(1)).unwrap_or(t), left(t) - 400);
            let until = from.checked_add_days(Days::new(rng.random_range(90..365))).unwrap_or(from);
            out.push(RegistryEvent::Suspended { from, until });
            if until < self.as_of {
                let on = day(rng, from.checked_add_days(Days::new(30)).unwrap_or(from), (until - from).num_days() - 30);
                out.push(RegistryEvent::Resumed { on });
                t = on;
            } else {
                return out;
            }
        }
        // The end: deregistration, revocation, annulment — more likely the older the entity.
        let p_end = (age as f64 / (30.0 * 365.0)).min(1.0) * 0.45;
        if rng.random::<f64>() >= p_end || left(t) < 90 {
            return out;
        }
        let end_from = t.checked_add_days(Days::new(30)).unwrap_or(t);
        match rng.random_range(0..100) {
            0..55 => {
                let start = day(rng, end_from, left(end_from) - 45);
                if e.kind == EntityKind::IndividualBusiness {
                    out.push(RegistryEvent::Deregistered { on: start, simple: true });
                } else {
                    out.push(RegistryEvent::DeregistrationNoticed { on: start });
                    let on = start.checked_add_days(Days::new(rng.random_range(20..40))).unwrap_or(start);
                    out.push(RegistryEvent::Deregistered { on, simple: true });
                }
            }
            55..85 => {
                let on = day(rng, end_from, left(end_from));
                out.push(RegistryEvent::Deregistered { on, simple: false });
            }
            85..99 => {
                let on = day(rng, end_from, left(end_from));
                out.push(RegistryEvent::LicenceRevoked { on });
                let eligible = on.checked_add_months(chrono::Months::new(36)).unwrap_or(on);
                if eligible < self.as_of && rng.random_range(0..3) == 0 {
                    let left_after = (self.as_of - eligible).num_days();
                    if left_after > 70 {
                        let notice = day(rng, eligible, left_after - 70);
                        out.push(RegistryEvent::ForcedDeregistrationNoticed { on: notice });
                        let done = notice.checked_add_days(Days::new(rng.random_range(60..70))).unwrap_or(notice);
                        out.push(RegistryEvent::ForceDeregistered { on: done });
                    }
                }
            }
            _ => {
                let on = day(rng, end_from, left(end_from));
                out.push(RegistryEvent::RegistrationAnnulled { on });
            }
        }
        out
    }
}

impl Province {
    /// The last three years' annual reports (about 86% on time, 6% late, 8% missing and then
    /// listed, 名录办法 第六条; individual businesses marked instead), and a few serious-list
    /// entries (about 0.2% of enterprises), all decided by `shijian_core::credit`.
    fn credit(&self, rng: &mut ChaCha8Rng, e: &Entity, history: &[RegistryEvent]) -> Vec<CreditRecord> {
        use shijian_core::credit::annual::{self, AnnualReport, Contact, Count, OperatingState};
        use shijian_core::credit::lists::{self, AbnormalCause, AbnormalGround, Cure, ListState};
        let mut out = Vec::new();
        let ended = history.iter().find_map(|h| match h {
            RegistryEvent::Deregistered { on, .. }
            | RegistryEvent::RegistrationAnnulled { on }
            | RegistryEvent::LicenceRevoked { on } => Some(*on),
            _ => None,
        });
        // Entities that left by simple deregistration were never on a list (实施细则 第四十八条).
        let compliant = history.iter().any(|h| matches!(h, RegistryEvent::Deregistered { simple: true, .. }));
        let mut state = ListState::empty(e.kind);
        let push =
            |out: &mut Vec<CreditRecord>, on, kind, basis, data: serde_json::Result<serde_json::Value>, restricted| {
                if let Ok(data) = data {
                    out.push(CreditRecord { on, kind, basis, data, restricted });
                }
            };
        let first = annual::first_report_year(e.established_on).max(self.as_of.year() - 3);
        for year in first..self.as_of.year() {
            let Ok(window) = annual::report_window(year) else { continue };
            if window.opens > self.as_of || ended.is_some_and(|d| d <= window.closes) {
                break;
            }
            let report = AnnualReport {
                year,
                contact: Contact {
                    address: e.address.clone(),
                    postcode: format!("4{:05}", rng.random_range(30000..49999)),
                    phone: format!("027-{}", rng.random_range(80000000..89999999)),
                    email: None,
                },
                state: OperatingState::Operating,
                websites: Vec::new(),
                investments: Vec::new(),
                contributions: Vec::new(),
                equity_transfers: Vec::new(),
                employees: Some(Count { value: rng.random_range(1..50), published: rng.random_range(0..2) == 0 }),
                members: (e.kind == EntityKind::FarmerCooperative).then(|| rng.random_range(5..80)),
                figures: Vec::new(),
            };
            let roll = if compliant { 0 } else { rng.random_range(0..100) };
            let window_days = (window.closes - window.opens).num_days();
            let listing_day =
                window.closes.checked_add_days(Days::new(rng.random_range(10..20))).unwrap_or(window.closes);
            let filed_on = match roll {
                0..86 => Some(window.opens.checked_add_days(Days::new(rng.random_range(1..window_days) as u64))),
                86..92 => Some(listing_day.checked_add_days(Days::new(rng.random_range(10..200)))),
                _ => None,
            }
            .flatten()
            .filter(|d| *d <= self.as_of && ended.is_none_or(|end| *d < end));
            if roll >= 86 && listing_day <= self.as_of && ended.is_none_or(|end| listing_day < end) {
                let cause = AbnormalCause::AnnualReportMissing { year };
                if let Ok(d) = lists::decide(&state, &lists::Command::ListAbnormal { cause, on: listing_day }) {
                    push(&mut out, listing_day, d.kind, d.basis, serde_json::to_value(&d.data), false);
                    state = d.next;
                }
            }
            if let Some(filed_on) = filed_on {
                if let Ok(filing) = annual::file_report(&report, e.kind, e.established_on, false, filed_on) {
                    push(
                        &mut out,
                        filed_on,
                        filing.public.kind,
                        filing.public.basis,
                        serde_json::to_value(&filing.public.data),
                        false,
                    );
                    if let Some(r) = filing.restricted {
                        push(&mut out, filed_on, r.kind, r.basis, serde_json::to_value(&r.data), true);
                    }
                }
                // A late report cures the listing: removal within 5 workdays of it (名录办法).
                let command = lists::Command::RemoveAbnormal {
                    ground: AbnormalGround::AnnualReportMissing,
                    report_year: Some(year),
                    on: filed_on.checked_add_days(Days::new(3)).unwrap_or(filed_on),
                    cure: Cure::ReportFiled { year },
                };
                if filed_on.checked_add_days(Days::new(3)).is_some_and(|d| d <= self.as_of)
                    && let Ok(d) = lists::decide(&state, &command)
                {
                    push(
                        &mut out,
                        filed_on.checked_add_days(Days::new(3)).unwrap_or(filed_on),
                        d.kind,
                        d.basis,
                        serde_json::to_value(&d.data),
                        false,
                    );
                    state = d.next;
                }
            }
        }
        // The serious list, for a heavier penalty (总局令第44号 第二条): 3 years, then removed.
        if e.kind != EntityKind::IndividualBusiness && !compliant && rng.random_range(0..1000) < 2 {
            use lists::{HeavierPenalty, SeriousGround, SeriousRemoval};
            let grounds = [
                SeriousGround::FoodSafety,
                SeriousGround::QualitySafety,
                SeriousGround::ConsumerRights,
                SeriousGround::FairCompetition,
            ];
            let ground = grounds[rng.random_range(0..grounds.len())];
            let from = e.established_on.max(self.as_of.checked_sub_days(Days::new(5 * 365)).unwrap_or(self.as_of));
            let span = (self.as_of - from).num_days();
            let on = from.checked_add_days(Days::new(rng.random_range(0..span.max(1)) as u64)).unwrap_or(from);
            if ended.is_none_or(|end| on < end) {
                let command = lists::Command::ListSerious {
                    ground,
                    penalty: Some(HeavierPenalty::AggravatedFine),
                    decision: Some(format!("鄂市监处罚〔{}〕{}号", on.year(), rng.random_range(1..999))),
                    on,
                    tier: shijian_core::Tier::Prefecture,
                    upper_level_consent: true,
                };
                if let Ok(d) = lists::decide(&state, &command) {
                    push(&mut out, on, d.kind, d.basis, serde_json::to_value(&d.data), false);
                    state = d.next;
                    if let Some(entry) = state.serious.last().cloned()
                        && let Some(next_day) = entry.ends_on.succ_opt()
                        && next_day <= self.as_of
                    {
                        let command = lists::Command::RemoveSerious {
                            ground,
                            listed_on: entry.listed_on,
                            on: next_day,
                            removal: SeriousRemoval::TermEnded,
                        };
                        if let Ok(d) = lists::decide(&state, &command) {
                            push(&mut out, next_day, d.kind, d.basis, serde_json::to_value(&d.data), false);
                        }
                    }
                }
            }
        }
        out.sort_by_key(|r| r.on);
        out
    }
}

impl Iterator for Province {
    type Item = Synthetic;
    fn next(&mut self) -> Option<Synthetic> {
        Some(self.next_entity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shijian_core::entity::apply;
    use shijian_core::registry::{Command, Encumbrances, decide};

    fn as_of() -> NaiveDate {
        shijian_core::parse_date("2026-11-28").unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_province() {
        let a: Vec<String> = Province::new(7, as_of()).take(300).map(|s| format!("{:?}", s)).collect();
        let b: Vec<String> = Province::new(7, as_of()).take(300).map(|s| format!("{:?}", s)).collect();
        let c: Vec<String> = Province::new(8, as_of()).take(300).map(|s| format!("{:?}", s)).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    /// Codes are valid for their office and kind (GB 32100-2015), unique, and issued in
    /// sequence within an office: `MA` codes since 2016, 8-digit organisation codes before.
    #[test]
    fn codes_are_unique_and_rise_within_an_office() {
        let mut seen = HashSet::new();
        let mut last: HashMap<(String, bool), String> = HashMap::new();
        for s in Province::new(11, as_of()).take(5_000) {
            let code = s.entity.uscc.as_str().to_string();
            assert!(seen.insert(code.clone()), "{code} twice");
            assert_eq!(&code[2..8], s.entity.authority.to_string(), "{code}");
            assert_eq!(code.as_bytes()[1] as char, s.entity.kind.uscc_category(), "{code}");
            let body = code[8..16].to_string();
            let recent = s.entity.established_on.year() >= 2016;
            assert_eq!(body.starts_with("MA"), recent, "{code}");
            let key = (code[2..8].to_string(), recent);
            if let Some(prev) = last.insert(key, body.clone()) {
                assert!(body > prev, "{body} after {prev}");
            }
        }
    }

    /// Every entity is valid on its own, its name passes the checks of a name on its own, and
    /// its whole history is accepted by the registry's rules.
    #[test]
    fn entities_and_histories_follow_the_rules() {
        let mut kinds = std::collections::HashMap::new();
        let mut ended = 0;
        for s in Province::new(1, as_of()).take(5000) {
            s.entity.validate().unwrap_or_else(|e| panic!("{:?}: {e}", s.entity));
            let (_, findings) =
                shijian_core::name::check(&s.entity.name, Some(s.entity.kind), Some(s.entity.authority));
            let refusals: Vec<_> =
                findings.iter().filter(|f| f.severity == shijian_core::name::Severity::Refuse).collect();
            assert!(refusals.is_empty(), "{}: {refusals:?}", s.entity.name);
            *kinds.entry(s.entity.kind).or_insert(0) += 1;
            let mut state =
                apply(None, &RegistryEvent::Registered { entity: s.entity.clone(), reservation: None }).unwrap();
            for ev in &s.history {
                let command = match ev {
                    RegistryEvent::Suspended { from, until } => Some(Command::Suspend { from: *from, until: *until }),
                    RegistryEvent::Resumed { on } => Some(Command::Resume { on: *on }),
                    RegistryEvent::DeregistrationNoticed { on } => Some(Command::StartSimpleDeregistration { on: *on }),
                    RegistryEvent::Deregistered { on, simple: true } => Some(Command::SimpleDeregister { on: *on }),
                    RegistryEvent::Deregistered { on, simple: false } => Some(Command::Deregister { on: *on }),
                    RegistryEvent::LicenceRevoked { on } => Some(Command::Revoke { on: *on }),
                    RegistryEvent::RegistrationAnnulled { on } => Some(Command::Annul { on: *on }),
                    RegistryEvent::ForcedDeregistrationNoticed { on } => {
                        Some(Command::NoticeForcedDeregistration { on: *on })
                    }
                    RegistryEvent::ForceDeregistered { on } => Some(Command::ForceDeregister { on: *on }),
                    _ => None,
                };
                if let Some(c) = command {
                    decide(Some(&state.lifecycle()), &c, &Encumbrances::default())
                        .unwrap_or_else(|e| panic!("{}: {c:?}: {e}", s.entity.name));
                }
                assert!(ev.effective_on() <= as_of() || matches!(ev, RegistryEvent::Suspended { .. }));
                state = apply(Some(state), ev).unwrap();
            }
            if state.ended_on.is_some() {
                ended += 1;
            }
        }
        let ib = kinds[&EntityKind::IndividualBusiness];
        assert!((3000..3700).contains(&ib), "individual businesses: {ib}");
        assert!((300..1200).contains(&ended), "ended: {ended}");
    }
}
