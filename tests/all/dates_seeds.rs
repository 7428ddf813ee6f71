//! Date expressions on the real seed texts and on small real-style sentences.

use recoupe::model::CleanArticle;
use recoupe::stages::dates::extract;

fn seed(name: &str) -> String {
    let path = format!(
        "{}/../shared/corpus/seeds/{}",
        env!("CARGO_MANIFEST_DIR"),
        name
    );
    recoupe::text::normalize_input(&std::fs::read_to_string(path).expect("seed file"))
}

fn article(text: &str, lang: &str, published: Option<&str>) -> CleanArticle {
    CleanArticle {
        id: "t".into(),
        text: text.to_string(),
        language: lang.into(),
        published: published.and_then(recoupe::calendar::parse_published),
        ..Default::default()
    }
}

fn value_of(found: &[recoupe::model::DateMention], text: &str) -> Option<String> {
    found
        .iter()
        .find(|d| d.text == text)
        .unwrap_or_else(|| panic!("no date {text:?} in {found:?}"))
        .value
        .clone()
}

#[test]
fn seed_000_monday_and_the_day_before() {
    let a = article(&seed("000_3f186ae45b18a075.txt"), "fr", Some("2016-12-12"));
    let found = extract(&a);
    assert_eq!(value_of(&found, "lundi").as_deref(), Some("2016-12-12"));
    assert_eq!(value_of(&found, "la veille").as_deref(), Some("2016-12-11"));
    // "ce lundi" and "Dimanche" are dates too.
    assert_eq!(value_of(&found, "ce lundi").as_deref(), Some("2016-12-12"));
    assert_eq!(value_of(&found, "Dimanche").as_deref(), Some("2016-12-11"));
    for d in &found {
        assert_eq!(&a.text[d.start..d.end], d.text);
    }
}

#[test]
fn seed_003_day_month_without_year() {
    let a = article(&seed("003_f01e88c6e5348d2e.txt"), "fr", Some("2015-12-25"));
    let found = extract(&a);
    assert_eq!(
        value_of(&found, "Le 15 décembre").as_deref(),
        Some("2015-12-15")
    );
    assert_eq!(
        value_of(&found, "Depuis le 30 septembre").as_deref(),
        Some("2015-09-30")
    );
    assert_eq!(
        value_of(&found, "depuis septembre 2014").as_deref(),
        Some("2014-09")
    );
    assert_eq!(value_of(&found, "vendredi").as_deref(), Some("2015-12-25"));
}

#[test]
fn seed_004_relative_without_publication_date() {
    let a = article(&seed("004_edd8803b156ff1d8.txt"), "fr", None);
    let found = extract(&a);
    assert_eq!(value_of(&found, "jeudi soir"), None);
    assert_eq!(value_of(&found, "mars dernier"), None);
    assert_eq!(value_of(&found, "samedi matin"), None);
    let a = article(&seed("004_edd8803b156ff1d8.txt"), "fr", Some("2016-12-11"));
    let found = extract(&a);
    assert_eq!(
        value_of(&found, "jeudi soir").as_deref(),
        Some("2016-12-08")
    );
    assert_eq!(value_of(&found, "mars dernier").as_deref(), Some("2016-03"));
    assert_eq!(
        value_of(&found, "samedi matin").as_deref(),
        Some("2016-12-10")
    );
}

#[test]
fn seed_002_last_tuesday() {
    // Published on a Tuesday: "mardi dernier" is the Tuesday of the week before.
    let a = article(&seed("002_d5161c6cd124d2f0.txt"), "fr", Some("2016-03-29"));
    let found = extract(&a);
    assert_eq!(
        value_of(&found, "mardi dernier").as_deref(),
        Some("2016-03-22")
    );
}

#[test]
fn french_relative_words() {
    let a = article(
        "Il est arrivé hier soir, avant-hier il était à Paris, et la semaine dernière à Lyon. Aujourd'hui il part.",
        "fr",
        Some("2016-12-14"),
    );
    let found = extract(&a);
    assert_eq!(value_of(&found, "hier soir").as_deref(), Some("2016-12-13"));
    assert_eq!(
        value_of(&found, "avant-hier").as_deref(),
        Some("2016-12-12")
    );
    assert_eq!(
        value_of(&found, "la semaine dernière").as_deref(),
        Some("2016-12-05")
    );
    assert_eq!(
        value_of(&found, "Aujourd'hui").as_deref(),
        Some("2016-12-14")
    );
}

#[test]
fn english_dates() {
    let a = article(
        "The Pentagon said on Tuesday that it met on December 15, 2016. Officials spoke yesterday, \
         and last Tuesday the talks failed; the vote was 2016-12-01. On Monday night it ended. \
         You may go in May 2015.",
        "en",
        Some("2016-12-22"),
    );
    let found = extract(&a);
    assert_eq!(
        value_of(&found, "on Tuesday").as_deref(),
        Some("2016-12-20")
    );
    assert_eq!(
        value_of(&found, "on December 15, 2016").as_deref(),
        Some("2016-12-15")
    );
    assert_eq!(value_of(&found, "yesterday").as_deref(), Some("2016-12-21"));
    assert_eq!(
        value_of(&found, "last Tuesday").as_deref(),
        Some("2016-12-20")
    );
    assert_eq!(
        value_of(&found, "2016-12-01").as_deref(),
        Some("2016-12-01")
    );
    assert_eq!(
        value_of(&found, "On Monday night").as_deref(),
        Some("2016-12-19")
    );
    assert_eq!(value_of(&found, "May 2015").as_deref(), Some("2015-05"));
    // The modal verb "may" is not a month.
    assert!(!found.iter().any(|d| d.text == "may"));
}

#[test]
fn day_month_after_publication_goes_to_previous_year() {
    let a = article("Le 20 décembre, il a parlé.", "fr", Some("2017-01-03"));
    assert_eq!(
        value_of(&extract(&a), "Le 20 décembre").as_deref(),
        Some("2016-12-20")
    );
}

#[test]
fn event_date_of_a_story_from_seed_000() {
    use recoupe::stages::dates::{event_date, extract};
    let text = seed("000_3f186ae45b18a075.txt");
    let with = article(&text, "fr", Some("2016-12-12"));
    let without = article(&text, "fr", None);
    let (dw, dn) = (extract(&with), extract(&without));
    // Publication known: the earliest publication day.
    let both: [&[recoupe::model::DateMention]; 2] = [&dw, &dn];
    assert_eq!(
        event_date(
            &both,
            &[
                recoupe::calendar::day(2016, 12, 13),
                recoupe::calendar::day(2016, 12, 12)
            ]
        )
        .as_deref(),
        Some("2016-12-12")
    );
    // Without publication dates: the date the text resolves to most often, here only absolute
    // dates (relative ones stay unresolved without a publication date).
    let got = event_date(&[&dn], &[None]);
    let values: Vec<_> = dn.iter().filter_map(|d| d.value.clone()).collect();
    assert_eq!(got.is_some(), !values.is_empty());
    if let Some(g) = got {
        assert!(values.contains(&g));
    }
}
