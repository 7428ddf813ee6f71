//! Publication dates, when the input has them, keep apart the episodes of a storyline that its
//! words alone cannot tell apart: the same strike told in March and again in April.

use recoupe::model::{Document, Origin};

/// Articles about one strike, written by hand: every one shares the storyline's vocabulary, and
/// the two episodes differ by little besides their dates.
const ARTICLES: [(&str, &str); 8] = [
    (
        "Grève des contrôleurs aériens à Nantes",
        "Les contrôleurs aériens de l'aéroport de Nantes sont en grève. Les syndicats dénoncent \
         le manque d'effectifs dans la tour de contrôle et la direction de l'aviation civile \
         annonce des annulations de vols pour les passagers.",
    ),
    (
        "Vols annulés à Nantes, les contrôleurs aériens en grève",
        "La grève des contrôleurs aériens perturbe l'aéroport de Nantes. La direction de \
         l'aviation civile a demandé aux compagnies d'annuler des vols, les syndicats réclament \
         des effectifs supplémentaires dans la tour de contrôle.",
    ),
    (
        "Aéroport de Nantes : les passagers face à la grève",
        "Des passagers attendent dans l'aérogare de Nantes après l'annulation de leurs vols. Les \
         contrôleurs aériens en grève estiment que la tour de contrôle manque d'effectifs, \
         selon les syndicats, et l'aviation civile prévoit d'autres annulations.",
    ),
    (
        "Les contrôleurs aériens de Nantes maintiennent la grève",
        "Les syndicats des contrôleurs aériens maintiennent la grève à l'aéroport de Nantes. \
         L'aviation civile évoque des annulations de vols et les passagers sont invités à se \
         renseigner; les effectifs de la tour de contrôle restent au cœur du conflit.",
    ),
    (
        "Nantes : les contrôleurs aériens cessent à nouveau le travail",
        "Un mois après le premier mouvement, les négociations ont échoué et les contrôleurs \
         aériens de Nantes cessent à nouveau le travail. La tour de contrôle fonctionne avec la \
         moitié des effectifs, indique l'aviation civile, qui annule des vols.",
    ),
    (
        "Contrôle aérien : le conflit repart à Nantes",
        "Faute d'accord sur les effectifs, les syndicats ont déposé un nouveau préavis et la \
         grève a repris lundi dans la tour de contrôle de Nantes. Les compagnies annulent des \
         vols à la demande de l'aviation civile.",
    ),
    (
        "Vacances de printemps perturbées à l'aéroport de Nantes",
        "Les familles parties en vacances de printemps découvrent des annulations de vols à \
         l'aéroport de Nantes, où les contrôleurs aériens sont de nouveau en grève. Les \
         syndicats réclament des embauches dans la tour de contrôle.",
    ),
    (
        "Grève du contrôle aérien à Nantes : le ministre reçoit les syndicats",
        "Le ministre des transports reçoit les syndicats des contrôleurs aériens de Nantes, en \
         grève depuis trois jours. L'aviation civile promet des effectifs supplémentaires pour \
         la tour de contrôle; des vols restent annulés.",
    ),
];

fn documents(dated: bool) -> Vec<Document> {
    let days = [
        "2024-03-04",
        "2024-03-04",
        "2024-03-05",
        "2024-03-06",
        "2024-04-15",
        "2024-04-15",
        "2024-04-16",
        "2024-04-17",
    ];
    ARTICLES
        .iter()
        .zip(days)
        .enumerate()
        .map(|(i, ((title, text), day))| Document {
            id: format!("greve-{i}"),
            origin: Origin::default(),
            title: Some(title.to_string()),
            text: text.to_string(),
            html: None,
            url: None,
            source: Some(format!("outlet{}", i % 4)),
            published: dated
                .then(|| recoupe::calendar::parse_published(day))
                .flatten(),
        })
        .collect()
}

/// The stories of the articles numbered in `keep` (as sets of those numbers, sorted), and
/// whether they all share one storyline.
fn stories_of(dated: bool, keep: &[usize]) -> (Vec<Vec<usize>>, bool) {
    let docs: Vec<Document> = documents(dated)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, d)| d)
        .collect();
    let analysis = recoupe::analyze(docs);
    let mut out: Vec<Vec<usize>> = analysis
        .stories
        .iter()
        .map(|s| {
            let mut v: Vec<usize> = s.articles.iter().map(|&i| keep[i]).collect();
            v.sort_unstable();
            v
        })
        .collect();
    out.sort();
    let line = &analysis.stories[0].storyline;
    let one_line = analysis.stories.iter().all(|s| &s.storyline == line);
    (out, one_line)
}

/// The dated documents, each changed by `edit(number, document)`.
fn dated_documents_edited(edit: impl Fn(usize, &mut Document)) -> Vec<Document> {
    let mut docs = documents(true);
    for (i, d) in docs.iter_mut().enumerate() {
        edit(i, d);
    }
    docs
}

fn stories(dated: bool) -> Vec<Vec<usize>> {
    stories_of(dated, &(0..8).collect::<Vec<_>>()).0
}

#[test]
fn publication_dates_split_two_episodes_that_words_merge() {
    assert_eq!(
        stories(false),
        vec![(0..8).collect::<Vec<_>>()],
        "without dates the words make one story"
    );
    assert_eq!(
        stories(true),
        vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7]],
        "with publication dates the March and April episodes are two stories"
    );
}

#[test]
fn publication_dates_split_a_small_storyline_and_keep_it_one_storyline() {
    // Six articles: too few for storyline-local weights, placed one by one.
    let keep = [0, 1, 2, 4, 5, 6];
    let (undated, _) = stories_of(false, &keep);
    assert_eq!(undated, vec![keep.to_vec()], "without dates: one story");
    let (dated, one_line) = stories_of(true, &keep);
    assert_eq!(dated, vec![vec![0, 1, 2], vec![4, 5, 6]]);
    assert!(one_line, "the two episodes stay one storyline");
}

#[test]
fn report_lists_a_storyline_s_stories_in_time_order_with_dates_and_outlets() {
    // Ids that sort the April articles first, so the stage meets April before March.
    let analysis = recoupe::analyze(dated_documents_edited(|i, d| {
        d.id = format!("greve-{}", 7 - i)
    }));
    assert_eq!(analysis.stories.len(), 2);
    let report = recoupe::report::render(&analysis);
    assert!(
        report.contains("— 2 stories, 8 articles, 2024-03-04 → 2024-04-17"),
        "{report}"
    );
    let march = report.find("4 article(s) · 2024-03-04 → 2024-03-06");
    let april = report.find("4 article(s) · 2024-04-15 → 2024-04-17");
    assert!(
        matches!((march, april), (Some(m), Some(a)) if m < a),
        "March before April: {report}"
    );
    assert_eq!(
        report.matches(" · 4 outlet(s): outlet").count(),
        2,
        "{report}"
    );
}

#[test]
fn a_story_is_titled_by_a_real_headline_when_a_member_has_one() {
    // Only the last article of each episode keeps its headline.
    let analysis = recoupe::analyze(dated_documents_edited(|i, d| {
        if i != 3 && i != 7 {
            d.title = None;
        }
    }));
    let mut titles: Vec<&str> = analysis.stories.iter().map(|s| s.title.as_str()).collect();
    titles.sort_unstable();
    let mut headlines = vec![ARTICLES[3].0, ARTICLES[7].0];
    headlines.sort_unstable();
    assert_eq!(titles, headlines);
}
