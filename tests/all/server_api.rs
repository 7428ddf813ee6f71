//! API tests: `recoupe serve` on a loopback port over a store built from the seeds.

use crate::server_common;

use server_common::{enc, gold, seed_store, Server};

const A000: &str = "000_3f186ae45b18a075";
const A001: &str = "001_49956c56bab0c0de";
const A003: &str = "003_f01e88c6e5348d2e";

fn seed_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(server_common::seeds_dir())
        .unwrap()
        .map(|e| recoupe::ingest::id_from_path(&e.unwrap().path()))
        .collect();
    ids.sort();
    ids
}

#[test]
fn read_routes_answer_with_the_stored_analysis() {
    let store = seed_store();
    let srv = Server::start(store.path(), &[]);

    // GET /api lists every route.
    let (st, v) = srv.get_json("/api");
    assert_eq!(st, 200);
    let paths: Vec<&str> = v["routes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    for p in [
        "/api/stories/{id}",
        "/api/compare?a=&b=",
        "/api/search?q=&offset=&limit=",
    ] {
        assert!(paths.contains(&p), "{p} missing from {paths:?}");
    }

    // Stories: every seed article in exactly one story; pagination holds.
    let (st, v) = srv.get_json("/api/stories?limit=500");
    assert_eq!(st, 200);
    let total = v["total"].as_u64().unwrap() as usize;
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), total);
    let members: usize = items
        .iter()
        .map(|s| s["articles"].as_u64().unwrap() as usize)
        .sum();
    assert_eq!(members, seed_ids().len());
    let (_, page) = srv.get_json("/api/stories?offset=1&limit=1");
    assert_eq!(page["items"].as_array().unwrap().len(), 1.min(total - 1));
    if total > 1 {
        assert_eq!(page["items"][0]["id"], items[1]["id"]);
    }

    // Article: clean text and offsets in range; the story it belongs to lists it.
    let (st, a) = srv.get_json(&format!("/api/articles/{A000}"));
    assert_eq!(st, 200);
    let text = a["text"].as_str().unwrap();
    let nchars = text.chars().count() as u64;
    assert!(text.contains("Palmyre"), "clean text of {A000}");
    for q in a["quotes"].as_array().unwrap() {
        let (s, e) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
        assert!(s < e && e <= nchars);
        let slice: String = text
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect();
        assert_eq!(
            slice,
            q["text"].as_str().unwrap(),
            "quote offsets are char offsets"
        );
    }
    let story_id = a["stories"][0]["id"].as_str().unwrap().to_string();
    let (st, s) = srv.get_json(&format!("/api/stories/{}", enc(&story_id)));
    assert_eq!(st, 200);
    let listed: Vec<&str> = s["articles_list"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap())
        .collect();
    assert!(listed.contains(&A000));

    // Reuse and compare answer for known ids, and agree with each other.
    let (st, r) = srv.get_json(&format!("/api/articles/{A000}/reuse"));
    assert_eq!(st, 200);
    let with_001 = r
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["other"]["id"] == A001);
    let (st, c) = srv.get_json(&format!("/api/compare?a={A000}&b={A001}"));
    assert_eq!(st, 200);
    assert_eq!(c["a"]["id"], A000);
    assert_eq!(c["b"]["id"], A001);
    let passages = c["passages"].as_array().unwrap();
    assert_eq!(
        passages.len(),
        with_001.map_or(0, |x| x["passages"].as_array().unwrap().len())
    );
    assert!(!passages.is_empty(), "gold: 000 and 001 share passages");
    let b_text = c["b"]["text"].as_str().unwrap();
    for p in passages {
        let (s, e) = (
            p["other_start"].as_u64().unwrap(),
            p["other_end"].as_u64().unwrap(),
        );
        let slice: String = b_text
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect();
        assert_eq!(slice, p["text"].as_str().unwrap());
    }

    // Search finds a word of the seeds, stemmed and accent-folded ("defenses" → "Défense").
    let (st, hits) = srv.get_json("/api/search?q=defenses");
    assert_eq!(st, 200);
    let ids: Vec<&str> = hits["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&A003), "{ids:?}");
    assert!(hits["items"][0]["snippet"]
        .as_str()
        .unwrap()
        .contains("<b>"));

    // Speakers and entities: lists answer; a gold speaker has their quote once the stage is real.
    let (st, sp) = srv.get_json("/api/speakers");
    assert_eq!(st, 200);
    let (st, _) = srv.get_json("/api/entities?limit=10");
    assert_eq!(st, 200);
    let g = gold();
    let q = g["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["article"] == A003 && q["optional"].is_null())
        .unwrap();
    let name = q["speaker"].as_str().unwrap();
    assert!(sp["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == name));
    let (st, d) = srv.get_json(&format!("/api/speakers/{}", enc(name)));
    assert_eq!(st, 200);
    let start = q["starts_with"].as_str().unwrap();
    assert!(d["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["text"].as_str().unwrap().starts_with(start)));

    // Static page and assets.
    let (st, html) = srv.request("GET", "/", None);
    assert_eq!(st, 200);
    assert!(html.contains("/app.js"));
    assert_eq!(srv.request("GET", "/app.js", None).0, 200);
    assert_eq!(srv.request("GET", "/app.css", None).0, 200);

    // Bad requests: unknown ids → 404, bad parameters → 400, all as JSON errors.
    for path in [
        "/api/articles/no-such-article".to_string(),
        "/api/articles/no-such-article/reuse".to_string(),
        "/api/stories/no-such-story".to_string(),
        "/api/speakers/No%20Such%20Speaker".to_string(),
        format!("/api/compare?a={A000}&b=no-such-article"),
        "/api/no-such-route".to_string(),
    ] {
        let (st, v) = srv.get_json(&path);
        assert_eq!(st, 404, "{path}");
        assert!(v["error"].is_string(), "{path}");
    }
    for path in [
        "/api/stories?limit=abc",
        "/api/stories?limit=0",
        "/api/stories?offset=-1",
        "/api/speakers?limit=100000",
        "/api/search",
        "/api/search?q=",
        "/api/compare?a=x",
    ] {
        let (st, v) = srv.get_json(path);
        assert_eq!(st, 400, "{path}");
        assert!(v["error"].is_string(), "{path}");
    }
    hostile_queries_are_refused_and_the_server_stays_up(&srv);
    // A wrong method and a path that is not UTF-8 get the documented JSON error too.
    for (method, path, status) in [
        ("DELETE", "/api/stories", 405),
        ("POST", "/api/search?q=x", 405),
        ("GET", "/api/articles/%FF%FE", 400),
    ] {
        let (st, body) = srv.request(method, path, None);
        assert_eq!(st, status, "{method} {path}: {body}");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_else(|e| {
            panic!("{method} {path}: not JSON ({e}): {body}");
        });
        assert!(v["error"].is_string(), "{method} {path}: {body}");
    }
}

/// Queries that overflowed the parser's stack (800 `(`, issue 18) or paged past what a search
/// keeps are a 400 naming the bound; the server answers the next request.
fn hostile_queries_are_refused_and_the_server_stays_up(srv: &Server) {
    let deep = format!(
        "/api/search?q={}",
        enc(&format!("{}defenses", "(".repeat(800)))
    );
    let words = format!("/api/search?q={}", enc(&"defenses ".repeat(200)));
    let far = "/api/search?q=defenses&offset=9223372036854775808".to_string();
    let far_list = "/api/stories?offset=9223372036854775808".to_string();
    for (path, says) in [
        (deep, "deep"),
        (words, "words"),
        (far, "offset"),
        (far_list, "offset"),
    ] {
        let (st, v) = srv.get_json(&path);
        assert_eq!(st, 400, "{path}: {v}");
        let msg = v["error"].as_str().unwrap_or_default();
        assert!(msg.contains(says), "{path}: {msg}");
    }
    let (st, v) = srv.get_json(&format!("/api/search?q={}", enc("((defenses))")));
    assert_eq!(st, 200, "{v}");
    assert!(v["total"].as_u64().unwrap() > 0, "{v}");
}

#[test]
fn post_articles_stores_validates_and_limits() {
    let store = seed_store();
    let srv = Server::start(store.path(), &["--max-body-bytes", "4096"]);
    let (_, before) = srv.get_json("/api/stories?limit=500");
    let before_members: u64 = before["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();

    // One object in the JSONL input shape: 201, then readable and searchable.
    let one = r#"{"id": "api-1", "title": "Inondations dans le Gard", "text": "Les pluies torrentielles ont inondé plusieurs communes du Gard dimanche.\nLes pompiers ont procédé à une centaine de sauvetages.", "source": "exemple.org", "published": "2021-09-14"}"#.as_bytes();
    let (st, body) = srv.request("POST", "/api/articles", Some(one));
    assert_eq!(st, 201, "{body}");
    let report: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(report["added"], 1);
    let (st, a) = srv.get_json("/api/articles/api-1");
    assert_eq!(st, 200);
    assert_eq!(a["source"], "exemple.org");
    let (_, hits) = srv.get_json("/api/search?q=inondation");
    assert_eq!(hits["items"][0]["id"], "api-1");
    // An unrelated article makes a story of its own, and every article stays in one story.
    let story = a["stories"][0]["id"].as_str().unwrap().to_string();
    let (_, s) = srv.get_json(&format!("/api/stories/{}", enc(&story)));
    assert_eq!(s["articles"], 1);
    assert_eq!(s["articles_list"][0]["id"], "api-1");
    let (_, after) = srv.get_json("/api/stories?limit=500");
    let members: u64 = after["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["articles"].as_u64().unwrap())
        .sum();
    assert_eq!(members, before_members + 1);

    // The same again: nothing changes (200, unchanged); an array with a changed text replaces.
    let (st, body) = srv.request("POST", "/api/articles", Some(one));
    assert_eq!(st, 200);
    assert!(body.contains(r#""unchanged":1"#), "{body}");
    let arr = br#"[{"id": "api-1", "text": "Texte corrige: les pluies ont inonde trois communes."}, {"id": 42, "text": "Un autre article, court."}]"#;
    let (st, body) = srv.request("POST", "/api/articles", Some(arr));
    assert_eq!(st, 201, "{body}");
    assert!(body.contains(r#""replaced":1"#), "{body}");
    let (_, a) = srv.get_json("/api/articles/api-1");
    assert!(a["text"].as_str().unwrap().contains("trois communes"));
    assert_eq!(srv.get_json("/api/articles/42").0, 200);

    // Malformed JSON → 400; well-formed but invalid articles → 422; too big → 413.
    for bad in [&b"{\"id\": \"x\", \"text\": "[..], b"not json", b"[1, 2"] {
        let (st, body) = srv.request("POST", "/api/articles", Some(bad));
        assert_eq!(st, 400, "{body}");
        assert!(body.contains("\"error\""));
    }
    for invalid in [
        &br#"{"id": "x"}"#[..],
        br#"{"text": "no id"}"#,
        br#"{"id": "x", "text": "   "}"#,
        br#"{"id": "x", "text": 5}"#,
        br#"[]"#,
        br#""just a string""#,
        br#"[{"id": "d", "text": "a"}, {"id": "d", "text": "b"}]"#,
    ] {
        let (st, body) = srv.request("POST", "/api/articles", Some(invalid));
        assert_eq!(st, 422, "{} -> {body}", String::from_utf8_lossy(invalid));
    }
    let big = format!(r#"{{"id": "big", "text": "{}"}}"#, "mot ".repeat(5000));
    let (st, body) = srv.request("POST", "/api/articles", Some(big.as_bytes()));
    assert_eq!(st, 413, "{body}");
    assert_eq!(srv.get_json("/api/articles/big").0, 404);
}
