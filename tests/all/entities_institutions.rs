//! Institutions written in lower case are ORG mentions; lone capitalised common nouns are not
//! entities (real seed sentences).

use recoupe::model::{CleanArticle, EntityKind};
use recoupe::stages::entities::{extract_mentions, resolve};

fn seed(id: &str) -> CleanArticle {
    let path = format!(
        "{}/../shared/corpus/seeds/{id}.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    CleanArticle {
        id: id.into(),
        text: recoupe::text::normalize_input(&std::fs::read_to_string(path).unwrap()),
        language: "fr".into(),
        ..Default::default()
    }
}

#[test]
fn lower_case_institution_is_one_org_and_role_titles_are_not_entities() {
    let arts = vec![seed("000_3f186ae45b18a075"), seed("004_edd8803b156ff1d8")];
    let ms: Vec<_> = arts.iter().map(extract_mentions).collect();
    let org = ms[0]
        .iter()
        .find(|m| m.surface.ends_with("de la Défense"))
        .expect("the ministry as one mention");
    assert_eq!(org.kind, EntityKind::Organisation);
    assert!(org.surface.starts_with("ministère"), "{org:?}");
    let ents = resolve(&arts, &ms);
    for e in ents.iter().flatten() {
        assert!(
            !["Défense", "Affaires"].contains(&e.name.as_str()),
            "lone common noun kept: {e:?}"
        );
    }
}

fn text(id: &str, lang: &str, text: &str) -> CleanArticle {
    CleanArticle {
        id: id.into(),
        text: text.into(),
        language: lang.into(),
        ..Default::default()
    }
}

#[test]
fn regnal_numbers_belong_to_the_name_and_centuries_are_not_entities() {
    let arts = vec![
        text(
            "fr",
            "fr",
            "Comme Jean-Paul II avant lui, le pape Benoît XVI a cité Louis XIV, au XXIe siècle.",
        ),
        text(
            "en",
            "en",
            "The speech of Elizabeth II echoed Henry VIII, a 16th-century king, said Chapter XI.",
        ),
    ];
    let ms: Vec<_> = arts.iter().map(extract_mentions).collect();
    let ents = resolve(&arts, &ms);
    let names = |i: usize| -> Vec<(String, EntityKind)> {
        ents[i].iter().map(|e| (e.name.clone(), e.kind)).collect()
    };
    for name in ["Jean-Paul II", "Benoît XVI", "Louis XIV"] {
        assert!(
            names(0).contains(&(name.to_string(), EntityKind::Person)),
            "{name} in {:?}",
            names(0)
        );
    }
    for name in ["Elizabeth II", "Henry VIII"] {
        assert!(
            names(1).contains(&(name.to_string(), EntityKind::Person)),
            "{name} in {:?}",
            names(1)
        );
    }
    for (i, lone) in [(0, "XXIe"), (0, "II"), (0, "XVI"), (1, "II"), (1, "XI")] {
        assert!(
            !names(i).iter().any(|(n, _)| n == lone),
            "{lone} alone in {:?}",
            names(i)
        );
    }
}

#[test]
fn a_heading_in_capitals_inside_a_line_is_not_a_row_of_acronyms() {
    let arts = vec![text(
        "fr",
        "fr",
        "ALLÈGEMENT DES CHARGES PATRONALES : les entreprises de moins de dix salariés, \
         selon la CGT et le Medef, paieront moins.",
    )];
    let ms: Vec<_> = arts.iter().map(extract_mentions).collect();
    let ents = resolve(&arts, &ms);
    let names: Vec<&str> = ents[0].iter().map(|e| e.name.as_str()).collect();
    for word in ["ALLÈGEMENT", "CHARGES", "PATRONALES"] {
        assert!(!names.contains(&word), "{word} in {names:?}");
    }
    assert!(names.contains(&"CGT"), "{names:?}");
}
