//! Shared helpers for the server and web tests: build a store from the seeds, start
//! `recoupe serve` on a free loopback port, and a minimal HTTP/1.1 client (loopback only).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The seed corpus.
pub fn seeds_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/seeds"
    ))
}

/// The recoupe binary under test.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_recoupe")
}

/// Builds a store in `dir` from the given paths with `recoupe add`.
pub fn add(dir: &Path, paths: &[&Path]) {
    let out = Command::new(bin())
        .arg("add")
        .arg("--store")
        .arg(dir)
        .args(paths)
        .output()
        .expect("run recoupe add");
    assert!(
        out.status.success(),
        "recoupe add failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A running `recoupe serve`, killed on drop.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
}

impl Server {
    /// Starts `recoupe serve` on port 0 and reads the bound address from its first line.
    pub fn start(store: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(bin())
            .arg("serve")
            .arg("--store")
            .arg(store)
            .args(["--addr", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start recoupe serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .expect("read the serve banner");
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("unexpected banner {line:?}"))
            .to_string();
        Server { child, addr }
    }

    /// Sends a request and returns (status, body).
    pub fn request(&self, method: &str, path: &str, body: Option<&[u8]>) -> (u16, String) {
        http(&self.addr, method, path, body, &[])
    }

    /// GET returning (status, parsed JSON).
    pub fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let (status, body) = self.request("GET", path, None);
        let v = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("GET {path}: not JSON ({e}): {body}"));
        (status, v)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Percent-encodes a path segment or query value.
pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A minimal HTTP/1.1 client over one connection (`Connection: close`), handling chunked bodies.
pub fn http(
    addr: &str,
    method: &str,
    path: &str,
    body: Option<&[u8]>,
    headers: &[(&str, &str)],
) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap_or_else(|e| panic!("connect {addr}: {e}"));
    let body = body.unwrap_or(b"");
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        req.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    // A server may answer (413) before reading the whole body and close: ignore write errors.
    let _ = s.write_all(body);
    // Read the head, then exactly Content-Length bytes, a chunked body, or up to the close
    // (some servers keep the connection open despite `Connection: close`).
    s.set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 65536];
    let split = loop {
        if let Some(p) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break p;
        }
        let n = s.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "no HTTP head in {:?}", String::from_utf8_lossy(&raw));
        raw.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let mut rest = raw[split + 4..].to_vec();
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .expect("status code");
    let length: Option<usize> = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok());
    let chunked = head.contains("transfer-encoding: chunked");
    loop {
        let done = match length {
            Some(n) => rest.len() >= n,
            None if chunked => rest.windows(5).any(|w| w == b"0\r\n\r\n"),
            None => false,
        };
        if done {
            break;
        }
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => rest.extend_from_slice(&buf[..n]),
        }
    }
    if chunked {
        rest = dechunk(&rest);
    }
    (status, String::from_utf8_lossy(&rest).into_owned())
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&data[..eol])
                .split(';')
                .next()
                .unwrap()
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// The seed store built once per test binary in a temporary folder kept for its lifetime.
pub fn seed_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    add(dir.path(), &[&seeds_dir()]);
    dir
}

/// The gold annotations of the seeds.
pub fn gold() -> serde_json::Value {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval/seeds.gold.json"
    );
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}
