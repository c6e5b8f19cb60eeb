//! The provider catalog importer (`rules/providers.toml`) on small synthetic packages under
//! tests/fixtures/catalog/: what it reads, and that the file it writes depends only on the set
//! of imported releases (idempotent, order-independent), keeping comments.

use clawlint::facts::CalVer;
use clawlint::facts::catalog::{Catalog, Route};
use std::path::{Path, PathBuf};
use xtask::import::{CatalogRelease, Section, drop_from_catalog, extract_catalog, import_catalog, merge_catalog};

const R1: &str = "2026.1.1";
const R2: &str = "2026.2.1";
const R3: &str = "2026.3.1";

fn v(s: &str) -> CalVer {
    s.parse().unwrap()
}

fn fixture(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/catalog").join(dir)
}

/// Release `version` read from fixture `dir` (r1, r2, r3).
fn release(dir: &str, version: &str) -> CatalogRelease {
    extract_catalog(&fixture(dir), v(version), Some(format!("c0ffee{}", &dir[1..]))).unwrap()
}

fn all() -> Vec<CatalogRelease> {
    vec![release("r1", R1), release("r2", R2), release("r3", R3)]
}

fn merge_all<'a>(start: Option<&str>, rels: impl IntoIterator<Item = &'a CatalogRelease>) -> String {
    let mut text = start.map(str::to_owned);
    for r in rels {
        text = Some(merge_catalog(text.as_deref(), r).unwrap());
    }
    text.unwrap()
}

#[test]
fn reads_providers_env_and_auth_from_manifests() {
    let r1 = release("r1", R1);
    assert_eq!(r1.count(Section::Provider), 4, "alpha, alpha-codex, moon, loco");
    assert_eq!(r1.files.manifest_dirs.get("moon").map(String::as_str), Some("moon-dir"));
    assert_eq!(r1.files.core_env.as_deref(), Some("dist/provider-env-vars-AAAA.js"));
    assert_eq!(r1.files.external_catalog, ["dist/official-external-plugin-catalog-AAAA.js"]);
    assert_eq!(r1.files.pi_ai.as_deref(), Some("@fake/pi-ai@1.0.0/dist/models.generated.js"));
    assert!(r1.notes.is_empty(), "{:?}", r1.notes);

    let c = Catalog::parse(&merge_all(None, [&r1])).unwrap();
    let r = c.for_release(&v(R1));
    let moon = r.bundled_provider("moon").unwrap();
    assert_eq!(moon.env, ["MOON_API_KEY", "MOON_ALT_KEY"]);
    assert_eq!(moon.range.source, "2026.1.1 dist/extensions/moon-dir/openclaw.plugin.json");
    let codex = r.bundled_provider("alpha-codex").unwrap();
    assert_eq!(codex.auth, ["device-code", "oauth"]);
    assert!(codex.env.is_empty());
    let loco = r.bundled_provider("loco").unwrap();
    assert!(loco.local && loco.synthetic_auth && loco.keyless());
    assert_eq!(loco.auth_markers, ["loco-local"]);
    assert!(!r.is_keyless("alpha"));
    assert_eq!(r.provider_env_vars("alpha"), ["ALPHA_API_KEY"]);
    assert_eq!(r.discovery("alpha-codex"), Some("refreshable"));
    assert_eq!(r.suppression("alpha-codex", "a-0", None).unwrap().reason, "a-0 is no longer offered to subscriptions.");
}

#[test]
fn reads_the_second_release_shapes() {
    let r2 = release("r2", R2);
    let c = Catalog::parse(&merge_all(None, [&r2])).unwrap();
    let r = c.for_release(&v(R2));
    // setup.providers env, the core table wins, an auth alias inherits its target's vars
    assert_eq!(r.bundled_provider("alpha").unwrap().env, ["ALPHA_API_KEY", "ALPHA_TOKEN"]);
    assert_eq!(r.provider_env_vars("alpha"), ["ALPHA_CORE_KEY", "ALPHA_API_KEY"]);
    assert_eq!(r.provider_env_vars("alpha-plan"), ["ALPHA_PLAN_KEY", "ALPHA_CORE_KEY", "ALPHA_API_KEY"]);
    assert_eq!(r.bundled_provider("alpha-plan").unwrap().auth_alias_of.as_deref(), Some("alpha"));
    // models with status, aliases
    let a1 = r.model("alpha", "a-1").unwrap();
    assert_eq!((a1.status, a1.replaced_by), (Some("deprecated"), Some("a-3")));
    assert_eq!(r.model_alias("alpha", "a-latest"), Some("a-3"));
    let pa = r.provider_alias("alpha-azure").unwrap();
    assert_eq!((pa.provider.as_str(), pa.api.as_deref()), ("alpha", Some("alpha-azure-responses")));
    assert_eq!(r.discovery("alpha"), Some("runtime"));
    // suppressions by route: a retirement on the subscription host, a plain one on the API host
    let s = r.suppression("alpha", "a-1", Some("sub.example.com")).unwrap();
    assert_eq!((s.reason, s.replaced_by), ("a-1 has retired from the subscription route.", Some("a-3")));
    assert!(r.suppression("alpha", "a-1", Some("api.example.com")).is_none());
    assert!(r.suppression("alpha", "a-1", None).is_none());
    assert!(r.suppression("alpha", "a-spark", None).is_some());
    assert!(r.suppression_on("alpha", "a-spark-mini", Route { host: Some("api.example.com"), api: None }).is_some());
    // the two spark suppressions share reason and route: one row
    assert_eq!(c.suppression_rows().iter().filter(|g| g.models.len() == 2).count(), 1);
    // the external catalog: moon left the bundle
    assert!(r.bundled_provider("moon").is_none());
    let moon = r.external_plugin("moonshot-x").unwrap();
    assert_eq!(moon.package, "@fake/moon-provider");
    assert_eq!(moon.env, ["MOON_API_KEY", "MOON_ALT_KEY"]);
    assert_eq!(moon.min_host.as_deref(), Some(">=2026.2.1"));
    assert_eq!(moon.listed_as.as_deref(), Some("official"));
    assert!(!moon.bundled);
}

#[test]
fn pi_ai_models_count_for_releases_that_bundle_it() {
    let text = merge_all(None, &all());
    let c = Catalog::parse(&text).unwrap();
    let ids =
        |r: &str, p: &str| -> Vec<String> { c.for_release(&v(r)).models(p).iter().map(|m| m.id.to_owned()).collect() };
    assert_eq!(ids(R1, "alpha"), ["a-1", "a-2", "a-pi"]);
    assert_eq!(ids(R1, "pi-only"), ["p-1"]);
    assert!(ids(R2, "pi-only").is_empty());
    assert!(text.contains("source = \"2026.1.1 @fake/pi-ai@1.0.0/dist/models.generated.js\""), "{text}");
    // the manifest's row wins over pi-ai's for the same id
    assert!(c.for_release(&v(R1)).model("alpha", "a-1").unwrap().source.ends_with("openclaw.plugin.json"));
}

#[test]
fn unknown_manifest_keys_are_reported() {
    let r3 = release("r3", R3);
    assert!(r3.notes.iter().any(|n| n.contains("modelCatalog.futureKey")), "{:?}", r3.notes);
}

#[test]
fn importing_twice_is_a_no_op() {
    let rels = all();
    let once = merge_all(None, &rels);
    for r in &rels {
        assert_eq!(merge_catalog(Some(&once), r).unwrap(), once, "re-importing {}", r.version);
    }
}

#[test]
fn dropping_a_release_gives_the_file_imported_without_it() {
    let rels = all();
    let every = merge_all(None, &rels);
    for skip in 0..rels.len() {
        let without = merge_all(None, rels.iter().enumerate().filter(|(i, _)| *i != skip).map(|(_, r)| r));
        assert_eq!(drop_from_catalog(&every, &rels[skip].version).unwrap(), without, "dropping {}", rels[skip].version);
    }
}

#[test]
fn import_order_does_not_matter() {
    let rels = all();
    let in_order = merge_all(None, &rels);
    for order in [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
        let text = merge_all(None, order.iter().map(|&i| &rels[i]));
        assert_eq!(text, in_order, "order {order:?}");
    }
}

#[test]
fn facts_that_do_not_change_are_written_once() {
    let text = merge_all(None, &all());
    // loco is the same in all three releases: one row, open-ended
    let loco = text.split("\n\n").filter(|b| b.contains("[[provider]]") && b.contains("id = \"loco\"")).count();
    assert_eq!(loco, 1, "{text}");
    assert!(text.contains("id = \"loco\"\nplugin = \"loco\"\nauth = [\"local\"]\nlocal = true\nsynthetic_auth = true\nauth_markers = [\"loco-local\"]\nsince = \"2026.1.1\"\nsource = \"2026.1.1 dist/extensions/loco/openclaw.plugin.json\"\n"), "{text}");
    // moon: bundled in r1 only, external from r2
    assert!(text.contains("id = \"moon\"\nplugin = \"moon\"\nenv = [\"MOON_API_KEY\", \"MOON_ALT_KEY\"]\nauth = [\"api-key\"]\nsince = \"2026.1.1\"\nuntil = \"2026.1.1\"\n"), "{text}");
    // the core table is read from another file name each release; the fact is still one row
    assert_eq!(text.matches("\n[[core_env]]\n").count(), 3, "beta-x once, alpha twice (its vars changed)");
}

#[test]
fn a_gap_splits_the_range() {
    let rels = all();
    // a-2 is a model in r1 and r3, not in r2
    let text = merge_all(None, &rels);
    let c = Catalog::parse(&text).unwrap();
    assert!(c.for_release(&v(R1)).model("alpha", "a-2").is_some());
    assert!(c.for_release(&v(R2)).model("alpha", "a-2").is_none());
    assert!(c.for_release(&v(R3)).model("alpha", "a-2").is_some());
    let rows: Vec<_> = c.model_rows().iter().filter(|g| g.ids.iter().any(|i| i == "a-2")).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[0].range.since.to_string(), rows[0].range.until.as_ref().map(ToString::to_string)),
        (R1.into(), Some(R1.into()))
    );
    assert_eq!(rows[1].range.source, "2026.3.1 dist/extensions/alpha/openclaw.plugin.json");
    // importing the middle release last splits an open range the same way
    let text13 = merge_all(None, [&rels[0], &rels[2]]);
    assert_eq!(merge_catalog(Some(&text13), &rels[1]).unwrap(), text);
}

#[test]
fn importing_a_release_again_replaces_its_facts() {
    let rels = all();
    let text = merge_all(None, &rels);
    // r1 re-read from r2's package: r1's own facts (moon bundled, pi-ai) are gone
    let changed = extract_catalog(&fixture("r2"), v(R1), None).unwrap();
    let c = Catalog::parse(&merge_catalog(Some(&text), &changed).unwrap()).unwrap();
    let r = c.for_release(&v(R1));
    assert!(r.bundled_provider("moon").is_none());
    assert!(r.models("pi-only").is_empty());
    assert_eq!(c.releases[0].commit, None);
    assert_eq!(c.releases[0].pi_ai, None);
}

#[test]
fn comments_and_notes_survive_imports() {
    let rels = all();
    let base = merge_all(None, [&rels[1]]);
    let edited = base
        .replacen("format = 1\n", "format = 1\n# reviewed by hand on 2026-11-21\n", 1)
        .replacen("\n[[suppression]]\n", "\n# Suppressions: OpenClaw's own words, do not reword.\n[[suppression]]\n", 1)
        .replacen("\n[[provider]]\nid = \"loco\"\n", "\n# loco needs no key\n[[provider]]\nid = \"loco\"\n", 1)
        .replacen("id = \"alpha-plan\"\n", "id = \"alpha-plan\"\nnote = \"the plan route shares alpha's key\"\n", 1);
    assert_ne!(edited, base);
    // an older and a newer release, merged into the reviewed file
    let text = merge_all(Some(&edited), [&rels[2], &rels[0]]);
    for kept in [
        "# reviewed by hand on 2026-11-21\n",
        "\n# Suppressions: OpenClaw's own words, do not reword.\n[[suppression]]\nprovider = \"alpha\"\n",
        "\n# loco needs no key\n[[provider]]\nid = \"loco\"\n",
        "note = \"the plan route shares alpha's key\"\n",
    ] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    // the header comment stays first, the section comment stays above the section's first row
    assert!(text.starts_with("# OpenClaw's model providers per imported release"));
    let first_suppression = text.find("\n[[suppression]]\n").unwrap() + 1;
    assert!(text[..first_suppression].ends_with("# Suppressions: OpenClaw's own words, do not reword.\n"));
    assert_eq!(Catalog::parse(&text).unwrap().releases.len(), 3);
    // and the facts are those of a clean import
    let clean = Catalog::parse(&merge_all(None, &rels)).unwrap();
    let got = Catalog::parse(&text).unwrap();
    for r in [R1, R2, R3] {
        let (a, b) = (clean.for_release(&v(r)), got.for_release(&v(r)));
        let ids = |c: &clawlint::facts::catalog::ReleaseCatalog<'_>| {
            c.bundled_providers().map(|p| (p.id.clone(), p.env.clone())).collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b), "{r}");
        assert_eq!(a.models("alpha"), b.models("alpha"), "{r}");
    }
}

#[test]
fn import_catalog_writes_the_repository_file_atomically() {
    let repo = tempfile::tempdir().unwrap();
    let s = import_catalog(repo.path(), &fixture("r1"), v(R1), Some("abc1234".into())).unwrap();
    assert!(s.changed);
    assert_eq!((s.providers, s.suppressions, s.external), (4, 1, 1));
    assert_eq!(s.models, 4 + 3, "manifest ids and pi-ai ids");
    let path = repo.path().join("rules/providers.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("version = \"2026.1.1\"\ncommit = \"abc1234\"\n"), "{text}");
    let again = import_catalog(repo.path(), &fixture("r1"), v(R1), Some("abc1234".into())).unwrap();
    assert!(!again.changed);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    let names: Vec<_> = std::fs::read_dir(repo.path().join("rules")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["providers.toml"], "no temporary file left behind");
}

#[test]
fn a_directory_without_dist_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let e = extract_catalog(dir.path(), v(R1), None).unwrap_err();
    assert!(e.contains("no dist/"), "{e}");
}

#[test]
fn a_broken_file_is_refused_with_its_row() {
    let text = merge_all(None, [&release("r1", R1)]);
    let broken = text.replacen("since = \"2026.1.1\"\n", "since = \"yesterday\"\n", 1);
    let e = merge_catalog(Some(&broken), &release("r2", R2)).unwrap_err();
    assert!(e.starts_with("rules/providers.toml: [[provider]] #1: `since`:"), "{e}");
}
