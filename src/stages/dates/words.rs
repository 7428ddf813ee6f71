//! Per-language date words beyond the day and month names of [`crate::lang`]: relative days,
//! "last"/"next" modifiers, times of day, periods and the words that may open a date expression.
//!
//! Phrases are given as folded tokens separated by spaces (see [`crate::text::tokenize`]). A new
//! language is a new table.

/// The date words of one language.
pub struct DateWords {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Days counted from the publication date ("hier" = -1).
    pub from_publication: &'static [(&'static str, i64)],
    /// Days counted from the last day mentioned before ("la veille" = -1).
    pub from_anchor: &'static [(&'static str, i64)],
    /// Words after a day or month name that send it to the past ("mardi dernier").
    pub past_after: &'static [&'static str],
    /// Words after a day or month name that send it to the future ("mardi prochain").
    pub next_after: &'static [&'static str],
    /// Words before a day, month or period that send it to the past ("last Tuesday").
    pub past_before: &'static [&'static str],
    /// Words before a day, month or period that send it to the future ("next Tuesday").
    pub next_before: &'static [&'static str],
    /// Words before a period that mean the current one ("cette semaine").
    pub this_before: &'static [&'static str],
    /// Times of day that may follow a day ("jeudi soir").
    pub times_of_day: &'static [&'static str],
    /// Periods: week, month, year (several spellings each).
    pub week: &'static [&'static str],
    /// Month as a period.
    pub month: &'static [&'static str],
    /// Year as a period.
    pub year: &'static [&'static str],
    /// Words that open a date expression and belong to it ("le", "depuis", "on").
    pub openers: &'static [&'static str],
    /// Words after which a bare month name or year is a date ("en mars", "in 2014").
    pub before_bare: &'static [&'static str],
    /// Ordinal suffixes of day numbers ("1er", "15th").
    pub ordinal_suffixes: &'static [&'static str],
    /// Whether month names must be capitalised to count (English "May" vs "may").
    pub capital_months: bool,
}

/// French.
pub static FR: DateWords = DateWords {
    code: "fr",
    from_publication: &[
        ("avant hier", -2),
        ("apres demain", 2),
        ("hier", -1),
        ("aujourd'hui", 0),
        ("demain", 1),
    ],
    from_anchor: &[
        ("la veille", -1),
        ("l' avant veille", -2),
        ("le lendemain", 1),
        ("le surlendemain", 2),
    ],
    past_after: &["dernier", "derniere", "passe", "passee"],
    next_after: &["prochain", "prochaine"],
    past_before: &[],
    next_before: &[],
    this_before: &["cette", "ce"],
    times_of_day: &[
        "matin",
        "soir",
        "apres midi",
        "midi",
        "nuit",
        "soiree",
        "matinee",
    ],
    week: &["semaine"],
    month: &["mois"],
    year: &["annee", "an"],
    openers: &["le", "depuis", "des", "ce", "jusqu'au", "du", "au"],
    before_bare: &["en", "depuis", "debut", "fin", "mi", "courant", "des"],
    ordinal_suffixes: &["er", "e"],
    capital_months: false,
};

/// English.
pub static EN: DateWords = DateWords {
    code: "en",
    from_publication: &[
        ("the day before yesterday", -2),
        ("the day after tomorrow", 2),
        ("yesterday", -1),
        ("today", 0),
        ("tomorrow", 1),
    ],
    from_anchor: &[
        ("the day before", -1),
        ("the previous day", -1),
        ("the next day", 1),
        ("the following day", 1),
        ("the day after", 1),
    ],
    past_after: &[],
    next_after: &[],
    past_before: &["last", "past"],
    next_before: &["next", "coming"],
    this_before: &["this"],
    times_of_day: &["morning", "afternoon", "evening", "night"],
    week: &["week"],
    month: &["month"],
    year: &["year"],
    openers: &["on", "since", "until"],
    before_bare: &["in", "since", "early", "late", "mid", "until"],
    ordinal_suffixes: &["st", "nd", "rd", "th"],
    capital_months: true,
};

/// Every language with date words.
pub const ALL: &[&DateWords] = &[&FR, &EN];

/// The date words of a language (English for languages without a table).
pub fn for_language(code: &str) -> &'static DateWords {
    ALL.iter().copied().find(|w| w.code == code).unwrap_or(&EN)
}
