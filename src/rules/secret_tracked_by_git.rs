//! `secret-tracked-by-git`: a config file holding a plaintext secret is tracked or staged in a
//! git repository — the dotfiles case.

use crate::config::secrets;
use crate::document::FileId;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Need, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "secret-tracked-by-git",
    category: Category::Security,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[Need::Git],
    references: &[Reference::Issue(96489), Reference::Issue(5760)],
    summary: "A config file (or include) holding a plaintext secret is tracked or staged in a git repository.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
For each file of the config (the root and every `$include`) that holds a plaintext secret
(see `plaintext-secret`), finds the git work tree around it — through a symlink too, since
dotfiles managers link `~/.openclaw/openclaw.json` into a repository — and asks git whether
the file is tracked or staged (`git ls-files`, which reads the index the commit in progress
uses). Reports an error on the file's first secret, listing the others.

## Why it matters
A committed secret is in every clone and in the history forever; pushing the dotfiles repo
publishes it. Operators keep `openclaw.json` in dotfiles repos and READMEs claim it is
ignored when it is not (caura-ai/caura-long-run-fleet#19); OpenClaw's audit has no check for
it (openclaw/trust#17). As a pre-commit hook this stops the commit that would leak the key.

## Example
A config committed to a dotfiles repository (`git add openclaw.json`):
```json5
{ channels: { telegram: { botToken: "123456789:AAH4hVdzkqLC5tWgnsxr8YvOR7hq1MiHxCk" } } }
```
`error[secret-tracked-by-git] openclaw.json is tracked by the git repository at ~/dotfiles and
holds 1 plaintext secret`.

## Fix safety
No automatic fix. Move the secrets out (`plaintext-secret`'s fix puts them in
`~/.openclaw/.env`), commit the `${NAME}` version, rotate every secret that was committed,
and rewrite the history (`git filter-repo`) if it was ever pushed.

## References
- #96489, openclaw/trust#17 (config inside a git repo), caura-ai/caura-long-run-fleet#19,
  #5760.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let sites = cx.secret_sites();
    if sites.is_empty() {
        return;
    }
    let mut files: Vec<FileId> = sites.iter().map(|s| s.file).collect();
    files.dedup();
    for file in files {
        let doc = cx.config.file(file);
        let abs = std::path::absolute(&doc.path).unwrap_or_else(|_| doc.path.clone());
        // The path as named, then the real file behind a symlink.
        let mut candidates = vec![abs.clone()];
        if let Ok(real) = std::fs::canonicalize(&abs)
            && real != abs
        {
            candidates.push(real);
        }
        let Some(tree) = candidates.iter().find_map(|p| cx.git_tracked(p).filter(|(_, t)| *t).map(|(tree, _)| tree))
        else {
            continue;
        };
        let here: Vec<&secrets::SecretSite> = sites.iter().filter(|s| s.file == file).collect();
        let first = here[0];
        let n = here.len();
        let mut d = Diagnostic::new(
            RULE.name,
            RULE.severity,
            file,
            first.span,
            first.path.clone(),
            format!(
                "{} is tracked by the git repository at {} and holds {n} plaintext secret{}: {} in every clone and in the history",
                doc.display,
                crate::util::tilde(&tree),
                if n == 1 { "" } else { "s" },
                if n == 1 { "it is" } else { "they are" }
            ),
        )
        .with_label("committed with the file")
        .with_help("move the secrets to ~/.openclaw/.env (`clawlint doctor --fix --unsafe-fixes` offers it), commit the ${NAME} version, and rotate them if the repository was ever pushed");
        for s in &here[1..] {
            d = d.with_secondary(s.file, s.span, "also committed");
        }
        out.push(d);
    }
}
