//! Reprint families and bounded candidates, on small hand-written news paragraphs.

use recoupe::model::{CleanArticle, ReuseKind};
use recoupe::stages::reuse::{families, find_reuse, find_reuse_with, ReuseConfig};

fn article(id: &str, text: &str, published: &str) -> CleanArticle {
    CleanArticle {
        id: id.to_string(),
        text: text.to_string(),
        published: recoupe::calendar::parse_published(published),
        ..Default::default()
    }
}

const P1: &str = "Le conseil municipal a voté jeudi soir un budget de transition, qui prévoit la rénovation de trois écoles primaires et la construction d’une piscine couverte d’ici à la fin de l’année prochaine, a indiqué le maire.";
const P2: &str = "Les travaux de la piscine devraient commencer au printemps, après un appel d’offres lancé dans les prochaines semaines auprès des entreprises de la région, selon la délibération adoptée par les élus.";
const P3: &str = "L’opposition a dénoncé un texte préparé dans l’urgence et sans concertation avec les associations de parents d’élèves, qui réclamaient depuis des mois une étude sur les effectifs des écoles.";
const OTHER: &str = "Dans un autre registre, la préfecture a publié mercredi les chiffres de la fréquentation touristique de l’été, en hausse de quatre pour cent par rapport à la saison précédente.";

#[test]
fn wire_copies_form_one_family_with_the_earliest_as_source() {
    let text = format!("{P1}\n{P2}\n{P3}");
    let edited = text.replace("trois écoles", "quatre écoles");
    let arts = [
        article("a", &text, "2024-03-02"),
        article("b", &text, "2024-03-01T08:00:00Z"),
        article("c", &edited, "2024-03-03"),
        article("d", &format!("{OTHER}\n{P2}"), "2024-03-04"),
    ];
    let pairs = find_reuse(&arts);
    let kinds: Vec<(usize, usize, ReuseKind)> = pairs.iter().map(|p| (p.a, p.b, p.kind)).collect();
    assert!(kinds.contains(&(0, 1, ReuseKind::Duplicate)), "{kinds:?}");
    assert!(
        kinds.contains(&(0, 2, ReuseKind::NearDuplicate)),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.1 == 3 && k.2 == ReuseKind::Partial),
        "{kinds:?}"
    );
    let (fams, of_pair) = families(&arts[..], &pairs);
    assert_eq!(fams.len(), 1);
    assert_eq!(fams[0].articles, vec![0, 1, 2]);
    assert_eq!(fams[0].source, Some(1));
    for (p, f) in pairs.iter().zip(&of_pair) {
        assert_eq!(f.is_some(), p.b != 3, "{p:?}");
    }
}

#[test]
fn a_text_copied_many_times_stays_one_family_under_the_pair_cap() {
    let text = format!("{P1}\n{P2}");
    let arts: Vec<CleanArticle> = (0..12)
        .map(|i| article(&format!("x{i:02}"), &text, "2024-03-01"))
        .collect();
    let cfg = ReuseConfig {
        max_pairs_per_article: 2,
        ..ReuseConfig::default()
    };
    let pairs = find_reuse_with(&arts, &cfg);
    assert!(pairs.len() <= 2 * arts.len(), "{}", pairs.len());
    assert!(pairs.len() < 12 * 11 / 2);
    let (fams, _) = families(&arts[..], &pairs);
    assert_eq!(fams.len(), 1);
    assert_eq!(fams[0].articles.len(), 12);
    // Every member has the same date: no source.
    assert_eq!(fams[0].source, None);
}
