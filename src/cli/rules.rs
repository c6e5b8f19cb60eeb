//! `clawlint rules` and `clawlint explain RULE`.

use crate::cli::args::{ListFormat, RulesArgs};
use crate::cli::exit;
use crate::cli::exit::error;
use crate::engine::Rule;
use crate::rules::{self, REGISTRY};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct RuleInfo<'a> {
    name: &'a str,
    category: &'a str,
    severity: &'a str,
    fix: &'a str,
    /// What it reads from the machine (`environment`, `file-modes`, `git`): not run where it
    /// cannot (`--no-env`, no git).
    needs: Vec<&'a str>,
    summary: &'a str,
    docs: &'a str,
    /// Its sources: OpenClaw issue URLs and release or repository files.
    references: Vec<String>,
}

fn info(r: &'static Rule) -> RuleInfo<'static> {
    RuleInfo {
        name: r.name,
        category: r.category.as_str(),
        severity: r.severity.as_str(),
        fix: r.fix.as_str(),
        needs: r.needs.iter().map(|n| n.as_str()).collect(),
        summary: r.summary,
        docs: r.docs,
        references: r.references.iter().map(|x| x.locator()).collect(),
    }
}

pub fn list(args: &RulesArgs) -> u8 {
    let mut out = crate::redact::stdout();
    let res = match args.format {
        ListFormat::Json => {
            let all: Vec<_> = REGISTRY.iter().map(|r| info(r)).collect();
            serde_json::to_writer_pretty(&mut out, &all).map_err(std::io::Error::from).and_then(|_| writeln!(out))
        }
        ListFormat::Text => (|| {
            writeln!(out, "{:<20} {:<9} {:<8} {:<10} summary", "rule", "category", "severity", "fix")?;
            for r in REGISTRY {
                writeln!(
                    out,
                    "{:<20} {:<9} {:<8} {:<10} {}",
                    r.name,
                    r.category,
                    r.severity,
                    r.fix.as_str(),
                    r.summary
                )?;
            }
            Ok(())
        })(),
    };
    if res.is_err() { exit::USAGE } else { exit::CLEAN }
}

/// The text `clawlint explain RULE` prints.
pub fn explain_text(r: &Rule) -> String {
    format!(
        "# {}\n\ncategory: {} · default severity: {} · fix: {}\n\n{}\n\n{}",
        r.name,
        r.category,
        r.severity,
        r.fix.as_str(),
        r.summary,
        r.docs.trim_end()
    ) + &r.facts.map(|f| f()).unwrap_or_default()
}

pub fn explain(name: &str) -> u8 {
    match rules::find(name) {
        Some(r) => {
            println!("{}", explain_text(r));
            exit::CLEAN
        }
        None => {
            match rules::closest(name) {
                Some(s) => error(format!("unknown rule `{name}`; did you mean `{s}`? (`clawlint rules` lists them)")),
                None => error(format!("unknown rule `{name}` (`clawlint rules` lists them)")),
            }
            exit::USAGE
        }
    }
}
