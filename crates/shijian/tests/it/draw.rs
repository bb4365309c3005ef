//! `shijian draw list` and `shijian draw verify` on a data directory holding a drawn plan:
//! `match` for the draw as recorded, the first difference and exit 1 for a tampered task.

use shijian_app::accounts::Accounts;
use shijian_app::inspection::Inspections;
use shijian_core::account::Account;
use shijian_core::event::{Actor, Role};
use shijian_core::inspection::plan::{Ratios, Scope};
use shijian_core::inspection::pool::InspectorRecord;
use shijian_core::inspection::{PlanSpec, hex, seed};
use shijian_core::{DivisionCode, parse_date};
use shijian_ledger::note::{Signer, TYPE_ED25519};
use shijian_store::Store;

use crate::shijian_in;

fn at(day: &str) -> chrono::DateTime<chrono::Utc> {
    parse_date(day).unwrap().and_hms_opt(2, 0, 0).unwrap().and_utc()
}

/// 200 synthetic entities, two certified inspectors, a key-item plan drawn; returns its id.
async fn drawn_plan(store: &Store) -> String {
    store.migrate().await.unwrap();
    let mut province = shijian_synth::Province::new(7, parse_date("2026-06-30").unwrap());
    let mut events = Vec::new();
    for _ in 0..200 {
        let s = province.next_entity();
        let actor = Actor { role: Role::Registrar, office: Some(s.entity.authority), pseudonym: Some("r-1".into()) };
        let subject = s.entity.uscc.to_string();
        let registered = shijian_core::entity::RegistryEvent::Registered { entity: s.entity, reservation: None };
        for e in std::iter::once(&registered).chain(&s.history) {
            events.push(shijian_app::registry::new_event(&actor, e, Some(&subject), at(&e.effective_on().to_string())));
        }
    }
    store.append(&events).await.unwrap();
    let hubei = DivisionCode::parse("420000").unwrap();
    let accounts = Accounts::new(store);
    for (name, role) in [("witness", Role::Supervisor), ("insp.a", Role::Inspector), ("insp.b", Role::Inspector)] {
        let a = Account {
            username: name.into(),
            role,
            office: Some(hubei),
            uscc: None,
            display_name: "测试".into(),
            disabled: false,
            pseudonym: String::new(),
        };
        accounts.create(&Actor::system(), a, "hubei2026market", at("2026-07-01")).await.unwrap();
    }
    let me = Inspections::new(store);
    let system = Actor::system();
    for name in ["insp.a", "insp.b"] {
        let r = InspectorRecord {
            pseudonym: name.into(),
            office: hubei,
            department: "市场监管".into(),
            certified: true,
            available: true,
        };
        me.enroll(&system, r, at("2026-07-01")).await.unwrap();
    }
    let spec = PlanSpec {
        id: String::new(),
        title: "特种设备使用单位检查".into(),
        office: hubei,
        starts_on: parse_date("2026-07-06").unwrap(),
        ends_on: parse_date("2026-12-31").unwrap(),
        items: vec!["SC-05".into()],
        scope: Scope::default(),
        ratios: Ratios::ALL,
        trigger: None,
        team_size: 2,
        forbid_own_office: false,
        recent_days: 365,
        parties: vec!["witness".into()],
        reveal_by: parse_date("2026-07-10").unwrap(),
    };
    let id = me.draft(&system, spec, at("2026-07-06")).await.unwrap().spec.id;
    // The witness acts under their account's pseudonym, which the commitment names.
    let witness = store.account("witness").await.unwrap().unwrap().actor();
    let party = witness.pseudonym.clone().unwrap();
    let secret = [5u8; 32];
    me.commit(&witness, &id, &hex(&seed::party_commitment(&id, &party, &secret)), at("2026-07-06")).await.unwrap();
    me.publish(&system, &id, parse_date("2026-07-06").unwrap(), at("2026-07-06")).await.unwrap();
    let signer = Signer::from_seed("shijian.test/log", TYPE_ED25519, &[3; 32]).unwrap();
    store.sign_checkpoint(&signer).await.unwrap().unwrap();
    me.reveal(&witness, &id, &hex(&secret), at("2026-07-07")).await.unwrap();
    me.draw(&system, &id, parse_date("2026-07-07").unwrap(), at("2026-07-07")).await.unwrap();
    id
}

#[test]
fn draw_verify_matches_and_catches_a_tampered_task() {
    let dir = tempfile::tempdir().unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let db = dir.path().join("shijian.db");
    let id = rt.block_on(async {
        let store = Store::open_sqlite(&db).await.unwrap();
        drawn_plan(&store).await
    });
    let r = shijian_in(dir.path(), &["draw", "list"], "");
    assert_eq!((r.code, r.stdout.clone()), (0, format!("{id}\n")), "{}", r.stderr);
    let r = shijian_in(dir.path(), &["draw", "verify", "--plan", &id], "");
    assert_eq!((r.code, r.stdout.as_str()), (0, "match\n"), "{}", r.stderr);

    // Swap the inspectors of rank 3 in the projection.
    rt.block_on(async {
        let store = Store::open_sqlite(&db).await.unwrap();
        let t = store.inspection_tasks(&id, 2, 1).await.unwrap().remove(0);
        let mut forged = t.clone();
        forged.assigned.inspectors.reverse();
        let json = serde_json::to_string(&forged).unwrap().replace('\'', "''");
        store
            .danger_execute_sql(&format!(
                "UPDATE proj_inspection_task SET state = '{json}' WHERE plan = '{id}' AND target = '{}'",
                t.assigned.target
            ))
            .await
            .unwrap();
    });
    let r = shijian_in(dir.path(), &["draw", "verify", "--plan", &id], "");
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.starts_with("rank 3: "), "{}", r.stdout);

    let r = shijian_in(dir.path(), &["draw", "verify", "--plan", "2026-420000-9999"], "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[inspection_plan_unknown]"), "{}", r.stderr);
}

/// The synthetic province's history: three years of plans for the 17 prefecture-level offices,
/// every draw repeatable from the record, some with a withheld reveal, results in the credit file.
#[test]
fn every_synthetic_draw_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let r =
        shijian_in(dir.path(), &["synth", "--entities", "2000", "--seed", "3", "--as-of", "2026-11-28", "--quiet"], "");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = shijian_in(dir.path(), &["draw", "list"], "");
    let plans: Vec<String> = r.stdout.lines().map(str::to_string).collect();
    assert_eq!(plans.len(), 3 * 17, "{}", r.stdout);
    for id in &plans {
        let r = shijian_in(dir.path(), &["draw", "verify", "--plan", id], "");
        assert_eq!((r.code, r.stdout.as_str()), (0, "match\n"), "{id}: {}", r.stderr);
    }
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async {
        let store = Store::open_sqlite(&dir.path().join("shijian.db")).await.unwrap();
        let me = Inspections::new(&store);
        let mut absent = 0;
        let mut published = 0;
        let mut drawn = 0;
        for id in &plans {
            let plan = me.plan(id).await.unwrap();
            let draw = plan.draw.unwrap();
            absent += draw.parts.iter().filter(|p| p.secret.is_none()).count();
            drawn += draw.drawn;
            for t in store.inspection_tasks(id, 0, 5).await.unwrap() {
                if let Some(p) = t.published {
                    let file = store.credit_file(&t.assigned.target).await.unwrap().unwrap();
                    assert!(file.inspections.iter().any(|i| i.plan == *id && i.category == p.category));
                    published += 1;
                }
            }
        }
        assert!(absent > 0, "some plan was drawn after a withheld reveal");
        assert!(published > 0 && drawn > published);
    });
    let r = shijian_in(dir.path(), &["ledger", "verify"], "");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}
