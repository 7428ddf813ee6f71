//! English attribution on real sentences of the PolNeAR dev texts in ../shared (read at test time,
//! never copied): a role-headed subject, a possessive that is not the speaker, middle initials, an
//! interrupted quotation.

use recoupe::model::CleanArticle;
use recoupe::stages::{entities, quotes};

/// The line of a PolNeAR dev article (file name prefix) that contains `needle`.
fn line(prefix: &str, needle: &str) -> String {
    let dir = format!(
        "{}/../shared/eval-data/polnear/dev/text",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("polnear dev texts")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    let text = std::fs::read_to_string(format!("{dir}/{}", names[0])).unwrap();
    let text = recoupe::text::normalize_input(&text);
    text.split('\n')
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}"))
        .to_string()
}

/// (quoted text, speaker as written) with the entity mentions of the text.
fn run(text: &str) -> Vec<(String, Option<String>)> {
    let a = CleanArticle {
        id: "t".into(),
        text: text.to_string(),
        language: "en".into(),
        ..Default::default()
    };
    let mentions = entities::extract_mentions(&a);
    quotes::extract(&a, &mentions)
        .into_iter()
        .map(|q| (q.quoted_text(text), q.speaker))
        .collect()
}

#[test]
fn role_headed_subject_names_the_person_after_the_role() {
    let t = line("politico_2016-09-12_former-dnc", "campaign spokesman");
    let q = run(&t);
    assert_eq!(q.len(), 1, "{q:?}");
    let sp = q[0].1.as_deref().expect("a speaker");
    assert!(sp.ends_with("Fallon"), "{sp}");
}

#[test]
fn possessive_name_is_not_the_speaker_and_quote_is_interrupted() {
    let t = line(
        "politico_2016-09-28_axelrod",
        "former campaign strategist said",
    );
    let q = run(&t);
    assert!(!q.is_empty());
    // "Obama's former campaign strategist said": Obama is not the one who speaks.
    assert!(
        q.iter().all(|(_, s)| s.as_deref() != Some("Obama")),
        "{q:?}"
    );
}

#[test]
fn interrupted_quotation_keeps_only_the_quoted_words() {
    let t = line("politico_2016-10-04_trump-not-walking", "hard to avoid");
    let q = run(&t);
    assert_eq!(q.len(), 1, "{q:?}");
    let (text, sp) = &q[0];
    assert!(text.starts_with("It’s hard to avoid,"), "{text}");
    assert!(text.contains("Any time you want to cut taxes"), "{text}");
    assert!(!text.contains("said"), "{text}");
    assert!(
        sp.as_deref().is_some_and(|s| s.ends_with("Ellis")),
        "{sp:?}"
    );
}

#[test]
fn middle_initial_stays_inside_the_entity_name() {
    let t = line(
        "nyt_2016-09-08_obama-on-climate",
        "one of the president's closest aides",
    );
    let a = CleanArticle {
        id: "t".into(),
        text: t.clone(),
        language: "en".into(),
        ..Default::default()
    };
    let ms = entities::extract_mentions(&a);
    let first = ms
        .iter()
        .find(|m| m.start == 0)
        .expect("a mention at the start");
    assert_eq!(first.surface.split(' ').count(), 3, "{first:?}");
    assert!(first.surface.contains(". "), "{first:?}");
}
