//! The log's signing key: `<data-dir>/keys/log.key`, created on first use (mode 0600).
//!
//! The key file holds `PRIVATE+KEY+<origin>+<key id>+<base64(0x01 ‖ seed)>`; its public half
//! is what `shijian ledger key` prints and what verifiers are configured with. Retired public
//! keys (after a rotation) are kept as `keys/retired/*.vkey`, one verifier key per file, so
//! that `ledger verify` still accepts the checkpoints they signed. See ARCHITECTURE.md, "Key
//! rotation".

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use shijian_core::{Code, Error};
use shijian_ledger::note::{Signer, TYPE_COSIGNATURE_V1, TYPE_ED25519, Verifier};

/// Loads the log key, creating it when there is none. Its name must be the configured origin.
pub fn log_signer(data_dir: &Path, origin: &str) -> anyhow::Result<Signer> {
    load_or_create(&data_dir.join("keys").join("log.key"), origin, TYPE_ED25519)
}

/// Loads this instance's witness key (a tlog-cosignature v1 key, `keys/witness.key`), creating
/// it when there is none.
pub fn witness_signer(data_dir: &Path, name: &str) -> anyhow::Result<Signer> {
    load_or_create(&data_dir.join("keys").join("witness.key"), name, TYPE_COSIGNATURE_V1)
}

fn load_or_create(path: &Path, name: &str, sig_type: u8) -> anyhow::Result<Signer> {
    let origin = name;
    let path = path.to_path_buf();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let signer = Signer::parse(text.trim())
                .map_err(|e| Error::new(Code::LogKey).with("reason", format!("{}: {e}", path.display())))?;
            if signer.verifier().sig_type() != sig_type {
                return Err(Error::new(Code::LogKey)
                    .with(
                        "reason",
                        format!(
                            "{} holds a key of signature type {:#04x}",
                            path.display(),
                            signer.verifier().sig_type()
                        ),
                    )
                    .into());
            }
            if signer.name() != origin {
                return Err(Error::new(Code::LogKey)
                    .with(
                        "reason",
                        format!(
                            "{} is for origin {}, the configured origin is {origin}",
                            path.display(),
                            signer.name()
                        ),
                    )
                    .into());
            }
            Ok(signer)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(&path, origin, sig_type),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

fn create(path: &Path, origin: &str, sig_type: u8) -> anyhow::Result<Signer> {
    let dir = path.parent().context("key path has no directory")?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed).map_err(|e| anyhow::anyhow!("the operating system's random generator failed: {e}"))?;
    let signer = Signer::from_seed(origin, sig_type, &seed).map_err(|e| Error::new(Code::LogKey).with("reason", e))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path).with_context(|| format!("creating {}", path.display()))?;
    file.write_all(format!("{}\n", signer.to_skey()).as_bytes())?;
    file.sync_all()?;
    Ok(signer)
}

/// The verifier keys the log's checkpoints may carry: the current key and retired ones.
pub fn log_verifiers(data_dir: &Path, signer: &Signer) -> anyhow::Result<Vec<Verifier>> {
    let mut out = vec![signer.verifier()];
    let retired = data_dir.join("keys").join("retired");
    if let Ok(entries) = std::fs::read_dir(&retired) {
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "vkey") {
                let text = std::fs::read_to_string(&path)?;
                out.push(
                    Verifier::parse(text.trim())
                        .map_err(|e| Error::new(Code::LogKey).with("reason", format!("{}: {e}", path.display())))?,
                );
            }
        }
    }
    Ok(out)
}
