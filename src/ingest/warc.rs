//! A small streaming WARC reader: `.warc` and `.warc.gz` (one gzip member per record or one for
//! the whole file), keeping only `response` records whose HTTP payload is HTML.
//!
//! Each record is read as WARC headers + `Content-Length` bytes; the HTTP status line and headers
//! are split off the payload, which is de-chunked and un-gzipped when the HTTP headers say so.
//! A truncated record or gzip stream ends the file with an error naming the record's byte offset
//! (in the uncompressed stream); the records before it are kept.

use std::io::{BufRead, BufReader, Read};

use super::html::{decode_html, gunzip};

/// Largest WARC record block read (bigger records are reported and skipped).
pub const MAX_RECORD_BYTES: u64 = 64 << 20;

/// One HTML page read from a WARC file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// `WARC-Record-ID` without the angle brackets.
    pub id: String,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// `WARC-Date`: when the page was fetched (not a publication date).
    pub fetched: Option<String>,
    /// The decoded HTML.
    pub html: String,
    /// Byte offset of the record in the (uncompressed) stream.
    pub offset: u64,
}

/// A problem with one record (skipped) or with the rest of the file (reading stopped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcProblem {
    /// Byte offset of the record in the uncompressed stream.
    pub offset: u64,
    /// What went wrong.
    pub message: String,
}

/// Counts the bytes read through it, so that errors can name an offset.
struct Counting<R> {
    inner: R,
    pos: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

/// Reads every HTML response record of a WARC stream (`gzipped`: a `.warc.gz` file).
pub fn read_warc<R: Read>(input: R, gzipped: bool) -> (Vec<WarcPage>, Vec<WarcProblem>) {
    let stream: Box<dyn Read> = if gzipped {
        Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(input)))
    } else {
        Box::new(input)
    };
    let mut r = BufReader::new(Counting {
        inner: stream,
        pos: 0,
    });
    let mut pages = Vec::new();
    let mut problems = Vec::new();
    loop {
        // Skip the blank lines between records, so that offsets name the `WARC/` line.
        loop {
            let skip = match r.fill_buf() {
                Ok(buf) => buf.iter().take_while(|b| b.is_ascii_whitespace()).count(),
                Err(_) => 0,
            };
            if skip == 0 {
                break;
            }
            r.consume(skip);
        }
        let offset = r.get_ref().pos - r.buffer().len() as u64;
        match read_record(&mut r) {
            Ok(None) => break,
            Ok(Some(rec)) => match page_of(rec, offset) {
                Ok(Some(p)) => pages.push(p),
                Ok(None) => {}
                Err(message) => problems.push(WarcProblem { offset, message }),
            },
            Err(message) => {
                problems.push(WarcProblem { offset, message });
                break;
            }
        }
    }
    (pages, problems)
}

struct Record {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl Record {
    fn header(&self, name: &str) -> Option<&str> {
        header(&self.headers, name)
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn io_msg(e: std::io::Error, what: &str) -> String {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        format!("truncated record: the file (or gzip stream) ends inside the {what}")
    } else {
        format!("cannot read the {what}: {e}")
    }
}

/// Reads one record; `Ok(None)` at a clean end of file.
fn read_record<R: BufRead>(r: &mut R) -> Result<Option<Record>, String> {
    let mut line = Vec::new();
    // Skip blank lines between records.
    loop {
        line.clear();
        let n = r
            .read_until(b'\n', &mut line)
            .map_err(|e| io_msg(e, "record header"))?;
        if n == 0 {
            return Ok(None);
        }
        if !line.iter().all(|b| b.is_ascii_whitespace()) {
            break;
        }
    }
    if !line.starts_with(b"WARC/") {
        return Err("not a WARC record (expected a `WARC/1.x` line)".into());
    }
    let mut headers = Vec::new();
    loop {
        line.clear();
        let n = r
            .read_until(b'\n', &mut line)
            .map_err(|e| io_msg(e, "record header"))?;
        if n == 0 || !line.ends_with(b"\n") {
            return Err("truncated record: the file ends inside the WARC headers".into());
        }
        let l = String::from_utf8_lossy(&line);
        let l = l.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((k, v)) = l.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let len: u64 = header(&headers, "Content-Length")
        .and_then(|v| v.parse().ok())
        .ok_or("WARC record without a valid Content-Length")?;
    if len > MAX_RECORD_BYTES {
        return Err(format!(
            "record too large ({len} bytes, limit {MAX_RECORD_BYTES})"
        ));
    }
    let mut block = Vec::with_capacity(len as usize);
    let got = r
        .take(len)
        .read_to_end(&mut block)
        .map_err(|e| io_msg(e, "record block"))?;
    if (got as u64) < len {
        return Err(format!(
            "truncated record: Content-Length is {len} but only {got} bytes follow"
        ));
    }
    Ok(Some(Record { headers, block }))
}

/// The HTML page of a response record; `Ok(None)` for other records (request, metadata, images).
fn page_of(rec: Record, offset: u64) -> Result<Option<WarcPage>, String> {
    if !rec
        .header("WARC-Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("response"))
    {
        return Ok(None);
    }
    let id = rec
        .header("WARC-Record-ID")
        .map(|s| s.trim_matches(['<', '>']).to_string())
        .unwrap_or_else(|| format!("record-{offset}"));
    let is_http = rec
        .header("Content-Type")
        .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
    let (http_headers, body) = if is_http || rec.block.starts_with(b"HTTP/") {
        split_http(&rec.block)?
    } else {
        (Vec::new(), rec.block.clone())
    };
    let content_type = header(&http_headers, "Content-Type")
        .or_else(|| (!is_http).then(|| rec.header("Content-Type")).flatten())
        .map(str::to_string);
    let html_type = content_type.as_deref().is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("html") || t.contains("xml")
    });
    if !html_type {
        return Ok(None);
    }
    let mut body = body;
    if header(&http_headers, "Transfer-Encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).unwrap_or(body);
    }
    if header(&http_headers, "Content-Encoding").is_some_and(|t| t.contains("gzip"))
        && body.starts_with(&[0x1f, 0x8b])
    {
        body = gunzip(&body).map_err(|e| format!("record {id}: {e}"))?;
    }
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(format!("record {id}: empty HTML payload"));
    }
    let (html, _) = decode_html(body, content_type.as_deref());
    Ok(Some(WarcPage {
        id,
        url: rec.header("WARC-Target-URI").map(str::to_string),
        fetched: rec.header("WARC-Date").map(str::to_string),
        html,
        offset,
    }))
}

type HttpSplit = (Vec<(String, String)>, Vec<u8>);

/// Splits an HTTP response into its headers and body.
fn split_http(block: &[u8]) -> Result<HttpSplit, String> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|p| (p, p + 2))
        })
        .ok_or("HTTP response without the blank line after its headers")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let headers = head
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Ok((headers, block[end.1..].to_vec()))
}

/// Undoes HTTP chunked transfer encoding; `None` when the body is not validly chunked.
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    loop {
        let eol = body[i..].windows(2).position(|w| w == b"\r\n")? + i;
        let size_txt = std::str::from_utf8(&body[i..eol]).ok()?;
        let size = usize::from_str_radix(size_txt.split(';').next()?.trim(), 16).ok()?;
        i = eol + 2;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(i..i + size)?);
        i += size + 2;
        if i >= body.len() {
            return Some(out);
        }
    }
}
