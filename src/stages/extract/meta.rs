//! Page metadata: headline, publication date, outlet, canonical URL, language and the JSON-LD
//! `articleBody`, from meta tags, JSON-LD, `<time>` and the URL.

use serde_json::Value;

use super::dom::RawMeta;

/// Metadata of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// Headline candidates, best first: og:title, JSON-LD headline, twitter:title.
    pub titles: Vec<String>,
    /// `<title>` text.
    pub html_title: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Outlet name.
    pub site_name: Option<String>,
    /// Canonical URL (link rel=canonical, og:url).
    pub url: Option<String>,
    /// ISO 639-1 code from `<html lang>` or a language meta tag.
    pub lang: Option<String>,
    /// JSON-LD `articleBody`, when given.
    pub article_body: Option<String>,
}

fn meta<'a>(raw: &'a RawMeta, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        let k = super::dom::meta_key(k);
        raw.metas
            .iter()
            .find(|(name, v)| *name == k && !v.trim().is_empty())
            .map(|(_, v)| v.as_str())
    })
}

/// A JSON-LD script body as JSON: without a CDATA wrapper or comment markers around it, raw
/// control characters (invalid inside JSON strings) read as spaces.
fn ld_json(script: &str) -> Option<Value> {
    let script = script.replace("<![CDATA[", "").replace("]]>", "");
    let start = script.find(['{', '['])?;
    let end = script.rfind(['}', ']'])? + 1;
    let body = script.get(start..end)?;
    serde_json::from_str(body).ok().or_else(|| {
        let clean: String = body
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        serde_json::from_str(&clean).ok()
    })
}

/// Reads the page metadata; `page_url` is the URL the page was fetched from, when known.
pub fn read(raw: &RawMeta, page_url: Option<&str>) -> PageMeta {
    let mut m = PageMeta::default();
    let mut ld = LdInfo::default();
    for script in &raw.json_ld {
        if let Some(v) = ld_json(script) {
            ld_walk(&v, &mut ld, raw.title.as_deref(), 0);
        }
    }
    // Readability's order: JSON-LD, Dublin Core, Open Graph, plain, Twitter, Parse.ly.
    for t in [
        ld.headline.as_deref(),
        meta(raw, &["dc:title", "dcterm:title", "dcterms:title"]),
        meta(raw, &["og:title"]),
        meta(raw, &["weibo:article:title", "weibo:webpage:title"]),
        meta(raw, &["title", "headline"]),
        meta(raw, &["twitter:title"]),
        meta(raw, &["parsely-title"]),
    ]
    .into_iter()
    .flatten()
    {
        let t = collapse(&unescape(t));
        if !t.is_empty() && !m.titles.contains(&t) {
            m.titles.push(t);
        }
    }
    m.html_title = raw.title.as_deref().map(collapse).filter(|t| !t.is_empty());
    let date_candidates = [
        ld.date_published.as_deref(),
        meta(raw, &["article:published_time", "parsely-pub-date"]),
        meta(
            raw,
            &[
                "datepublished",
                "og:article:published_time",
                "article.published",
                "published_time",
                "publish-date",
                "publishdate",
                "pubdate",
                "dc.date.issued",
                "dcterms.created",
                "dc.date",
                "dcterms.date",
                "date",
                "sailthru.date",
                "parsely-pub-date",
                "cxenseparse:recs:publishtime",
            ],
        ),
        raw.times.first().map(String::as_str),
        meta(raw, &["article:modified_time", "datemodified"]),
    ];
    m.published = date_candidates.into_iter().flatten().find_map(iso_date);
    let canonical = raw
        .canonical
        .as_deref()
        .or_else(|| meta(raw, &["og:url"]))
        .filter(|u| u.starts_with("http"))
        .map(str::to_string);
    m.url = page_url.map(str::to_string).or(canonical);
    if m.published.is_none() {
        m.published = m.url.as_deref().and_then(date_in_url);
    }
    m.site_name = meta(raw, &["og:site_name", "application-name"])
        .map(str::to_string)
        .or(ld.publisher)
        .map(|s| collapse(&unescape(&s)))
        .filter(|s| !s.is_empty())
        .or_else(|| m.url.as_deref().and_then(host).map(str::to_string));
    m.lang = raw
        .lang
        .as_deref()
        .or_else(|| {
            meta(
                raw,
                &["content-language", "og:locale", "language", "dc.language"],
            )
        })
        .and_then(lang_code);
    m.article_body = ld.article_body;
    m
}

/// The host of a URL, without `www.`.
pub fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let h = rest.split(['/', '?', '#']).next()?;
    let h = h.rsplit('@').next()?.split(':').next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then_some(h)
}

fn lang_code(s: &str) -> Option<String> {
    let code: String = s
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    (code.len() == 2).then_some(code)
}

#[derive(Default)]
struct LdInfo {
    headline: Option<String>,
    date_published: Option<String>,
    publisher: Option<String>,
    article_body: Option<String>,
}

fn is_article_type(v: &Value) -> bool {
    let t = match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return false,
    };
    t.iter().any(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("article") || t.contains("posting") || t == "report" || t == "webpage"
    })
}

fn ld_walk(v: &Value, ld: &mut LdInfo, html_title: Option<&str>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| ld_walk(x, ld, html_title, depth + 1)),
        Value::Object(o) => {
            if is_article_type(v) {
                let article = v
                    .get("@type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| !t.eq_ignore_ascii_case("webpage"));
                let s = |k: &str| o.get(k).and_then(Value::as_str).map(str::to_string);
                if ld.headline.is_none() || article {
                    // Readability's choice: the name, unless only the headline matches
                    // the page's <title>.
                    let (name, headline) = (s("name"), s("headline"));
                    let in_title = |t: &Option<String>| {
                        t.as_deref()
                            .is_some_and(|t| html_title.is_some_and(|h| h.contains(t.trim())))
                    };
                    // A WebPage's name is often the site's.
                    let name = name.filter(|_| article);
                    let pick = if headline.is_some() && in_title(&headline) && !in_title(&name) {
                        headline
                    } else {
                        name.or(headline)
                    };
                    if let Some(h) = pick {
                        if article || ld.headline.is_none() {
                            ld.headline = Some(h);
                        }
                    }
                }
                if ld.date_published.is_none() || article {
                    if let Some(d) = s("datePublished").or_else(|| s("dateCreated")) {
                        ld.date_published = Some(d);
                    }
                }
                if ld.article_body.is_none() {
                    ld.article_body = s("articleBody");
                }
                if ld.publisher.is_none() {
                    ld.publisher = match o.get("publisher") {
                        Some(Value::String(p)) => Some(p.clone()),
                        Some(Value::Object(p)) => {
                            p.get("name").and_then(Value::as_str).map(str::to_string)
                        }
                        Some(Value::Array(a)) => a
                            .first()
                            .and_then(|p| p.get("name"))
                            .and_then(Value::as_str)
                            .map(str::to_string),
                        _ => None,
                    };
                }
            }
            if let Some(g) = o.get("@graph") {
                ld_walk(g, ld, html_title, depth + 1);
            }
            if let Some(g) = o.get("mainEntity") {
                ld_walk(g, ld, html_title, depth + 1);
            }
        }
        _ => {}
    }
}

/// An ISO date `YYYY-MM-DD` from a date string: ISO forms (`2015-05-05T...`, `2015/05/05`,
/// `20150505`) and RFC 2822-like forms with English month names.
pub fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse().ok())?
    };
    let valid = |y: u32, mo: u32, d: u32| {
        (1990..=2100).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d)
    };
    if b.len() >= 10 && (b[4] == b'-' || b[4] == b'/' || b[4] == b'.') && b[7] == b[4] {
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        return valid(y, mo, d).then(|| format!("{y:04}-{mo:02}-{d:02}"));
    }
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) {
        let (y, mo, d) = (num(0..4)?, num(4..6)?, num(6..8)?);
        return valid(y, mo, d).then(|| format!("{y:04}-{mo:02}-{d:02}"));
    }
    // "Tue, 05 May 2015 10:00:00 GMT", "May 5, 2015", "5 May 2015"
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let mo = words
        .iter()
        .find_map(|w| MONTHS.iter().position(|m| w.starts_with(m)))? as u32
        + 1;
    let y = words.iter().find_map(|w| {
        w.parse::<u32>()
            .ok()
            .filter(|&y| (1990..=2100).contains(&y))
    })?;
    let d = words
        .iter()
        .find_map(|w| w.parse::<u32>().ok().filter(|&d| (1..=31).contains(&d)))?;
    valid(y, mo, d).then(|| format!("{y:04}-{mo:02}-{d:02}"))
}

/// A date written in a URL path (`/2015/05/05/`, `/2015-05-05-`), if any.
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 && !w[1].is_empty() {
            if let (Ok(y), Ok(mo), Ok(d)) = (
                w[0].parse::<u32>(),
                w[1].parse::<u32>(),
                w[2].parse::<u32>(),
            ) {
                if (1990..=2100).contains(&y) && (1..=12).contains(&mo) && (1..=31).contains(&d) {
                    return Some(format!("{y:04}-{mo:02}-{d:02}"));
                }
            }
        }
    }
    None
}

/// Collapses white space runs to one space and trims.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Undoes the few HTML entities left in meta values that were escaped twice.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            iso_date("2015-05-05T10:00:00Z").as_deref(),
            Some("2015-05-05")
        );
        assert_eq!(
            iso_date("Tue, 05 May 2015 10:00:00 GMT").as_deref(),
            Some("2015-05-05")
        );
        assert_eq!(iso_date("May 5, 2015").as_deref(), Some("2015-05-05"));
        assert_eq!(iso_date("yesterday"), None);
        assert_eq!(
            date_in_url("https://example.org/2012/05/31/title/").as_deref(),
            Some("2012-05-31")
        );
        assert_eq!(host("https://www.example.org:80/a"), Some("example.org"));
    }
}
