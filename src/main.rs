//! The `recoupe` command: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use recoupe::Pipeline;

/// Cross-checking news sources: clean text, republication, stories, who said what and when.
#[derive(Parser)]
#[command(name = "recoupe", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse a batch of articles and write the JSONL export (FORMAT.md) and a report.
    Analyze {
        /// Input files or folders: .txt (one article a file), .jsonl (one article a line).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Output folder for articles.jsonl, stories.jsonl and reuse.jsonl.
        #[arg(long, short)]
        out: PathBuf,
        /// Print no report and no progress, only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Stop after this stage: `clean` writes only articles.jsonl (title, text, language,
        /// published, source, url, comments, dropped blocks), without entities, quotes, dates,
        /// reuse or stories; the extraction is the same as in a full analysis.
        #[arg(long, value_enum)]
        only: Option<Only>,
        /// Settings as JSON (`recoupe config` prints every setting with its default; fields
        /// left out keep their defaults).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Add articles to a store (created if needed): new ones are analysed, changed ones replaced,
    /// identical ones skipped; reuse and stories are updated over the whole store.
    Add {
        /// Input files or folders, as for `analyze`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The store folder.
        #[arg(long, default_value = recoupe::store::DEFAULT_DIR)]
        store: PathBuf,
        /// Articles per transaction: each batch is committed and reported on its own.
        #[arg(long, default_value_t = 200)]
        batch: usize,
        /// Print only errors.
        #[arg(long, short)]
        quiet: bool,
        /// Settings as JSON (`recoupe config` prints every setting with its default; fields
        /// left out keep their defaults).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Write the FORMAT.md export (articles.jsonl, stories.jsonl, reuse.jsonl) of a store.
    Export {
        /// The store folder.
        #[arg(long, default_value = recoupe::store::DEFAULT_DIR)]
        store: PathBuf,
        /// Output folder.
        #[arg(long, short)]
        out: PathBuf,
    },
    /// Serve the JSON API and the web page over a store.
    Serve {
        /// The store folder.
        #[arg(long, default_value = recoupe::store::DEFAULT_DIR)]
        store: PathBuf,
        /// Address to listen on (port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Largest request body accepted, in bytes (413 beyond).
        #[arg(long, default_value_t = recoupe::server::DEFAULT_MAX_BODY)]
        max_body_bytes: usize,
        /// Settings as JSON (`recoupe config` prints every setting with its default; fields
        /// left out keep their defaults).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print the default settings as JSON, to edit and pass with `--config`.
    Config,
}

/// The stage `analyze --only` stops after.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Only {
    /// Clean text and metadata only.
    Clean,
}

/// Exit code when some inputs were skipped but the rest was analysed.
const EXIT_SKIPPED: u8 = 3;
/// Exit code when the inputs hold no article at all: nothing is written, an earlier export in
/// `--out` is left as it was.
const EXIT_EMPTY: u8 = 4;

/// Stops a run that read no article, saying so (the input problems are already printed).
fn nothing_read(ingested: &recoupe::ingest::Ingested, out: &Path) -> Option<ExitCode> {
    if !ingested.documents.is_empty() {
        return None;
    }
    eprintln!(
        "recoupe: no article found in the given paths ({} input problem(s)); nothing written to {}",
        ingested.errors.len(),
        out.display()
    );
    Some(ExitCode::from(EXIT_EMPTY))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze {
            paths,
            out,
            quiet,
            only,
            config,
        } => with_pipeline(config.as_deref(), |p| match only {
            None => analyze(p, &paths, &out, quiet),
            Some(Only::Clean) => clean(p, &paths, &out, quiet),
        }),
        Command::Add {
            paths,
            store,
            batch,
            quiet,
            config,
        } => with_pipeline(config.as_deref(), |p| add(p, &paths, &store, batch, quiet)),
        Command::Export { store, out } => report_error(export(&store, &out)),
        Command::Serve {
            store,
            addr,
            max_body_bytes,
            config,
        } => with_pipeline(config.as_deref(), |p| {
            report_error(
                open_store(&store, p).and_then(|s| recoupe::server::run(s, addr, max_body_bytes)),
            )
        }),
        Command::Config => {
            println!("{}", recoupe::Config::default().to_json());
            ExitCode::SUCCESS
        }
    }
}

/// Runs `f` with the pipeline of the settings file `config` (the defaults without one), or
/// reports why the file cannot be read.
fn with_pipeline(config: Option<&Path>, f: impl FnOnce(Pipeline) -> ExitCode) -> ExitCode {
    let Some(path) = config else {
        return f(Pipeline::default());
    };
    let read = std::fs::read_to_string(path)
        .map_err(|e| e.to_string())
        .and_then(|t| recoupe::Config::from_json(&t).map_err(|e| e.to_string()));
    match read {
        Ok(c) => f(Pipeline::new(c)),
        Err(e) => {
            eprintln!(
                "recoupe: cannot read the settings in {}: {e}",
                path.display()
            );
            ExitCode::FAILURE
        }
    }
}

fn report_error(r: anyhow::Result<()>) -> ExitCode {
    match r {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("recoupe: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reads the inputs, reporting each skipped one and each field left empty (file and line) on
/// stderr; the rest goes on.
fn read_inputs(paths: &[PathBuf]) -> recoupe::ingest::Ingested {
    let ingested = recoupe::ingest::read_paths(paths);
    for e in &ingested.errors {
        eprintln!("recoupe: skipped {e}");
    }
    for w in &ingested.warnings {
        eprintln!("recoupe: warning: {w}");
    }
    ingested
}

fn add(pipeline: Pipeline, paths: &[PathBuf], dir: &Path, batch: usize, quiet: bool) -> ExitCode {
    let ingested = read_inputs(paths);
    let mut store = match open_store(dir, pipeline) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("recoupe: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let docs = ingested.documents;
    let n = docs.len();
    let batches = docs.len().div_ceil(batch.max(1));
    let mut it = docs.into_iter().peekable();
    let mut k = 0;
    while it.peek().is_some() {
        k += 1;
        let chunk: Vec<_> = it.by_ref().take(batch.max(1)).collect();
        let last = chunk.last().map(|d| d.id.clone()).unwrap_or_default();
        match store.add(chunk) {
            Ok(r) if !quiet => println!(
                "added {} articles ({} replaced, {} unchanged) in batch {k}/{batches} \
                 through id {last}; store holds {}",
                r.added, r.replaced, r.unchanged, r.total
            ),
            Ok(_) => {}
            Err(e) => {
                eprintln!("recoupe: batch {k}/{batches} not added: {e:#}");
                return ExitCode::FAILURE;
            }
        }
    }
    finish(&ingested.errors, n)
}

/// Opens the store in `dir`, telling the user what opening it repaired.
fn open_store(dir: &Path, pipeline: Pipeline) -> anyhow::Result<recoupe::store::Store> {
    let store = recoupe::store::Store::open_with(dir, pipeline)?;
    for notice in store.notices() {
        eprintln!("recoupe: {notice}");
    }
    Ok(store)
}

fn export(dir: &std::path::Path, out: &std::path::Path) -> anyhow::Result<()> {
    if !recoupe::store::Store::exists(dir) {
        anyhow::bail!("no store in {}", dir.display());
    }
    let store = open_store(dir, Pipeline::default())?;
    let analysis = store.load_analysis()?;
    recoupe::export::write_export(&analysis, out)?;
    Ok(())
}

/// `analyze --only clean`: reads, cleans and writes articles.jsonl.
fn clean(pipeline: Pipeline, paths: &[PathBuf], out: &Path, quiet: bool) -> ExitCode {
    let ingested = read_inputs(paths);
    if let Some(code) = nothing_read(&ingested, out) {
        return code;
    }
    let n = ingested.documents.len();
    let articles = pipeline.clean_only(ingested.documents);
    if let Err(e) = recoupe::export::write_articles(&articles, out) {
        eprintln!("recoupe: cannot write the export to {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    if !quiet {
        let dropped: usize = articles.iter().map(|a| a.clean.dropped.len()).sum();
        println!(
            "wrote {} clean articles ({dropped} blocks dropped) to {}",
            articles.len(),
            out.display()
        );
    }
    // The process ends here: the OS takes the memory back faster than freeing it piece by piece.
    std::mem::forget(articles);
    finish(&ingested.errors, n)
}

/// The exit code of a run: success, or [`EXIT_SKIPPED`] (with a message) when inputs were
/// skipped.
fn finish(errors: &[recoupe::ingest::InputError], n: usize) -> ExitCode {
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "recoupe: {} input(s) skipped, {n} article(s) analysed",
            errors.len()
        );
        ExitCode::from(EXIT_SKIPPED)
    }
}

fn analyze(pipeline: Pipeline, paths: &[PathBuf], out: &Path, quiet: bool) -> ExitCode {
    let ingested = read_inputs(paths);
    if let Some(code) = nothing_read(&ingested, out) {
        return code;
    }
    let n = ingested.documents.len();
    let steps = recoupe::pipeline::STEPS;
    let bar = (!quiet && n > 300).then(|| {
        let bar = indicatif::ProgressBar::new(steps.len() as u64);
        let style =
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let analysis = pipeline.analyze_with_progress(ingested.documents, &|step| {
        if let Some(bar) = &bar {
            bar.set_position(step as u64);
            bar.set_message(format!("{} of {n} articles", steps[step]));
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if let Err(e) = recoupe::export::write_export(&analysis, out) {
        eprintln!("recoupe: cannot write the export to {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    if !quiet {
        print!("{}", recoupe::report::render(&analysis));
        println!(
            "\nwrote {} articles, {} stories, {} reuse pairs to {}",
            analysis.articles.len(),
            analysis.stories.len(),
            analysis.reuse.len(),
            out.display()
        );
    }
    // As in `clean`: leave the memory to the OS.
    std::mem::forget(analysis);
    finish(&ingested.errors, n)
}
