//! The public portal in a real headless Chromium (Debian `chromium`): search → the credit file
//! → "verify this record", whose script checks the record against the public log in the page.
//!
//! Without Chromium the test is skipped with a warning, unless `SHIJIAN_REQUIRE_BROWSER=1`
//! (as in CI), which makes a missing browser a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use shijian_store::Store;

use crate::api::province;

shijian_store::conformance!(search_then_credit_file_then_verify_in_chromium);

pub(crate) fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var("SHIJIAN_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "SHIJIAN_REQUIRE_BROWSER=1 but Chromium is not installed (apt-get install chromium)"
        );
        eprintln!("\n*** WARNING: browser test SKIPPED: Chromium is not installed ***\n");
    }
    found
}

/// The page's DOM after its scripts ran (virtual time lets the fetches finish).
pub(crate) fn dom(chromium: &Path, profile: &Path, url: &str) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The first `href="<prefix>…"` in `html`.
pub(crate) fn link(html: &str, prefix: &str) -> String {
    let at = html.find(&format!("href=\"{prefix}")).unwrap_or_else(|| panic!("no link to {prefix}… in {html}"));
    let rest = &html[at + 6..];
    rest[..rest.find('"').unwrap()].replace("&amp;", "&")
}

async fn search_then_credit_file_then_verify_in_chromium(store: Store) {
    let Some(chromium) = chromium() else { return };
    let (server, codes) = province(&store).await;
    let profile = tempfile::tempdir().unwrap();
    let html = dom(&chromium, profile.path(), &server.url("/search?q=%E7%BA%A2%E5%85%89")); // 红光
    assert!(html.contains("武汉红光餐饮有限公司"), "{html}");
    let entity = link(&html, "/entities/");
    assert_eq!(entity, format!("/entities/{}", codes[0]));
    let html = dom(&chromium, profile.path(), &server.url(&entity));
    assert!(html.contains("统一社会信用代码") && html.contains(&codes[0]), "{html}");
    let verify = link(&html, "/verify/");
    let html = dom(&chromium, profile.path(), &server.url(&verify));
    assert!(html.contains("data-verified=\"yes\""), "the record did not verify in the page: {html}");
    assert!(html.contains("已验证"), "{html}");
    let html = dom(&chromium, profile.path(), &server.url(&format!("{verify}?lang=en")));
    assert!(html.contains("Verified: this record is in the public log"), "{html}");
    // Someone with access to the database alters the record: the page says so.
    let guards = match store.backend() {
        shijian_store::Backend::Sqlite => "DROP TRIGGER event_no_update; DROP TRIGGER event_no_delete;",
        shijian_store::Backend::Postgres => "DROP TRIGGER event_immutable ON event;",
    };
    store.danger_execute_sql(guards).await.unwrap();
    store.danger_execute_sql("UPDATE event SET record = replace(record, '红光', '红日') WHERE seq = 0").await.unwrap();
    let html = dom(&chromium, profile.path(), &server.url(&verify));
    assert!(html.contains("data-verified=\"no\""), "an altered record verified: {html}");
    assert!(html.contains("未能验证"), "{html}");
    server.stop().await.unwrap();
}
