//! Name checks that agree wherever they are made, cost little, and see through invisible
//! characters — on both backends.

use crate::support::{at, d, office};
use shijian_app::Registry;
use shijian_core::entity::{Changes, Entity};
use shijian_core::event::{Actor, Role};
use shijian_core::registry::EntityKind;
use shijian_core::{Code, IndustryCode, Uscc};
use shijian_store::Store;

shijian_store::conformance!(
    the_public_check_the_registrars_check_and_registration_agree,
    a_change_of_name_to_a_same_sounding_name_warns,
    a_national_word_is_refused_for_itself,
    an_overlong_name_is_refused_before_any_work,
    invisible_characters_are_refused_in_registered_text,
);

const NAME: &str = "武汉园华汽车服务有限公司";

fn registrar(code: &str) -> Actor {
    Actor { role: Role::Registrar, office: Some(office(code)), pseudonym: Some("s-1".into()) }
}

fn company(n: u32, name: &str, authority: &str) -> Entity {
    let kind = EntityKind::LimitedCompany;
    Entity {
        uscc: Uscc::compose('9', kind.uscc_category(), authority, &format!("MA{n:06}")).unwrap(),
        name: name.into(),
        kind,
        representative: "李四".into(),
        capital: Some("100".into()),
        currency: "CNY".into(),
        established_on: d("2020-03-02"),
        authority: office(authority),
        address: "武汉市洪山区珞喻路1号".into(),
        scope: vec![],
        scope_text: "一般项目：汽车维修".into(),
        industry: Some(IndustryCode::parse_form("81").unwrap()),
        parent: None,
    }
}

async fn registered(store: &Store, e: Entity) {
    let office = e.authority.to_string();
    Registry::new(store).register(&registrar(&office), e, None, d("2026-11-28"), at("2026-11-28")).await.unwrap();
}

/// A name stating 武汉, registered by a district office (洪山区, 420111), is refused wherever
/// it is checked: by the public with no office, under the city's office, under the district's,
/// and on registration or reservation by any office of the city (企业名称登记管理规定 第十七条;
/// the comparison covers the division the name states and the offices below it).
async fn the_public_check_the_registrars_check_and_registration_agree(store: Store) {
    store.migrate().await.unwrap();
    registered(&store, company(1, NAME, "420111")).await;
    let registry = Registry::new(&store);
    let today = d("2026-11-29");
    for office_given in [None, Some(office("420100")), Some(office("420111")), Some(office("420102"))] {
        let c = registry.check_name(NAME, None, office_given, today).await.unwrap();
        assert_eq!(c.verdict.as_str(), "refuse", "{office_given:?}: {:?}", c.findings);
        assert!(c.findings.iter().any(|f| f.rule == "identical"), "{:?}", c.findings);
        assert_eq!(c.authority, Some(office("420100")));
    }
    // The same name written with a space or full-width letters is the same name.
    let c = registry.check_name("武汉　园华汽车服务有限公司", None, None, today).await.unwrap();
    assert_eq!(c.verdict.as_str(), "refuse", "{:?}", c.findings);
    let size = store.log_size().await.unwrap();
    for by in ["420111", "420102", "420100"] {
        let e =
            registry.register(&registrar(by), company(2, NAME, by), None, today, at("2026-11-29")).await.unwrap_err();
        assert_eq!(e.code(), Code::RegistryNameRefused, "{by}");
        let e = registry
            .reserve_name(&registrar(by), NAME, EntityKind::LimitedCompany, office(by), today, at("2026-11-29"))
            .await
            .unwrap_err();
        assert_eq!(e.code(), Code::RegistryNameRefused, "{by}");
    }
    assert_eq!(store.log_size().await.unwrap(), size);
    // Another city's name of the same words is another division's: no conflict.
    let c = registry.check_name("黄石园华汽车服务有限公司", None, None, today).await.unwrap();
    assert_eq!(c.verdict.as_str(), "accept", "{:?}", c.findings);
}

/// A registrar's change of name to a homophone of a firm in the same district passes with the
/// warning (企业名称相同相近比对规则: same-sounding trade names are similar; 规定 第十六条).
async fn a_change_of_name_to_a_same_sounding_name_warns(store: Store) {
    store.migrate().await.unwrap();
    registered(&store, company(1, NAME, "420111")).await;
    let other = company(2, "武汉星辰汽车服务有限公司", "420111");
    registered(&store, other.clone()).await;
    let changes = Changes { name: Some("武汉元华汽车服务有限公司".into()), ..Changes::default() };
    let (check, _) = Registry::new(&store)
        .change(&registrar("420111"), other.uscc.as_str(), d("2026-11-29"), changes, at("2026-11-29"))
        .await
        .unwrap();
    let check = check.expect("a change of name is checked");
    assert_eq!(check.verdict.as_str(), "warn");
    assert!(check.findings.iter().any(|f| f.rule == "same_sounding_trade_name"), "{:?}", check.findings);
    // A change that does not touch the name has no name check.
    let changes = Changes { address: Some("武汉市洪山区珞喻路2号".into()), ..Changes::default() };
    let (check, _) = Registry::new(&store)
        .change(&registrar("420111"), other.uscc.as_str(), d("2026-11-30"), changes, at("2026-11-30"))
        .await
        .unwrap();
    assert!(check.is_none());
}

/// 企业名称登记管理规定 第十二条: a name starting with 中华 (or 中国, 国家 …) is refused for the
/// national word, not for the missing division; a name without a division checked without an
/// office asks for the office, in words the public understands.
async fn a_national_word_is_refused_for_itself(store: Store) {
    store.migrate().await.unwrap();
    let registry = Registry::new(&store);
    let c = registry.check_name("中华园华汽车服务有限公司", None, None, d("2026-11-29")).await.unwrap();
    assert_eq!(c.verdict.as_str(), "refuse");
    assert!(c.findings.iter().any(|f| f.rule == "national_prefix"), "{:?}", c.findings);
    assert_eq!(c.authority, None);
    let e = registry.check_name("园华汽车服务有限公司", None, None, d("2026-11-29")).await.unwrap_err();
    assert_eq!(e.code(), Code::NameNoDivision);
    for lang in [shijian_core::Lang::Zh, shijian_core::Lang::En] {
        assert!(!e.message(lang).contains("--"), "{}", e.message(lang));
    }
}

/// A 1,200-character name is refused with a typed error before any comparison, and the keys a
/// name is looked up under stay bounded for the longest name accepted.
async fn an_overlong_name_is_refused_before_any_work(store: Store) {
    store.migrate().await.unwrap();
    let registry = Registry::new(&store);
    let long = format!("武汉{}汽车服务有限公司", "园华".repeat(597));
    assert_eq!(long.chars().count(), 1_204);
    let e = registry.check_name(&long, None, None, d("2026-11-29")).await.unwrap_err();
    assert_eq!((e.code(), e.detail("field")), (Code::RegistryField, Some("name")));
    let e = registry
        .reserve_name(
            &registrar("420111"),
            &long,
            EntityKind::LimitedCompany,
            office("420111"),
            d("2026-11-29"),
            at("2026-11-29"),
        )
        .await
        .unwrap_err();
    assert_eq!(e.code(), Code::RegistryField);
    // The longest accepted name: a bounded number of keys, and a verdict.
    let longest = format!("武汉{}汽车服务有限公司", "园华重行长乐".repeat(16).chars().take(90).collect::<String>());
    assert_eq!(longest.chars().count(), shijian_core::entity::MAX_NAME_CHARS);
    let parsed = shijian_core::name::check(&longest, None, None).0;
    let keys = shijian_text::names::query_keys(shijian_text::Text::shared().unwrap(), &parsed);
    assert!(keys.len() <= shijian_text::names::MAX_QUERY_KEYS, "{}", keys.len());
    registry.check_name(&longest, None, None, d("2026-11-29")).await.unwrap();
}

/// Invisible format characters (Cf: zero-width spaces, word joiners, bidi controls) are refused
/// in names — registration, change of name, name check, reservation — and in the other
/// registered text (address, representative, scope text, filings).
async fn invisible_characters_are_refused_in_registered_text(store: Store) {
    store.migrate().await.unwrap();
    registered(&store, company(1, NAME, "420111")).await;
    let registry = Registry::new(&store);
    let size = store.log_size().await.unwrap();
    let today = d("2026-11-29");
    let when = at("2026-11-29");
    let r = registrar("420111");
    for c in ['\u{200B}', '\u{2060}', '\u{202E}', '\u{FEFF}'] {
        let look_alike = format!("武汉园{c}华汽车服务有限公司");
        let code = |e: shijian_core::Error| e.code();
        assert_eq!(code(registry.check_name(&look_alike, None, None, today).await.unwrap_err()), Code::TextFormatChar);
        let e = registry
            .reserve_name(&r, &look_alike, EntityKind::LimitedCompany, office("420111"), today, when)
            .await
            .unwrap_err();
        assert_eq!(code(e), Code::TextFormatChar);
        let e = registry.register(&r, company(2, &look_alike, "420111"), None, today, when).await.unwrap_err();
        assert_eq!(code(e), Code::TextFormatChar);
        let mut e2 = company(3, "武汉星辰汽车服务有限公司", "420111");
        e2.address = format!("武汉市洪山区珞喻路{c}1号");
        assert_eq!(code(registry.register(&r, e2, None, today, when).await.unwrap_err()), Code::TextFormatChar);
        let mut e3 = company(4, "武汉星辰汽车服务有限公司", "420111");
        e3.representative = format!("王{c}五");
        assert_eq!(code(registry.register(&r, e3, None, today, when).await.unwrap_err()), Code::TextFormatChar);
        let mut e4 = company(5, "武汉星辰汽车服务有限公司", "420111");
        e4.scope_text = format!("一般项目：{c}汽车维修");
        assert_eq!(code(registry.register(&r, e4, None, today, when).await.unwrap_err()), Code::TextFormatChar);
        let uscc = company(1, NAME, "420111").uscc;
        for changes in [
            Changes { name: Some(format!("武汉星{c}辰汽车服务有限公司")), ..Changes::default() },
            Changes { address: Some(format!("武汉市{c}洪山区")), ..Changes::default() },
            Changes { representative: Some(format!("赵{c}六")), ..Changes::default() },
        ] {
            let e = registry.change(&r, uscc.as_str(), today, changes, when).await.unwrap_err();
            assert_eq!(code(e), Code::TextFormatChar);
        }
        let e = registry.file(&r, uscc.as_str(), today, "章程", &format!("修改{c}章程"), when).await.unwrap_err();
        assert_eq!(code(e), Code::TextFormatChar);
    }
    assert_eq!(store.log_size().await.unwrap(), size);
}
