//! Cleaning on the real seed articles (read as a batch, as the pipeline does), and on small
//! English texts so that the rules are not French-only.

use recoupe::ingest::read_paths;
use recoupe::model::{CleanArticle, Document, DropReason};
use recoupe::stages::clean::clean_batch;
use recoupe::text::fold;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds");

fn seeds() -> Vec<CleanArticle> {
    let mut docs = read_paths(&[SEEDS]).documents;
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(docs.len(), 5);
    clean_batch(&docs)
}

fn article<'a>(arts: &'a [CleanArticle], prefix: &str) -> &'a CleanArticle {
    arts.iter().find(|a| a.id.starts_with(prefix)).unwrap()
}

fn reason(a: &CleanArticle, line: usize) -> Option<DropReason> {
    a.dropped.iter().find(|d| d.line == line).map(|d| d.reason)
}

fn kept(a: &CleanArticle, line: usize) -> bool {
    a.paragraph_lines.contains(&line)
}

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        text: text.into(),
        ..Default::default()
    }
}

#[test]
fn first_long_sentence_is_body_and_source_line_is_dropped() {
    let arts = seeds();
    let a = article(&arts, "000_");
    assert_eq!(a.title, None);
    assert_eq!(a.paragraph_lines, (1..=11).collect::<Vec<_>>());
    assert_eq!(reason(a, 12), Some(DropReason::Credit));
    assert_eq!(a.language, "fr");
    assert!(a.text.starts_with("Le Kremlin a déploré lundi"));
}

#[test]
fn donation_shop_and_comment_section_are_apart() {
    let arts = seeds();
    let a = article(&arts, "001_");
    assert_eq!(a.paragraph_lines, vec![1, 3, 5, 7, 9, 11, 13]);
    assert_eq!(reason(a, 15), Some(DropReason::Subscription));
    assert_eq!(reason(a, 17), Some(DropReason::Subscription));
    for line in [24, 26, 28, 30, 31, 33, 35, 37] {
        assert_eq!(reason(a, line), Some(DropReason::Comments), "line {line}");
    }
    assert_eq!(reason(a, 39), Some(DropReason::Widget));
    // Two comments, split at the numbered commenters, with their text.
    assert_eq!(a.comments.len(), 2);
    assert!(a.comments[0].contains("coucou!"));
    assert!(a.comments[1].contains("Le peuple syrien"));
    assert!(!a.text.contains("coucou"));
    // Every dropped non-empty line is listed once.
    assert_eq!(a.dropped.len(), 15);
}

#[test]
fn credits_captions_teasers_widget_and_foreign_script() {
    let arts = seeds();
    let a = article(&arts, "002_");
    assert_eq!(
        a.title.as_deref(),
        Some("Le Pentagone loue Moscou pour la prise de Palmyre mais refuse une alliance")
    );
    assert!(!kept(a, 1), "the title is not repeated in the text");
    assert_eq!(a.paragraph_lines, vec![6, 8, 12, 14, 16, 20, 22, 24]);
    for line in [3, 4, 10, 18] {
        assert_eq!(
            reason(a, line),
            Some(DropReason::ImageCredit),
            "line {line}"
        );
    }
    assert_eq!(reason(a, 5), Some(DropReason::Subscription));
    assert_eq!(reason(a, 11), Some(DropReason::Teaser));
    assert_eq!(reason(a, 19), Some(DropReason::Teaser));
    assert_eq!(reason(a, 26), Some(DropReason::Navigation));
    assert_eq!(reason(a, 31), Some(DropReason::ForeignScript));
    for line in 26..=31 {
        assert!(reason(a, line).is_some(), "line {line}");
    }
}

#[test]
fn clock_repeated_title_and_truncated_teaser() {
    let arts = seeds();
    let a = article(&arts, "003_");
    assert_eq!(
        a.title.as_deref(),
        Some("Lutte contre Daech: le Pentagone continue à faire cavalier seul")
    );
    assert_eq!(reason(a, 1), Some(DropReason::Metadata));
    assert_eq!(reason(a, 5), Some(DropReason::Repeated));
    assert_eq!(reason(a, 7), Some(DropReason::TruncatedCopy));
    assert_eq!(a.paragraph_lines, vec![9, 11, 13, 15, 17, 19]);
}

#[test]
fn subheadings_and_pull_quote_stay_page_furniture_goes() {
    let arts = seeds();
    let a = article(&arts, "004_");
    assert_eq!(reason(a, 1), Some(DropReason::Navigation));
    // The page writes a no-break space before the colon: compare folded.
    assert!(fold(a.title.as_deref().unwrap()).starts_with("syrie : le regime assad"));
    for line in [15, 27, 33, 35] {
        assert!(kept(a, line), "line {line} is content");
    }
    assert_eq!(a.paragraph_lines.len(), 18);
    for line in [41, 43, 45, 48, 54, 58] {
        assert!(reason(a, line).is_some(), "line {line} is boilerplate");
    }
    assert!(a.comments.is_empty(), "no reader comment on this page");
}

#[test]
fn english_page_with_dateline_widgets_and_comments() {
    let text = "Home\n\
        Council approves new budget for city schools\n\
        Published: March 3, 2015 10:42 AM EST\n\
        The city council approved on Tuesday a budget that adds two hundred teachers to public schools.\n\
        \"This is a good day for our children,\" the mayor said after the vote.\n\
        Share this article\n\
        Related stories\n\
        Mayor faces recall vote\n\
        2 Comments\n\
        1. Jane says:\n\
        About time they did something for the schools.\n\
        2. Bob says:\n\
        Taxes will go up again, mark my words.";
    let a = &clean_batch(&[doc("en1", text)])[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Council approves new budget for city schools")
    );
    assert_eq!(a.paragraph_lines, vec![4, 5]);
    assert_eq!(reason(a, 1), Some(DropReason::Navigation));
    assert_eq!(reason(a, 3), Some(DropReason::Metadata));
    assert_eq!(reason(a, 6), Some(DropReason::Widget));
    assert_eq!(reason(a, 7), Some(DropReason::Teaser));
    assert!(reason(a, 8).is_some(), "teaser headline in the closing run");
    assert_eq!(reason(a, 9), Some(DropReason::Comments));
    assert_eq!(a.comments.len(), 2);
    assert!(a.comments[1].contains("Taxes will go up"));
    assert_eq!(a.language, "en");
}

#[test]
fn jsonl_title_wins_and_its_copy_in_the_text_is_dropped() {
    let mut d = doc(
        "en2",
        "Storm cuts power to thousands\nA winter storm cut power to thousands of homes on Monday, the utility said.",
    );
    d.title = Some("Storm cuts power to thousands".into());
    let a = &clean_batch(&[d])[0];
    assert_eq!(a.title.as_deref(), Some("Storm cuts power to thousands"));
    assert_eq!(reason(a, 1), Some(DropReason::Repeated));
    assert_eq!(a.paragraph_lines, vec![2]);
}

#[test]
fn template_lines_need_many_documents_and_shared_sentences_survive() {
    let shared = "The company said the talks would resume next week in Geneva.";
    let docs: Vec<Document> = (0..6)
        .map(|i| {
            doc(
                &format!("d{i}"),
                &format!(
                    "Talks stall over tariffs\nNegotiators met for the {i}th time on Friday without any agreement.\n{shared}\nDigital edition"
                ),
            )
        })
        .collect();
    let arts = clean_batch(&docs);
    for a in &arts {
        // A short non-sentence line in six documents is template; the shared sentence is not.
        assert_eq!(reason(a, 4), Some(DropReason::Template));
        assert!(kept(a, 3));
        assert!(kept(a, 2));
        assert_eq!(a.title.as_deref(), Some("Talks stall over tariffs"));
    }
}
