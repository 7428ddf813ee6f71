//! The pipeline stages, one module each, in the order data flows through them.
//!
//! Per-article stages (clean, entities' mentions, quotes, dates) work on one article at a time and
//! run in parallel; corpus stages (entity resolution, reuse, stories) see the whole batch.

pub mod clean;
pub mod dates;
pub mod entities;
pub mod extract;
pub mod quotes;
pub mod reuse;
pub mod stories;
