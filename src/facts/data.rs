//! The curated data files under `rules/`, embedded in the binary.
//!
//! `rules/*.toml` is the source of truth; `build.rs` converts each file to compact JSON at
//! build time (key order kept), and the binary reads that, which costs a fraction of parsing
//! the TOML at every run. Tests that need the TOML itself (the importer, error messages) read
//! the files under `rules/` directly.

use serde::de::DeserializeOwned;

macro_rules! embedded {
    ($($name:ident = $file:literal),* $(,)?) => {
        $(
            #[doc = concat!("`rules/", $file, ".toml`, as JSON.")]
            pub static $name: Embedded = Embedded {
                path: concat!("rules/", $file, ".toml"),
                json: include_str!(concat!(env!("OUT_DIR"), "/rules/", $file, ".json")),
                sections: include!(concat!(env!("OUT_DIR"), "/rules/", $file, ".sections.rs")),
            };
        )*
        /// Every embedded file.
        pub static ALL: &[&Embedded] = &[$(&$name),*];
    };
}

embedded! {
    AUTH = "auth",
    MIGRATIONS = "migrations",
    PROVIDERS = "providers",
    SECRETS = "secrets",
    SECURITY = "security",
    VALIDATION = "validation",
    VERSIONS = "versions",
    WEB_SEARCH = "web-search",
}

/// One data file: where it lives in the repository, and its JSON form.
#[derive(Debug)]
pub struct Embedded {
    pub path: &'static str,
    pub json: &'static str,
    /// Each top-level key, and the byte range of its value in `json`.
    sections: &'static [(&'static str, usize, usize)],
}

impl Embedded {
    /// The file read into `T`; an error names the file.
    pub fn load<T: DeserializeOwned>(&self) -> Result<T, String> {
        serde_json::from_str(self.json).map_err(|e| format!("{}: {e}", self.path))
    }

    /// The top-level keys, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> {
        self.sections.iter().map(|s| s.0)
    }

    /// The JSON text of one top-level value, found without reading the others.
    pub fn section(&self, key: &str) -> Option<&'static str> {
        self.sections.iter().find(|s| s.0 == key).map(|&(_, start, end)| &self.json[start..end])
    }
}

#[cfg(test)]
impl Embedded {
    /// A file made of `json` (leaked: tests only).
    pub(crate) fn for_tests(json: &'static str) -> Embedded {
        let map: std::collections::BTreeMap<&'static str, &'static serde_json::value::RawValue> =
            serde_json::from_str(json).unwrap();
        let sections: Vec<(&'static str, usize, usize)> = map
            .into_iter()
            .map(|(k, v)| {
                let start = v.get().as_ptr() as usize - json.as_ptr() as usize;
                (k, start, start + v.get().len())
            })
            .collect();
        Embedded { path: "test", json, sections: Vec::leak(sections) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_file_is_embedded_and_equals_its_toml() {
        let mut on_disk: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| format!("rules/{n}"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = ALL.iter().map(|e| e.path.to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "a data file is missing from the embedded! list");
        for e in ALL {
            let text = std::fs::read_to_string(format!("{}/{}", env!("CARGO_MANIFEST_DIR"), e.path)).unwrap();
            let from_toml: serde_json::Value = toml_edit::de::from_str(&text).unwrap();
            let from_json: serde_json::Value = serde_json::from_str(e.json).unwrap();
            assert_eq!(from_toml, from_json, "{}", e.path);
            // Key order too: rules read some tables in file order.
            assert_eq!(from_toml.to_string(), from_json.to_string(), "{}", e.path);
            // The section index points at each top-level value.
            let keys: Vec<&str> = e.keys().collect();
            assert_eq!(keys, from_json.as_object().unwrap().keys().map(String::as_str).collect::<Vec<_>>());
            for k in keys {
                let v: serde_json::Value = serde_json::from_str(e.section(k).unwrap()).unwrap();
                assert_eq!(v, from_json[k], "{} {k}", e.path);
            }
        }
    }
}
