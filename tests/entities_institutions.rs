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
