//! Entity mentions and corpus-wide merging on the real seed texts, and a synthetic case of two
//! people sharing a surname.

use recoupe::model::{CleanArticle, Entity, EntityKind};
use recoupe::stages::entities::{extract_mentions, resolve};
use recoupe::text::fold;

const SEEDS: &[&str] = &[
    "000_3f186ae45b18a075",
    "001_49956c56bab0c0de",
    "002_d5161c6cd124d2f0",
    "003_f01e88c6e5348d2e",
    "004_edd8803b156ff1d8",
];

fn article(id: &str, text: String) -> CleanArticle {
    CleanArticle {
        id: id.to_string(),
        text,
        language: "fr".into(),
        ..Default::default()
    }
}

fn seeds() -> (Vec<CleanArticle>, Vec<Vec<Entity>>) {
    let arts: Vec<_> = SEEDS
        .iter()
        .map(|id| {
            let path = format!(
                "{}/../shared/corpus/seeds/{id}.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            let raw = std::fs::read_to_string(path).expect("seed file");
            article(id, recoupe::text::normalize_input(&raw))
        })
        .collect();
    let ents = run(&arts);
    (arts, ents)
}

fn run(arts: &[CleanArticle]) -> Vec<Vec<Entity>> {
    let mentions: Vec<_> = arts.iter().map(extract_mentions).collect();
    resolve(arts, &mentions)
}

/// Canonical names of every entity (in any article) with a mention folded equal to `surface`.
fn names_of(ents: &[Vec<Entity>], surface: &str) -> Vec<String> {
    let key = fold(surface);
    let mut names: Vec<String> = ents
        .iter()
        .flatten()
        .filter(|e| e.mentions.iter().any(|m| fold(m) == key))
        .map(|e| e.name.clone())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn one_name(ents: &[Vec<Entity>], surface: &str) -> String {
    let names = names_of(ents, surface);
    assert_eq!(names.len(), 1, "{surface:?} has names {names:?}");
    names[0].clone()
}

#[test]
fn islamic_state_variants_share_one_name() {
    let (_, ents) = seeds();
    let name = one_name(&ents, "Daesh");
    for v in [
        "Daech",
        "EI",
        "État islamique",
        "Etat islamique",
        "Etat Islamique",
    ] {
        assert_eq!(one_name(&ents, v), name, "{v}");
    }
    // Mentioned in every seed article under one name or another.
    assert!(ents.iter().all(|a| a.iter().any(|e| e.name == name)));
}

#[test]
fn titles_and_surnames_go_to_the_full_name() {
    let (_, ents) = seeds();
    assert_eq!(
        one_name(&ents, "M. Peskov"),
        one_name(&ents, "Dmitri Peskov")
    );
    assert_eq!(one_name(&ents, "M.Cook"), "Peter Cook");
    assert_eq!(one_name(&ents, "Assad"), one_name(&ents, "Bachar el-Assad"));
    assert_eq!(one_name(&ents, "Bachar Al-Assad"), "Bachar el-Assad");
    // "Kerry" alone in one article, "John Kerry" in another.
    assert_eq!(one_name(&ents, "Kerry"), "John Kerry");
    let kerry = ents
        .iter()
        .flatten()
        .find(|e| e.name == "John Kerry")
        .unwrap();
    assert_eq!(kerry.kind, EntityKind::Person);
}

#[test]
fn acronym_defined_in_text_binds_long_form() {
    let (arts, ents) = seeds();
    let name = one_name(&ents, "OSDH");
    assert_eq!(
        name,
        one_name(&ents, "Observatoire syrien des droits de l’homme")
    );
    // Every located span reads as its surface.
    for (a, es) in arts.iter().zip(&ents) {
        for e in es {
            for m in &e.spans {
                assert_eq!(&a.text[m.start..m.end], m.surface);
            }
        }
    }
}

#[test]
fn institution_descriptions_and_place_variants() {
    let (_, ents) = seeds();
    let pentagon = one_name(&ents, "Pentagone");
    assert_eq!(
        one_name(&ents, "département américain de la Défense"),
        pentagon
    );
    assert_eq!(
        one_name(&ents, "ministère américain de la Défense"),
        pentagon
    );
    let us = one_name(&ents, "Etats-Unis");
    for v in ["États-Unis", "Etats unis", "USA"] {
        assert_eq!(one_name(&ents, v), us);
    }
    assert_eq!(one_name(&ents, "Alep-Est"), one_name(&ents, "Alep"));
    // Three names joined by hyphens are three people.
    assert_eq!(names_of(&ents, "Poutine").len(), 1);
    assert_eq!(one_name(&ents, "Lavrov"), "Sergueï Lavrov");
}

#[test]
fn sentence_openers_and_days_are_not_entities() {
    let (_, ents) = seeds();
    for w in ["Le", "Selon", "Dimanche", "Cette", "lundi", "Quant"] {
        assert!(names_of(&ents, w).is_empty(), "{w} found as an entity");
    }
}

#[test]
fn people_sharing_a_surname_are_not_merged() {
    let arts = vec![
        article(
            "a",
            "Le ministre Jean Martin a démissionné. M. Martin a expliqué son choix.".into(),
        ),
        article(
            "b",
            "La juge Claire Martin a ouvert une enquête. Selon Claire Martin, tout est clair."
                .into(),
        ),
        article(
            "c",
            "Selon la presse, Martin aurait refusé de répondre.".into(),
        ),
    ];
    let ents = run(&arts);
    let jean = &ents[0].iter().find(|e| e.name == "Jean Martin").unwrap();
    assert!(jean.mentions.contains(&"M. Martin".to_string()));
    assert!(ents[1].iter().any(|e| e.name == "Claire Martin"));
    assert!(!ents[1].iter().any(|e| e.name == "Jean Martin"));
    // The bare surname in a third article stays unresolved: it could be either.
    let bare = one_name(&ents, "Martin");
    assert_ne!(bare, "Jean Martin");
    assert_ne!(bare, "Claire Martin");
}
