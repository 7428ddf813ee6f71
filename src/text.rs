//! Text normalisation shared by every stage: input normalisation (NFC, BOM, line ends), folded
//! keys for matching, word tokens with byte offsets, stop words, stems and language detection.
//!
//! Stored text is only ever NFC-normalised; folded strings are keys for matching, never output.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::lang;

/// Normalises raw input text: drops a leading BOM, turns CRLF and lone CR into `\n`, removes NUL
/// and other C0 controls except tab and newline, and applies Unicode NFC.
pub fn normalize_input(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {}
            _ => out.push(c),
        }
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// A fast hasher for the program's own word tables, looked up for most tokens by several stages
/// (FxHash-style multiply-rotate; not meant for keys chosen by an adversary, which these are
/// not: only the tables' words are stored, input words are only looked up).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const WORD_HASH_K: u64 = 0x517c_c1b7_2722_0a95;

impl WordHasher {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(WORD_HASH_K);
    }
}

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let r = chunks.remainder();
        if !r.is_empty() {
            let mut b = [0u8; 8];
            b[..r.len()].copy_from_slice(r);
            self.add(u64::from_le_bytes(b) ^ ((r.len() as u64) << 59));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`WordHasher`]s.
pub type WordHash = std::hash::BuildHasherDefault<WordHasher>;

/// A set of table words hashed with [`WordHasher`].
pub type WordSet = std::collections::HashSet<&'static str, WordHash>;

/// A map from table words hashed with [`WordHasher`].
pub type WordMap<V> = std::collections::HashMap<&'static str, V, WordHash>;

/// Static word lists (`&'static [&'static str]` tables looked up for most tokens) as sets built
/// once, each found by the list itself (its address and length): a look-up costs one hash
/// instead of a scan of the list. A list not given to [`ListSets::new`] is scanned.
pub struct ListSets(std::collections::HashMap<(usize, usize), WordSet, WordHash>);

impl ListSets {
    /// Indexes `lists` (a list given twice is indexed once).
    pub fn new(lists: impl IntoIterator<Item = &'static [&'static str]>) -> Self {
        let mut sets = std::collections::HashMap::default();
        for l in lists {
            sets.entry(Self::key(l))
                .or_insert_with(|| l.iter().copied().collect());
        }
        ListSets(sets)
    }

    fn key(list: &'static [&'static str]) -> (usize, usize) {
        (list.as_ptr() as usize, list.len())
    }

    /// The entry of `list` equal to `w`, if any.
    pub fn get(&self, list: &'static [&'static str], w: &str) -> Option<&'static str> {
        match self.0.get(&Self::key(list)) {
            Some(set) => set.get(w).copied(),
            None => list.iter().find(|x| **x == w).copied(),
        }
    }

    /// Whether `list` holds `w`.
    pub fn contains(&self, list: &'static [&'static str], w: &str) -> bool {
        self.get(list, w).is_some()
    }
}

/// Folds one character into its matching key, appending to `out`: lower case, accents removed,
/// ligatures expanded, quote marks, apostrophes and dashes unified, spaces unified.
pub fn fold_char_into(c: char, out: &mut String) {
    let u = c as u32;
    if (LATIN_FIRST..LATIN_END).contains(&u) {
        out.push_str(&latin_folds()[(u - LATIN_FIRST) as usize]);
    } else {
        fold_char_slow(c, out);
    }
}

/// The Latin-1 Supplement and Latin Extended-A/B code points, whose folds are looked up in a
/// table (accented letters are most of the non-ASCII text this engine reads).
const LATIN_FIRST: u32 = 0x80;
const LATIN_END: u32 = 0x250;

/// The folds of the code points in `LATIN_FIRST..LATIN_END`, computed once by
/// `fold_char_slow` (so the table and the rules cannot disagree).
fn latin_folds() -> &'static [String] {
    static TABLE: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (LATIN_FIRST..LATIN_END)
            .map(|u| {
                let mut s = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_char_slow(c, &mut s);
                }
                s
            })
            .collect()
    })
}

fn fold_char_slow(c: char, out: &mut String) {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' | '\u{2032}' | '`' | '\u{b4}' => out.push('\''),
        '\u{ab}' | '\u{bb}' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2039}' | '\u{203a}' => {
            out.push('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
        '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}' => out.push(' '),
        '\u{2026}' => out.push_str("..."),
        'œ' | 'Œ' => out.push_str("oe"),
        'æ' | 'Æ' => out.push_str("ae"),
        'ß' => out.push_str("ss"),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => {
            for d in c.nfd() {
                if unicode_normalization::char::is_combining_mark(d) {
                    continue;
                }
                if d != c {
                    // What a letter decomposes to is folded in turn (U+1FEF gives a grave
                    // accent, itself an apostrophe): folding twice changes nothing.
                    fold_char_slow(d, out);
                } else {
                    for l in d.to_lowercase() {
                        out.push(l);
                    }
                }
            }
        }
    }
}

/// The folded matching key of a string (see [`fold_char_into`]), with runs of white space
/// collapsed to one space and trimmed.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out, &mut String::new());
    out
}

/// [`fold`] into a reused buffer (`out` is cleared first; `tmp` is scratch space), for hot loops
/// that fold many words without allocating each time.
fn fold_into(s: &str, out: &mut String, tmp: &mut String) {
    out.clear();
    let mut last_space = true;
    for c in s.chars() {
        // Fast path (same result as below): ASCII letters, digits and punctuation.
        if c.is_ascii_graphic() && c != '`' {
            out.push(c.to_ascii_lowercase());
            last_space = false;
            continue;
        }
        tmp.clear();
        fold_char_into(c, tmp);
        for f in tmp.chars() {
            if f.is_whitespace() {
                if !last_space {
                    out.push(' ');
                    last_space = true;
                }
            } else {
                out.push(f);
                last_space = false;
            }
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
}

/// A word of a text: byte span in the original string and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset past the last character.
    pub end: usize,
    /// Folded form (see [`fold`]), elided articles split off ("l’EI" gives "l'" and "ei").
    pub folded: String,
}

impl Token {
    /// The token as written in `text`.
    pub fn surface<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02bc}')
}

/// Splits `text` into word tokens (UAX #29 words that hold a letter or digit), splitting French
/// style elisions (l’, d’, qu’, …) off the word they precede.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 6);
    for_each_token(text, |start, end, folded| {
        tokens.push(Token {
            start,
            end,
            folded: folded.to_string(),
        })
    });
    tokens
}

/// Calls `each(start, end, folded)` for every token of [`tokenize`], in order, folding into one
/// reused buffer: for hot loops that only hash or compare the folded words (no `String` per
/// token).
pub fn for_each_token(text: &str, mut each: impl FnMut(usize, usize, &str)) {
    let (mut buf, mut tmp) = (String::with_capacity(32), String::with_capacity(8));
    word_indices(text, |start, word| {
        let (mut at, mut rest) = (start, word);
        loop {
            // An elided article ends at the word's first apostrophe, when what precedes it is
            // one and something follows.
            let cut = rest
                .char_indices()
                .find(|&(_, c)| is_apostrophe(c))
                .and_then(|(pos, c)| {
                    fold_into(&rest[..pos], &mut buf, &mut tmp);
                    let cut = pos + c.len_utf8();
                    (lang::is_elision(&buf) && cut < rest.len()).then_some(cut)
                });
            match cut {
                Some(cut) => {
                    buf.push('\'');
                    each(at, at + cut, &buf);
                    at += cut;
                    rest = &rest[cut..];
                }
                None => {
                    fold_into(rest, &mut buf, &mut tmp);
                    // A word of combining marks alone (a stray U+0B56) folds to nothing: no token.
                    if !buf.is_empty() {
                        each(at, at + rest.len(), &buf);
                    }
                    break;
                }
            }
        }
    });
}

/// Whether an ASCII byte splits words on both sides whatever surrounds it (UAX #29: spaces,
/// tabs and line ends never join the character before or after, except that a space takes the
/// combining marks that follow it, which only non-ASCII text has).
fn is_split_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Calls `each(start, word)` for the UAX #29 words of `text` that hold a letter or digit, in
/// order: the same words as `unicode_word_indices`, with a fast path for the stretches between
/// spaces that are all ASCII.
fn word_indices<'a>(text: &'a str, mut each: impl FnMut(usize, &'a str)) {
    let b = text.as_bytes();
    // Non-ASCII stretches are segmented together, from the end of the last ASCII stretch (a
    // split byte follows it) so that the segmenter sees what precedes them.
    let (mut ascii_end, mut pending): (usize, Option<usize>) = (0, None);
    let mut i = 0;
    while i < b.len() {
        if is_split_byte(b[i]) {
            i += 1;
            continue;
        }
        let j = b[i..]
            .iter()
            .position(|&c| is_split_byte(c))
            .map_or(b.len(), |p| i + p);
        if b[i..j].is_ascii() {
            if let Some(end) = pending.take() {
                unicode_words(text, ascii_end, end, &mut each);
            }
            ascii_words(&text[i..j], i, &mut each);
            ascii_end = j;
        } else {
            pending = Some(j);
        }
        i = j;
    }
    if let Some(end) = pending {
        unicode_words(text, ascii_end, end, &mut each);
    }
}

/// The words of `text[from..to]` by the Unicode segmenter, offsets in `text`.
fn unicode_words<'a>(text: &'a str, from: usize, to: usize, each: &mut impl FnMut(usize, &'a str)) {
    for (at, w) in text[from..to].unicode_word_indices() {
        each(from + at, w);
    }
}

/// A letter, digit or underscore: the ASCII characters that join their neighbours of the same
/// kinds into one word (UAX #29 rules WB5, WB8–WB10, WB13a–b).
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `mid` between `before` and `after` stays inside the word (UAX #29 WB6–WB7 between
/// letters: `:` `.` `'`; WB11–WB12 between digits: `,` `;` `.` `'`).
fn joins(before: u8, mid: u8, after: u8) -> bool {
    let letters = before.is_ascii_alphabetic() && after.is_ascii_alphabetic();
    let digits = before.is_ascii_digit() && after.is_ascii_digit();
    (letters && matches!(mid, b':' | b'.' | b'\''))
        || (digits && matches!(mid, b',' | b';' | b'.' | b'\''))
}

/// The words of an all-ASCII stretch without split bytes, at offset `base`.
fn ascii_words<'a>(s: &'a str, base: usize, each: &mut impl FnMut(usize, &'a str)) {
    let b = s.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if !is_word_byte(b[k]) {
            k += 1;
            continue;
        }
        let start = k;
        loop {
            if k + 1 < b.len() && is_word_byte(b[k + 1]) {
                k += 1;
            } else if k + 2 < b.len() && joins(b[k], b[k + 1], b[k + 2]) {
                k += 2;
            } else {
                break;
            }
        }
        k += 1;
        let w = &s[start..k];
        if w.bytes().any(|c| c.is_ascii_alphanumeric()) {
            each(base + start, w);
        }
    }
}

/// Whether a folded word is a stop word in the given language (ISO 639-1). Unknown languages use
/// the union of the French and English tables.
pub fn is_stopword(lang: &str, folded: &str) -> bool {
    lang::stopwords(lang).binary_search(&folded).is_ok()
        || (lang::tables(lang).is_none() && lang::any_stopword(folded))
}

/// A stemmer for a language, when rust-stemmers has one.
pub fn stemmer(lang: &str) -> Option<rust_stemmers::Stemmer> {
    use rust_stemmers::Algorithm::*;
    let algo = match lang {
        "ar" => Arabic,
        "da" => Danish,
        "nl" => Dutch,
        "en" => English,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hu" => Hungarian,
        "it" => Italian,
        "nb" | "no" => Norwegian,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        _ => return None,
    };
    Some(rust_stemmers::Stemmer::create(algo))
}

/// ISO 639-1 code of a whatlang language.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
    }
}

/// Detects the language of a text (ISO 639-1). Short or ambiguous texts fall back on a stop-word
/// vote between the languages that have tables, then on `"und"` (undetermined).
pub fn detect_language(text: &str) -> String {
    // The first ~4 KB carry enough signal and keep detection cheap on long texts.
    let mut cut = text.len().min(4096);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let sample = &text[..cut];
    if let Some(info) = whatlang::detect(sample) {
        if info.is_reliable() || info.confidence() > 0.5 {
            return iso639_1(info.lang()).to_string();
        }
    }
    lang::vote_by_stopwords(&tokenize(sample))
        .unwrap_or("und")
        .to_string()
}

/// Counts the letters of a string by script family, to find lines in another script.
/// Returns (latin letters, other letters).
pub fn script_counts(s: &str) -> (usize, usize) {
    let mut latin = 0;
    let mut other = 0;
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if (c as u32) < 0x250 || ('\u{1e00}'..='\u{1eff}').contains(&c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    (latin, other)
}

/// Converts a byte offset in `text` to a character offset.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

/// Converts many byte offsets of one text to character offsets after a single pass over it.
pub struct CharOffsets {
    /// Character index of each byte position, plus the end.
    table: Vec<u32>,
}

impl CharOffsets {
    /// Builds the table for `text`: one entry a byte (a byte inside a character maps to that
    /// character), plus one for the end.
    pub fn new(text: &str) -> Self {
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut count = 0u32;
        for c in text.chars() {
            table.extend(std::iter::repeat_n(count, c.len_utf8()));
            count += 1;
        }
        table.push(count);
        Self { table }
    }

    /// The character offset of byte offset `byte` (clamped to the end).
    pub fn get(&self, byte: usize) -> usize {
        self.table[byte.min(self.table.len() - 1)] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_bom_and_crlf() {
        assert_eq!(normalize_input("\u{feff}a\r\nb\rc\u{0}"), "a\nb\nc");
        // NFD e + combining acute becomes NFC é
        assert_eq!(normalize_input("e\u{301}"), "é");
    }

    #[test]
    fn fold_unifies_accents_quotes_ligatures() {
        assert_eq!(fold("État  Islamique"), "etat islamique");
        assert_eq!(fold("l’œuvre « ici »"), "l'oeuvre \" ici \"");
    }

    #[test]
    fn word_tables_find_their_words_only() {
        let words = [
            "le",
            "la",
            "porte-parole",
            "président",
            "a",
            "declaration-longue",
        ];
        let set: WordSet = words.iter().copied().collect();
        for w in words {
            assert!(set.contains(w), "{w}");
        }
        for w in [
            "les",
            "",
            "porte-paroles",
            "declaration-longuE",
            "president",
        ] {
            assert!(!set.contains(w), "{w}");
        }
    }

    #[test]
    fn list_sets_answer_like_the_lists() {
        static INDEXED: [&str; 3] = ["porte-parole", "ministre", "président"];
        static OTHER: [&str; 2] = ["ministre", "maire"];
        let sets = ListSets::new([&INDEXED[..]]);
        for w in [
            "porte-parole",
            "ministre",
            "président",
            "maire",
            "",
            "presidente",
        ] {
            assert_eq!(sets.contains(&INDEXED, w), INDEXED.contains(&w), "{w}");
            assert_eq!(sets.contains(&OTHER, w), OTHER.contains(&w), "{w}");
        }
        assert_eq!(sets.get(&INDEXED, "ministre"), Some("ministre"));
        // a prefix of an indexed list is another list
        assert!(!sets.contains(&INDEXED[..1], "ministre"));
    }

    #[test]
    fn fold_table_matches_rules() {
        for (s, want) in [
            ("Élysée", "elysee"),
            ("Œuvre", "oeuvre"),
            ("Straße", "strasse"),
            ("A`b", "a'b"),
        ] {
            assert_eq!(fold(s), want);
        }
    }

    #[test]
    fn word_indices_match_the_unicode_segmenter() {
        let alphabet: Vec<char> =
            "aZ09_.:,;'\"-! \t\n\ré\u{301}\u{93e}\u{200d}\u{2002}\u{5d0}\u{1f1e6}\u{ad}\u{2019}"
                .chars()
                .collect();
        let mut seed: u64 = 12345;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..20_000 {
            let len = next() % 12;
            let t: String = (0..len)
                .map(|_| alphabet[(next() >> 20) as usize % alphabet.len()])
                .collect();
            let want: Vec<(usize, &str)> = t.unicode_word_indices().collect();
            let mut got = Vec::new();
            word_indices(&t, |at, w| got.push((at, w)));
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn tokenize_splits_elisions() {
        let t = "l’absence de l'EI aujourd’hui";
        let toks: Vec<_> = tokenize(t).into_iter().map(|t| t.folded).collect();
        assert_eq!(toks, ["l'", "absence", "de", "l'", "ei", "aujourd'hui"]);
        let toks = tokenize(t);
        assert_eq!(toks[1].surface(t), "absence");
    }

    #[test]
    fn char_offsets_match_chars() {
        let t = "été à Paris";
        let table = CharOffsets::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(table.get(bi), ci);
            assert_eq!(char_offset(t, bi), ci);
        }
        assert_eq!(table.get(t.len()), t.chars().count());
    }

    #[test]
    fn language_of_real_sentences() {
        assert_eq!(
            detect_language("Le Kremlin a déploré lundi l’absence de coopération avec les Etats-Unis dans la lutte contre le groupe."),
            "fr"
        );
        assert_eq!(
            detect_language("The Pentagon said on Tuesday that it would not cooperate with Russia in the fight against the group."),
            "en"
        );
    }
}
