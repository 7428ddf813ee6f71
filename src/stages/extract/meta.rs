//! Page metadata: headline, publication date, outlet, canonical URL, language and the JSON-LD
//! `articleBody`, from meta tags, JSON-LD, `<time>` and the URL.

use jiff::civil::Date;
use serde_json::Value;

use super::dom::RawMeta;
use crate::calendar;

/// Metadata of one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    /// Headline candidates, best first: og:title, JSON-LD headline, twitter:title.
    pub titles: Vec<String>,
    /// `<title>` text.
    pub html_title: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub published: Option<Date>,
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
    m.published = date_candidates.into_iter().flatten().find_map(page_date);
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

/// Years a page's own date may have: outside them a number that parses as a date is a price,
/// an id or a copyright range, not when the page was published.
const PAGE_YEARS: std::ops::RangeInclusive<i64> = 1990..=2100;

/// The day of a date string in a page's metadata (see [`calendar::parse_published`] for the
/// forms read), when its year is plausible for a web page.
pub fn page_date(s: &str) -> Option<Date> {
    calendar::parse_published(s).filter(is_page_year)
}

/// Whether a day's year is in [`PAGE_YEARS`].
fn is_page_year(d: &Date) -> bool {
    PAGE_YEARS.contains(&calendar::year(*d))
}

/// A date written in a URL path (`/2015/05/05/`, `/2015-05-05-`), if any.
pub fn date_in_url(url: &str) -> Option<Date> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 && !w[1].is_empty() {
            if let (Ok(y), Ok(mo), Ok(d)) = (
                w[0].parse::<u32>(),
                w[1].parse::<u32>(),
                w[2].parse::<u32>(),
            ) {
                if let Some(day) = calendar::day(y.into(), mo, d).filter(is_page_year) {
                    return Some(day);
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
        let may5 = calendar::day(2015, 5, 5);
        assert_eq!(page_date("2015-05-05T10:00:00Z"), may5);
        assert_eq!(page_date("Tue, 05 May 2015 10:00:00 GMT"), may5);
        assert_eq!(page_date("May 5, 2015"), may5);
        assert_eq!(page_date("yesterday"), None);
        assert_eq!(page_date("1890-05-05"), None, "not a web page's year");
        assert_eq!(
            date_in_url("https://example.org/2012/05/31/title/"),
            calendar::day(2012, 5, 31)
        );
        assert_eq!(date_in_url("https://example.org/2012/02/31/title/"), None);
        assert_eq!(host("https://www.example.org:80/a"), Some("example.org"));
    }
}
