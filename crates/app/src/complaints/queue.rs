//! Group commit for intake. Every complaint filed is one event, and a durable append costs a
//! commit (an fsync on SQLite's `synchronous=FULL`, a WAL flush on PostgreSQL) whatever its
//! size. The queue lets concurrent intakes share commits: one task takes what is waiting (up to
//! [`MAX_BATCH`]) and appends it in one transaction; each caller gets its own receipt once that
//! transaction has committed, so nothing is acknowledged before it is durable. If a batch
//! fails (an event that does not fold), its events are appended one by one, so one bad intake
//! fails alone.

use shijian_core::event::NewEvent;
use shijian_core::{Code, Error, Result};
use shijian_store::{Appended, Store};
use tokio::sync::{mpsc, oneshot};

/// The most events appended in one transaction.
pub const MAX_BATCH: usize = 1000;

type Job = (NewEvent, oneshot::Sender<Result<Appended>>);

/// A handle to the intake writer (cheap to clone).
#[derive(Clone, Debug)]
pub struct IntakeQueue {
    tx: mpsc::Sender<Job>,
}

impl IntakeQueue {
    /// Starts the writer task on the current runtime.
    pub fn spawn(store: Store) -> IntakeQueue {
        let (tx, mut rx) = mpsc::channel::<Job>(4 * MAX_BATCH);
        tokio::spawn(async move {
            let mut jobs: Vec<Job> = Vec::with_capacity(MAX_BATCH);
            while rx.recv_many(&mut jobs, MAX_BATCH).await > 0 {
                let events: Vec<NewEvent> = jobs.iter().map(|(e, _)| e.clone()).collect();
                match store.append(&events).await {
                    Ok(receipts) => {
                        for ((_, reply), r) in jobs.drain(..).zip(receipts) {
                            let _ = reply.send(Ok(r));
                        }
                    }
                    Err(_) if jobs.len() > 1 => {
                        for (e, reply) in jobs.drain(..) {
                            let r = store.append(std::slice::from_ref(&e)).await.map(|mut v| v.remove(0));
                            let _ = reply.send(r);
                        }
                    }
                    Err(err) => {
                        for (_, reply) in jobs.drain(..) {
                            let _ = reply.send(Err(err.clone()));
                        }
                    }
                }
            }
        });
        IntakeQueue { tx }
    }

    /// Appends `event` with whatever else is waiting; returns once it is committed.
    pub async fn append(&self, event: NewEvent) -> Result<Appended> {
        let (reply, answer) = oneshot::channel();
        let closed = || Error::new(Code::Internal).with("reason", "the intake queue has stopped");
        self.tx.send((event, reply)).await.map_err(|_| closed())?;
        answer.await.map_err(|_| closed())?
    }
}
