//! recoupe: cross-checking news sources.
//!
//! The crate follows the pipeline: [`ingest`] reads inputs into [`model::Document`]s, the
//! [`stages`] clean them and read who said what, find reuse and stories, [`pipeline`] runs them in
//! order, and [`export`] and [`report`] write the results. The data model is in [`model`]; text
//! normalisation shared by every stage is in [`text`], language tables in [`lang`].

pub mod calendar;
pub mod export;
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
pub use pipeline::analyze;
