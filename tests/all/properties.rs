//! Property tests (proptest): what must hold for any input, not only for the texts we have
//! seen — text folding, token offsets, day arithmetic, the byte codecs of what the store keeps,
//! and the offsets of shared passages.

use proptest::prelude::*;

use recoupe::calendar;
use recoupe::model::{AnalyzedArticle, CleanArticle};
use recoupe::stages::reuse::{find_reuse_with, ReuseConfig, Signature};
use recoupe::stages::stories::{self, ArticleFeatures};
use recoupe::text::{char_offset, fold, for_each_token, tokenize, CharOffsets};

/// Text with French and English letters, accents, apostrophes, quote marks and punctuation,
/// besides arbitrary characters.
fn newsy_text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Zéèêàçôœ’'«» ,.;:!?0-9\n-]{0,200}", any::<String>(),]
}

/// Sentences of words drawn from a small vocabulary, so that two texts can share runs.
fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(
        "(le|la|maire|ville|plan|tramway|ligne|conseil|Paris|Lyon|a|dit|que|des|projet|l’État|coût|mardi)",
        n,
    )
}

fn article(id: &str, text: String) -> CleanArticle {
    CleanArticle {
        id: id.into(),
        language: "fr".into(),
        text,
        ..CleanArticle::default()
    }
}

proptest! {
    #[test]
    fn folding_is_idempotent(s in newsy_text()) {
        let once = fold(&s);
        prop_assert_eq!(fold(&once), once.clone());
    }

    #[test]
    fn tokens_are_ordered_slices_on_char_boundaries(s in newsy_text()) {
        let tokens = tokenize(&s);
        let mut last = 0;
        for t in &tokens {
            prop_assert!(last <= t.start && t.start < t.end && t.end <= s.len());
            prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            prop_assert!(!t.folded.is_empty());
            last = t.end;
        }
        let mut streamed = Vec::new();
        for_each_token(&s, |a, b, f| streamed.push((a, b, f.to_string())));
        let listed: Vec<_> = tokens.into_iter().map(|t| (t.start, t.end, t.folded)).collect();
        prop_assert_eq!(streamed, listed);
    }

    #[test]
    fn char_offsets_agree_with_counting(s in newsy_text()) {
        let table = CharOffsets::new(&s);
        for (b, _) in s.char_indices().chain([(s.len(), ' ')]) {
            prop_assert_eq!(table.get(b), char_offset(&s, b));
        }
    }

    #[test]
    fn day_arithmetic_is_consistent(y in 1i64..=9999, m in 1u32..=12, d in 1u32..=31, n in -400_000i64..400_000) {
        let Some(day) = calendar::day(y, m, d) else {
            prop_assert!(d > 28);
            return Ok(());
        };
        prop_assert_eq!(calendar::from_epoch_days(calendar::epoch_days(day)), Some(day));
        prop_assert_eq!(calendar::parse_published(&calendar::iso(day)), Some(day));
        if let Some(later) = calendar::plus_days(day, n) {
            prop_assert_eq!(calendar::epoch_days(later) - calendar::epoch_days(day), n);
            prop_assert_eq!(calendar::weekday(later), (calendar::weekday(day) as i64 + n).rem_euclid(7) as usize);
        } else {
            let year = calendar::year(day) as f64 + n as f64 / 365.2425;
            prop_assert!(!(2.0..=9998.0).contains(&year), "{day} + {n} days refused");
        }
    }

    #[test]
    fn publication_dates_never_panic(s in newsy_text()) {
        if let Some(d) = calendar::parse_published(&s) {
            prop_assert!((1..=9999).contains(&calendar::year(d)));
        }
    }

    #[test]
    fn signature_bytes_decode_to_a_value_or_nothing(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let cfg = ReuseConfig::default();
        if let Some(sig) = Signature::from_bytes(&bytes, &cfg) {
            prop_assert_eq!(Signature::from_bytes(&sig.to_bytes(&cfg), &cfg), Some(sig));
        }
    }

    #[test]
    fn signatures_round_trip(w in words(0..80)) {
        let cfg = ReuseConfig::default();
        let sig = Signature::of_all(&[w.join(" ")], &cfg).remove(0);
        prop_assert_eq!(Signature::from_bytes(&sig.to_bytes(&cfg), &cfg), Some(sig));
    }

    #[test]
    fn feature_bytes_decode_to_a_value_or_nothing(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Some(f) = ArticleFeatures::from_bytes(&bytes) {
            let again = ArticleFeatures::from_bytes(&f.to_bytes()).map(|g| g.to_bytes());
            prop_assert_eq!(again, Some(f.to_bytes()));
        }
    }

    #[test]
    fn features_round_trip(w in words(0..80)) {
        let a = AnalyzedArticle { clean: article("a", w.join(" ")), ..AnalyzedArticle::default() };
        let bytes = stories::extract(&a).to_bytes();
        let again = ArticleFeatures::from_bytes(&bytes).map(|g| g.to_bytes());
        prop_assert_eq!(again, Some(bytes));
    }

    #[test]
    fn passages_point_at_their_text(
        before in words(0..40), shared in words(20..60), after in words(0..40), edit in words(0..3),
    ) {
        let a = article("a", [before.join(" "), shared.join(" "), after.join(" ")].join(". "));
        let mut copied = shared.clone();
        let k = copied.len() / 2;
        copied.splice(k..k, edit);
        let b = article("b", [after.join(" "), copied.join(" ")].join(". "));
        let cfg = ReuseConfig { min_unquoted_words: 0, ..ReuseConfig::default() };
        for pair in find_reuse_with(&[a.clone(), b.clone()], &cfg) {
            for p in &pair.passages {
                prop_assert!(p.a_start < p.a_end && p.a_end <= a.text.len());
                prop_assert_eq!(&b.text[p.b_start..p.b_end], p.text.as_str());
            }
        }
    }
}
