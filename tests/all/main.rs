//! The integration tests, in one binary (one link of tantivy, rusqlite and axum): one module per
//! area, helpers for the server and browser tests in `server_common`.

mod clean_seeds;
mod cli_analyze;
mod dates_seeds;
mod entities_institutions;
mod entities_roles;
mod entities_seeds;
mod extract_boilerplate;
mod extract_hints;
mod fuzz_regressions;
mod hostile_sizes;
mod ingest_bad_input;
mod ingest_folders;
mod ingest_html_warc;
mod pipeline_config;
mod properties;
mod quotes_attribution;
mod quotes_english;
mod reuse_align;
mod reuse_families;
mod reuse_seeds;
mod server_api;
#[allow(dead_code)]
mod server_common;
mod server_concurrency;
mod speakers_index;
mod store_add;
mod store_incremental;
mod store_recovery;
mod stories_batches;
mod stories_publication_dates;
mod stories_seeds;
mod web_browser;
