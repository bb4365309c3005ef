//! Accounts, passwords and tokens (网络安全法 第二十一条; GB/T 22239-2019): on both backends.

use chrono::Duration;
use shijian_app::accounts::Accounts;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::{Code, Uscc};
use shijian_store::Store;

use crate::support::{at, office};

shijian_store::conformance!(
    accounts_are_events_and_only_administrators_create_them,
    sign_in_locks_after_five_failures_and_records_refusals,
    tokens_stand_for_their_account_until_it_is_disabled,
    accounts_without_a_password_sign_in_once_one_is_set,
    concurrent_wrong_passwords_lock_and_a_right_one_among_them_clears_nothing,
    password_checks_are_bounded,
    staff_act_under_a_drawn_pseudonym_that_sign_ins_and_rebuilds_keep,
    accounts_created_without_a_pseudonym_get_one_derived_from_their_event,
);

const PASSWORD: &str = "hubei2026market";

fn staff(username: &str, role: Role, code: &str) -> Account {
    Account {
        username: username.into(),
        role,
        office: Some(office(code)),
        uscc: None,
        display_name: "王丽".into(),
        disabled: false,
        // Given, so that the accounts read back compare equal; see the tests of drawing below.
        pseudonym: shijian_core::account::derived_pseudonym(username),
    }
}

async fn accounts_are_events_and_only_administrators_create_them(store: Store) {
    store.migrate().await.unwrap();
    let accounts = Accounts::new(&store);
    let system = Actor::system();
    let admin = staff("admin.wuhan", Role::Administrator, "420100");
    let receipt = accounts.create(&system, admin.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let event = store.event_by_index(receipt.index).await.unwrap();
    assert_eq!(event.kind, "access.account_created");
    assert_eq!(event.subject.as_deref(), Some("account/admin.wuhan"));
    assert!(!event.is_public_on(crate::support::d("2026-11-02")), "account events are restricted");
    assert!(!event.record.contains("argon2"), "the password's hash is not in the journal");
    assert_eq!(store.account("admin.wuhan").await.unwrap(), Some(admin.clone()));
    let cred = store.credential("admin.wuhan").await.unwrap().unwrap();
    assert!(cred.password.starts_with("$argon2id$"), "{}", cred.password);

    let size = store.log_size().await.unwrap();
    let by_admin = admin.actor();
    // Inside Wuhan: yes. Yichang, a duplicate, a weak password, a registrar creating: no.
    accounts
        .create(&by_admin, staff("li.hongshan", Role::Registrar, "420111"), PASSWORD, at("2026-11-02"))
        .await
        .unwrap();
    let size = size + 1;
    for (a, pw, code) in [
        (staff("zhao.yichang", Role::Registrar, "420500"), PASSWORD, Code::AccessDenied),
        (staff("li.hongshan", Role::Inspector, "420111"), PASSWORD, Code::AccountExists),
        (staff("qian.wuchang", Role::Inspector, "420106"), "short1", Code::PasswordWeak),
        (staff("Bad Name", Role::Inspector, "420106"), PASSWORD, Code::AccountInvalid),
    ] {
        let e = accounts.create(&by_admin, a, pw, at("2026-11-02")).await.unwrap_err();
        assert_eq!(e.code(), code);
    }
    let registrar = staff("li.hongshan", Role::Registrar, "420111").actor();
    let e = accounts.create(&registrar, staff("sun.x", Role::Inspector, "420111"), PASSWORD, at("2026-11-02")).await;
    assert_eq!(e.unwrap_err().code(), Code::AccessDenied);
    assert_eq!(store.log_size().await.unwrap(), size, "refused creations append nothing");
    // An enterprise account acts as its entity.
    let uscc = Uscc::compose('9', '1', "420111", "MA000001").unwrap();
    let ent = Account {
        username: "hongguang".into(),
        role: Role::Enterprise,
        office: None,
        uscc: Some(uscc),
        display_name: "武汉红光餐饮有限公司".into(),
        disabled: false,
        pseudonym: String::new(),
    };
    accounts.create(&by_admin, ent.clone(), PASSWORD, at("2026-11-02")).await.unwrap();
    assert_eq!(ent.actor().pseudonym.as_deref(), Some(uscc.as_str()));
    // The projection is rebuilt from the journal like the others.
    store.rebuild_projections().await.unwrap();
    assert_eq!(store.account("hongguang").await.unwrap(), Some(ent));
    // Every projection table is what the journal gives.
    shijian_store::testing::assert_rebuild_reproduces(&store).await;
}

async fn sign_in_locks_after_five_failures_and_records_refusals(store: Store) {
    store.migrate().await.unwrap();
    let accounts = Accounts::new(&store);
    let a = staff("wang.li", Role::CreditOfficer, "420111");
    accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let now = at("2026-11-03");
    assert_eq!(accounts.sign_in("wang.li", PASSWORD, Some("10.0.0.1"), now).await.unwrap(), a);
    // An unknown user and a wrong password get the same answer.
    let e = accounts.sign_in("nobody", PASSWORD, Some("10.0.0.1"), now).await.unwrap_err();
    assert_eq!(e.code(), Code::SignInFailed);
    for _ in 0..4 {
        let e = accounts.sign_in("wang.li", "wrong-password-1", Some("10.0.0.2"), now).await.unwrap_err();
        assert_eq!(e.code(), Code::SignInFailed);
    }
    // A success in between would clear the count; here the fifth failure locks.
    let e = accounts.sign_in("wang.li", "wrong-password-1", Some("10.0.0.2"), now).await.unwrap_err();
    assert_eq!(e.code(), Code::SignInFailed);
    let e = accounts.sign_in("wang.li", PASSWORD, Some("10.0.0.2"), now + Duration::minutes(1)).await.unwrap_err();
    assert_eq!(e.code(), Code::SignInFailed, "locked: even the right password is refused, like an unknown user");
    assert_eq!(accounts.sign_in("wang.li", PASSWORD, None, now + Duration::minutes(16)).await.unwrap(), a);
    let refusals = store.refusals(100).await.unwrap();
    assert_eq!(refusals.len(), 7, "{refusals:?}");
    assert_eq!(refusals[0].code, "account_locked");
    assert_eq!(refusals[0].who.as_deref(), Some("wang.li"));
    assert_eq!(refusals[0].client.as_deref(), Some("10.0.0.2"));
    assert!(refusals.iter().any(|r| r.who.as_deref() == Some("nobody")));
}

async fn tokens_stand_for_their_account_until_it_is_disabled(store: Store) {
    store.migrate().await.unwrap();
    let accounts = Accounts::new(&store);
    let a = staff("sys.partner", Role::ComplaintHandler, "420100");
    accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let now = at("2026-11-03");
    let token = accounts.issue_token(&a, "12345 hotline", Some(Duration::days(30)), now).await.unwrap();
    assert!(token.starts_with("sjt_") && token.len() == 4 + 64);
    assert_eq!(accounts.authenticate(&token, None, now).await.unwrap(), a);
    // Expired, unknown.
    let e = accounts.authenticate(&token, None, now + Duration::days(31)).await.unwrap_err();
    assert_eq!(e.code(), Code::TokenInvalid);
    assert_eq!(accounts.authenticate("sjt_0000", None, now).await.unwrap_err().code(), Code::TokenInvalid);
    // Disabled: its tokens stop and it cannot sign in.
    accounts.disable(&Actor::system(), "sys.partner", "合作终止", now).await.unwrap();
    assert_eq!(accounts.authenticate(&token, None, now).await.unwrap_err().code(), Code::TokenInvalid);
    let e = accounts.sign_in("sys.partner", PASSWORD, None, now).await.unwrap_err();
    assert_eq!(e.code(), Code::SignInFailed);
    assert!(store.account("sys.partner").await.unwrap().unwrap().disabled);
}

async fn accounts_without_a_password_sign_in_once_one_is_set(store: Store) {
    store.migrate().await.unwrap();
    let accounts = Accounts::new(&store);
    let admin = staff("admin.wuhan", Role::Administrator, "420100");
    accounts.create(&Actor::system(), admin.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let crew = [staff("insp.420111.01", Role::Inspector, "420111"), staff("insp.420111.02", Role::Inspector, "420111")];
    // Outside the administrator's office, or a name taken: nothing is created.
    let yichang = [staff("insp.420502.01", Role::Inspector, "420502")];
    let e = accounts.create_without_password(&admin.actor(), &yichang, at("2026-11-02")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let twice = [crew[0].clone(), crew[0].clone()];
    let e = accounts.create_without_password(&admin.actor(), &twice, at("2026-11-02")).await.unwrap_err();
    assert_eq!(e.code(), Code::AccountExists);
    let size = store.log_size().await.unwrap();
    accounts.create_without_password(&admin.actor(), &crew, at("2026-11-02")).await.unwrap();
    assert_eq!(store.log_size().await.unwrap(), size + 2);
    assert_eq!(store.account("insp.420111.02").await.unwrap(), Some(crew[1].clone()));
    let now = chrono::Utc::now();
    let e = accounts.sign_in("insp.420111.01", PASSWORD, None, now).await.unwrap_err();
    assert_eq!(e.code(), Code::SignInFailed, "no password yet");
    let outsider = staff("admin.yichang", Role::Administrator, "420500");
    let e = accounts.set_password(&outsider.actor(), "insp.420111.01", PASSWORD, now).await.unwrap_err();
    assert_eq!(e.code(), Code::AccessDenied);
    let e = accounts.set_password(&admin.actor(), "insp.420111.01", "short1", now).await.unwrap_err();
    assert_eq!(e.code(), Code::PasswordWeak);
    accounts.set_password(&admin.actor(), "insp.420111.01", PASSWORD, now).await.unwrap();
    assert_eq!(accounts.sign_in("insp.420111.01", PASSWORD, None, now).await.unwrap(), crew[0]);
}

async fn concurrent_wrong_passwords_lock_and_a_right_one_among_them_clears_nothing(store: Store) {
    store.migrate().await.unwrap();
    let accounts = Accounts::new(&store);
    let a = staff("wang.li", Role::CreditOfficer, "420111");
    accounts.create(&Actor::system(), a.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let now = at("2026-11-03");
    // 20 wrong passwords at once, the right one second among them.
    let mut set = tokio::task::JoinSet::new();
    for i in 0..20 {
        let store = store.clone();
        set.spawn(async move {
            let pw = if i == 1 { PASSWORD } else { "wrong-password-1" };
            Accounts::new(&store).sign_in("wang.li", pw, Some("10.0.0.9"), now).await
        });
    }
    let results = set.join_all().await;
    for r in &results {
        if let Err(e) = r {
            assert!(matches!(e.code(), Code::SignInFailed | Code::TooBusy), "{e:?}");
        }
    }
    let cred = store.credential("wang.li").await.unwrap().unwrap();
    assert!(cred.failures >= shijian_core::account::LOCK_AFTER_FAILURES, "{cred:?}");
    assert!(cred.locked_until.is_some(), "the burst locked the account: {cred:?}");
    // Locked now: the right password is refused, as an unknown user is.
    let e = accounts.sign_in("wang.li", PASSWORD, None, now + Duration::minutes(1)).await.unwrap_err();
    assert_eq!(e.code(), Code::SignInFailed);
    // At most five wrong passwords in a row were checked before the lock; the rest were
    // counted and refused. The right password ends a run only when no attempt was counted
    // after it (then it is a sign-in like any other, and the wrong ones counted before it,
    // at most four, do not carry over): never more than 4 + 5 checks, whatever the order in
    // which the tasks ran, and 5 when it lands inside the burst.
    let refusals = store.refusals(100).await.unwrap();
    let checked = refusals.iter().filter(|r| r.code == "sign_in_failed").count();
    let most = 2 * shijian_core::account::LOCK_AFTER_FAILURES as usize - 1;
    assert!(checked <= most, "{checked} wrong passwords were checked");
    assert!(refusals.iter().any(|r| r.code == "account_locked"));
    assert_eq!(accounts.sign_in("wang.li", PASSWORD, None, now + Duration::minutes(16)).await.unwrap(), a);
}

async fn password_checks_are_bounded(store: Store) {
    store.migrate().await.unwrap();
    // 200 sign-ins at once (unknown users: each still costs a full check): two run, eight
    // wait, the rest are refused as too busy.
    let checks = shijian_app::accounts::PasswordChecks::new(2, 8, std::time::Duration::from_secs(30));
    let mut set = tokio::task::JoinSet::new();
    for i in 0..200 {
        let (store, checks) = (store.clone(), checks.clone());
        set.spawn(async move {
            let accounts = Accounts::with_checks(&store, checks);
            accounts.sign_in(&format!("nobody.{i}"), PASSWORD, None, at("2026-11-03")).await
        });
    }
    let results = set.join_all().await;
    let busy = results.iter().filter(|r| r.as_ref().is_err_and(|e| e.code() == Code::TooBusy)).count();
    let failed = results.iter().filter(|r| r.as_ref().is_err_and(|e| e.code() == Code::SignInFailed)).count();
    assert_eq!(busy + failed, 200);
    assert!(busy >= 150, "{busy} refused");
    assert!((2..=50).contains(&failed), "{failed} checked");
    assert!(checks.peak() <= 2, "{} checks at once", checks.peak());
}

async fn staff_act_under_a_drawn_pseudonym_that_sign_ins_and_rebuilds_keep(store: Store) {
    store.migrate().await.unwrap();
    let accounts = Accounts::new(&store);
    let new = Account { pseudonym: String::new(), ..staff("wang.li", Role::Supervisor, "420111") };
    let receipt = accounts.create(&Actor::system(), new.clone(), PASSWORD, at("2026-11-01")).await.unwrap();
    let stored = store.account("wang.li").await.unwrap().unwrap();
    assert!(shijian_core::account::is_pseudonym(&stored.pseudonym), "{}", stored.pseudonym);
    assert_eq!(stored, Account { pseudonym: stored.pseudonym.clone(), ..new.clone() });
    let event = store.event_by_index(receipt.index).await.unwrap();
    assert!(event.record.contains(&stored.pseudonym), "recorded in the restricted event: {}", event.record);
    let actor = stored.actor();
    assert_eq!(actor.pseudonym.as_deref(), Some(stored.pseudonym.as_str()));
    assert!(!actor.pseudonym.as_deref().unwrap().contains("wang"));
    // Signing in, with a token, and after a rebuild: the same pseudonym.
    let now = at("2026-11-03");
    assert_eq!(accounts.sign_in("wang.li", PASSWORD, None, now).await.unwrap().actor(), actor);
    let token = accounts.issue_token(&stored, "t", None, now).await.unwrap();
    assert_eq!(accounts.authenticate(&token, None, now).await.unwrap().actor(), actor);
    store.rebuild_projections().await.unwrap();
    assert_eq!(store.account("wang.li").await.unwrap(), Some(stored.clone()));
    // Another account draws another pseudonym; a given one of the wrong form is refused.
    let other = Account { pseudonym: String::new(), ..staff("li.na", Role::Supervisor, "420111") };
    accounts.create(&Actor::system(), other, PASSWORD, now).await.unwrap();
    assert_ne!(store.account("li.na").await.unwrap().unwrap().pseudonym, stored.pseudonym);
    let bad = Account { pseudonym: "zhao.yun".into(), ..staff("zhao.yun", Role::Supervisor, "420111") };
    let e = accounts.create(&Actor::system(), bad, PASSWORD, now).await.unwrap_err();
    assert_eq!(e.code(), Code::AccountInvalid);
}

async fn accounts_created_without_a_pseudonym_get_one_derived_from_their_event(store: Store) {
    store.migrate().await.unwrap();
    // An account created before pseudonyms were drawn: its data has none.
    let data = serde_json::json!({
        "username": "old.hand", "role": "inspector", "office": "420111", "uscc": null,
        "display_name": "老员工", "disabled": false,
    });
    let event = shijian_core::event::NewEvent {
        kind: shijian_core::account::KIND_ACCOUNT_CREATED.into(),
        subject: Some(Account::subject("old.hand")),
        occurred_at: at("2026-01-05"),
        actor: Actor::system(),
        basis: shijian_core::account::BASIS.into(),
        data,
        publicity: shijian_core::event::Publicity::Restricted,
    };
    let receipt = store.append(&[event]).await.unwrap().remove(0);
    let id = store.event_by_index(receipt.index).await.unwrap().id;
    let expected = shijian_core::account::derived_pseudonym(&id);
    let a = store.account("old.hand").await.unwrap().unwrap();
    assert_eq!(a.pseudonym, expected);
    assert_eq!(a.actor().pseudonym.as_deref(), Some(expected.as_str()));
    Accounts::new(&store).disable(&Actor::system(), "old.hand", "退休", at("2026-02-01")).await.unwrap();
    store.rebuild_projections().await.unwrap();
    let a = store.account("old.hand").await.unwrap().unwrap();
    assert_eq!((a.pseudonym.as_str(), a.disabled), (expected.as_str(), true), "stable across a rebuild");
}
