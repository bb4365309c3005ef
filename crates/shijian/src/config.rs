//! The installation's configuration: `<data-dir>/shijian.toml`, optional.
//!
//! ```toml
//! deployment = "hubei"            # names this installation; default "demo"
//!
//! [log]
//! origin = "hubei.shijian.local/log"   # the log's origin line and key name;
//!                                      # default "<deployment>.shijian.local/log"
//!
//! [witness]
//! name = "hubei.shijian.local/witness" # this instance's name when it witnesses other logs;
//!                                      # default "<deployment>.shijian.local/witness"
//!
//! [server]
//! listen = "0.0.0.0:8080"              # default "127.0.0.1:8080"; `--listen` overrides
//! checkpoint_seconds = 10              # sign a checkpoint this long after the log grows
//! timeout_seconds = 30                 # a request taking longer is answered 408
//! body_limit_bytes = 1048576           # larger request bodies are answered 413
//! public_per_minute = 600              # anonymous API requests per client per minute (0: off)
//! public_burst = 60                    # how many of them may come at once
//! trust_forwarded_for = false          # behind a reverse proxy: the client is X-Forwarded-For
//! secure_cookies = false               # served over TLS (a proxy): session cookies get Secure
//! page_cache_mib = 64                  # memory for public pages kept for anonymous readers (0: off)
//! ```

use std::path::Path;

use anyhow::Context;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    deployment: Option<String>,
    #[serde(default)]
    log: LogSection,
    #[serde(default)]
    witness: WitnessSection,
    #[serde(default)]
    server: ServerSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServerSection {
    listen: Option<String>,
    checkpoint_seconds: Option<u64>,
    timeout_seconds: Option<u64>,
    body_limit_bytes: Option<usize>,
    public_per_minute: Option<u32>,
    public_burst: Option<u32>,
    trust_forwarded_for: Option<bool>,
    secure_cookies: Option<bool>,
    page_cache_mib: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WitnessSection {
    name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LogSection {
    origin: Option<String>,
}

/// The configuration in force.
#[derive(Clone, Debug)]
pub struct Config {
    pub deployment: String,
    /// The log's origin: the first line of its checkpoints and its key's name.
    pub log_origin: String,
    /// The witness key's name.
    pub witness_name: String,
    pub server: Server,
}

/// `[server]`.
#[derive(Clone, Debug)]
pub struct Server {
    pub listen: String,
    pub checkpoint_seconds: u64,
    pub timeout_seconds: u64,
    pub body_limit_bytes: usize,
    pub public_per_minute: u32,
    pub public_burst: u32,
    pub trust_forwarded_for: bool,
    pub secure_cookies: bool,
    /// Memory for public pages kept for repeated anonymous requests, MiB (0: none kept).
    pub page_cache_mib: u64,
}

impl Config {
    pub fn load(data_dir: &Path) -> anyhow::Result<Config> {
        let path = data_dir.join("shijian.toml");
        let file: File = match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).with_context(|| format!("reading {}", path.display()))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => File::default(),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        let deployment = file.deployment.unwrap_or_else(|| "demo".to_string());
        let log_origin = file.log.origin.unwrap_or_else(|| format!("{deployment}.shijian.local/log"));
        let witness_name = file.witness.name.unwrap_or_else(|| format!("{deployment}.shijian.local/witness"));
        for name in [&log_origin, &witness_name] {
            if !shijian_ledger::note::is_valid_key_name(name) {
                anyhow::bail!("the key name {name:?} may not be empty or contain spaces or '+'");
            }
        }
        let server = Server {
            listen: file.server.listen.unwrap_or_else(|| "127.0.0.1:8080".to_string()),
            checkpoint_seconds: file.server.checkpoint_seconds.unwrap_or(10).max(1),
            timeout_seconds: file.server.timeout_seconds.unwrap_or(30).max(1),
            body_limit_bytes: file.server.body_limit_bytes.unwrap_or(1 << 20),
            public_per_minute: file.server.public_per_minute.unwrap_or(600),
            public_burst: file.server.public_burst.unwrap_or(60),
            trust_forwarded_for: file.server.trust_forwarded_for.unwrap_or(false),
            secure_cookies: file.server.secure_cookies.unwrap_or(false),
            page_cache_mib: file.server.page_cache_mib.unwrap_or(64),
        };
        Ok(Config { deployment, log_origin, witness_name, server })
    }
}
