//! Extraction on small synthetic pages, one per boilerplate kind, and on real benchmark pages
//! read at run time from ../shared/eval-data (never copied into the project).

use recoupe::model::{Document, DropReason};
use recoupe::stages::extract::{extract, extract_batch};

const BODY: &str = "<p>Le conseil municipal a voté mardi soir, après un long débat, le budget de la ville pour l'année prochaine, en hausse de trois pour cent.</p>\
<h2>Une opposition divisée</h2>\
<p>Les élus de l'opposition ont dénoncé, dans un communiqué publié mercredi, une hausse des impôts locaux qu'ils jugent injustifiée et mal expliquée.</p>\
<blockquote>« Nous ne voterons jamais un budget pareil », a déclaré leur porte-parole à la sortie de la séance.</blockquote>\
<p>Le maire a répondu que les investissements prévus dans les écoles et les transports justifiaient cet effort demandé aux habitants.</p>";

fn page(extra_before: &str, extra_after: &str) -> Document {
    let html = format!(
        "<!doctype html><html lang=\"fr\"><head><title>Budget voté au conseil - La Gazette</title>\
         <meta property=\"og:site_name\" content=\"La Gazette\">\
         <meta property=\"article:published_time\" content=\"2024-03-12T18:00:00+01:00\"></head>\
         <body>{extra_before}<article><h1>Budget voté au conseil</h1>{BODY}</article>{extra_after}</body></html>"
    );
    Document {
        id: "t".into(),
        html: Some(html),
        ..Default::default()
    }
}

fn reasons(a: &recoupe::model::CleanArticle, needle: &str) -> Vec<DropReason> {
    a.dropped
        .iter()
        .filter(|d| d.text.contains(needle))
        .map(|d| d.reason)
        .collect()
}

fn assert_body(a: &recoupe::model::CleanArticle) {
    assert!(
        a.text.starts_with("Le conseil municipal a voté"),
        "{}",
        a.text
    );
    assert!(a.text.contains("\nUne opposition divisée\n"), "{}", a.text);
    assert!(a.text.contains("« Nous ne voterons jamais"), "{}", a.text);
    assert!(
        a.text.ends_with("cet effort demandé aux habitants."),
        "{}",
        a.text
    );
    assert_eq!(a.title.as_deref(), Some("Budget voté au conseil"));
    assert!(!a.text.contains("Budget voté au conseil"));
}

#[test]
fn metadata_and_paragraphs() {
    let a = extract(&page("", ""));
    assert_body(&a);
    assert_eq!(a.text.lines().count(), 5);
    assert_eq!(
        a.published.map(recoupe::calendar::iso).as_deref(),
        Some("2024-03-12")
    );
    assert_eq!(a.source.as_deref(), Some("La Gazette"));
    assert_eq!(a.language, "fr");
}

#[test]
fn navigation_is_dropped() {
    let nav = "<nav><ul><li><a href=/a>Politique</a></li><li><a href=/b>Économie</a></li>\
               <li><a href=/c>Sports</a></li></ul></nav>";
    let a = extract(&page(nav, ""));
    assert_body(&a);
    assert_eq!(reasons(&a, "Économie"), [DropReason::Navigation]);
}

#[test]
fn share_widget_is_dropped() {
    let share = "<div class=\"share-buttons\"><a href=#>Facebook</a> <a href=#>Twitter</a> Partager cet article</div>";
    let a = extract(&page("", share));
    assert_body(&a);
    assert!(!a.text.contains("Partager"));
    assert!(reasons(&a, "Partager").contains(&DropReason::Widget));
}

#[test]
fn comments_are_kept_apart() {
    let comments = "<section id=\"comments\"><h3>3 commentaires</h3>\
        <div class=\"comment\"><p>Je ne suis pas du tout d'accord avec cette décision, les impôts sont déjà trop élevés dans notre commune.</p></div>\
        <div class=\"comment\"><p>Enfin un budget qui pense aux écoles, il était temps que la mairie investisse dans l'avenir des enfants.</p></div></section>";
    let a = extract(&page("", comments));
    assert_body(&a);
    assert_eq!(a.comments.len(), 3, "{:?}", a.comments);
    assert!(a.comments.iter().any(|c| c.contains("trop élevés")));
    assert!(!a.text.contains("trop élevés"));
}

#[test]
fn cookie_banner_is_dropped() {
    let cookie = "<div id=\"cookie-consent\"><p>Ce site utilise des cookies pour améliorer votre expérience de navigation et mesurer l'audience.</p><a href=#>Accepter</a></div>";
    let a = extract(&page(cookie, ""));
    assert_body(&a);
    assert_eq!(reasons(&a, "utilise des cookies"), [DropReason::Cookie]);
}

#[test]
fn caption_and_credit_are_dropped() {
    let html = page("", "")
        .html
        .unwrap()
        .replace(
            "<h2>",
            "<figure><img src=x.jpg><figcaption>Le maire lors de la séance du conseil. Photo : Jean Dupont</figcaption></figure><h2>",
        );
    let a = extract(&Document {
        html: Some(html),
        ..Default::default()
    });
    assert_body(&a);
    assert_eq!(
        reasons(&a, "Photo : Jean Dupont"),
        [DropReason::ImageCredit]
    );
}

#[test]
fn related_teasers_are_dropped() {
    let related = "<div class=\"related-articles\"><h3>Sur le même sujet</h3><ul>\
        <li><a href=/1>Le budget de la région adopté sans surprise</a></li>\
        <li><a href=/2>Les impôts locaux en hausse dans le département</a></li></ul></div>";
    let a = extract(&page("", related));
    assert_body(&a);
    assert_eq!(reasons(&a, "budget de la région"), [DropReason::Teaser]);
}

#[test]
fn newsletter_box_is_dropped() {
    let html = page("", "").html.unwrap().replace(
        "<h2>",
        "<div class=\"newsletter-box\"><p>Recevez chaque matin l'essentiel de l'actualité locale dans votre boîte mail.</p><input type=email></div><h2>",
    );
    let a = extract(&Document {
        html: Some(html),
        ..Default::default()
    });
    assert_body(&a);
    assert_eq!(
        reasons(&a, "Recevez chaque matin"),
        [DropReason::Newsletter]
    );
}

#[test]
fn template_blocks_across_a_site_are_dropped() {
    let towns = ["Lyon", "Nantes", "Rennes", "Dijon"];
    let docs: Vec<Document> = towns
        .iter()
        .enumerate()
        .map(|(i, town)| {
            let html = format!(
                "<html><body><article><h1>Le budget de {town}</h1>\
                 <p>Le conseil municipal de {town} a voté mardi soir le budget de l'année, après un débat de {i} heures.</p>\
                 <p>À {town}, l'opposition a dénoncé une hausse des impôts locaux qu'elle juge injustifiée et mal expliquée.</p>\
                 <p>La rédaction rappelle que la reproduction de ses contenus, même partielle, est soumise à autorisation écrite.</p>\
                 </article></body></html>"
            );
            Document {
                id: format!("p{i}"),
                html: Some(html),
                url: Some(format!("https://www.gazette.example/2024/03/12/article-{i}")),
                ..Default::default()
            }
        })
        .collect();
    let out = extract_batch(&docs);
    for (a, town) in out.iter().zip(towns) {
        assert!(
            !a.text.contains("reproduction de ses contenus"),
            "{}",
            a.text
        );
        assert!(a.text.contains(town), "{}", a.text);
        assert_eq!(a.text.lines().count(), 2, "{}", a.text);
        assert_eq!(reasons(a, "reproduction"), [DropReason::Template]);
        assert_eq!(
            a.published.map(recoupe::calendar::iso).as_deref(),
            Some("2024-03-12")
        );
    }
    // Alone, a page has no site to compare with: the line stays.
    assert!(extract(&docs[0])
        .text
        .contains("reproduction de ses contenus"));
}

// ---- real pages (third-party, read at run time) ----

fn words(s: &str) -> Vec<String> {
    recoupe::text::fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Word 4-gram F1, as the AEB benchmark scores it.
fn f1(pred: &str, gold: &str) -> f64 {
    use std::collections::HashMap;
    let grams = |s: &str| {
        let w = words(s);
        let mut m: HashMap<Vec<String>, usize> = HashMap::new();
        for g in w.windows(4) {
            *m.entry(g.to_vec()).or_default() += 1;
        }
        m
    };
    let (p, g) = (grams(pred), grams(gold));
    let tp: usize = p
        .iter()
        .map(|(k, n)| (*n).min(*g.get(k).unwrap_or(&0)))
        .sum();
    let (np, ng) = (p.values().sum::<usize>(), g.values().sum::<usize>());
    if tp == 0 {
        return 0.0;
    }
    let (pr, rc) = (tp as f64 / np as f64, tp as f64 / ng as f64);
    2.0 * pr * rc / (pr + rc)
}

#[test]
fn aeb_pages_reach_an_f1_floor() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/eval-data/scrapinghub_aeb"
    );
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!("{root}/ground-truth.json")).unwrap(),
    )
    .unwrap();
    let mut ids: Vec<&String> = truth.as_object().unwrap().keys().collect();
    ids.sort();
    let ids: Vec<&String> = ids.into_iter().step_by(9).take(20).collect();
    let paths: Vec<String> = ids
        .iter()
        .map(|id| format!("{root}/html/{id}.html.gz"))
        .collect();
    let got = recoupe::ingest::read_paths(&paths);
    assert!(got.errors.is_empty(), "{:?}", got.errors);
    let arts = extract_batch(&got.documents);
    let scores: Vec<f64> = arts
        .iter()
        .map(|a| f1(&a.text, truth[&a.id]["articleBody"].as_str().unwrap_or("")))
        .collect();
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    assert!(mean >= 0.88, "mean F1 {mean:.3} {scores:?}");
    let good = scores.iter().filter(|&&f| f >= 0.8).count();
    assert!(good * 10 >= scores.len() * 8, "{scores:?}");
}
