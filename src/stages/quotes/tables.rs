//! Per-language tables for quotations: reporting verbs, pronouns, titles, role nouns.
//!
//! Every word is folded (see [`crate::text::fold`]): lower case, no accents, `'` apostrophes.
//! A new language is a new [`QuoteTables`] value added to [`ALL`], not new code.

/// What the quotation stage knows about one language.
pub struct QuoteTables {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Reporting verbs and cue phrases whose subject is the speaker ("said", "a declare"); a
    /// phrase of several words is written with single spaces between its folded tokens.
    pub verbs: &'static [&'static str],
    /// Prepositions introducing the speaker after them ("according to X", "selon X").
    pub preps: &'static [&'static str],
    /// Personal pronouns that can stand for a speaker, with their gender (`'m'`, `'f'`, `'p'`
    /// for plural).
    pub pronouns: &'static [(&'static str, char)],
    /// Titles written before a name ("M.", "Mrs"), with the gender they tell (`'?'` unknown).
    pub titles: &'static [(&'static str, char)],
    /// Role nouns that describe a person ("porte-parole", "spokesman"): a speaker given by role
    /// is the person earlier described with the same noun.
    pub roles: &'static [&'static str],
    /// Determiners before a role noun, with the gender they tell.
    pub determiners: &'static [(&'static str, char)],
    /// Words that mark a capitalised name as an organisation or place, not a person.
    pub org_words: &'static [&'static str],
    /// Lower-case particles allowed inside a person's name ("de", "al", "von").
    pub particles: &'static [&'static str],
    /// Pronouns and possessives that tell the gender of the person they follow.
    pub gender_words: &'static [(&'static str, char)],
    /// Words that start a line crediting an author rather than a speaker ("par", "by").
    pub byline_words: &'static [&'static str],
}

/// French tables.
pub static FR: QuoteTables = QuoteTables {
    code: "fr",
    verbs: &[
        "declare", "declarent", "declarait", "declarant", "souligne", "soulignent", "soulignait",
        "soulignant", "denonce", "denoncent", "denoncait", "denoncant", "assure", "assurent",
        "assurait", "assurant", "indique", "indiquent", "indiquait", "indiquant", "constate",
        "constatent", "constatait", "note", "notent", "notait", "notant", "annonce", "annoncent",
        "annoncait", "annoncant", "estime", "estiment", "estimait", "estimant", "affirme",
        "affirment", "affirmait", "affirmant", "ajoute", "ajoutent", "ajoutait", "ajoutant",
        "poursuit", "poursuivi", "poursuivait", "explique", "expliquent", "expliquait",
        "expliquant", "precise", "precisent", "precisait", "precisant", "rappelle", "rappele",
        "rappellent", "rappelait", "insiste", "insistait", "martele", "martelait", "lance",
        "lancait", "confie", "confiait", "repond", "repondu", "repondait", "averti", "avertit",
        "previent", "prevenu", "conclut", "conclu", "reagi", "reagit", "commente", "commentait",
        "regrette", "regrettait", "deplore", "deplorait", "dit", "disait", "raconte",
        "racontait", "reconnait", "reconnu", "juge", "jugeait", "observe", "observait",
        "signale", "signalait", "ecrit", "ecrivait", "accuse", "accusait", "accusant",
        "qualifie", "qualifiant", "admis", "admet", "releve", "ironise", "plaide", "confirme",
        "confirmait", "dementi", "dement", "tweete", "interroge", "temoigne", "s'exclame",
        "exclame", "promis", "promet", "prevenait", "clame", "clamait", "fait savoir",
        "a fait savoir", "soutient", "soutenu", "soutenait", "argue", "argumente", "detaille",
        "resume", "insistant", "avance", "lache", "glisse", "tranche", "repete", "ecrivent",
        "declaraient", "affirmaient", "pense", "croit",
    ],
    preps: &["selon", "d'apres"],
    pronouns: &[("il", 'm'), ("elle", 'f'), ("ils", 'p'), ("elles", 'p')],
    titles: &[
        ("m", 'm'),
        ("mme", 'f'),
        ("mlle", 'f'),
        ("mm", 'p'),
        ("dr", '?'),
        ("pr", '?'),
        ("me", '?'),
        ("mgr", 'm'),
    ],
    roles: &[
        "porte-parole", "ministre", "president", "presidente", "secretaire", "responsable",
        "chef", "dirigeant", "dirigeante", "directeur", "directrice", "ambassadeur",
        "ambassadrice", "general", "diplomate", "depute", "deputee", "senateur", "senatrice",
        "maire", "gouverneur", "conseiller", "conseillere", "officiel", "commandant",
        "representant", "representante", "patron", "patronne", "leader", "juge", "procureur",
        "avocat", "avocate", "expert", "experte", "analyste", "fondateur", "fondatrice",
        "candidat", "candidate", "premier", "lieutenant-general", "colonel", "commissaire",
        "chancelier", "chanceliere", "emissaire", "envoye", "negociateur", "militaire",
        "vice-president", "haut-commissaire", "eveque", "pape", "roi", "reine", "prince",
        "dirigeants", "responsables",
    ],
    determiners: &[("le", 'm'), ("la", 'f'), ("l'", '?'), ("un", 'm'), ("une", 'f')],
    org_words: &[
        "ministere", "departement", "gouvernement", "armee", "etat",
        "etats", "unis", "conseil", "parti", "agence", "presse", "journal", "times", "post",
        "news", "maison", "blanche", "nations", "unies", "union", "europeenne", "commission",
        "assemblee", "senat", "cour", "tribunal", "observatoire", "centre", "institut",
        "universite", "banque", "defense", "affaires", "republique", "federation", "organisation",
        "mouvement", "front", "forces", "coalition", "groupe",
    ],
    particles: &[
        "de", "du", "des", "d'", "la", "le", "van", "von", "der", "den", "bin", "ben", "al",
        "el", "ibn", "da", "di", "dos", "ter",
    ],
    byline_words: &["par", "source", "photo", "credit", "avec"],
    gender_words: &[("il", 'm'), ("elle", 'f'), ("lui-meme", 'm'), ("elle-meme", 'f')],
};

/// English tables.
pub static EN: QuoteTables = QuoteTables {
    code: "en",
    verbs: &[
        "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "add",
        "stated", "states", "asked", "asks", "wrote", "writes", "tweeted", "tweets", "explained",
        "explains", "noted", "notes", "argued", "argues", "claimed", "claims", "insisted",
        "insists", "declared", "declares", "announced", "announces", "warned", "warns",
        "replied", "replies", "continued", "continues", "recalled", "recalls", "acknowledged",
        "acknowledges", "admitted", "admits", "suggested", "suggests", "emphasized",
        "emphasised", "stressed", "stresses", "complained", "complains", "remarked",
        "observed", "conceded", "concedes", "predicted", "predicts", "promised", "promises",
        "vowed", "vows", "urged", "urges", "described", "describes", "quipped", "joked",
        "boasted", "countered", "responded", "responds", "answered", "contended", "maintained",
        "maintains", "reported", "reports", "testified", "posted", "shouted", "wondered",
        "concluded", "confirmed", "confirms", "denied", "alleged", "lamented", "mused",
        "pointed out", "went on", "called", "calls", "called it", "calling", "labeled",
        "labelled", "dubbed", "accused", "accuses", "charged", "declaring", "adding",
        "explaining", "noting", "arguing", "claiming", "insisting", "warning", "writing",
        "tweeting", "telling", "asking", "stating", "announcing", "urging", "describing",
        "recounted", "reiterated", "proclaimed", "exclaimed", "cautioned", "assured",
        "pledged", "thundered", "railed", "scoffed", "snapped", "blasted", "slammed",
        "criticized", "praised", "wrote in", "explains", "believes", "thinks", "think",
        "believe",
    ],
    preps: &["according to", "per"],
    pronouns: &[("he", 'm'), ("she", 'f'), ("they", 'p')],
    titles: &[
        ("mr", 'm'),
        ("mrs", 'f'),
        ("ms", 'f'),
        ("miss", 'f'),
        ("dr", '?'),
        ("sen", '?'),
        ("rep", '?'),
        ("gov", '?'),
        ("gen", '?'),
        ("lt", '?'),
        ("col", '?'),
        ("prof", '?'),
        ("rev", '?'),
        ("president", '?'),
        ("senator", '?'),
        ("governor", '?'),
        ("secretary", '?'),
        ("sir", 'm'),
        ("lady", 'f'),
        ("judge", '?'),
        ("mayor", '?'),
        ("pope", 'm'),
        ("king", 'm'),
        ("queen", 'f'),
        ("speaker", '?'),
        ("chairman", 'm'),
        ("congressman", 'm'),
        ("congresswoman", 'f'),
        ("candidate", '?'),
        ("nominee", '?'),
        ("gop", '?'),
        ("democrat", '?'),
        ("republican", '?'),
        ("democratic", '?'),
        ("vice", '?'),
        ("former", '?'),
        ("minister", '?'),
        ("prime", '?'),
        ("attorney", '?'),
        ("general", '?'),
        ("rev", '?'),
    ],
    roles: &[
        "spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary",
        "official", "chief", "leader", "director", "ambassador", "general", "senator",
        "governor", "mayor", "congressman", "congresswoman", "representative", "adviser",
        "advisor", "aide", "chairman", "chairwoman", "candidate", "nominee", "attorney",
        "lawyer", "judge", "prosecutor", "analyst", "expert", "manager", "founder",
        "executive", "ceo", "officer", "commander", "diplomat", "lawmaker", "businessman",
        "businesswoman", "billionaire", "pollster", "strategist", "economist", "professor",
        "author", "host", "reporter", "anchor", "democrat", "republican", "mogul", "nominee",
    ],
    determiners: &[("the", '?'), ("a", '?'), ("an", '?')],
    org_words: &[
        "department", "ministry", "house", "times", "post", "news", "journal", "party",
        "committee", "council", "agency", "press", "associated", "network", "university",
        "institute", "center", "centre", "foundation", "campaign", "office", "administration",
        "commission", "court", "congress", "senate", "union", "nations", "states", "united",
        "america", "american", "republicans", "democrats", "tribune", "herald",
        "daily", "magazine", "channel", "street", "white", "county", "city", "state", "group",
        "inc", "corp", "company", "bank", "clinic", "hospital",
        "school", "college", "club", "association", "coalition", "media", "online", "radio",
        "tv", "television", "review", "report", "monthly", "weekly", "poll", "survey",
    ],
    particles: &["de", "van", "von", "der", "bin", "al", "el", "da", "di", "la", "le"],
    byline_words: &["by", "source", "photo", "credit", "via", "with"],
    gender_words: &[
        ("he", 'm'),
        ("his", 'm'),
        ("him", 'm'),
        ("himself", 'm'),
        ("she", 'f'),
        ("her", 'f'),
        ("hers", 'f'),
        ("herself", 'f'),
    ],
};

/// Every language with quotation tables.
pub static ALL: &[&QuoteTables] = &[&FR, &EN];
