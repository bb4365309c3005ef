//! `shijian bench intake`: complaints filed concurrently through the journal, as the server
//! takes them (the intake queue's group commit), against the same filings each appended alone,
//! in the same run, on a scratch SQLite database under the data directory. Every filing is a
//! durable append (`synchronous=FULL`): a complaint is acknowledged only once it is on disk.

use std::time::Instant;

use shijian_app::complaints::{Complaints, IntakeQueue};
use shijian_core::DivisionCode;
use shijian_core::complaint::{Business, Channel, Intake, Kind, Party};
use shijian_core::event::{Actor, Role};
use shijian_store::Store;

use super::Ctx;
use crate::Outcome;

fn intakes(n: usize) -> Vec<Intake> {
    let hubei = DivisionCode::parse("420000").expect("Hubei");
    let counties: Vec<DivisionCode> = hubei.children().iter().flat_map(|p| p.children()).collect();
    (0..n)
        .map(|i| Intake {
            kind: if i % 10 == 9 { Kind::Report } else { Kind::Complaint },
            channel: Channel::Web,
            party: Party {
                name: Some(format!("消费者{i}")),
                phone: Some(format!("138{:08}", i % 100_000_000)),
                address: Some("湖北省武汉市洪山区珞喻路1号".into()),
            },
            business: Business { name: format!("第{}号便利店", i % 5_000), code: None, address: None },
            place: counties[i % counties.len()],
            category: ["G01", "S01", "G04", "S03", "G09"][i % 5].into(),
            problem: ["P03", "P01", "P07", "P06"][i % 4].into(),
            amount: Some(format!("{}.50", 20 + i % 3_000)),
            occurred_on: None,
            facts: "购买的商品与宣传不符，商家拒绝退换。结账时实收金额高于标价。".into(),
            request: "退货退款".into(),
            attachments: vec![],
            consent_to_publish: i % 3 == 0,
            odr: true,
        })
        .collect()
}

/// Files `list` with `concurrency` tasks; through the queue when given. Returns filings/s.
async fn file_all(
    store: &Store,
    queue: Option<&IntakeQueue>,
    list: Vec<Intake>,
    concurrency: usize,
) -> anyhow::Result<f64> {
    let public = Actor { role: Role::Public, office: None, pseudonym: None };
    let n = list.len();
    let mut chunks: Vec<Vec<Intake>> = (0..concurrency).map(|_| Vec::new()).collect();
    for (i, x) in list.into_iter().enumerate() {
        chunks[i % concurrency].push(x);
    }
    let started = Instant::now();
    let mut tasks = Vec::new();
    for chunk in chunks {
        let (store, queue, public) = (store.clone(), queue.cloned(), public.clone());
        tasks.push(tokio::spawn(async move {
            let me = match &queue {
                Some(q) => Complaints::with_queue(&store, q),
                None => Complaints::new(&store),
            };
            for intake in chunk {
                me.file(&public, intake, chrono::Utc::now()).await?;
            }
            Ok::<(), shijian_core::Error>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok(n as f64 / started.elapsed().as_secs_f64())
}

pub async fn run(ctx: &Ctx, complaints: usize, concurrency: usize) -> anyhow::Result<Outcome> {
    let scratch = ctx.data_dir.join(format!("bench-intake-{}", std::process::id()));
    let result = async {
        let store = Store::open_sqlite(&scratch.join("queue").join("shijian.db")).await?;
        store.migrate().await?;
        let queue = IntakeQueue::spawn(store.clone());
        let rate = file_all(&store, Some(&queue), intakes(complaints), concurrency).await?;
        println!("intake.queue\t{complaints}\t{concurrency}\t{rate:.0}/s\tlog {}", store.log_size().await?);
        let alone = (complaints / 10).max(100);
        let base = Store::open_sqlite(&scratch.join("alone").join("shijian.db")).await?;
        base.migrate().await?;
        let rate = file_all(&base, None, intakes(alone), concurrency).await?;
        println!("intake.alone\t{alone}\t{concurrency}\t{rate:.0}/s\tlog {}", base.log_size().await?);
        anyhow::Ok(())
    }
    .await;
    let _ = std::fs::remove_dir_all(&scratch);
    result?;
    Ok(Outcome::Success)
}
