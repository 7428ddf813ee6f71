//! The `recoupe` command: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    },
}

/// Exit code when some inputs were skipped but the rest was analysed.
const EXIT_SKIPPED: u8 = 3;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { paths, out, quiet } => analyze(&paths, &out, quiet),
    }
}

fn analyze(paths: &[PathBuf], out: &std::path::Path, quiet: bool) -> ExitCode {
    let ingested = recoupe::ingest::read_paths(paths);
    for e in &ingested.errors {
        eprintln!("recoupe: skipped {e}");
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
    let analysis = recoupe::pipeline::analyze_with_progress(ingested.documents, &|step| {
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
    if ingested.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "recoupe: {} input(s) skipped, {n} article(s) analysed",
            ingested.errors.len()
        );
        ExitCode::from(EXIT_SKIPPED)
    }
}
