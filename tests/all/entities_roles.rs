//! A role followed by "de"/"du"/"of" and a name ("le procureur de Valbourg", "the mayor of
//! Eastbrook") names what the role is of, not a person; a role followed by a person's name, or
//! "de" and a person's two names, still gives that person (hand-written sentences).

use recoupe::model::{CleanArticle, EntityKind};
use recoupe::stages::entities::{extract_mentions, resolve};
use recoupe::stages::quotes::extract;

fn article(id: &str, lang: &str, text: &str) -> CleanArticle {
    CleanArticle {
        id: id.into(),
        text: text.into(),
        language: lang.into(),
        ..Default::default()
    }
}

/// (canonical name, kind) of each entity of each article.
fn entities(arts: &[CleanArticle]) -> Vec<Vec<(String, EntityKind)>> {
    let ms: Vec<_> = arts.iter().map(extract_mentions).collect();
    resolve(arts, &ms)
        .into_iter()
        .map(|es| es.into_iter().map(|e| (e.name, e.kind)).collect())
        .collect()
}

fn kind_of(ents: &[(String, EntityKind)], name: &str) -> Option<EntityKind> {
    ents.iter().find(|(n, _)| n == name).map(|(_, k)| *k)
}

const FR: &str = "Le procureur de Valbourg a ouvert une enquête mardi. Selon le maire \
démocrate de Morlanges, la situation est calme. Le ministre de l'Intérieur a réagi dans la \
soirée.\nLe procureur Jean Dupuis a requis trois ans de prison. L'avocat de Marie Lefort a fait \
appel.\nLa présidente de Haute-Sarve Claire Morin a répondu. Le juge d'Aulne-Vallon, Paul \
Girard, a démissionné. Le directeur du Rallye Nordique est resté silencieux. Le procureur de la \
République Louis Verne a pris la parole.";

#[test]
fn french_role_of_a_place_is_no_person() {
    let ents = &entities(&[article("fr", "fr", FR)])[0];
    for place in [
        "Valbourg",
        "Morlanges",
        "Haute-Sarve",
        "Aulne-Vallon",
        "Rallye Nordique",
    ] {
        let kind = kind_of(ents, place);
        assert!(
            kind.is_some_and(|k| k != EntityKind::Person),
            "{place}: {kind:?} in {ents:?}"
        );
    }
    // The place does not swallow the name after it, and no entity is the role's title word.
    for (name, _) in ents {
        assert!(
            !name.contains("Sarve Claire") && name != "Intérieur",
            "{name} in {ents:?}"
        );
    }
    for person in [
        "Jean Dupuis",
        "Marie Lefort",
        "Claire Morin",
        "Paul Girard",
        "Louis Verne",
    ] {
        assert_eq!(
            kind_of(ents, person),
            Some(EntityKind::Person),
            "{person} in {ents:?}"
        );
    }
}

#[test]
fn english_role_of_a_place_is_no_person() {
    let text = "The mayor of Eastbrook said the bridge would reopen. Mayor Tom Fell spoke later, \
and the lawyer of Anna Grey declined to comment.";
    let ents = &entities(&[article("en", "en", text)])[0];
    let kind = kind_of(ents, "Eastbrook");
    assert!(
        kind.is_some_and(|k| k != EntityKind::Person),
        "Eastbrook: {kind:?} in {ents:?}"
    );
    for person in ["Tom Fell", "Anna Grey"] {
        assert_eq!(
            kind_of(ents, person),
            Some(EntityKind::Person),
            "{person} in {ents:?}"
        );
    }
}

#[test]
fn a_surname_after_a_role_link_is_the_person_the_batch_names() {
    // "l'avocat de Lefort": one word after "de" is a person when the batch names one with that
    // surname, else not.
    let arts = [
        article(
            "a",
            "fr",
            "Marie Lefort a fait appel du jugement rendu lundi.",
        ),
        article(
            "b",
            "fr",
            "L'avocat de Lefort a parlé, puis le juge de Valbourg a levé la séance.",
        ),
    ];
    let ents = &entities(&arts)[1];
    assert_eq!(
        kind_of(ents, "Marie Lefort"),
        Some(EntityKind::Person),
        "{ents:?}"
    );
    let kind = kind_of(ents, "Valbourg");
    assert!(kind.is_some_and(|k| k != EntityKind::Person), "{ents:?}");
}

#[test]
fn a_role_of_a_place_is_not_the_speaker() {
    for (lang, text, place) in [
        (
            "fr",
            "« Nous ouvrirons une enquête », a déclaré le procureur de Valbourg.",
            "Valbourg",
        ),
        (
            "en",
            "\"The bridge will reopen in May,\" said the mayor of Eastbrook.",
            "Eastbrook",
        ),
    ] {
        let a = article("q", lang, text);
        let ms = extract_mentions(&a);
        let quotes = extract(&a, &ms);
        assert_eq!(quotes.len(), 1, "{text}");
        assert_ne!(quotes[0].speaker.as_deref(), Some(place), "{text}");
    }
}
