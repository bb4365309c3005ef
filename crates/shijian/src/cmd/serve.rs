//! `shijian serve [--listen ADDR]`: the API and the public log over HTTP.
//!
//! Configuration: flags, then the environment (`SHIJIAN_LISTEN`, `SHIJIAN_DATABASE_URL`), then
//! `[server]` in `<data-dir>/shijian.toml`, then defaults. Prints `serving\thttp://ADDR` once
//! listening (with `--listen 127.0.0.1:0` the port chosen). Logs go to stderr (`RUST_LOG`
//! filters; default `info`). SIGINT or SIGTERM stops accepting, lets the requests in flight
//! finish, signs a last checkpoint and exits 0.
//!
//! TLS is left to a reverse proxy in front (nginx, or the province's gateway), which also
//! carries the certificates; see README.md.

use std::time::Duration;

use anyhow::Context;
use shijian_server::ratelimit::RateLimit;
use shijian_server::{AppState, Limits, ServerConfig};
use shijian_store::Checkpointer;

use super::Ctx;
use crate::Outcome;
use crate::config::Config;
use crate::keys;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// The address to listen on (default: `[server] listen`, else 127.0.0.1:8080). 监听地址。
    #[arg(long, env = "SHIJIAN_LISTEN")]
    pub listen: Option<String>,
}

pub async fn run(ctx: &Ctx, a: ServeArgs) -> anyhow::Result<Outcome> {
    serve(ctx, a.listen, |_| ()).await
}

/// Serves the data directory's store; `on_listening` sees the URL once the port is bound.
pub async fn serve(ctx: &Ctx, listen: Option<String>, on_listening: impl FnOnce(&str)) -> anyhow::Result<Outcome> {
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    let config = Config::load(&ctx.data_dir)?;
    let store = ctx.open_migrated().await?;
    let signer = keys::log_signer(&ctx.data_dir, &config.log_origin)?;
    // A checkpoint from the start, so that the log can be followed at once.
    store.sign_checkpoint(&signer).await?;
    let checkpointer =
        Checkpointer::spawn(store.clone(), signer.clone(), Duration::from_secs(config.server.checkpoint_seconds));
    let addr = listen.unwrap_or(config.server.listen.clone());
    let listener = tokio::net::TcpListener::bind(&addr).await.with_context(|| format!("listening on {addr}"))?;
    let local = listener.local_addr()?;
    let state = AppState::new(
        store,
        ServerConfig {
            log_key: signer.verifier().to_vkey(),
            limits: Limits {
                body_bytes: config.server.body_limit_bytes,
                timeout: Duration::from_secs(config.server.timeout_seconds),
                page_cache_bytes: config.server.page_cache_mib << 20,
            },
            secure_cookies: config.server.secure_cookies,
            rate: RateLimit {
                per_minute: config.server.public_per_minute,
                burst: config.server.public_burst,
                trust_forwarded_for: config.server.trust_forwarded_for,
                ..RateLimit::default()
            },
        },
    );
    let stop = shutdown();
    let url = format!("http://{local}");
    println!("serving\t{url}");
    on_listening(&url);
    tracing::info!(%local, origin = %config.log_origin, "serving");
    shijian_server::serve(listener, state, stop).await.context("serving")?;
    checkpointer.stop().await?;
    tracing::info!("stopped");
    Ok(Outcome::Success)
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM. The handlers are installed when this is called,
/// before `serving` is printed, so a signal sent as soon as the line is read stops the server
/// cleanly instead of killing it.
fn shutdown() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt()).ok();
        let terminate = signal(SignalKind::terminate()).ok();
        async move {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                () = wait(interrupt) => {}
                () = wait(terminate) => {}
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
