//! `clawlint doctor --fix` and `--diff`: run the fix loop for each config, show the diff, ask
//! (or not), write safely, report what is left.
//!
//! stdout carries the diff (a valid patch) and, after `--fix`, the findings that remain;
//! stderr carries prompts, notes and the summary, so `--diff > fix.patch` stays clean.

use crate::cli::args::DoctorArgs;
use crate::cli::exit;
use crate::cli::exit::error;
use crate::config::LoadOptions;
use crate::config::discover::ProcessEnv;
use crate::config::found::io_reason;
use crate::edit::diff;
use crate::engine::Selection;
use crate::engine::fix::{self, FixError, Outcome, Policy, Proposal};
use crate::engine::write;
use crate::report::{self, LintResult, View};
use std::collections::HashSet;
use std::io::{self, BufRead, IsTerminal, Write};

#[derive(Default)]
struct Totals {
    found: usize,
    fixed: usize,
    remain: usize,
    withheld: usize,
    /// Files the fixes change (would change, for --diff).
    changed: usize,
    /// Changes that were shown but not written.
    unwritten: usize,
}

/// One `doctor --fix`/`--diff` run over every config: what it has printed, counted and
/// decided so far.
struct Session<'a> {
    args: &'a DoctorArgs,
    color: bool,
    selection: &'a Selection,
    policy: Policy,
    interactive: bool,
    read_only: Option<&'static str>,
    prompter: Prompter<io::StdinLock<'static>, crate::redact::Writer<io::Stderr>>,
    out: crate::redact::Writer<io::StdoutLock<'static>>,
    totals: Totals,
    /// What each config holds on disk afterwards, for the report of what remains.
    on_disk: Vec<LintResult>,
    not_written_hint: bool,
    worst: u8,
}

pub fn run(
    args: &DoctorArgs,
    color: bool,
    results: Vec<LintResult>,
    selection: &Selection,
    opts: &LoadOptions,
    io_errors: &[String],
) -> u8 {
    for e in io_errors {
        error(e);
    }
    let interactive = !args.yes && !args.diff && io::stdin().is_terminal() && io::stderr().is_terminal();
    let mut s = Session {
        args,
        color,
        selection,
        // Fixes that move a secret are offered only to a person at a terminal, or as a preview.
        policy: Policy { unsafe_fixes: args.unsafe_fixes, reviewed: interactive || args.diff },
        interactive,
        read_only: write::read_only(&ProcessEnv),
        prompter: Prompter { input: io::stdin().lock(), out: crate::redact::stderr(), color },
        out: crate::redact::stdout(),
        totals: Totals::default(),
        on_disk: Vec::new(),
        not_written_hint: false,
        worst: if io_errors.is_empty() { exit::CLEAN } else { exit::USAGE },
    };
    for r in results {
        s.one(r, opts);
    }
    s.finish()
}

impl Session<'_> {
    /// Fix one config: run the loop from its lint, show the diff, decide, write.
    fn one(&mut self, r: LintResult, opts: &LoadOptions) {
        let (path, display) = (r.config.root().path.clone(), r.config.root().display.clone());
        let target = fix::Root { path: &path, display: display.clone(), reason: r.config.reason.clone(), opts };
        let selection = self.selection;
        let lint = |config: &crate::config::LoadedConfig| crate::engine::check(config, selection);
        // `r` is the lint of the files as they are on disk: the loop starts from it.
        let mut outcome = match fix::run_from(&target, r, &lint, self.policy, &mut |_| true) {
            Ok(o) => o,
            Err(FixError::Io(e)) => return self.failed(format!("{display}: {}", io_reason(&e)), exit::USAGE),
            Err(e) => return self.failed(format!("{display}: {e}"), exit::INTERNAL),
        };
        relint_with_stored_secrets(&mut outcome, selection);
        self.show(&display, &outcome);
        if outcome.changes.is_empty() && outcome.effects.is_empty() {
            self.totals.remain += outcome.after.diagnostics.len();
            self.on_disk.push(outcome.after);
            return;
        }
        let Some(write_it) = self.decide(&display, &target, &mut outcome) else { return };
        self.settle(outcome, write_it);
    }

    fn failed(&mut self, message: String, code: u8) {
        error(message);
        self.worst = self.worst.max(code);
    }

    /// Notes, the diff and the effects of one config's outcome.
    fn show(&mut self, display: &str, outcome: &Outcome) {
        for note in &outcome.notes {
            crate::redact::say!("note: {}: {note}", display);
        }
        if !outcome.not_converged.is_empty() {
            crate::redact::say!(
                "warning: {}: fixes did not converge after {} passes; rules still proposing fixes: {}",
                display,
                fix::MAX_PASSES,
                outcome.not_converged.join(", ")
            );
        }
        self.totals.found += outcome.before.diagnostics.len();
        self.totals.withheld += outcome.withheld(self.policy);
        if outcome.changes.is_empty() && outcome.effects.is_empty() {
            return;
        }
        self.totals.changed += outcome.changes.len() + outcome.effects.len();
        for change in &outcome.changes {
            let diff = diff::unified(&change.original, &change.fixed, &change.display, self.color);
            let _ = self.out.write_all(diff.as_bytes());
        }
        let _ = self.out.flush();
        for e in &outcome.effects {
            crate::redact::say!("{} {}", if self.args.diff { "would also:" } else { "also:" }, e.describe());
        }
    }

    /// Whether to write: never for `--diff` or a read-only config, always for `--yes`, else
    /// what the person at the terminal answers (`None`: the review failed, already reported).
    fn decide(&mut self, display: &str, target: &fix::Root<'_>, outcome: &mut Outcome) -> Option<bool> {
        if self.args.diff {
            return Some(false);
        }
        if let Some(why) = self.read_only {
            crate::redact::say!("clawlint: not writing {}: {why}", display);
            return Some(false);
        }
        if self.args.yes {
            return Some(true);
        }
        if !self.interactive {
            self.not_written_hint = true;
            return Some(false);
        }
        if outcome.changes.is_empty() {
            let n = outcome.effects.len();
            let question = format!("Apply the {n} change{} above? [y/N] ", if n == 1 { "" } else { "s" });
            return Some(self.prompter.ask(&question, &['y', 'n'], 'n') == 'y');
        }
        match review(&mut self.prompter, target, self.selection, self.policy, outcome) {
            Ok(Reviewed::All) => Some(true),
            Ok(Reviewed::Some(reviewed)) => {
                *outcome = *reviewed;
                Some(true)
            }
            Ok(Reviewed::Nothing) => Some(false),
            Err(e) => {
                self.failed(format!("{display}: {e}"), exit::INTERNAL);
                None
            }
        }
    }

    /// Write (or not) and count what is fixed and what remains on disk.
    fn settle(&mut self, outcome: Outcome, write_it: bool) {
        let t = &mut self.totals;
        if write_it {
            match commit_all(&outcome) {
                Ok(()) => {
                    t.fixed += outcome.fixed_count();
                    t.remain += outcome.after.diagnostics.len();
                    self.on_disk.push(outcome.after);
                }
                Err(e) => {
                    t.unwritten += outcome.changes.len();
                    t.remain += outcome.before.diagnostics.len();
                    self.on_disk.push(outcome.before);
                    self.failed(e.to_string(), exit::USAGE);
                }
            }
            return;
        }
        t.unwritten += outcome.changes.len();
        if self.args.diff {
            t.fixed += outcome.fixed_count();
            t.remain += outcome.after.diagnostics.len();
        } else {
            t.remain += outcome.before.diagnostics.len();
            self.on_disk.push(outcome.before);
        }
    }

    /// The findings left on disk, the summary, and the exit code.
    fn finish(mut self) -> u8 {
        let args = self.args;
        if !args.diff && !self.on_disk.is_empty() && self.on_disk.iter().any(|r| !r.diagnostics.is_empty()) {
            let mut view = View::new(&self.on_disk, self.selection, self.color, args.paths.is_empty());
            view.fix_commands = [args.command_with(&["--fix"]), args.command_with(&["--fix", "--unsafe-fixes"])];
            if let Err(e) = report::render(args.format, &view, &mut self.out).and_then(|_| self.out.flush())
                && e.kind() != io::ErrorKind::BrokenPipe
            {
                error(format!("writing the report: {e}"));
                self.worst = self.worst.max(exit::USAGE);
            }
        }
        summary(args, &self.totals, self.not_written_hint, self.read_only.is_some());
        if self.worst != exit::CLEAN {
            return self.worst;
        }
        let t = &self.totals;
        let dirty = if args.diff { t.changed > 0 } else { t.remain > 0 || t.unwritten > 0 };
        if dirty && (args.diff || !args.exit_zero) { exit::FINDINGS } else { exit::CLEAN }
    }
}

fn summary(args: &DoctorArgs, t: &Totals, not_written_hint: bool, read_only: bool) {
    let findings = |n: usize| if n == 1 { "finding" } else { "findings" };
    if args.diff {
        crate::redact::say!("Would fix {} of {} {}; {} would remain.", t.fixed, t.found, findings(t.found), t.remain);
    } else {
        crate::redact::say!("Fixed {} of {} {}; {} remain.", t.fixed, t.found, findings(t.found), t.remain);
    }
    if t.withheld > 0 {
        let fixes = if t.withheld == 1 { "fix" } else { "fixes" };
        crate::redact::say!("{} more {fixes} available with --unsafe-fixes.", t.withheld);
    }
    if not_written_hint && !read_only {
        let mut flags = vec!["--fix", "--yes"];
        if args.unsafe_fixes {
            flags.push("--unsafe-fixes");
        }
        crate::redact::say!(
            "Nothing was written: stdin is not a terminal. Run `{}` to apply the diff above.",
            args.command_with(&flags)
        );
    }
}

/// Write every changed file of one config: lock and check them all (none may have changed since
/// it was read), store the secrets the fixes move (all of a dotenv file's or none), write the
/// files, then change modes. Secrets go to their dotenv file before the config loses them, so a
/// failure in between leaves a secret in two places rather than none.
fn commit_all(outcome: &Outcome) -> Result<(), write::WriteError> {
    let inputs: Vec<(&std::path::Path, &str)> = outcome
        .before
        .config
        .files
        .iter()
        .filter(|d| d.tree().is_some() && !outcome.changes.iter().any(|c| c.path == d.path))
        .map(|d| (d.path.as_path(), &*d.text))
        .collect();
    write::unchanged_inputs(&inputs)?;
    let tx = write::begin(&outcome.changes)?;
    let mut by_file: Vec<(&std::path::Path, Vec<(&str, &str)>)> = Vec::new();
    for e in &outcome.effects {
        if let fix::Pending::StoreSecret { env_file, name, value } = e {
            match by_file.iter_mut().find(|(f, _)| *f == env_file.as_path()) {
                Some((_, vars)) => vars.push((name, &value.0)),
                None => by_file.push((env_file, vec![(name, &value.0)])),
            }
        }
    }
    for (env_file, vars) in &by_file {
        for name in write::store_secrets(env_file, vars)? {
            crate::redact::say!("Stored {name} in {} (mode 0600)", crate::util::tilde(env_file));
        }
    }
    tx.write_all(&mut |change, w| {
        let through = if w.target != change.path {
            format!(" (through the symlink, to {})", w.target.display())
        } else {
            String::new()
        };
        crate::redact::say!("Wrote {}{through}; backup: {}", change.display, w.backup.display());
    })?;
    drop(tx);
    for e in &outcome.effects {
        if let fix::Pending::Chmod { path, to, .. } = e {
            write::chmod(path, *to)?;
            crate::redact::say!("Changed the mode of {} to {to:o}", crate::util::tilde(path));
        }
    }
    Ok(())
}

/// After fixes that move secrets to a dotenv file, the variables they store are set: the
/// findings left are judged with them (a `${NAME}` just written is not unresolved).
fn relint_with_stored_secrets(outcome: &mut Outcome, selection: &Selection) {
    let stored: Vec<(&str, &std::path::Path)> = outcome
        .effects
        .iter()
        .filter_map(|e| match e {
            fix::Pending::StoreSecret { env_file, name, .. } => Some((name.as_str(), env_file.as_path())),
            _ => None,
        })
        .collect();
    if stored.is_empty() {
        return;
    }
    let mut env = (*selection.env).clone();
    for (name, file) in stored {
        env = env.with_file_var(name, file);
    }
    let selection = Selection { env: std::sync::Arc::new(env), ..selection.clone() };
    let kept: Vec<_> = crate::engine::check(&outcome.after.config, &selection);
    // Findings an effect already resolved (a chmod) stay resolved.
    outcome.after.diagnostics.retain(|d| kept.iter().any(|k| k.rule == d.rule && k.span == d.span && k.file == d.file));
}

/// What the user answered for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Yes,
    No,
    Review,
}

/// The decision for one config's changes.
enum Reviewed {
    /// Write the outcome as shown.
    All,
    /// Write this outcome instead (some files declined, some fixes reviewed).
    Some(Box<Outcome>),
    Nothing,
}

/// Ask per file; with any "no" or "review", run the loop again with those decisions.
fn review<R: BufRead, W: Write>(
    p: &mut Prompter<R, W>,
    target: &fix::Root<'_>,
    selection: &Selection,
    policy: Policy,
    outcome: &Outcome,
) -> Result<Reviewed, FixError> {
    let mut answers = Vec::new();
    for change in &outcome.changes {
        let fixes = if change.fixes == 1 { "fix".to_string() } else { "fixes".to_string() };
        let q = format!("Apply {} {fixes} to {}? [y/N/r] ", change.fixes, change.display);
        let a = match p.ask(&q, &['y', 'n', 'r'], 'n') {
            'y' => Answer::Yes,
            'r' => Answer::Review,
            _ => Answer::No,
        };
        answers.push((change.display.clone(), a));
    }
    if answers.iter().all(|(_, a)| *a == Answer::Yes) {
        return Ok(Reviewed::All);
    }
    if answers.iter().all(|(_, a)| *a == Answer::No) {
        return Ok(Reviewed::Nothing);
    }
    let declined: HashSet<&str> = answers.iter().filter(|(_, a)| *a == Answer::No).map(|(d, _)| d.as_str()).collect();
    let reviewing: HashSet<&str> =
        answers.iter().filter(|(_, a)| *a == Answer::Review).map(|(d, _)| d.as_str()).collect();
    let mut rest: Option<bool> = None;
    let mut shown = 0;
    let reviewed = fix::run(target, selection, policy, &mut |prop: &Proposal<'_>| {
        if prop.files.iter().any(|f| declined.contains(f)) {
            return false;
        }
        if !prop.files.iter().any(|f| reviewing.contains(f)) {
            return true;
        }
        if let Some(all) = rest {
            return all;
        }
        shown += 1;
        p.show_fix(shown, prop);
        match p.ask("Apply this fix? [y/N/a/q] ", &['y', 'n', 'a', 'q'], 'n') {
            'y' => true,
            'a' => {
                rest = Some(true);
                true
            }
            'q' => {
                rest = Some(false);
                false
            }
            _ => false,
        }
    })?;
    Ok(if reviewed.changes.is_empty() { Reviewed::Nothing } else { Reviewed::Some(Box::new(reviewed)) })
}

/// Questions on a terminal. Generic over its streams so the dialogue is testable.
pub(crate) struct Prompter<R: BufRead, W: Write> {
    pub input: R,
    pub out: W,
    pub color: bool,
}

impl<R: BufRead, W: Write> Prompter<R, W> {
    /// Ask until one of `choices` is given (an empty answer or end of input is `default`).
    pub fn ask(&mut self, question: &str, choices: &[char], default: char) -> char {
        for _ in 0..5 {
            let _ = write!(self.out, "{question}");
            let _ = self.out.flush();
            let mut line = String::new();
            match self.input.read_line(&mut line) {
                Ok(0) | Err(_) => {
                    let _ = writeln!(self.out);
                    return default;
                }
                Ok(_) => {}
            }
            let answer = line.trim().to_lowercase();
            let Some(c) = answer.chars().next() else { return default };
            if choices.contains(&c) && (answer.len() == 1 || matches!(answer.as_str(), "yes" | "no" | "review")) {
                return c;
            }
            let _ = writeln!(
                self.out,
                "Please answer {}.",
                choices.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
            );
        }
        default
    }

    fn show_fix(&mut self, n: usize, prop: &Proposal<'_>) {
        let (bold, reset) = if self.color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
        let _ = writeln!(
            self.out,
            "\n{bold}[{n}] {}: {}{reset} ({}; {})",
            prop.rule,
            prop.fix.title,
            prop.fix.applicability.as_str(),
            prop.files.join(", ")
        );
        let hunks = if self.color { diff::paint(&prop.hunks()) } else { prop.hunks() };
        let _ = write!(self.out, "{hunks}");
        for e in &prop.fix.effects {
            let _ = writeln!(self.out, "  also: {}", e.describe());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompt_reads_answers_and_defaults() {
        let mut p = Prompter { input: io::Cursor::new("maybe\nR\n\n"), out: Vec::new(), color: false };
        assert_eq!(p.ask("Apply? [y/N/r] ", &['y', 'n', 'r'], 'n'), 'r');
        assert_eq!(p.ask("Apply? [y/N/r] ", &['y', 'n', 'r'], 'n'), 'n');
        assert_eq!(p.ask("Apply? [y/N/r] ", &['y', 'n', 'r'], 'n'), 'n');
        let shown = String::from_utf8(p.out).unwrap();
        assert!(shown.contains("Please answer y, n, r."), "{shown}");
    }
}
