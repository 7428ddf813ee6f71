//! Alignment tolerance of reuse detection, on small hand-written news sentences.

use recoupe::model::{CleanArticle, ReuseKind};
use recoupe::stages::reuse::find_reuse;

fn article(id: &str, text: &str) -> CleanArticle {
    CleanArticle {
        id: id.to_string(),
        text: text.to_string(),
        ..Default::default()
    }
}

const P_A: &str = "Le conseil municipal a voté jeudi soir un budget de transition, qui prévoit la rénovation de trois écoles primaires et la construction d’une piscine couverte d’ici à la fin de l’année prochaine, a indiqué le maire.";
const P_B: &str = "« Le conseil municipal a adopté jeudi soir un budget de transition qui prévoit la rénovation de quatre écoles primaires et la construction d'une piscine couverte d'ici à la fin de l'année prochaine », a indiqué le maire.";

#[test]
fn edited_paragraph_aligns_as_one_passage_with_offsets_in_both_texts() {
    let a = format!("Les habitants du quartier attendaient cette décision depuis longtemps.\n{P_A}\nLa séance a duré quatre heures.");
    let b = format!(
        "Une soirée agitée à l’hôtel de ville.\n{P_B}\nL’opposition a dénoncé un texte improvisé."
    );
    let arts = [article("a", &a), article("b", &b)];
    let pairs = find_reuse(&arts);
    assert_eq!(pairs.len(), 1);
    let p = &pairs[0];
    assert_eq!((p.a, p.b, p.kind), (0, 1, ReuseKind::Partial));
    assert_eq!(p.passages.len(), 1, "{:#?}", p.passages);
    let s = &p.passages[0];
    let a_para = a.find(P_A).unwrap();
    let b_para = b.find(P_B).unwrap();
    // From the first word to the last word of the paragraph, in both texts.
    assert_eq!(s.a_start, a_para);
    assert_eq!(s.a_end, a_para + P_A.len() - 1);
    assert_eq!(s.b_start, b_para + "« ".len());
    assert_eq!(s.b_end, b_para + P_B.len() - 1);
    assert_eq!(s.text, &b[s.b_start..s.b_end]);
}

const P1: &str = "Les pompiers sont intervenus dans la nuit de samedi à dimanche pour maîtriser un incendie qui s’était déclaré dans un entrepôt de la zone industrielle.";
const P2: &str = "Aucun blessé n’est à déplorer, mais une centaine de riverains ont dû être évacués pendant plusieurs heures par mesure de précaution.";
const P3: &str = "Selon la préfecture, les causes du sinistre restent inconnues et une enquête a été ouverte pour déterminer si le feu était d’origine criminelle.";

#[test]
fn moved_paragraphs_are_found() {
    let a = format!("{P1}\n{P2}\n{P3}");
    let b = format!("Un entrepôt détruit par les flammes.\n{P3}\nLe maire s’est rendu sur place dimanche matin.\n{P1}");
    let pairs = find_reuse(&[article("a", &a), article("b", &b)]);
    assert_eq!(pairs.len(), 1);
    let mut found: Vec<(&str, &str)> = pairs[0]
        .passages
        .iter()
        .map(|s| (&a[s.a_start..s.a_end], &b[s.b_start..s.b_end]))
        .collect();
    found.sort();
    let trim = |p: &'static str| p.trim_end_matches('.');
    assert_eq!(found, vec![(trim(P1), trim(P1)), (trim(P3), trim(P3))]);
}

#[test]
fn short_common_phrases_give_nothing() {
    // The same event told in different words: only short phrases in common.
    let a = "Le ministre de l’Intérieur a annoncé lundi le renforcement des contrôles aux frontières.\nCette mesure entrera en vigueur dès la semaine prochaine, selon le ministère.";
    let b = "Dès la semaine prochaine, les contrôles aux frontières seront renforcés, a fait savoir lundi le ministre de l’Intérieur.\nLes syndicats de police réclament des moyens supplémentaires.";
    assert!(find_reuse(&[article("a", a), article("b", b)]).is_empty());
}

#[test]
fn runs_of_short_template_lines_give_nothing() {
    // Two different articles ending with the same footer of short lines (over 12 words in all).
    let footer = "Partager sur les réseaux\nAbonnez-vous à notre lettre\nRecevez chaque matin nos articles\nSoutenez notre rédaction indépendante";
    let a = format!("{P1}\n{footer}");
    let b = format!("{P3}\n{footer}");
    assert!(find_reuse(&[article("a", &a), article("b", &b)]).is_empty());
}

#[test]
fn a_shared_quotation_alone_is_not_republication() {
    let quote = "« Nous ne laisserons pas les habitants de cette ville sans solution de relogement avant l’hiver »";
    let a = format!("{P1}\n{quote}, a promis le préfet.");
    let b = format!("{P2}\nLe préfet a été clair : {quote}.");
    assert!(find_reuse(&[article("a", &a), article("b", &b)]).is_empty());
    // The same sentence outside quotation marks is shared text.
    let plain = quote.trim_start_matches("« ").trim_end_matches(" »");
    let a = format!("{P1}\n{plain}.");
    let b = format!("{P2}\n{plain}.");
    assert_eq!(find_reuse(&[article("a", &a), article("b", &b)]).len(), 1);
}

#[test]
fn kinds_and_source() {
    let text = format!("{P1}\n{P2}\n{P3}");
    let recased = text.to_uppercase().replace('’', "'").replace(',', "");
    let edited = text.replace("centaine", "dizaine");
    let mut arts = vec![
        article("a", &text),
        article("b", &recased),
        article("c", &edited),
    ];
    arts[0].published = recoupe::calendar::parse_published("2024-03-02");
    arts[2].published = recoupe::calendar::parse_published("2024-03-01T08:00:00Z");
    let pairs = find_reuse(&arts);
    let kinds: Vec<(usize, usize, ReuseKind)> = pairs.iter().map(|p| (p.a, p.b, p.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            (0, 1, ReuseKind::Duplicate),
            (0, 2, ReuseKind::NearDuplicate),
            (1, 2, ReuseKind::NearDuplicate)
        ]
    );
    assert_eq!(pairs[0].source, None);
    assert_eq!(pairs[1].source, Some(2));
    assert!(pairs[1].similarity > 0.9 && pairs[1].similarity <= 1.0);
}
