//! `config-permissions`: a config file others can read, or a state directory wider than 0700.

use crate::document::{KeyPath, Span};
use crate::edit::{Applicability, Effect, Fix};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Need, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "config-permissions",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    needs: &[Need::FileModes, Need::Environment],
    references: &[Reference::Issue(96489)],
    summary: "The config or an included file is group- or world-readable (or writable), or the OpenClaw state directory is wider than 0700.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
For the config the gateway reads — one in OpenClaw's state directory (`~/.openclaw`,
`~/.openclaw-<profile>`, `$OPENCLAW_STATE_DIR`) — on Unix, and unless `--no-env` asks clawlint
to judge the file alone, reads the mode of the root config, of every `$include`d file (through symlinks: the
mode of the file itself), and of the state directory. Reports a file with any group or other permission
bit (error when others can read or write it) and a state directory with any group or other
bit.

## Why it matters
The config holds gateway tokens and, too often, API keys; the state directory holds
`auth-profiles.json`, sessions and `.env`. OpenClaw writes the config 0600 and the directory
0700 itself, but a file created by an editor, `cp` or a dotfiles manager gets the umask's
0644. OpenClaw's `security audit` reports the same (`fs.config.perms_world_readable`
critical, `fs.config.perms_group_readable`, `fs.state_dir.perms_readable`,
`fs.config_include.perms_*`), but only when you run it (#96489).

## Example
`~/.openclaw/openclaw.json`, mode 644 (`-rw-r--r--`: every local user can read it):
```json5
{ gateway: { mode: "local", auth: { mode: "token", token: "${OPENCLAW_GATEWAY_TOKEN}" } } }
```

## Fix safety
Safe: the fix removes the group and other bits (`chmod 600` for a file, `700` for the state
directory) and changes nothing else; the owner keeps every permission. It is shown with the
diff and applied when the files are written.

## References
- #96489; OpenClaw `security audit` checkIds `fs.config.perms_*`, `fs.config_include.perms_*`,
  `fs.state_dir.perms_readable` (recorded on 2026.9.6).
"#;

/// Is `dir` an OpenClaw state directory: `~/.openclaw`, `~/.openclaw-<profile>`, the legacy
/// `~/.clawdbot`, or `$OPENCLAW_STATE_DIR`?
fn state_dir(cx: &Context<'_>, dir: &std::path::Path) -> bool {
    let named = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".openclaw") || n.starts_with(".clawdbot"));
    named || cx.env.state_dir.as_ref().is_some_and(|e| std::fs::canonicalize(e).ok() == std::fs::canonicalize(dir).ok())
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // A machine check (`needs`): under `--no-env` the engine skips it and judges the file alone.
    // Only the config the gateway reads: one in OpenClaw's state directory.
    let root = cx.config.root();
    let Some(dir) = std::path::absolute(&root.path).ok().and_then(|p| p.parent().map(|d| d.to_path_buf())) else {
        return;
    };
    if !state_dir(cx, &dir) {
        return;
    }
    for doc in &cx.config.files {
        if doc.path.as_os_str().is_empty() {
            continue;
        }
        let Some(m) = cx.file_mode(&doc.path) else { continue };
        if m & 0o077 == 0 {
            continue;
        }
        let real = std::fs::canonicalize(&doc.path).unwrap_or_else(|_| doc.path.clone());
        let others = m & 0o006 != 0;
        let who = match (m & 0o070 != 0, others) {
            (true, true) => "its group and everyone else",
            (false, true) => "everyone else",
            _ => "its group",
        };
        let to = m & 0o700;
        let kind = if doc.id.0 == 0 { "the config" } else { "this included file" };
        out.push(
            Diagnostic::new(
                RULE.name,
                if others { Severity::Error } else { RULE.severity },
                doc.id,
                Span::new(0, 0),
                KeyPath::root(),
                format!(
                    "{kind} has mode {m:o}: {who} can read{} it, secrets included",
                    if m & 0o022 != 0 { " or change" } else { "" }
                ),
            )
            .with_label(format!("mode {m:o}"))
            .with_help(format!("chmod {to:o} {}", doc.display))
            .with_fix(
                Fix::new(format!("chmod {to:o} {}", doc.display), Applicability::Safe, Vec::new())
                    .with_effect(Effect::Chmod { path: real, from: m, to }),
            ),
        );
    }
    // The state directory: the directory of the root config when it is OpenClaw's own.
    let root = cx.config.root();
    let Some(dir) = std::path::absolute(&root.path).ok().and_then(|p| p.parent().map(|d| d.to_path_buf())) else {
        return;
    };
    let is_state = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".openclaw") || n.starts_with(".clawdbot"));
    if !is_state {
        return;
    }
    let Some(m) = cx.file_mode(&dir) else { return };
    if m & 0o077 == 0 {
        return;
    }
    let to = m & 0o700;
    let shown = match std::path::Path::new(&root.display).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => crate::util::tilde(&dir),
    };
    out.push(
        Diagnostic::new(
            RULE.name,
            RULE.severity,
            root.id,
            Span::new(0, 0),
            KeyPath::root(),
            format!(
                "the state directory {shown} has mode {m:o}: others can list it and read what it holds that is not private (sessions, logs, agents' files)"
            ),
        )
        .with_label(format!("directory mode {m:o}"))
        .with_help(format!("chmod {to:o} {shown}"))
        .with_fix(
            Fix::new(format!("chmod {to:o} {shown}"), Applicability::Safe, Vec::new())
                .with_effect(Effect::Chmod { path: dir, from: m, to }),
        ),
    );
}
