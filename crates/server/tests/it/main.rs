//! The HTTP suite: the real server on port 0 over each backend (a private database per test),
//! called with a real HTTP client.

mod api;
mod browser;
mod cases;
mod cdp;
mod complaint_desk;
mod complaints;
mod forms;
mod inspection;
mod inspection_desk;
mod journeys;
mod matrix;
mod pages;
mod portal;
mod public;
mod registration;
mod security;
mod wire;

use std::net::SocketAddr;

use shijian_server::ratelimit::RateLimit;
use shijian_server::{AppState, Limits, ServerConfig};
use shijian_store::Store;

/// A server running on a free port of 127.0.0.1; stops when dropped.
pub struct Running {
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl Running {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops accepting, waits for requests in flight, and returns how serving ended.
    pub async fn stop(mut self) -> std::io::Result<()> {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        match self.handle.take() {
            Some(h) => h.await.expect("server task"),
            None => Ok(()),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

pub async fn start(store: Store, log_key: String, limits: Limits) -> Running {
    start_with(store, log_key, limits, RateLimit::default()).await
}

pub async fn start_with(store: Store, log_key: String, limits: Limits, rate: RateLimit) -> Running {
    start_config(store, ServerConfig { log_key, limits, rate, secure_cookies: false }).await
}

pub async fn start_config(store: Store, config: ServerConfig) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let state = AppState::new(store, config);
    let handle = tokio::spawn(shijian_server::serve(listener, state, async {
        let _ = rx.await;
    }));
    Running { base: format!("http://{addr}"), stop: Some(tx), handle: Some(handle) }
}
