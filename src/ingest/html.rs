//! HTML input: gzip, charset detection (BOM, HTTP header, `<meta>` tag, then statistical
//! detection) and decoding to a Rust string.
//!
//! Pages in windows-1252 / ISO-8859-1 are common in news archives; a page that declares UTF-8 but
//! is not valid UTF-8 is decoded with the detected encoding instead of producing U+FFFD runs.

use std::io::Read;

use encoding_rs::{Encoding, UTF_8};

/// Largest decompressed size of one gzipped page (bigger ones are reported, not read).
pub const MAX_PAGE_BYTES: u64 = 64 << 20;

/// Decompresses gzip bytes (several members allowed), up to [`MAX_PAGE_BYTES`].
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(bytes.len() * 4);
    let mut dec = flate2::read::MultiGzDecoder::new(bytes).take(MAX_PAGE_BYTES + 1);
    match dec.read_to_end(&mut out) {
        Ok(_) if out.len() as u64 > MAX_PAGE_BYTES => Err(format!(
            "decompressed page too large (limit {MAX_PAGE_BYTES} bytes)"
        )),
        Ok(_) => Ok(out),
        Err(e) => Err(format!(
            "corrupt or truncated gzip stream after {} decompressed bytes: {e}",
            out.len()
        )),
    }
}

/// The charset named by a `Content-Type` value (`text/html; charset=...`), if any.
pub fn charset_param(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = lower[at + 7..].trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Encoding::for_label(&rest.as_bytes()[..end])
}

/// The charset declared by a `<meta charset>` or `<meta http-equiv content>` tag in the first
/// bytes of the page (the HTML prescan, simplified).
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let mut i = 0;
    while let Some(off) = find_ci(&head[i..], b"<meta") {
        let start = i + off + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |p| start + p);
        let tag = String::from_utf8_lossy(&head[start..end]);
        if let Some(enc) = charset_param(&tag) {
            // UTF-16 declared in an ASCII-compatible byte stream is a lie (HTML spec).
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(enc);
        }
        i = end;
    }
    None
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Decodes page bytes to text: BOM, then the HTTP charset (`http_content_type`), then the meta
/// tag, then UTF-8 when valid, then detection. Returns the text and the encoding used.
pub fn decode_html(bytes: &[u8], http_content_type: Option<&str>) -> (String, &'static Encoding) {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc);
    }
    let declared = http_content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(bytes));
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    // Valid UTF-8 with multi-byte sequences is almost never a legacy encoding: trust the bytes
    // over a declaration (crawlers often re-encode pages without fixing the meta tag).
    if valid_utf8 && !bytes.is_ascii() {
        return (String::from_utf8_lossy(bytes).into_owned(), UTF_8);
    }
    let enc = match declared {
        Some(enc) if enc == UTF_8 && !valid_utf8 => detect(bytes),
        Some(enc) => enc,
        None if valid_utf8 => UTF_8,
        None => detect(bytes),
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text.into_owned(), enc)
}

/// [`decode_html`] taking the bytes by value: a page that decodes as UTF-8 (most of them)
/// becomes the string without a copy. Same result as [`decode_html`].
pub fn decode_html_owned(
    bytes: Vec<u8>,
    http_content_type: Option<&str>,
) -> (String, &'static Encoding) {
    if Encoding::for_bom(&bytes).is_some() {
        return decode_html(&bytes, http_content_type);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            // The page is kept until the batch is extracted: give back the decompression slack.
            s.shrink_to_fit();
            let declared = http_content_type
                .and_then(charset_param)
                .or_else(|| meta_charset(s.as_bytes()));
            if !s.is_ascii() || declared.is_none_or(|e| e == UTF_8) {
                (s, UTF_8)
            } else {
                decode_html(s.as_bytes(), http_content_type)
            }
        }
        Err(e) => decode_html(e.as_bytes(), http_content_type),
    }
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    det.guess(None, chardetng::Utf8Detection::Deny)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_decoding_matches() {
        let pages: [&[u8]; 4] = [
            b"<meta charset=\"windows-1252\"><p>caf\xe9</p>",
            "<meta charset=\"iso-8859-1\"><p>déjà</p>".as_bytes(),
            b"<meta charset=\"windows-1252\"><p>plain ascii</p>",
            "<p>\u{feff}été</p>".as_bytes(),
        ];
        for p in pages {
            let (a, ea) = decode_html(p, None);
            let (b, eb) = decode_html_owned(p.to_vec(), None);
            assert_eq!((a, ea.name()), (b, eb.name()));
        }
    }

    #[test]
    fn charset_sources() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        let (t, e) = decode_html(page, None);
        assert_eq!(e.name(), "windows-1252");
        assert!(t.contains("café"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xe9t\xe9";
        assert!(decode_html(page, None).0.contains("été"));
        let (t, _) = decode_html("été".as_bytes(), Some("text/html; charset=utf-8"));
        assert_eq!(t, "été");
        // Declared UTF-8 but really Latin-1: detection wins.
        let page = b"<meta charset=utf-8><p>Le journaliste a \xe9crit un tr\xe8s long article \xe0 propos de l'\xe9t\xe9.</p>";
        assert!(decode_html(page, None).0.contains("écrit"));
    }
}
