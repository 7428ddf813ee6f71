//! Quotations and speakers on real seed sentences and short English sentences.

use recoupe::model::CleanArticle;
use recoupe::stages::quotes::{extract, FoundQuote};

fn article(text: &str, lang: &str) -> CleanArticle {
    CleanArticle {
        id: "t".into(),
        text: text.to_string(),
        language: lang.into(),
        ..Default::default()
    }
}

/// (quote text, speaker) pairs.
fn run(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
    let a = article(text, lang);
    extract(&a, &[])
        .into_iter()
        .map(|q: FoundQuote| {
            if let (Some(s), Some((b, e))) = (&q.speaker, q.speaker_span) {
                assert!(text[b..e].contains(s.rsplit(' ').next().unwrap()));
            }
            (text[q.start..q.end].to_string(), q.speaker)
        })
        .collect()
}

fn seed(name: &str) -> String {
    let path = format!(
        "{}/../shared/corpus/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    recoupe::text::normalize_input(&std::fs::read_to_string(path).unwrap())
}

fn lines(name: &str, which: &[usize]) -> String {
    let all = seed(name);
    let v: Vec<&str> = all.split('\n').collect();
    which
        .iter()
        .map(|&n| v[n - 1])
        .collect::<Vec<_>>()
        .join("\n")
}

fn speaker_of<'a>(qs: &'a [(String, Option<String>)], starts: &str) -> Option<&'a str> {
    qs.iter()
        .find(|(t, _)| t.starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting with {starts:?} in {qs:?}"))
        .1
        .as_deref()
}

#[test]
fn speaker_after_with_inversion_and_pronoun() {
    let t = lines("000_3f186ae45b18a075.txt", &[1, 2, 3, 4]);
    let qs = run(&t, "fr");
    assert_eq!(qs.len(), 3, "{qs:?}");
    assert_eq!(speaker_of(&qs, "Nous regrettons"), Some("Dmitri Peskov"));
    // "a-t-il souligné": the person named before
    assert_eq!(speaker_of(&qs, "Cette coopération"), Some("Dmitri Peskov"));
    assert!(speaker_of(&qs, "Le risque").unwrap().ends_with("Peskov"));
}

#[test]
fn subject_before_a_partial_quote_wins_over_a_later_participle() {
    let t = lines("000_3f186ae45b18a075.txt", &[7]);
    let qs = run(&t, "fr");
    assert_eq!(
        speaker_of(&qs, "une forme de mensonge"),
        Some("Jean-Marc Ayrault")
    );
}

#[test]
fn colon_on_the_previous_paragraph_and_run_of_quoted_paragraphs() {
    let t = lines(
        "001_49956c56bab0c0de.txt",
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
    let qs = run(&t, "fr");
    assert_eq!(speaker_of(&qs, "Nous regrettons"), Some("Dmitri Peskov"));
    assert_eq!(speaker_of(&qs, "Cette coopération"), Some("Dmitri Peskov"));
    assert_eq!(speaker_of(&qs, "Le risque"), Some("Dmitri Peskov"));
    // "Le porte-parole du Kremlin a également accusé …": a role, resolved
    assert_eq!(speaker_of(&qs, "la fuite"), Some("Dmitri Peskov"));
}

#[test]
fn incise_role_reference_and_teaser() {
    let t = lines("002_d5161c6cd124d2f0.txt", &[8, 14, 18, 19, 20, 22, 24]);
    let qs = run(&t, "fr");
    assert!(speaker_of(&qs, "Je pense qu'il").unwrap().ends_with("Cook"));
    // the incise ", a constaté le porte-parole." stays inside one attributed quotation
    let incise = qs
        .iter()
        .find(|(t, _)| t.starts_with("Nous n'essaierons"))
        .unwrap();
    assert!(incise.0.ends_with("notre cible"));
    assert!(incise.1.as_deref().unwrap().ends_with("Cook"));
    // "a indiqué le responsable américain"
    assert!(speaker_of(&qs, "Si les Russes").unwrap().ends_with("Cook"));
    assert!(speaker_of(&qs, "plus constructive qu")
        .unwrap()
        .ends_with("Cook"));
    // a quoted line alone, with nothing around it, is a teaser
    assert!(!qs.iter().any(|(t, _)| t.starts_with("Contrairement")));
}

#[test]
fn pull_quote_with_attribution_line() {
    let t = lines("004_edd8803b156ff1d8.txt", &[31, 32, 33, 34, 35, 36, 37]);
    let qs = run(&t, "fr");
    assert_eq!(speaker_of(&qs, "Parfois en diplomatie"), Some("John Kerry"));
    assert!(!qs.iter().any(|(t, _)| t.starts_with("Le secrétaire")));
}

#[test]
fn whole_seed_articles() {
    let qs = run(&seed("003_f01e88c6e5348d2e.txt"), "fr");
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(speaker_of(&qs, "La position"), Some("Michelle Baldansa"));
    let qs = run(&seed("004_edd8803b156ff1d8.txt"), "fr");
    assert_eq!(speaker_of(&qs, "Les habitants"), Some("Igor Konachenkov"));
    assert_eq!(speaker_of(&qs, "Je crois"), Some("John Kerry"));
}

#[test]
fn english_inversion_pronoun_and_title() {
    let t = "Senator Jane Miller criticised the plan on Monday.\n\
             “It will not work,” she said. “Nobody believes it.”\n\
             “We will vote against it,” said Mr. Tom Baker, the party leader.\n\
             Baker added that the bill was “dead on arrival.”";
    let qs = run(t, "en");
    assert_eq!(speaker_of(&qs, "It will not work"), Some("Jane Miller"));
    assert_eq!(speaker_of(&qs, "We will vote"), Some("Tom Baker"));
    assert_eq!(speaker_of(&qs, "dead on arrival"), Some("Baker"));
}

#[test]
fn english_name_before_verb_after_quote() {
    let t = "“The numbers are clear,” Smith told reporters.";
    let qs = run(t, "en");
    assert_eq!(
        qs,
        vec![(
            "The numbers are clear,".to_string(),
            Some("Smith".to_string())
        )]
    );
}

#[test]
fn apostrophes_are_not_single_quotes() {
    let t =
        "It’s the voters’ choice, Peter Jones said, calling the deal ‘a total farce’ on Tuesday.";
    let qs = run(t, "en");
    assert_eq!(qs.len(), 1, "{qs:?}");
    assert_eq!(qs[0].0, "a total farce");
    assert_eq!(qs[0].1.as_deref(), Some("Peter Jones"));
}
