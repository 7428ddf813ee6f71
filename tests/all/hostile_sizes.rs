//! Sizes that made a stage quadratic or took the batch down (issue 18): deeply nested HTML, a
//! text article past the size limit, a long text article full of names and quotes.

use std::fs;

use recoupe::ingest::{read_paths, MAX_ARTICLE_BYTES};
use recoupe::stages::extract::{extract, nesting::MAX_HTML_DEPTH};
use recoupe::Document;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/corpus/seeds/000_3f186ae45b18a075.txt"
);

#[test]
fn two_hundred_thousand_nested_elements_keep_their_article() {
    let para = "Le conseil municipal a voté mardi soir le budget de la commune, après un long \
                débat sur les écoles et les transports publics de la ville.";
    let n = 200_000;
    let html = format!(
        "<html><head><title>Budget voté</title></head><body>{}<article><p>{para}</p></article>{}\
         <p>Deuxième paragraphe hors de la pile, lui aussi assez long pour être un vrai texte \
         d'article de presse régionale.</p></body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    assert!(n > MAX_HTML_DEPTH);
    let doc = Document {
        id: "deep".into(),
        html: Some(html),
        ..Document::default()
    };
    let article = extract(&doc);
    assert!(article.text.contains(para), "{:?}", article.text);
    assert!(
        article.text.contains("Deuxième paragraphe"),
        "{:?}",
        article.text
    );
}

#[test]
fn a_text_article_past_the_limit_is_refused_by_name_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let seed = fs::read_to_string(SEED).unwrap();
    let big = seed.repeat(MAX_ARTICLE_BYTES / seed.len() + 1);
    fs::write(dir.path().join("big.txt"), &big).unwrap();
    fs::write(dir.path().join("small.txt"), &seed).unwrap();
    let got = read_paths(&[dir.path()]);
    let ids: Vec<_> = got.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["small"]);
    assert_eq!(got.errors.len(), 1);
    let e = &got.errors[0];
    assert!(e.origin.path.ends_with("big.txt"), "{e:?}");
    assert!(
        e.message.contains("too large") && e.message.contains("limit"),
        "{e:?}"
    );
}

/// One long text made of 400 distinct articles (1.2 MB of names, quotes and entities) is analysed
/// whole: it yields about as many quotations as the articles do one by one. (Repeating one
/// article instead would not do: the clean stage drops the repeated lines as a template.)
#[test]
fn a_long_text_of_many_reports_is_analysed_whole() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/rpm2-fr");
    let mut texts: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    assert!(texts.len() >= 400);
    let doc = |id: String, text: String| Document {
        id,
        text,
        ..Document::default()
    };
    let one_by_one = recoupe::analyze(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| doc(format!("a{i:03}"), t.clone()))
            .collect(),
    );
    let long = recoupe::analyze(vec![doc("all".into(), texts.join("\n\n"))]);
    let found: usize = one_by_one.articles.iter().map(|a| a.quotes.len()).sum();
    let whole = long.articles[0].quotes.len();
    assert!(found > 1000, "{found}");
    assert!(
        whole * 10 >= found * 9,
        "{whole} quotes in the long text, {found} one by one"
    );
    let named = long.articles[0]
        .quotes
        .iter()
        .filter(|q| q.speaker.is_some())
        .count();
    assert!(
        named * 2 > whole,
        "{named} of {whole} quotes have a speaker"
    );
}
