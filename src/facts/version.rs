//! OpenClaw's release versions: CalVer `YYYY.M.D` with two kinds of suffix.
//!
//! `-beta.N` is a pre-release of that day's release and sorts before it; a bare `-N` is a
//! post-release hotfix and sorts *after* it. semver reads both as pre-releases, so the order
//! is OpenClaw's own, built on [`semver::Version`] for the numeric part:
//! `2026.5.12-beta.1 < 2026.5.12 < 2026.7.1 < 2026.7.1-1 < 2026.7.1-2`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CalVer {
    /// `YYYY.M.D` (never with a pre-release or build part).
    base: semver::Version,
    suffix: Suffix,
}

/// What follows the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Suffix {
    /// `-beta.N` (ordered before the release).
    Beta(u64),
    /// No suffix.
    Release,
    /// `-N`: a hotfix published after the release.
    Hotfix(u64),
}

/// The channel a version was published on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    Stable,
    Beta,
    Hotfix,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Stable => "stable",
            Channel::Beta => "beta",
            Channel::Hotfix => "hotfix",
        }
    }
}

impl CalVer {
    pub fn channel(&self) -> Channel {
        match self.suffix {
            Suffix::Beta(_) => Channel::Beta,
            Suffix::Release => Channel::Stable,
            Suffix::Hotfix(_) => Channel::Hotfix,
        }
    }

    pub fn suffix(&self) -> Suffix {
        self.suffix
    }

    /// The release this version belongs to (`2026.7.1` for `2026.7.1-2` and `2026.7.1-beta.3`).
    pub fn release(&self) -> CalVer {
        CalVer { base: self.base.clone(), suffix: Suffix::Release }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError(String);

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

impl FromStr for CalVer {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, ParseError> {
        let bad = || {
            ParseError(format!(
                "`{s}` is not an OpenClaw version (expected e.g. 2026.9.6, 2026.7.1-2 or 2026.8.1-beta.3)"
            ))
        };
        // `openclaw --version` prints `OpenClaw 2026.9.6 (eb377ac)`; accept the bare number and a leading `v`.
        let t = s.trim();
        let t = t.strip_prefix('v').unwrap_or(t);
        let v = semver::Version::parse(t).map_err(|_| bad())?;
        if !v.build.is_empty() {
            return Err(bad());
        }
        let suffix = if v.pre.is_empty() {
            Suffix::Release
        } else if let Some(n) = v.pre.as_str().strip_prefix("beta.") {
            Suffix::Beta(n.parse().map_err(|_| bad())?)
        } else if v.pre.as_str().bytes().all(|b| b.is_ascii_digit()) {
            Suffix::Hotfix(v.pre.as_str().parse().map_err(|_| bad())?)
        } else {
            return Err(bad());
        };
        let base = semver::Version::new(v.major, v.minor, v.patch);
        Ok(CalVer { base, suffix })
    }
}

impl Ord for CalVer {
    fn cmp(&self, other: &Self) -> Ordering {
        self.base.cmp(&other.base).then(self.suffix.cmp(&other.suffix))
    }
}

impl PartialOrd for CalVer {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for CalVer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self.suffix {
            Suffix::Release => self.base.to_string(),
            Suffix::Beta(n) => format!("{}-beta.{n}", self.base),
            Suffix::Hotfix(n) => format!("{}-{n}", self.base),
        };
        f.pad(&s)
    }
}

impl Serialize for CalVer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CalVer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Find a version in `openclaw --version` output (`OpenClaw 2026.9.6 (eb377ac)` or a bare
/// `2026.3.7`), with the commit when printed.
pub fn parse_version_output(out: &str) -> Option<(CalVer, Option<String>)> {
    for line in out.lines().rev() {
        let words: Vec<&str> = line.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if let Ok(v) = w.parse::<CalVer>() {
                let commit = words
                    .get(i + 1)
                    .and_then(|c| c.strip_prefix('(')?.strip_suffix(')'))
                    .filter(|c| c.bytes().all(|b| b.is_ascii_hexdigit()))
                    .map(str::to_owned);
                return Some((v, commit));
            }
        }
    }
    None
}

/// A range of releases, both ends optional and inclusive (`since`/`until` in the data files).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReleaseRange {
    pub since: Option<CalVer>,
    pub until: Option<CalVer>,
    /// Releases in the range that do not have it: version numbers are not one line of
    /// development (2026.7.33-2026.7.35 are 2026.7.1 maintenance releases numbered after the
    /// 2026.7.2 betas; some betas were cut before a change landed).
    #[serde(default)]
    pub not_in: Vec<CalVer>,
}

impl ReleaseRange {
    pub fn contains(&self, v: &CalVer) -> bool {
        self.since.as_ref().is_none_or(|s| s <= v)
            && self.until.as_ref().is_none_or(|u| v <= u)
            && !self.not_in.contains(v)
    }
}

/// When a behaviour arrived, as far as the releases clawlint has read tell: absent in
/// `last_without`, present in `first_with`. Releases between the two are not known either way.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Introduced {
    pub last_without: CalVer,
    pub first_with: CalVer,
}

impl Introduced {
    /// `Some(true)` when `v` has it, `Some(false)` when it does not, `None` when unknown.
    pub fn at(&self, v: &CalVer) -> Option<bool> {
        if *v <= self.last_without {
            Some(false)
        } else if *v >= self.first_with {
            Some(true)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn introduced_is_unknown_between_the_releases_read() {
        let i = Introduced { last_without: v("2026.5.7"), first_with: v("2026.9.6") };
        assert_eq!(i.at(&v("2026.5.7")), Some(false));
        assert_eq!(i.at(&v("2026.3.7")), Some(false));
        assert_eq!(i.at(&v("2026.7.1")), None);
        assert_eq!(i.at(&v("2026.9.6")), Some(true));
    }

    fn v(s: &str) -> CalVer {
        s.parse().unwrap()
    }

    #[test]
    fn openclaw_order_not_semver_order() {
        let order = [
            "2026.5.12-beta.1",
            "2026.5.12",
            "2026.7.1-beta.6",
            "2026.7.1",
            "2026.7.1-1",
            "2026.7.1-2",
            "2026.7.2-beta.1",
            "2026.7.33",
            "2026.8.1",
        ];
        for w in order.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        // semver alone would put the hotfix first
        assert!(semver::Version::parse("2026.7.1-2").unwrap() < semver::Version::parse("2026.7.1").unwrap());
        assert!(v("2026.5.14-beta.2") > v("2026.5.14-beta.1"));
        assert!(v("2026.5.14-beta.10") > v("2026.5.14-beta.9"));
        assert!(v("2026.10.1") > v("2026.9.30"));
    }

    #[test]
    fn channels_and_display_round_trip() {
        for (s, c) in [
            ("2026.9.6", Channel::Stable),
            ("2026.8.1-beta.3", Channel::Beta),
            ("2026.7.1-2", Channel::Hotfix),
            ("0.0.1", Channel::Stable),
        ] {
            assert_eq!(v(s).channel(), c);
            assert_eq!(v(s).to_string(), s);
        }
        assert_eq!(v("2026.7.1-2").release(), v("2026.7.1"));
    }

    #[test]
    fn rejects_what_is_not_a_version() {
        for s in ["", "2026.9", "2026.9.6-rc.1", "2026.9.6+build", "latest", "2026.9.6-beta"] {
            assert!(s.parse::<CalVer>().is_err(), "{s}");
        }
        assert_eq!(v("v2026.9.6"), v("2026.9.6"));
    }

    #[test]
    fn reads_version_output() {
        assert_eq!(
            parse_version_output("OpenClaw 2026.9.6 (eb377ac)\n"),
            Some((v("2026.9.6"), Some("eb377ac".into())))
        );
        assert_eq!(parse_version_output("2026.3.7\n"), Some((v("2026.3.7"), None)));
        assert_eq!(
            parse_version_output("warning: x\nOpenClaw 2026.5.14-beta.1 (cef4145)"),
            Some((v("2026.5.14-beta.1"), Some("cef4145".into())))
        );
        assert_eq!(parse_version_output("command not found"), None);
    }
}
