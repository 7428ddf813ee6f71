//! recoupe: cross-checking news sources.
//!
//! The crate follows the pipeline: [`ingest`] reads inputs into [`model::Document`]s, the
//! [`stages`] clean them and read who said what, find reuse and stories, [`pipeline`] runs them in
//! order, and [`export`] and [`report`] write the results. The data model is in [`model`]; text
//! normalisation shared by every stage is in [`text`], language tables in [`lang`].
//!
//! # Example
//!
//! Two articles, the second reprinting a paragraph of the first: the pipeline finds the shared
//! passage, and who said the quote.
//!
//! ```
//! use recoupe::{Document, Pipeline};
//!
//! let doc = |id: &str, title: &str, text: &str| Document {
//!     id: id.into(),
//!     title: Some(title.into()),
//!     text: text.into(),
//!     ..Document::default()
//! };
//! let shared = "Le maire de Lyon, Grégoire Martin, a présenté mardi un plan de dix ans pour les \
//!     transports publics de la métropole, avec trois nouvelles lignes de tramway et un réseau \
//!     de pistes cyclables qui doit relier toutes les communes de l'agglomération avant la fin \
//!     de la décennie.";
//! let a = doc(
//!     "a",
//!     "Le maire de Lyon annonce un plan pour les transports",
//!     &format!(
//!         "{shared}\n\n« Nous voulons que chaque habitant trouve un tram à moins de dix \
//!          minutes de chez lui », a déclaré Grégoire Martin devant le conseil municipal."
//!     ),
//! );
//! let b = doc(
//!     "b",
//!     "Lyon : trois lignes de tramway en projet",
//!     &format!("{shared}\n\nL'opposition juge le projet trop coûteux."),
//! );
//!
//! let analysis = Pipeline::default().analyze(vec![b, a]);
//!
//! let pair = &analysis.reuse[0];
//! let (first, second) = (&analysis.articles[pair.a], &analysis.articles[pair.b]);
//! assert_eq!((first.clean.id.as_str(), second.clean.id.as_str()), ("a", "b"));
//! assert!(pair.passages[0].text.starts_with("Le maire de Lyon, Grégoire Martin"));
//!
//! let quote = &first.quotes[0];
//! assert!(quote.text.starts_with("Nous voulons que chaque habitant"));
//! assert_eq!(quote.speaker.as_deref(), Some("Grégoire Martin"));
//! ```

pub mod calendar;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod ingest;
pub mod lang;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod server;
pub mod speakers;
pub mod stages;
pub mod store;
pub mod text;

pub use model::*;
pub use pipeline::{analyze, Config, Pipeline};
