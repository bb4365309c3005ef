//! A small client of the Chrome DevTools protocol over its WebSocket, enough to drive a page as
//! a person would: open it at a window size, type into fields, choose files, click with the
//! mouse, wait for the next page, read the page and take a screenshot.
//!
//! One headless Chromium per test; each journey gets its own browser context (its own cookies),
//! and the process ends when the [`Browser`] is dropped. Commands are answered in order on one
//! connection; events are not needed (a new page is recognised by a mark the old one carried).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// How long a page may take to load after a click or a navigation.
const PAGE_WAIT: Duration = Duration::from_secs(20);

pub struct Browser {
    child: Child,
    socket: Socket,
    next: u64,
    _profile: tempfile::TempDir,
}

/// A page (a tab in its own browser context) and its session on the connection.
pub struct Tab {
    session: String,
    pub width: u32,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts headless `chromium` and connects to it.
    pub async fn start(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(chromium)
            .args(crate::browser::HEADLESS)
            .args(["--hide-scrollbars", "--remote-debugging-port=0"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run chromium");
        // Chromium writes the port it listens on, and the browser's path, to this file.
        let active = profile.path().join("DevToolsActivePort");
        let started = Instant::now();
        let url = loop {
            if let Ok(text) = std::fs::read_to_string(&active)
                && let [port, path, ..] = text.lines().collect::<Vec<_>>()[..]
            {
                break format!("ws://127.0.0.1:{port}{path}");
            }
            assert!(started.elapsed() < PAGE_WAIT, "Chromium did not open its DevTools port");
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let (socket, _) = tokio_tungstenite::connect_async(url).await.expect("connect to Chromium");
        Browser { child, socket, next: 0, _profile: profile }
    }

    /// Sends a command (to a page's session, or to the browser): its result, or its error.
    async fn try_call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, Value> {
        self.next += 1;
        let id = self.next;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket.send(Message::text(message.to_string())).await.expect("send to Chromium");
        let deadline = Instant::now() + PAGE_WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let frame = tokio::time::timeout(left, self.socket.next())
                .await
                .unwrap_or_else(|_| panic!("no answer to {method}"))
                .expect("Chromium closed the connection")
                .expect("read from Chromium");
            let Message::Text(text) = frame else { continue };
            let v: Value = serde_json::from_str(&text).unwrap();
            if v["id"].as_u64() != Some(id) {
                continue; // an event
            }
            return match v.get("error") {
                Some(e) => Err(e.clone()),
                None => Ok(v["result"].clone()),
            };
        }
    }

    /// Sends a command and returns its result.
    pub async fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let shown = params.to_string();
        self.try_call(session, method, params).await.unwrap_or_else(|e| panic!("{method} {shown}: {e}"))
    }

    /// A new tab in a browser context of its own (no cookies shared with other tabs), with a
    /// window `width` pixels wide (a phone's, with touch and its viewport, below 800).
    pub async fn tab(&mut self, width: u32) -> Tab {
        let context = self.call(None, "Target.createBrowserContext", json!({})).await["browserContextId"].clone();
        let target = self
            .call(None, "Target.createTarget", json!({"url": "about:blank", "browserContextId": context}))
            .await["targetId"]
            .clone();
        let session =
            self.call(None, "Target.attachToTarget", json!({"targetId": target, "flatten": true})).await["sessionId"]
                .as_str()
                .unwrap()
                .to_string();
        let tab = Tab { session, width };
        let mobile = width < 800;
        let height = if mobile { 844 } else { 900 };
        self.on(
            &tab,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        )
        .await;
        tab
    }

    async fn on(&mut self, tab: &Tab, method: &str, params: Value) -> Value {
        let session = tab.session.clone();
        self.call(Some(&session), method, params).await
    }

    /// The value of a script run in the page (as JSON).
    pub async fn eval(&mut self, tab: &Tab, script: &str) -> Value {
        let r = self
            .on(tab, "Runtime.evaluate", json!({"expression": script, "returnByValue": true, "awaitPromise": true}))
            .await;
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{script}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Marks the page, so that [`Browser::wait_for_next_page`] knows when it is gone.
    async fn mark(&mut self, tab: &Tab) {
        self.eval(tab, "window.__old_page = true").await;
    }

    /// Waits until the marked page was replaced by a new one, loaded. (While the browser
    /// changes pages, a script may find no page to run in: it is asked again.)
    async fn wait_for_next_page(&mut self, tab: &Tab) {
        let started = Instant::now();
        let script = "(window.__old_page === true ? 'old' : '') + document.readyState";
        loop {
            let params = json!({"expression": script, "returnByValue": true});
            let state = match self.try_call(Some(&tab.session.clone()), "Runtime.evaluate", params).await {
                Ok(r) => r["result"]["value"].as_str().unwrap_or_default().to_string(),
                Err(_) => String::new(),
            };
            if state == "complete" {
                return;
            }
            assert!(started.elapsed() < PAGE_WAIT, "no new page after {PAGE_WAIT:?} ({state})");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Opens `url` in the tab and waits until it is loaded.
    pub async fn open(&mut self, tab: &Tab, url: &str) {
        self.mark(tab).await;
        self.on(tab, "Page.navigate", json!({"url": url})).await;
        self.wait_for_next_page(tab).await;
    }

    /// Types `text` into the field `selector` names, as a keyboard would, after emptying it.
    pub async fn type_into(&mut self, tab: &Tab, selector: &str, text: &str) {
        let found = self
            .eval(
                tab,
                &format!(
                    "(() => {{ const e = document.querySelector({s}); if (!e) return false; e.value = ''; \
                     e.focus(); return true; }})()",
                    s = json!(selector)
                ),
            )
            .await;
        assert_eq!(found, json!(true), "no field {selector}");
        self.on(tab, "Input.insertText", json!({"text": text})).await;
    }

    /// Chooses the option `value` of the list `selector` names.
    pub async fn choose(&mut self, tab: &Tab, selector: &str, value: &str) {
        let script = format!(
            "(() => {{ const e = document.querySelector({s}); if (!e) return false; e.value = {v}; \
             e.dispatchEvent(new Event('change', {{bubbles: true}})); return e.value === {v}; }})()",
            s = json!(selector),
            v = json!(value)
        );
        assert_eq!(self.eval(tab, &script).await, json!(true), "no option {value} in {selector}");
    }

    /// Gives the file input `selector` names the files at `paths`, as the file chooser would.
    pub async fn set_files(&mut self, tab: &Tab, selector: &str, paths: &[&Path]) {
        let script = format!("document.querySelector({})", json!(selector));
        let r = self.on(tab, "Runtime.evaluate", json!({"expression": script})).await;
        let object = r["result"]["objectId"].as_str().unwrap_or_else(|| panic!("no input {selector}")).to_string();
        let files: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        self.on(tab, "DOM.setFileInputFiles", json!({"files": files, "objectId": object})).await;
    }

    /// Clicks, with the mouse, the element the script `element` returns, scrolled into view.
    pub async fn click(&mut self, tab: &Tab, element: &str) {
        let script = format!(
            "(() => {{ const e = {element}; if (!e) return null; e.scrollIntoView({{block: 'center'}}); \
             const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        );
        let at = self.eval(tab, &script).await;
        let (x, y) = (at[0].as_f64(), at[1].as_f64());
        let (Some(x), Some(y)) = (x, y) else { panic!("nothing to click: {element}") };
        for kind in ["mousePressed", "mouseReleased"] {
            self.on(
                tab,
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            )
            .await;
        }
    }

    /// Clicks the element and waits for the page it leads to.
    pub async fn click_and_wait(&mut self, tab: &Tab, element: &str) {
        self.mark(tab).await;
        self.click(tab, element).await;
        self.wait_for_next_page(tab).await;
    }

    /// Where the tab is (path and query).
    pub async fn location(&mut self, tab: &Tab) -> String {
        self.eval(tab, "location.pathname + location.search").await.as_str().unwrap().to_string()
    }

    /// The text a person reads on the page.
    pub async fn text(&mut self, tab: &Tab) -> String {
        self.eval(tab, "document.body.innerText").await.as_str().unwrap_or_default().to_string()
    }

    /// How wide the page is against the window: (scroll width, inner width).
    pub async fn widths(&mut self, tab: &Tab) -> (u64, u64) {
        let v = self.eval(tab, "[document.documentElement.scrollWidth, window.innerWidth]").await;
        (v[0].as_u64().unwrap(), v[1].as_u64().unwrap())
    }

    /// A PNG of the whole page as the window shows it.
    pub async fn screenshot(&mut self, tab: &Tab) -> Vec<u8> {
        let r = self.on(tab, "Page.captureScreenshot", json!({"format": "png", "captureBeyondViewport": true})).await;
        base64::engine::general_purpose::STANDARD.decode(r["data"].as_str().unwrap()).unwrap()
    }
}
