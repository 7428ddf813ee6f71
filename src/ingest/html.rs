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

/// Whether `hay` starts with `prefix`, ASCII case ignored.
pub(super) fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.len() >= prefix.len() && hay[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// The first position of `needle` (not empty) in `hay`, ASCII case ignored: candidates are found
/// by the first byte, then compared.
pub(super) fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut from = 0;
    while let Some(k) = hay[from..]
        .iter()
        .position(|b| b.eq_ignore_ascii_case(&first))
    {
        let at = from + k;
        if starts_with_ci(&hay[at..], needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Decodes page bytes to text: BOM, then the HTTP charset (`http_content_type`), then the meta
/// tag, then UTF-8 when valid, then detection. Returns the text and the encoding used. Takes the
/// bytes by value so that a page in UTF-8 (most of them) becomes the string without a copy.
pub fn decode_html(bytes: Vec<u8>, http_content_type: Option<&str>) -> (String, &'static Encoding) {
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc);
    }
    let declared = http_content_type
        .and_then(charset_param)
        .or_else(|| meta_charset(&bytes));
    let (bytes, enc) = match String::from_utf8(bytes) {
        // Valid UTF-8 with multi-byte sequences is almost never a legacy encoding: trust the
        // bytes over a declaration (crawlers often re-encode pages without fixing the meta tag).
        Ok(mut text) if !text.is_ascii() || declared.is_none_or(|e| e == UTF_8) => {
            // Pages are kept until their batch is extracted: give back the decompression slack.
            text.shrink_to_fit();
            return (text, UTF_8);
        }
        // ASCII bytes under a declared legacy encoding.
        Ok(text) => (text.into_bytes(), declared.unwrap_or(UTF_8)),
        Err(e) => {
            let bytes = e.into_bytes();
            let enc = match declared {
                Some(enc) if enc != UTF_8 => enc,
                _ => detect(&bytes),
            };
            (bytes, enc)
        }
    };
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    (text.into_owned(), enc)
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
    fn declared_charset_against_the_bytes() {
        let cases: [(&[u8], &str, &str); 4] = [
            // legacy bytes under their declaration
            (
                b"<meta charset=\"windows-1252\"><p>caf\xe9</p>",
                "café",
                "windows-1252",
            ),
            // UTF-8 bytes under a wrong legacy declaration: the bytes win
            (
                "<meta charset=\"iso-8859-1\"><p>déjà</p>".as_bytes(),
                "déjà",
                "UTF-8",
            ),
            // ASCII bytes: the declaration stands
            (
                b"<meta charset=\"windows-1252\"><p>plain ascii</p>",
                "plain ascii",
                "windows-1252",
            ),
            // a BOM inside the page is text, not a BOM
            ("<p>\u{feff}été</p>".as_bytes(), "été", "UTF-8"),
        ];
        for (page, want, enc) in cases {
            let (text, e) = decode_html(page.to_vec(), None);
            assert!(text.contains(want), "{text}");
            assert_eq!(e.name(), enc);
        }
    }

    #[test]
    fn charset_sources() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        let (t, e) = decode_html(page.to_vec(), None);
        assert_eq!(e.name(), "windows-1252");
        assert!(t.contains("café"));
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\xe9t\xe9";
        assert!(decode_html(page.to_vec(), None).0.contains("été"));
        let (t, _) = decode_html("été".as_bytes().to_vec(), Some("text/html; charset=utf-8"));
        assert_eq!(t, "été");
        // Declared UTF-8 but really Latin-1: detection wins.
        let page = b"<meta charset=utf-8><p>Le journaliste a \xe9crit un tr\xe8s long article \xe0 propos de l'\xe9t\xe9.</p>";
        assert!(decode_html(page.to_vec(), None).0.contains("écrit"));
    }
}
