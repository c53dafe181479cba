//! A small blocking W3C WebDriver client for the browser tests: chromedriver started on a
//! free port, one headless Chromium session, and the dozen commands the tests use (navigate,
//! find, click, type, run a script, screenshot, back, window size, Chrome DevTools media
//! emulation for dark mode). JSON over HTTP/1.1 on loopback.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A running chromedriver.
pub struct Driver {
    child: Child,
    addr: SocketAddr,
}

/// chromedriver and Chromium, when both are installed.
fn find_browser() -> Option<(PathBuf, PathBuf)> {
    let which = |names: &[&str]| -> Option<PathBuf> {
        let path = std::env::var_os("PATH")?;
        names.iter().flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))).find(|p| p.is_file())
    };
    let driver = which(&["chromedriver"])?;
    let browser = which(&["chromium", "chromium-browser", "google-chrome"])?;
    Some((driver, browser))
}

impl Driver {
    /// Starts chromedriver, or `None` (with the reason printed) when there is no browser.
    pub fn start() -> Option<Driver> {
        let Some((driver, _)) = find_browser() else {
            eprintln!(
                "skipping: no chromium + chromedriver on PATH (apt-get install chromium chromium-driver)"
            );
            return None;
        };
        let port = TcpListener::bind("127.0.0.1:0").ok()?.local_addr().ok()?.port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().ok()?;
        let started = Instant::now();
        let driver = Driver { child, addr };
        while started.elapsed() < Duration::from_secs(20) {
            if request(addr, "GET", "/status", None).is_ok_and(|v| v["value"]["ready"] == true) {
                return Some(driver);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("skipping: chromedriver did not become ready");
        None
    }

    /// A new headless session with the given window size.
    pub fn session(&self, width: u32, height: u32) -> Session {
        let (_, browser) = find_browser().expect("browser");
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": browser,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--hide-scrollbars", format!("--window-size={width},{height}")]
            }
        }}});
        let answer = request(self.addr, "POST", "/session", Some(&capabilities)).expect("new session");
        let id = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_string();
        Session { addr: self.addr, id }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser session (closed when dropped).
pub struct Session {
    addr: SocketAddr,
    id: String,
}

/// An element handle.
#[derive(Debug, Clone)]
pub struct Element(String);

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let full = format!("/session/{}{}", self.id, path);
        let body = body.or_else(|| (method == "POST").then(|| json!({})));
        let answer = request(self.addr, method, &full, body.as_ref())
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        if answer["value"].get("error").is_some() {
            panic!("{method} {path}: {}", answer["value"]);
        }
        answer["value"].clone()
    }

    pub fn goto(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
    }

    pub fn back(&self) {
        self.call("POST", "/back", None);
    }

    pub fn url(&self) -> String {
        self.call("GET", "/url", None).as_str().unwrap_or_default().to_string()
    }

    pub fn set_size(&self, width: u32, height: u32) {
        self.call("POST", "/window/rect", Some(json!({"width": width, "height": height})));
    }

    /// Emulates `prefers-color-scheme` (Chrome DevTools protocol through chromedriver).
    pub fn color_scheme(&self, scheme: &str) {
        let params = json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]});
        self.call(
            "POST",
            "/goog/cdp/execute",
            Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": params})),
        );
    }

    /// Runs a script (its `return` value comes back).
    pub fn run(&self, script: &str, args: Vec<Value>) -> Value {
        self.call("POST", "/execute/sync", Some(json!({ "script": script, "args": args })))
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.call("POST", "/elements", Some(json!({"using": "css selector", "value": css})));
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT].as_str())
            .map(|id| Element(id.to_string()))
            .collect()
    }

    /// The first element matching `css`, waiting up to 10 s for it.
    pub fn wait_for(&self, css: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).into_iter().next() {
                return e;
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "no element `{css}` after 10 s on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `script` returns true.
    pub fn wait_until(&self, what: &str, script: &str) {
        let start = Instant::now();
        while self.run(script, vec![]) != Value::Bool(true) {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what} on {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn click(&self, element: &Element) {
        self.call("POST", &format!("/element/{}/click", element.0), None);
    }

    pub fn clear(&self, element: &Element) {
        self.call("POST", &format!("/element/{}/clear", element.0), None);
    }

    /// Types text (`\u{E007}` is Enter).
    pub fn type_text(&self, element: &Element, text: &str) {
        self.call("POST", &format!("/element/{}/value", element.0), Some(json!({ "text": text })));
    }

    /// Presses keys on whatever has the focus.
    pub fn keys(&self, text: &str) {
        let mut actions = Vec::new();
        for c in text.chars() {
            actions.push(json!({"type": "keyDown", "value": c.to_string()}));
            actions.push(json!({"type": "keyUp", "value": c.to_string()}));
        }
        let body = json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]});
        self.call("POST", "/actions", Some(body));
    }

    /// Presses the mouse on `from`, moves it over `to` in steps and releases it there, as a
    /// person drags (pointer events fire on both and on what lies between).
    pub fn drag(&self, from: &Element, to: &Element) {
        let at = |e: &Element, duration: u64| json!({"type": "pointerMove", "duration": duration, "origin": {ELEMENT: e.0}, "x": 0, "y": 0});
        let actions = json!([
            at(from, 0),
            {"type": "pointerDown", "button": 0},
            at(to, 300),
            {"type": "pointerUp", "button": 0},
        ]);
        let body = json!({"actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": actions
        }]});
        self.call("POST", "/actions", Some(body));
        self.call("DELETE", "/actions", None);
    }

    pub fn text(&self, element: &Element) -> String {
        self.call("GET", &format!("/element/{}/text", element.0), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub fn property(&self, element: &Element, name: &str) -> Value {
        self.call("GET", &format!("/element/{}/property/{name}", element.0), None)
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let data = self.call("GET", "/screenshot", None);
        let png = base64_decode(data.as_str().expect("screenshot data"));
        std::fs::write(path, png).expect("write screenshot");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = request(self.addr, "DELETE", &format!("/session/{}", self.id), None);
    }
}

/// One WebDriver request; the JSON answer.
fn request(addr: SocketAddr, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
    let mut stream = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(60))).map_err(|e| e.to_string())?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body.as_bytes()))
        .map_err(|e| e.to_string())?;
    let raw = read_response(&mut stream)?;
    let response = super::parse_response(&raw);
    serde_json::from_slice(&response.body).map_err(|e| format!("{e}: {}", response.text()))
}

/// Reads one response: chromedriver keeps the connection open despite `Connection: close`,
/// so the body ends at its Content-Length (or the last chunk), not at end of stream.
fn read_response(stream: &mut TcpStream) -> Result<Vec<u8>, String> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(raw);
        }
        raw.extend_from_slice(&buf[..n]);
        let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else { continue };
        let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        match length {
            Some(length) if raw.len() >= split + 4 + length => return Ok(raw),
            None if head.contains("chunked") && raw.ends_with(b"0\r\n\r\n") => return Ok(raw),
            _ => {}
        }
    }
}

/// Standard base64 (screenshots).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}
