//! The fix loop: lint, apply every applicable fix that does not overlap another, re-lint the
//! edited texts, repeat until nothing changes (at most [`MAX_PASSES`] passes). Nothing touches
//! the disk here: the result is the original and fixed text of each changed file, ready for a
//! diff and a safe write.
//!
//! Guarantees, each checked rather than assumed:
//! - every edited text parses as OpenClaw parses it; a fix that would break a file aborts the
//!   whole run with no change (that is a clawlint bug, named in the error);
//! - the result has no error-level finding the input did not have;
//! - a top-level `meta` the input had is still there (OpenClaw restores a backup over a
//!   config without it, #126806);
//! - a string holding `${VAR}` references keeps them, and no value written equals the value of
//!   an environment variable the config references (a resolved secret is never written);
//! - the same input and decisions give the same output bytes.

use crate::config::env::{self, EnvToken};
use crate::config::{self, LoadOptions, LoadedConfig};
use crate::document::{FileId, KeyPath, Kind, Node};
use crate::edit::diff;
use crate::edit::lower::Editable;
use crate::edit::text::{self, Edit};
use crate::edit::{Applicability, Effect, Fix, FixOp};
use crate::engine::Selection;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::lint::LintResult;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Environment values at least this long are treated as possible secrets by the write guard.
const MIN_SECRET_LEN: usize = 8;

/// Passes before the loop gives up and names the rules whose fixes keep coming.
pub const MAX_PASSES: usize = 10;

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, Default)]
pub struct Policy {
    /// Also apply fixes marked unsafe (`--unsafe-fixes`).
    pub unsafe_fixes: bool,
    /// A person reviews the result in a terminal (or only a preview is shown): fixes that
    /// need one (moving a secret to `~/.openclaw/.env`) may be offered.
    pub reviewed: bool,
}

impl Policy {
    pub fn allows(&self, a: Applicability) -> bool {
        match a {
            Applicability::Safe => true,
            Applicability::Unsafe => self.unsafe_fixes,
            Applicability::DisplayOnly => false,
        }
    }

    pub fn allows_fix(&self, f: &Fix) -> bool {
        self.allows(f.applicability) && (self.reviewed || !f.needs_terminal())
    }
}

/// A secret held only long enough to write it to its dotenv file. Never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::redact::mask(&self.0))
    }
}

/// An effect of an applied fix, ready to be carried out when the files are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    StoreSecret { env_file: PathBuf, name: String, value: Secret },
    Chmod { path: PathBuf, from: u32, to: u32 },
}

impl Pending {
    /// What it does, for the preview (the secret masked).
    pub fn describe(&self) -> String {
        match self {
            Pending::StoreSecret { env_file, name, value } => format!(
                "append {name}={} to {} (created with mode 0600 if missing)",
                crate::redact::mask(&value.0),
                crate::util::tilde(env_file)
            ),
            Pending::Chmod { path, from, to } => {
                format!("chmod {:o} {} (now {:o})", to, crate::util::tilde(path), from)
            }
        }
    }
}

/// One fix offered for review: what it is and the change it makes on its own.
#[derive(Debug)]
pub struct Proposal<'a> {
    pub rule: &'static str,
    pub fix: &'a Fix,
    /// The files it edits, as shown to the user.
    pub files: Vec<&'a str>,
    /// Per file: the text before and the fix's own edits (its diff is made only when asked).
    parts: Vec<(&'a str, &'a [Edit])>,
}

impl Proposal<'_> {
    /// Its own change, as diff hunks per file (no headers).
    pub fn hunks(&self) -> String {
        let mut hunks = String::new();
        for ((text, edits), display) in self.parts.iter().zip(&self.files) {
            if self.parts.len() > 1 {
                hunks.push_str(&format!("{display}:\n"));
            }
            hunks.push_str(&diff::hunks(text, &text::apply(text, edits), false));
        }
        hunks
    }
}

/// A fix that was applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    pub rule: &'static str,
    pub title: String,
    pub applicability: Applicability,
    /// Canonical paths of the files it edited.
    pub files: Vec<PathBuf>,
    pub pass: usize,
    /// Under which it would be declined (rule, title, file, path of its finding).
    pub key: DeclineKey,
}

/// One file the fixes change.
#[derive(Debug, Clone)]
pub struct FileChange {
    /// The path the config was read through (a symlink stays a symlink).
    pub path: PathBuf,
    /// The file's real location.
    pub canonical: PathBuf,
    pub display: String,
    /// The bytes read at the start; the write checks the file still holds them.
    pub original: Arc<str>,
    pub fixed: String,
    /// How many applied fixes edited this file.
    pub fixes: usize,
}

/// What a run of the fix loop produced.
#[derive(Debug)]
pub struct Outcome {
    pub before: LintResult,
    pub after: LintResult,
    pub changes: Vec<FileChange>,
    pub applied: Vec<Applied>,
    /// Rules still proposing applicable fixes after [`MAX_PASSES`] passes.
    pub not_converged: Vec<&'static str>,
    /// Fixes that were not applied and why (file not editable, a guard refused it).
    pub notes: Vec<String>,
    /// What the applied fixes do beyond the text, in order.
    pub effects: Vec<Pending>,
}

impl Outcome {
    /// Findings of the input that the output no longer has. A finding that survives with its
    /// path changed (an earlier chain entry was removed, so `fallbacks.3` is now `fallbacks.2`)
    /// or with its words changed at the same path is not fixed: findings are matched by rule,
    /// file and message first, then by rule, file and path.
    pub fn fixed_count(&self) -> usize {
        let before: Vec<&Diagnostic> = self.before.diagnostics.iter().collect();
        let mut unmatched: Vec<bool> = vec![true; before.len()];
        let mut after: Vec<Option<&Diagnostic>> = self.after.diagnostics.iter().map(Some).collect();
        let file = |c: &LoadedConfig, d: &Diagnostic| c.file(d.file).path.clone();
        for by_message in [true, false] {
            let mut left: HashMap<(&str, PathBuf, String), Vec<usize>> = HashMap::new();
            for (i, d) in after.iter().enumerate() {
                if let Some(d) = d {
                    let what = if by_message { d.message.clone() } else { d.path.dotted() };
                    left.entry((d.rule, file(&self.after.config, d), what)).or_default().push(i);
                }
            }
            let open: Vec<usize> = (0..before.len()).filter(|i| unmatched[*i]).collect();
            for i in open {
                let d = before[i];
                let what = if by_message { d.message.clone() } else { d.path.dotted() };
                if let Some(j) = left.get_mut(&(d.rule, file(&self.before.config, d), what)).and_then(Vec::pop) {
                    unmatched[i] = false;
                    after[j] = None;
                }
            }
        }
        unmatched.iter().filter(|u| **u).count()
    }

    /// Fixes still on offer that the policy did not allow (unsafe ones without the flag).
    pub fn withheld(&self, policy: Policy) -> usize {
        self.after
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| (f.applicability == Applicability::Unsafe || f.needs_terminal()) && !policy.allows_fix(f))
            .count()
    }
}

fn key<'a>(config: &LoadedConfig, d: &'a Diagnostic) -> (&'a str, PathBuf, String) {
    (d.rule, config.file(d.file).path.clone(), d.path.dotted())
}

/// Why a run was refused. Nothing is written in any of these cases.
#[derive(Debug)]
pub enum FixError {
    /// The root config could not be read.
    Io(std::io::Error),
    /// A fix would have left a file unparseable: a clawlint bug.
    Broke { rule: &'static str, title: String, file: String, message: String },
    /// The result has error-level findings the input did not have.
    NewErrors(Vec<String>),
    /// The result would lose the top-level `meta` block.
    LosesMeta,
}

impl std::fmt::Display for FixError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FixError::Io(e) => write!(f, "{e}"),
            FixError::Broke { rule, title, file, message } => write!(
                f,
                "the fix \"{title}\" ({rule}) would leave {file} unparseable ({message}); nothing was changed. \
                 This is a clawlint bug: please report it with the file"
            ),
            FixError::NewErrors(list) => write!(
                f,
                "the fixes would introduce new errors ({}); nothing was changed. This is a clawlint bug: please report it",
                list.join("; ")
            ),
            FixError::LosesMeta => write!(
                f,
                "the fixes would remove the top-level `meta` block, and OpenClaw restores a backup over a config \
                 without it (#126806); nothing was changed"
            ),
        }
    }
}

/// Where the root config is and how to load it.
pub struct Root<'a> {
    pub path: &'a Path,
    pub display: String,
    pub reason: String,
    pub opts: &'a LoadOptions,
}

/// Run the fix loop. `decide` is asked about each fix before it is applied (interactive
/// review); a declined fix is not offered again in later passes.
pub fn run(
    target: &Root<'_>,
    selection: &Selection,
    policy: Policy,
    decide: &mut dyn FnMut(&Proposal<'_>) -> bool,
) -> Result<Outcome, FixError> {
    run_with(target, &|config| crate::engine::lint::check(config, selection), policy, decide)
}

/// [`run`] with the lint given as a function (the rules, or a test's own).
pub fn run_with(
    target: &Root<'_>,
    lint: &dyn Fn(&LoadedConfig) -> Vec<Diagnostic>,
    policy: Policy,
    decide: &mut dyn FnMut(&Proposal<'_>) -> bool,
) -> Result<Outcome, FixError> {
    let mut opts = target.opts.clone();
    opts.overlay.clear();
    let first =
        config::load(target.path, target.display.clone(), target.reason.clone(), &opts).map_err(FixError::Io)?;
    run_from(target, LintResult { diagnostics: lint(&first), config: first }, lint, policy, decide)
}

/// [`run_with`] from a lint of the files as they are on disk that the caller already has
/// (`before` must come from `target` loaded without an overlay, linted by `lint`).
pub fn run_from(
    target: &Root<'_>,
    before: LintResult,
    lint: &dyn Fn(&LoadedConfig) -> Vec<Diagnostic>,
    policy: Policy,
    decide: &mut dyn FnMut(&Proposal<'_>) -> bool,
) -> Result<Outcome, FixError> {
    // A person is asked about each fix once, however many attempts it takes.
    let mut answers: HashMap<DeclineKey, bool> = HashMap::new();
    let mut banned: BTreeMap<DeclineKey, String> = BTreeMap::new();
    loop {
        let mut ask = |p: &Proposal<'_>, key: &DeclineKey| *answers.entry(key.clone()).or_insert_with(|| decide(p));
        let job = Job { target, before: &before, lint, policy };
        match attempt(&job, &mut ask, &banned)? {
            Ok(mut a) => {
                for why in banned.values() {
                    a.notes.push(why.clone());
                }
                return Ok(Outcome {
                    before,
                    after: a.after,
                    changes: a.changes,
                    applied: a.applied,
                    not_converged: a.not_converged,
                    notes: a.notes,
                    effects: a.effects,
                });
            }
            Err(rejected) => {
                let why = if rejected.loses_meta {
                    "the result would lose the top-level `meta` block, and OpenClaw restores a backup over a config without it (#126806)".to_owned()
                } else {
                    format!("the result would have new errors ({})", rejected.errors.join("; "))
                };
                let culprits = match rejected.culprits.is_empty() {
                    false => rejected.culprits,
                    true => find_culprits(&job, &mut ask, &banned, &rejected.applied, &why)?,
                };
                if culprits.is_empty() {
                    return Err(if rejected.loses_meta {
                        FixError::LosesMeta
                    } else {
                        FixError::NewErrors(rejected.errors)
                    });
                }
                banned.extend(culprits);
            }
        }
    }
}

/// Key under which a fix is declined: rule, title, file and path of its finding.
pub type DeclineKey = (&'static str, String, PathBuf, String);

/// What one attempt of the loop produced (the outcome without `before`).
struct Attempt {
    after: LintResult,
    changes: Vec<FileChange>,
    applied: Vec<Applied>,
    not_converged: Vec<&'static str>,
    notes: Vec<String>,
    effects: Vec<Pending>,
}

/// An attempt whose result had error-level findings the input did not have.
struct Rejected {
    errors: Vec<String>,
    /// The result would lose the top-level `meta` block.
    loses_meta: bool,
    /// Fixes known to cause them (an error at the very place a fix renamed or moved a key
    /// to), each with the note that says why it was dropped.
    culprits: BTreeMap<DeclineKey, String>,
    applied: Vec<(DeclineKey, String)>,
}

/// When no fix is known to cause the new errors: the applied fixes that, left out one at a
/// time, give a result without them (at most [`MAX_SUSPECTS`] tried).
fn find_culprits(
    job: &Job<'_>,
    ask: &mut dyn FnMut(&Proposal<'_>, &DeclineKey) -> bool,
    banned: &BTreeMap<DeclineKey, String>,
    applied: &[(DeclineKey, String)],
    why: &str,
) -> Result<BTreeMap<DeclineKey, String>, FixError> {
    for (key, title) in applied.iter().rev().take(MAX_SUSPECTS) {
        let mut trial = banned.clone();
        trial.insert(key.clone(), String::new());
        if attempt(job, ask, &trial)?.is_ok() {
            let note = format!("not applied: \"{title}\" ({}): {why}", key.0);
            return Ok(BTreeMap::from([(key.clone(), note)]));
        }
    }
    Ok(BTreeMap::new())
}

/// Fixes tried one at a time when the cause of new errors is not known.
const MAX_SUSPECTS: usize = 16;

/// What every attempt of the loop starts from.
struct Job<'a> {
    target: &'a Root<'a>,
    before: &'a LintResult,
    lint: &'a dyn Fn(&LoadedConfig) -> Vec<Diagnostic>,
    policy: Policy,
}

/// A fix applied in the current pass, with its own edits: (rule, title, edits per file).
type PassFix = (&'static str, String, BTreeMap<FileId, Vec<Edit>>);

/// Original text of every file an attempt saw, by canonical path: (path, display, text).
type Originals = BTreeMap<PathBuf, (PathBuf, String, Arc<str>)>;

fn remember(originals: &mut Originals, c: &LoadedConfig) {
    for doc in &c.files {
        let canonical = canonical(&doc.path);
        originals.entry(canonical).or_insert_with(|| (doc.path.clone(), doc.display.clone(), doc.text.clone()));
    }
}

/// What an attempt has done so far, across passes.
#[derive(Default)]
struct Ledger {
    applied: Vec<Applied>,
    notes: Vec<String>,
    declined: HashSet<DeclineKey>,
    /// Where applied renames and moves put a key: (fix, title, new path).
    moved: Vec<(DeclineKey, String, KeyPath)>,
    effects: Vec<Pending>,
    /// Effects already carried out (or scheduled).
    done: HashSet<Effect>,
}

/// One pass's accepted edits per file, and the fixes behind them with their own edits.
#[derive(Default)]
struct PassEdits {
    accepted: BTreeMap<FileId, Vec<Edit>>,
    fixes: Vec<PassFix>,
}

/// One run of the loop, with the `banned` fixes declined from the start.
fn attempt(
    job: &Job<'_>,
    decide: &mut dyn FnMut(&Proposal<'_>, &DeclineKey) -> bool,
    banned: &BTreeMap<DeclineKey, String>,
) -> Result<Result<Attempt, Rejected>, FixError> {
    let Job { target, before, lint, policy } = *job;
    let mut opts = target.opts.clone();
    opts.overlay.clear();
    let mut originals = Originals::new();
    remember(&mut originals, &before.config);
    // Every later load reads the bytes read at the start: each input is read once (a pipe
    // cannot be read twice, and a file changed meanwhile must not mix two versions).
    // (A file that is not UTF-8 holds only its valid start as text: it is read again.)
    for doc in before.config.files.iter().filter(|d| !d.not_utf8()) {
        keep(&mut opts, &doc.path, doc.text.clone());
    }
    opts.frozen = true;
    let mut ledger = Ledger { declined: banned.keys().cloned().collect(), ..Ledger::default() };
    let mut not_converged = Vec::new();
    let mut current: Option<LintResult> = None;
    for pass in 1..=MAX_PASSES + 1 {
        let state = current.as_ref().unwrap_or(before);
        let candidates = candidates(state, policy, &ledger);
        if candidates.is_empty() {
            break;
        }
        if pass > MAX_PASSES {
            let mut rules: Vec<&'static str> = candidates.iter().map(|d| d.rule).collect();
            rules.sort_unstable();
            rules.dedup();
            not_converged = rules;
            break;
        }
        let effects_before = ledger.effects.len();
        let edits = take_fixes(&state.config, candidates, pass, decide, &mut ledger);
        if edits.accepted.is_empty() {
            if ledger.effects.len() > effects_before {
                // Only effects this pass: the text is unchanged, nothing to re-lint.
                continue;
            }
            break;
        }
        apply_pass(&state.config, &edits, &ledger.applied, pass, &mut opts)?;
        let next =
            config::load(target.path, target.display.clone(), target.reason.clone(), &opts).map_err(FixError::Io)?;
        remember(&mut originals, &next);
        current = Some(LintResult { diagnostics: lint(&next), config: next });
    }
    // Nothing changed the text: the result is the input as it was linted.
    let mut after = current.unwrap_or_else(|| before.clone());
    // Findings an effect resolves (a chmod) are fixed once the effects are carried out.
    after.diagnostics.retain(|d| {
        !d.fix.as_ref().is_some_and(|f| {
            f.ops.is_empty() && !f.effects.is_empty() && f.effects.iter().all(|e| ledger.done.contains(e))
        })
    });
    if let Err(rejected) = check_result(before, &after, &ledger.moved, &ledger.applied) {
        return Ok(Err(rejected));
    }
    let changes = changes(originals, &opts, &ledger.applied);
    let Ledger { applied, notes, effects, .. } = ledger;
    Ok(Ok(Attempt { after, changes, applied, not_converged, notes, effects }))
}

/// The findings of `state` whose fix the policy allows and that still have something to do.
fn candidates<'s>(state: &'s LintResult, policy: Policy, ledger: &Ledger) -> Vec<&'s Diagnostic> {
    state
        .diagnostics
        .iter()
        .filter(|d| {
            d.fix.as_ref().is_some_and(|f| {
                policy.allows_fix(f) && (!f.ops.is_empty() || f.effects.iter().any(|e| !ledger.done.contains(e)))
            })
        })
        .filter(|d| !ledger.declined.contains(&decline_key(&state.config, d)))
        .collect()
}

/// Lower every operation of `fix` to text edits, per file, or say why it cannot be applied.
fn lower_fix<'c>(
    config: &'c LoadedConfig,
    editable: &mut HashMap<FileId, Result<Editable<'c>, String>>,
    fix: &Fix,
) -> Result<BTreeMap<FileId, Vec<Edit>>, String> {
    let mut per_file: BTreeMap<FileId, Vec<Edit>> = BTreeMap::new();
    for op in &fix.ops {
        let file = op_file(op);
        let doc = config.file(file);
        let Some(tree) = doc.tree() else { return Err(format!("{} does not parse", doc.display)) };
        let ed = match editable.entry(file).or_insert_with(|| Editable::new(&doc.text, tree)) {
            Ok(ed) => ed,
            Err(why) => return Err(format!("clawlint cannot edit {} without loss: {why}", doc.display)),
        };
        guard(config, tree, op)?;
        let edits = ed.lower(op).map_err(|why| format!("its target is not where the rule saw it ({why})"))?;
        per_file.entry(file).or_default().extend(edits);
    }
    Ok(per_file)
}

/// One pass over the candidates: each fix is lowered, checked against the edits already taken,
/// offered to `decide`, and recorded in the ledger when taken.
fn take_fixes(
    config: &LoadedConfig,
    candidates: Vec<&Diagnostic>,
    pass: usize,
    decide: &mut dyn FnMut(&Proposal<'_>, &DeclineKey) -> bool,
    ledger: &mut Ledger,
) -> PassEdits {
    let mut editable: HashMap<FileId, Result<Editable<'_>, String>> = HashMap::new();
    let mut out = PassEdits::default();
    for d in candidates {
        let fix = d.fix.as_ref().expect("candidates have fixes");
        let key = decline_key(config, d);
        let per_file = match lower_fix(config, &mut editable, fix) {
            Ok(p) => p,
            Err(why) => {
                let note = format!("not applied: \"{}\" ({}): {why}", fix.title, d.rule);
                if !ledger.notes.contains(&note) {
                    ledger.notes.push(note);
                }
                ledger.declined.insert(key);
                continue;
            }
        };
        if overlaps(&per_file, &out.accepted) {
            continue; // offered again next pass, on the edited text
        }
        let files: Vec<&str> = per_file.keys().map(|f| config.file(*f).display.as_str()).collect();
        let parts: Vec<(&str, &[Edit])> =
            per_file.iter().map(|(f, edits)| (&*config.file(*f).text, edits.as_slice())).collect();
        if !decide(&Proposal { rule: d.rule, fix, files, parts }, &key) {
            ledger.declined.insert(key);
            continue;
        }
        let Some(resolved) = fix.effects.iter().map(|e| resolve(config, e)).collect::<Option<Vec<Pending>>>() else {
            ledger.declined.insert(key);
            continue;
        };
        record(config, d, fix, pass, &per_file, resolved, ledger);
        for (file, edits) in &per_file {
            out.accepted.entry(*file).or_default().extend(edits.iter().cloned());
        }
        out.fixes.push((d.rule, fix.title.clone(), per_file));
    }
    out
}

/// Do a fix's edits conflict with each other or with edits already taken this pass?
fn overlaps(per_file: &BTreeMap<FileId, Vec<Edit>>, accepted: &BTreeMap<FileId, Vec<Edit>>) -> bool {
    per_file.iter().any(|(file, edits)| {
        let taken = accepted.get(file).map(Vec::as_slice).unwrap_or_default();
        edits
            .iter()
            .enumerate()
            .any(|(i, e)| edits[..i].iter().any(|o| e.conflicts(o)) || taken.iter().any(|o| e.conflicts(o)))
    })
}

/// Record a taken fix: its effects, where it moves keys, and the fix itself.
fn record(
    config: &LoadedConfig,
    d: &Diagnostic,
    fix: &Fix,
    pass: usize,
    per_file: &BTreeMap<FileId, Vec<Edit>>,
    resolved: Vec<Pending>,
    ledger: &mut Ledger,
) {
    for (e, p) in fix.effects.iter().zip(resolved) {
        ledger.done.insert(e.clone());
        if !ledger.effects.contains(&p) {
            ledger.effects.push(p);
        }
    }
    for op in &fix.ops {
        if let Some(to) = destination(config, op) {
            ledger.moved.push((decline_key(config, d), fix.title.clone(), to));
        }
    }
    ledger.applied.push(Applied {
        rule: d.rule,
        title: fix.title.clone(),
        applicability: fix.applicability,
        files: per_file.keys().map(|f| canonical(&config.file(*f).path)).collect(),
        pass,
        key: decline_key(config, d),
    });
}

/// Apply a pass's edits to the overlay; every edited file must still parse (else the fix that
/// breaks it is named: one parse per fix, only on this path).
fn apply_pass(
    config: &LoadedConfig,
    edits: &PassEdits,
    applied: &[Applied],
    pass: usize,
    opts: &mut LoadOptions,
) -> Result<(), FixError> {
    for (file, file_edits) in &edits.accepted {
        let doc = config.file(*file);
        let text = text::apply(&doc.text, file_edits);
        if let Err(message) = parses(&text) {
            let alone = edits.fixes.iter().find_map(|(rule, title, per_file)| {
                let own = per_file.get(file)?;
                parses(&text::apply(&doc.text, own)).err().map(|m| (*rule, title.clone(), m))
            });
            let (rule, title, message) = alone.unwrap_or_else(|| {
                let last = applied.last().expect("an applied fix");
                (last.rule, format!("{} (with the other fixes of pass {pass})", last.title), message)
            });
            return Err(FixError::Broke { rule, title, file: doc.display.clone(), message });
        }
        keep(opts, &doc.path, Arc::from(text));
    }
    Ok(())
}

/// The files whose text the attempt changed, each with how many applied fixes edited it.
fn changes(originals: Originals, opts: &LoadOptions, applied: &[Applied]) -> Vec<FileChange> {
    let mut changes = Vec::new();
    for (canonical, (path, display, original)) in originals {
        let Some(fixed) = opts.overlay.get(&canonical) else { continue };
        if **fixed == *original {
            continue;
        }
        let fixes = applied.iter().filter(|a| a.files.contains(&canonical)).count();
        changes.push(FileChange { path, canonical, display, original, fixed: fixed.to_string(), fixes });
    }
    changes
}

/// The OpenClaw path a rename or move puts a key at.
fn destination(config: &LoadedConfig, op: &FixOp) -> Option<KeyPath> {
    let path_of = |file: FileId, wanted: &dyn Fn(&Node, Option<&crate::document::Member>) -> bool| {
        let tree = config.file(file).tree()?;
        let mut found = None;
        tree.walk(&mut KeyPath::root(), &mut |p, n, m| {
            if found.is_none() && wanted(n, m) {
                found = Some(p.clone());
            }
        });
        found.map(|inner| config.openclaw_path(file, &inner))
    };
    match op {
        FixOp::RenameKey { file, key, new } => {
            let old = path_of(*file, &|_, m| m.is_some_and(|m| m.key_span == *key))?;
            let mut to = KeyPath(old.0[..old.0.len().saturating_sub(1)].to_vec());
            to.0.push(crate::document::Segment::Key(new.clone()));
            Some(to)
        }
        FixOp::MoveProperty { file, object, path, .. } => {
            let mut to = path_of(*file, &|n, _| n.span == *object)?;
            to.0.extend(path.iter().map(|k| crate::document::Segment::Key(k.clone())));
            Some(to)
        }
        _ => None,
    }
}

/// An effect with what it needs from the text (the secret's value) read now.
fn resolve(config: &LoadedConfig, e: &Effect) -> Option<Pending> {
    match e {
        Effect::StoreSecret { env_file, name, file, value } => {
            let node = config.file(*file).tree()?.find_span(*value)?;
            let Kind::String(v) = &node.kind else { return None };
            Some(Pending::StoreSecret { env_file: env_file.clone(), name: name.clone(), value: Secret(v.clone()) })
        }
        Effect::Chmod { path, from, to } => Some(Pending::Chmod { path: path.clone(), from: *from, to: *to }),
    }
}

fn decline_key(config: &LoadedConfig, d: &Diagnostic) -> (&'static str, String, PathBuf, String) {
    let title = d.fix.as_ref().map(|f| f.title.clone()).unwrap_or_default();
    (d.rule, title, config.file(d.file).path.clone(), d.path.dotted())
}

/// Put a file's text in the overlay under the path it was reached by (how reloads find it)
/// and its real path (how the result is matched to the file written).
fn keep(opts: &mut LoadOptions, path: &Path, text: Arc<str>) {
    opts.overlay.insert(canonical(path), text.clone());
    opts.overlay.insert(path.to_path_buf(), text);
}

fn canonical(path: &Path) -> PathBuf {
    config::file_key(path)
}

fn op_file(op: &FixOp) -> FileId {
    match op {
        FixOp::RemoveProperty { file, .. }
        | FixOp::RemoveElement { file, .. }
        | FixOp::ReplaceValue { file, .. }
        | FixOp::RenameKey { file, .. }
        | FixOp::InsertProperty { file, .. }
        | FixOp::MoveProperty { file, .. } => *file,
    }
}

/// Parse as OpenClaw does, and as clawlint's tree builder does.
fn parses(text: &str) -> Result<(), String> {
    match crate::document::parse_tree(text, FileId(0)) {
        Ok(_) => Ok(()),
        Err(crate::document::ParseFailure::Syntax(e)) => Err(format!("{} at {}:{}", e.message, e.line, e.column)),
        Err(crate::document::ParseFailure::Unsupported { message, .. }) => Err(message),
    }
}

/// Refuse operations that would write a resolved `${VAR}` or drop a reference.
fn guard(config: &LoadedConfig, tree: &Node, op: &FixOp) -> Result<(), String> {
    let new = match op {
        FixOp::ReplaceValue { value, new, .. } => {
            if let Some(Kind::String(old)) = tree.find_span(*value).map(|n| &n.kind) {
                for tok in env::scan(old) {
                    if let EnvToken::Ref { name } = tok {
                        let kept = new.as_str().is_some_and(|s| s.contains(&format!("${{{name}}}")));
                        if !kept {
                            return Err(format!("it would replace the reference ${{{name}}}"));
                        }
                    }
                }
            }
            new
        }
        FixOp::InsertProperty { value, .. } => value,
        _ => return Ok(()),
    };
    let mut strings = Vec::new();
    collect_strings(new, &mut strings);
    for r in &config.env_refs {
        // Short values ("1", "info") are not secrets and occur in ordinary strings.
        if let Ok(v) = std::env::var(&r.name)
            && v.len() >= MIN_SECRET_LEN
            && strings.iter().any(|s| s.contains(v.as_str()))
        {
            return Err(format!("it would write the value of ${{{}}} into the file", r.name));
        }
    }
    Ok(())
}

fn collect_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, v)| {
            out.push(k);
            collect_strings(v, out);
        }),
        _ => {}
    }
}

/// The result must not add error-level findings, nor lose `meta`. Findings strictly inside
/// a key that a fix renamed or moved were there before, hidden while the key was unknown or
/// retired: they are uncovered, not introduced. A new error at the very place a key was
/// renamed or moved to is that fix's doing.
fn check_result(
    before: &LintResult,
    after: &LintResult,
    moved: &[(DeclineKey, String, KeyPath)],
    applied: &[Applied],
) -> Result<(), Rejected> {
    // Like with like: the same finding at the same place; then, for what is left, the same
    // finding elsewhere in the same file (a file-level finding anchored at its first secret
    // moves when a fix removes that secret).
    let mut had: HashMap<(&str, PathBuf, String), usize> = HashMap::new();
    for d in before.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        *had.entry(key(&before.config, d)).or_default() += 1;
    }
    let mut unmatched = Vec::new();
    for d in after.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        match had.get_mut(&key(&after.config, d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => unmatched.push(d),
        }
    }
    let mut per_file: HashMap<(&str, PathBuf), usize> = HashMap::new();
    for ((rule, file, _), n) in &had {
        *per_file.entry((rule, file.clone())).or_default() += n;
    }
    let mut errors = Vec::new();
    let mut culprits = BTreeMap::new();
    for d in unmatched {
        match per_file.get_mut(&(d.rule, after.config.file(d.file).path.clone())) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                let inside = |to: &KeyPath| d.path.0.len() > to.0.len() && d.path.0.starts_with(&to.0);
                if moved.iter().any(|(_, _, to)| inside(to)) {
                    continue;
                }
                let message = format!("{} at {}: {}", d.rule, d.path, d.message);
                for (fix, title, _) in moved.iter().filter(|(_, _, to)| *to == d.path) {
                    culprits
                        .insert(fix.clone(), format!("not applied: \"{title}\" ({}): it would cause {message}", fix.0));
                }
                errors.push(message);
            }
        }
    }
    let has_meta = |r: &LintResult| r.config.merged.as_ref().is_some_and(|m| m.get("meta").is_some());
    if errors.is_empty() && has_meta(before) && !has_meta(after) {
        return Err(Rejected { errors: Vec::new(), loses_meta: true, culprits, applied: applied_keys(applied) });
    }
    if errors.is_empty() {
        return Ok(());
    }
    Err(Rejected { errors, loses_meta: false, culprits, applied: applied_keys(applied) })
}

fn applied_keys(applied: &[Applied]) -> Vec<(DeclineKey, String)> {
    applied.iter().map(|a| (a.key.clone(), a.title.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target_file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("openclaw.json");
        std::fs::write(&p, text).unwrap();
        (dir, p)
    }

    fn run_on(path: &Path, lint: &dyn Fn(&LoadedConfig) -> Vec<Diagnostic>) -> Result<Outcome, FixError> {
        let opts = LoadOptions::default();
        let t = Root { path, display: "openclaw.json".into(), reason: String::new(), opts: &opts };
        run_with(&t, lint, Policy::default(), &mut |_| true)
    }

    fn finding(c: &LoadedConfig, severity: Severity, fix: Option<Fix>) -> Diagnostic {
        let root = c.root().tree().unwrap();
        let d = Diagnostic::new("test-rule", severity, FileId(0), root.span, KeyPath::root(), "test");
        match fix {
            Some(f) => d.with_fix(f),
            None => d,
        }
    }

    #[test]
    fn names_the_rule_that_does_not_converge() {
        let (_d, p) = target_file("{ n: 0 }");
        // Always offers to bump `n`: never reaches a fixed point.
        let lint = |c: &LoadedConfig| {
            let root = c.root().tree().unwrap();
            let n = root.get("n").unwrap();
            let v = match n.kind {
                Kind::Number(x) => x + 1.0,
                _ => 0.0,
            };
            let op = FixOp::ReplaceValue { file: FileId(0), value: n.span, new: serde_json::json!(v as u64) };
            vec![finding(c, Severity::Warning, Some(Fix::safe("bump", vec![op])))]
        };
        let o = run_on(&p, &lint).unwrap();
        assert_eq!(o.not_converged, ["test-rule"]);
        assert_eq!(o.applied.len(), MAX_PASSES);
        assert_eq!(o.changes[0].fixed, format!("{{ n: {MAX_PASSES} }}"));
    }

    #[test]
    fn drops_a_fix_that_adds_an_error_or_loses_meta() {
        let text = "{ meta: { lastTouchedVersion: '2026.9.6' }, a: 1, b: 2 }";
        let (_d, p) = target_file(text);
        // Removing `a` "creates" an error finding (the lint reports one when `a` is missing);
        // removing `b` is fine and still happens.
        let lint = |c: &LoadedConfig| {
            let root = c.root().tree().unwrap();
            let mut out = Vec::new();
            for key in ["a", "b"] {
                match root.as_object().unwrap().iter().find(|m| m.key == key) {
                    Some(m) => {
                        let op = FixOp::RemoveProperty { file: FileId(0), member: m.span() };
                        out.push(finding(c, Severity::Warning, Some(Fix::safe(format!("drop {key}"), vec![op]))));
                    }
                    None if key == "a" => out.push(finding(c, Severity::Error, None)),
                    None => {}
                }
            }
            out
        };
        let o = run_on(&p, &lint).unwrap();
        assert_eq!(o.changes[0].fixed, "{ meta: { lastTouchedVersion: '2026.9.6' }, a: 1 }");
        assert!(o.notes.iter().any(|n| n.contains("\"drop a\"") && n.contains("new errors")), "{:?}", o.notes);

        let lint = |c: &LoadedConfig| {
            let root = c.root().tree().unwrap();
            match root.as_object().unwrap().iter().find(|m| m.key == "meta") {
                Some(m) => {
                    let op = FixOp::RemoveProperty { file: FileId(0), member: m.span() };
                    vec![finding(c, Severity::Warning, Some(Fix::safe("drop meta", vec![op])))]
                }
                None => Vec::new(),
            }
        };
        let o = run_on(&p, &lint).unwrap();
        assert!(o.changes.is_empty());
        assert!(o.notes.iter().any(|n| n.contains("`meta`")), "{:?}", o.notes);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), text);
    }

    #[test]
    fn a_file_level_error_that_moves_is_not_new() {
        // One error anchored at the first key still present (as secret-tracked-by-git anchors
        // at the first secret), and a fix removing that key: the error moves, it is not new.
        let (_d, p) = target_file("{ a: 1, b: 2 }");
        let lint = |c: &LoadedConfig| {
            let root = c.root().tree().unwrap();
            let ms = root.as_object().unwrap();
            let mut out = Vec::new();
            if let Some(first) = ms.first() {
                let path = KeyPath::root().child_key(&first.key);
                out.push(Diagnostic::new("test-rule", Severity::Error, FileId(0), first.span(), path, "file-level"));
            }
            if let Some(a) = ms.iter().find(|m| m.key == "a") {
                let op = FixOp::RemoveProperty { file: FileId(0), member: a.span() };
                out.push(finding(c, Severity::Warning, Some(Fix::safe("drop a", vec![op]))));
            }
            out
        };
        let o = run_on(&p, &lint).unwrap();
        assert_eq!(o.changes[0].fixed, "{ b: 2 }", "{:?}", o.notes);
    }

    #[test]
    fn new_errors_no_single_fix_explains_are_a_bug() {
        let (_d, p) = target_file("{ a: 1, b: 2 }");
        // An error once either key is gone: leaving out one fix at a time does not help.
        let lint = |c: &LoadedConfig| {
            let root = c.root().tree().unwrap();
            let ms = root.as_object().unwrap();
            let mut out: Vec<Diagnostic> = ms
                .iter()
                .map(|m| {
                    let op = FixOp::RemoveProperty { file: FileId(0), member: m.span() };
                    finding(c, Severity::Warning, Some(Fix::safe(format!("drop {}", m.key), vec![op])))
                })
                .collect();
            if ms.len() < 2 {
                out.push(finding(c, Severity::Error, None));
            }
            out
        };
        assert!(matches!(run_on(&p, &lint), Err(FixError::NewErrors(_))));
    }

    #[test]
    fn never_writes_a_resolved_variable() {
        // Replacing a reference with anything that drops it is refused.
        let (_d, p) = target_file("{ k: '${CLAWLINT_TEST_VAR}' }");
        let lint = |c: &LoadedConfig| {
            let k = c.root().tree().unwrap().get("k").unwrap().span;
            let op = FixOp::ReplaceValue { file: FileId(0), value: k, new: serde_json::json!("resolved") };
            vec![finding(c, Severity::Warning, Some(Fix::safe("resolve", vec![op])))]
        };
        let o = run_on(&p, &lint).unwrap();
        assert!(o.changes.is_empty());
        assert!(o.notes.iter().any(|n| n.contains("${CLAWLINT_TEST_VAR}")), "{:?}", o.notes);

        // Writing the current value of a referenced variable anywhere is refused. PATH is set
        // in every test environment and long enough to count as a possible secret.
        let value = std::env::var("PATH").expect("PATH is set under cargo test");
        assert!(value.len() >= MIN_SECRET_LEN);
        let (_d, p) = target_file("{ k: '${PATH}', o: {} }");
        let lint = move |c: &LoadedConfig| {
            let o = c.root().tree().unwrap().get("o").unwrap().span;
            let op = FixOp::InsertProperty {
                file: FileId(0),
                object: o,
                key: "copy".into(),
                value: serde_json::json!(value.clone()),
                index: None,
            };
            vec![finding(c, Severity::Warning, Some(Fix::safe("copy", vec![op])))]
        };
        let o = run_on(&p, &lint).unwrap();
        assert!(o.changes.is_empty());
        assert!(o.notes.iter().any(|n| n.contains("would write the value of ${PATH}")), "{:?}", o.notes);
    }
}
