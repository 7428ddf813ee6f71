//! Extraction on small pages built around one round-2 rule each: class names read without their
//! modifiers, standfirsts outside the body container, captions and date lines inside it,
//! embedded posts, the fallback reading, and metadata in readability's order.

use recoupe::model::{CleanArticle, Document, DropReason};
use recoupe::stages::extract::extract;
use recoupe::stages::extract::hints::{attr_hints, is_caption, is_dateline};

const P1: &str = "Le conseil municipal a voté mardi soir, après un long débat, le budget de la ville pour l'année prochaine, en hausse de trois pour cent.";
const P2: &str = "Les élus de l'opposition ont dénoncé, dans un communiqué publié mercredi, une hausse des impôts locaux qu'ils jugent injustifiée et mal expliquée.";
const P3: &str = "Le maire a répondu que les investissements prévus dans les écoles et les transports justifiaient cet effort demandé aux habitants.";

fn doc(head: &str, body: &str) -> Document {
    Document {
        id: "t".into(),
        html: Some(format!(
            "<!doctype html><html lang=\"fr\"><head>{head}</head><body>{body}</body></html>"
        )),
        ..Default::default()
    }
}

fn reason_of(a: &CleanArticle, needle: &str) -> Option<DropReason> {
    a.dropped
        .iter()
        .find(|d| d.text.contains(needle))
        .map(|d| d.reason)
}

#[test]
fn class_names_are_read_without_modifiers_and_taxonomy_terms() {
    // A Drupal field whose label is hidden, a WordPress post tagged with a word of the
    // navigation vocabulary, a section "with ads": none of them is boilerplate.
    assert_eq!(attr_hints("field field--label-hidden field--item").0, None);
    assert_eq!(
        attr_hints("post type-post tag-menu category-sidebar").0,
        None
    );
    assert_eq!(attr_hints("o-section o-section--has-ads").0, None);
    // The element's own name and a BEM modifier that says what it is still count.
    assert_eq!(
        attr_hints("rail rail--trending").0.map(|(r, _)| r),
        Some(DropReason::Teaser)
    );
    assert_eq!(
        attr_hints("main-nav").0.map(|(r, _)| r),
        Some(DropReason::Navigation)
    );
    assert_eq!(
        attr_hints("hidden").0.map(|(r, _)| r),
        Some(DropReason::Navigation)
    );

    let a = extract(&doc(
        "<title>Budget</title>",
        &format!(
            "<nav><a href=/>Accueil</a> <a href=/p>Politique</a></nav>\
             <article class=\"post type-post tag-menu category-sidebar\">\
             <div class=\"field field--label-hidden\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div>\
             </article>"
        ),
    ));
    assert!(a.text.starts_with(P1), "{}", a.text);
    assert!(a.text.ends_with(P3), "{}", a.text);
}

#[test]
fn standfirst_before_the_body_container_is_kept() {
    let chapo = "Après trois heures de débat, la majorité a adopté un budget en hausse, contesté par l'opposition.";
    let a = extract(&doc(
        "<title>Budget voté au conseil</title>",
        &format!(
            "<article><h1>Budget voté au conseil</h1><p class=\"chapo\">{chapo}</p>\
             <div class=\"article-body\"><p>{P1}</p><p>{P2}</p><p>{P3}</p></div></article>\
             <footer><p>Tous droits réservés, reproduction interdite sans autorisation écrite préalable.</p></footer>"
        ),
    ));
    assert!(a.text.starts_with(chapo), "{}", a.text);
    assert!(a.text.ends_with(P3), "{}", a.text);
    assert!(!a.text.contains("droits réservés"), "{}", a.text);
}

#[test]
fn captions_and_date_lines_inside_the_body_are_dropped() {
    let caption = "Le maire de la ville lors de la séance du conseil municipal, mardi soir. (Photo: AFP/Jean Dupont)";
    let a = extract(&doc(
        "<title>Budget voté au conseil</title>",
        &format!(
            "<article><h1>Budget voté au conseil</h1><div class=\"body\">\
             <p>Publié le 12 mars 2024 à 18h00</p><p>{P1}</p><p>{caption}</p><p>{P2}</p>\
             <p>{P3}</p></div></article>"
        ),
    ));
    assert_eq!(reason_of(&a, "Photo: AFP"), Some(DropReason::ImageCredit));
    assert_eq!(reason_of(&a, "Publié le 12"), Some(DropReason::Metadata));
    assert!(a.text.starts_with(P1), "{}", a.text);
    assert!(is_dateline(
        "updated 5:27 am cst, wednesday, november 20, 2019"
    ));
    assert!(is_dateline("05:28 uhr"));
    assert!(!is_dateline(&P1.to_lowercase()));
    assert!(is_caption(
        "the crew during a space walk. (nasa via ap, file)"
    ));
    assert!(!is_caption(
        "le budget a ete adopte (par 25 voix contre 12)."
    ));
}

#[test]
fn embedded_posts_are_quoted_content() {
    let post = "Le budget voté ce soir protège les écoles et les transports de notre ville.";
    let a = extract(&doc(
        "<title>Budget</title>",
        &format!(
            "<article><p>{P1}</p><blockquote class=\"twitter-tweet\"><p>{post}</p></blockquote>\
             <p>{P2}</p><p>{P3}</p><div class=\"share-buttons\"><a href=/s>Partager</a></div></article>"
        ),
    ));
    assert!(a.text.contains(post), "{}", a.text);
    assert_eq!(reason_of(&a, "Partager"), Some(DropReason::Widget));
}

#[test]
fn fallback_reading_when_class_hints_hide_the_whole_article() {
    // A page builder calls every block of the article a "sidebar widget box": the first reading
    // finds no prose, the fallback trusts only tags and finds the article.
    let paras: String = [P1, P2, P3, P1, P2, P3]
        .iter()
        .map(|p| format!("<div class=\"sidebar-box\"><p>{p}</p></div>"))
        .collect();
    let a = extract(&doc(
        "<title>Budget</title>",
        &format!(
            "<nav><a href=/>Accueil</a></nav><div>{paras}</div><footer><p>Contact</p></footer>"
        ),
    ));
    assert!(a.text.starts_with(P1), "{}", a.text);
    assert!(!a.text.contains("Accueil"), "{}", a.text);
}

#[test]
fn metadata_follows_readability_order() {
    // JSON-LD wrapped in CDATA, Dublin Core before Open Graph, publication before modification.
    let head = "<title>Autre titre | La Gazette</title>\
        <meta property=\"og:title\" content=\"Titre Open Graph\">\
        <meta name=\"DC.title\" content=\"Titre Dublin Core\">\
        <meta property=\"article:modified_time\" content=\"2024-03-14T09:00:00Z\">\
        <script type=\"application/ld+json\">//<![CDATA[\n{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-03-12T18:00:00+01:00\"}\n//]]></script>";
    let a = extract(&doc(
        head,
        &format!("<article><p>{P1}</p><p>{P2}</p></article>"),
    ));
    assert_eq!(a.title.as_deref(), Some("Titre Dublin Core"));
    assert_eq!(
        a.published.map(recoupe::calendar::iso).as_deref(),
        Some("2024-03-12")
    );
    // Without metadata titles, <title> is read like readability: the part before the site.
    let a = extract(&doc(
        "<title>Le conseil municipal vote le budget de la ville | La Gazette</title>",
        &format!("<article><p>{P1}</p></article>"),
    ));
    assert_eq!(
        a.title.as_deref(),
        Some("Le conseil municipal vote le budget de la ville")
    );
}

#[test]
fn soft_hyphens_are_invisible() {
    // Typeset French pages hyphenate with U+00AD: the text must read as written.
    let a = extract(&doc(
        "<title>Budget</title>",
        &format!("<article><p>En réac\u{ad}tion à la can\u{ad}di\u{ad}da\u{ad}ture du maire, {P1}</p><p>{P2}</p></article>"),
    ));
    assert!(
        a.text.starts_with("En réaction à la candidature du maire"),
        "{}",
        a.text
    );
}
