//! Every input of the committed fuzz corpus (fuzz/corpus/pipeline: the seed, the rule and fix
//! fixtures, and what fuzzing added) through the fuzz target's checks: load, every rule, every
//! format, the fix loop and its idempotence (`clawlint::fuzzing::pipeline`). A crash the fuzzer
//! finds is added here and stays fixed.

#[test]
fn the_fuzz_corpus_passes_the_pipeline() {
    let mut files: Vec<_> = std::fs::read_dir("fuzz/corpus/pipeline").unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 100, "only {} corpus files", files.len());
    let mut failures = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        // A registry of its own: the corpus's secrets must not mask other tests' output.
        let run = || clawlint::redact::private(|| clawlint::fuzzing::pipeline(&bytes));
        if let Err(e) = std::panic::catch_unwind(run) {
            let why = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {}", f.display(), why.lines().next().unwrap_or("")));
        }
    }
    assert!(failures.is_empty(), "{} of {} inputs fail:\n{}", failures.len(), files.len(), failures.join("\n"));
}
