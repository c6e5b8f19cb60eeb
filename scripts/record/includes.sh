#!/usr/bin/env bash
# Records OpenClaw's $include behaviour with the real CLI.
# usage: scripts/record/includes.sh OPENCLAW_BIN [OUT_DIR] [CASE...]
#   OPENCLAW_BIN  wrapper from install-openclaw.sh, e.g. <install>/bin/openclaw-2026.9.6
#   OUT_DIR       defaults to tests/fixtures/recorded/includes
#   CASE...       optional subset of case names to (re)record
# See lib.sh for the layout of each case directory.
oc=${1:?usage: includes.sh OPENCLAW_BIN [OUT_DIR] [CASE...]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../tests/fixtures/recorded/includes}
shift 2 2>/dev/null || shift $#
only=("$@")
mkdir -p "$out"; out=$(cd "$out" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

want() { [ ${#only[@]} -eq 0 ] && return 0; local x; for x in "${only[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

MODEL_A='{ defaults: { model: { primary: "openai/gpt-5.4", fallbacks: ["a/1"] } } }'

# ---------------------------------------------------------------- merge semantics
if want single-basic; then new_case single-basic
w openclaw.json <<'EOF'
{
  gateway: { mode: "local" },
  agents: { $include: "./agents.json5" },
}
EOF
echo "$MODEL_A" | w agents.json5
GETS=(agents.defaults.model); HUMAN=1; finish_case; fi

if want array-merge; then new_case array-merge
w openclaw.json <<'EOF'
{
  agents: { $include: ["./a.json5", "./b.json5"] },
}
EOF
w a.json5 <<'EOF'
{ defaults: { model: { primary: "openai/gpt-5.4", fallbacks: ["a/1"] }, maxConcurrent: 2 } }
EOF
w b.json5 <<'EOF'
{ defaults: { model: { primary: "ollama/llama3.2:3b", fallbacks: ["b/1"] } } }
EOF
GETS=(agents.defaults.model agents.defaults.maxConcurrent); finish_case; fi

if want array-merge-with-siblings; then new_case array-merge-with-siblings
w openclaw.json <<'EOF'
{
  agents: {
    $include: ["./a.json5", "./b.json5"],
    defaults: { model: { fallbacks: ["s/1"] } },
  },
}
EOF
w a.json5 <<'EOF'
{ defaults: { model: { primary: "openai/gpt-5.4", fallbacks: ["a/1"] } } }
EOF
w b.json5 <<'EOF'
{ defaults: { model: { primary: "ollama/llama3.2:3b", fallbacks: ["b/1"] } } }
EOF
GETS=(agents.defaults.model); finish_case; fi

if want sibling-override-deep; then new_case sibling-override-deep
w openclaw.json <<'EOF'
{
  agents: {
    $include: "./agents.json5",
    defaults: { model: { primary: "openai/gpt-5.4", fallbacks: ["s/1"] } },
  },
}
EOF
w agents.json5 <<'EOF'
{ defaults: { model: { primary: "anthropic/claude-x", fallbacks: ["i/1", "i/2"] }, maxConcurrent: 3 } }
EOF
GETS=(agents.defaults.model agents.defaults.maxConcurrent); finish_case; fi

if want sibling-scalar-replaces-object; then new_case sibling-scalar-replaces-object
w openclaw.json <<'EOF'
{
  agents: { $include: "./agents.json5", defaults: { model: "openai/gpt-5.4" } },
}
EOF
w agents.json5 <<'EOF'
{ defaults: { model: { primary: "anthropic/claude-x", fallbacks: ["i/1"] } } }
EOF
GETS=(agents.defaults.model); finish_case; fi

if want sibling-object-replaces-scalar; then new_case sibling-object-replaces-scalar
w openclaw.json <<'EOF'
{
  agents: { $include: "./agents.json5", defaults: { model: { primary: "openai/gpt-5.4" } } },
}
EOF
w agents.json5 <<'EOF'
{ defaults: { model: "anthropic/claude-x" } }
EOF
GETS=(agents.defaults.model); finish_case; fi

if want root-include-with-siblings; then new_case root-include-with-siblings
w openclaw.json <<'EOF'
{
  $include: "./base.json5",
  gateway: { port: 19001 },
}
EOF
w base.json5 <<'EOF'
{
  gateway: { mode: "local", port: 18789 },
  agents: { defaults: { model: { primary: "openai/gpt-5.4" } } },
}
EOF
GETS=(gateway agents.defaults.model); finish_case; fi

if want root-include-only; then new_case root-include-only
w openclaw.json <<'EOF'
{ "$include": "./base.json5" }
EOF
w base.json5 <<'EOF'
{ gateway: { mode: "local", port: 18789 } }
EOF
GETS=(gateway); finish_case; fi

if want nested-relative; then new_case nested-relative
w openclaw.json <<'EOF'
{ agents: { $include: "./sub/agents.json5" } }
EOF
w sub/agents.json5 <<'EOF'
{ defaults: { model: { $include: "./model.json5" } } }
EOF
w sub/model.json5 <<'EOF'
{ primary: "openai/gpt-5.4", fallbacks: ["sub/1"] }
EOF
GETS=(agents.defaults.model); finish_case; fi

if want nested-parent-within-root; then new_case nested-parent-within-root
w openclaw.json <<'EOF'
{ agents: { $include: "./sub/agents.json5" } }
EOF
w sub/agents.json5 <<'EOF'
{ defaults: { model: { $include: "../model.json5" } } }
EOF
w model.json5 <<'EOF'
{ primary: "openai/gpt-5.4" }
EOF
GETS=(agents.defaults.model); finish_case; fi

if want include-in-array-element; then new_case include-in-array-element
w openclaw.json <<'EOF'
{ agents: { defaults: { model: { primary: "openai/gpt-5.4", fallbacks: [{ $include: "./fb1.json5" }, "b/1"] } } } }
EOF
w fb1.json5 <<'EOF'
"a/1"
EOF
GETS=(agents.defaults.model.fallbacks); finish_case; fi

if want include-array-content-no-siblings; then new_case include-array-content-no-siblings
w openclaw.json <<'EOF'
{ agents: { defaults: { model: { primary: "openai/gpt-5.4", fallbacks: { $include: "./fb.json5" } } } } }
EOF
w fb.json5 <<'EOF'
["a/1", "a/2"]
EOF
GETS=(agents.defaults.model.fallbacks); finish_case; fi

if want include-array-content-with-siblings; then new_case include-array-content-with-siblings
w openclaw.json <<'EOF'
{ agents: { defaults: { models: { "openai/gpt-5.4": { params: { $include: "./arr.json5", x: 1 } } } } } }
EOF
w arr.json5 <<'EOF'
[1, 2]
EOF
HUMAN=1; finish_case; fi

if want include-string-content-no-siblings; then new_case include-string-content-no-siblings
w openclaw.json <<'EOF'
{ agents: { defaults: { model: { primary: { $include: "./primary.json5" } } } } }
EOF
w primary.json5 <<'EOF'
"openai/gpt-5.4"
EOF
GETS=(agents.defaults.model); finish_case; fi

if want include-string-content-with-siblings; then new_case include-string-content-with-siblings
w openclaw.json <<'EOF'
{ agents: { defaults: { model: { primary: { $include: "./primary.json5", extra: true } } } } }
EOF
w primary.json5 <<'EOF'
"openai/gpt-5.4"
EOF
finish_case; fi

if want include-number-content; then new_case include-number-content
w openclaw.json <<'EOF'
{ gateway: { mode: "local", port: { $include: "./port.json5" } } }
EOF
w port.json5 <<'EOF'
19001
EOF
GETS=(gateway.port); finish_case; fi

if want include-null-content; then new_case include-null-content
w openclaw.json <<'EOF'
{ agents: { defaults: { models: { "openai/gpt-5.4": { params: { $include: "./null.json5" } } } } } }
EOF
w null.json5 <<'EOF'
null
EOF
finish_case; fi

if want include-array-of-arrays; then new_case include-array-of-arrays
w openclaw.json <<'EOF'
{ agents: { defaults: { model: { primary: "openai/gpt-5.4", fallbacks: { $include: ["./fa.json5", "./fb.json5"] } } } } }
EOF
echo '["a/1", "a/2"]' | w fa.json5
echo '["b/1"]' | w fb.json5
GETS=(agents.defaults.model.fallbacks); finish_case; fi

if want include-array-object-then-array; then new_case include-array-object-then-array
w openclaw.json <<'EOF'
{ agents: { defaults: { model: { primary: "openai/gpt-5.4", fallbacks: { $include: ["./obj.json5", "./fb.json5"] } } } } }
EOF
echo '{ x: 1 }' | w obj.json5
echo '["b/1"]' | w fb.json5
GETS=(agents.defaults.model.fallbacks); finish_case; fi

if want include-array-array-then-object; then new_case include-array-array-then-object
w openclaw.json <<'EOF'
{ agents: { defaults: { models: { "openai/gpt-5.4": { params: { $include: ["./fb.json5", "./obj.json5"] } } } } } }
EOF
echo '["b/1"]' | w fb.json5
echo '{ x: 1 }' | w obj.json5
GETS=('agents.defaults.models["openai/gpt-5.4"].params'); finish_case; fi

if want include-free-form-deep-merge; then new_case include-free-form-deep-merge
w openclaw.json <<'EOF'
{
  agents: { defaults: { models: { "openai/gpt-5.4": { params: {
    $include: ["./p1.json5", "./p2.json5"],
    nested: { b: "sibling", list: [3] },
    scalar: "sibling",
  } } } } },
}
EOF
w p1.json5 <<'EOF'
{ nested: { a: 1, b: 1, list: [1] }, scalar: 1, onlyP1: true, toNull: { k: 1 } }
EOF
w p2.json5 <<'EOF'
{ nested: { b: 2, list: [2] }, scalar: 2, toNull: null }
EOF
GETS=('agents.defaults.models["openai/gpt-5.4"].params'); finish_case; fi

if want include-empty-array; then new_case include-empty-array
w openclaw.json <<'EOF'
{ gateway: { $include: [], mode: "local" } }
EOF
GETS=(gateway); finish_case; fi

if want include-empty-array-no-siblings; then new_case include-empty-array-no-siblings
w openclaw.json <<'EOF'
{ gateway: { $include: [] } }
EOF
GETS=(gateway); finish_case; fi

if want diamond-not-cycle; then new_case diamond-not-cycle
w openclaw.json <<'EOF'
{ agents: { $include: ["./a.json5", "./b.json5"] } }
EOF
echo '{ $include: "./c.json5" }' | w a.json5
echo '{ $include: "./c.json5" }' | w b.json5
echo "$MODEL_A" | w c.json5
GETS=(agents.defaults.model); finish_case; fi

if want same-file-twice-in-array; then new_case same-file-twice-in-array
w openclaw.json <<'EOF'
{ agents: { $include: ["./a.json5", "./a.json5"] } }
EOF
echo "$MODEL_A" | w a.json5
GETS=(agents.defaults.model); finish_case; fi

if want include-json5-features; then new_case include-json5-features
w openclaw.json <<'EOF'
{ "agents": { "$include": "./agents.json5" } }
EOF
printf '\xef\xbb\xbf// BOM + comments\n{\n  defaults: { model: { primary: '"'"'openai/gpt-5.4'"'"', fallbacks: ["a/1",], }, },\n}\n' | w agents.json5
GETS=(agents.defaults.model); finish_case; fi

# ---------------------------------------------------------------- invalid $include values
for v in "number:42" "boolean:true" "null:null" "object:{ path: \"./a.json5\" }" "array-item-number:[\"./a.json5\", 7]" "array-item-null:[null]" "empty-string:\"\""; do
  n=include-value-${v%%:*}; val=${v#*:}
  if want "$n"; then new_case "$n"
    printf '{\n  agents: { $include: %s },\n}\n' "$val" | w openclaw.json
    echo "$MODEL_A" | w a.json5
    HUMAN=1; finish_case; fi
done

if want path-with-nul; then new_case path-with-nul
w openclaw.json <<'EOF'
{ agents: { $include: "./a\u0000.json5" } }
EOF
echo "$MODEL_A" | w a.json5
finish_case; fi

if want path-too-long; then new_case path-too-long
long=$(python3 -c 'print("./" + "a" * 4094)')
printf '{ agents: { $include: "%s" } }\n' "$long" | w openclaw.json
finish_case; fi

if want path-len-4095; then new_case path-len-4095
long=$(python3 -c 'print("./" + "a" * 4093)')
printf '{ agents: { $include: "%s" } }\n' "$long" | w openclaw.json
finish_case; fi

# ---------------------------------------------------------------- errors: missing, parse, escape, cycle
if want missing-file; then new_case missing-file
w openclaw.json <<'EOF'
{ agents: { $include: "./missing.json5" } }
EOF
HUMAN=1; finish_case; fi

if want missing-file-nested; then new_case missing-file-nested
w openclaw.json <<'EOF'
{ agents: { $include: "./sub/a.json5" } }
EOF
echo '{ $include: "./missing.json5" }' | w sub/a.json5
finish_case; fi

if want parse-error-in-include; then new_case parse-error-in-include
w openclaw.json <<'EOF'
{ agents: { $include: "./bad.json5" } }
EOF
printf '{\n  defaults: {}\n  x: 1\n}\n' | w bad.json5
HUMAN=1; finish_case; fi

if want escape-parent; then new_case escape-parent
w openclaw.json <<'EOF'
{ agents: { $include: "../outside.json5" } }
EOF
echo "$MODEL_A" | wh outside.json5
HUMAN=1; finish_case; fi

if want escape-absolute; then new_case escape-absolute
printf '{ agents: { $include: "%s/outside.json5" } }\n' "$H" | w openclaw.json
echo "$MODEL_A" | wh outside.json5
finish_case; fi

if want absolute-inside; then new_case absolute-inside
printf '{ agents: { $include: "%s/.openclaw/agents.json5" } }\n' "$H" | w openclaw.json
echo "$MODEL_A" | w agents.json5
GETS=(agents.defaults.model); finish_case; fi

if want escape-nested-from-subdir; then new_case escape-nested-from-subdir
w openclaw.json <<'EOF'
{ agents: { $include: "./sub/a.json5" } }
EOF
echo '{ $include: "../../outside.json5" }' | w sub/a.json5
echo "$MODEL_A" | wh outside.json5
finish_case; fi

if want cycle-ab; then new_case cycle-ab
w openclaw.json <<'EOF'
{ agents: { $include: "./a.json5" } }
EOF
echo '{ $include: "./b.json5" }' | w a.json5
echo '{ $include: "./a.json5" }' | w b.json5
HUMAN=1; finish_case; fi

if want cycle-self; then new_case cycle-self
w openclaw.json <<'EOF'
{ agents: { $include: "./self.json5" } }
EOF
echo '{ defaults: { $include: "./self.json5" } }' | w self.json5
finish_case; fi

if want cycle-root-self; then new_case cycle-root-self
w openclaw.json <<'EOF'
{ $include: "./openclaw.json" }
EOF
finish_case; fi

if want cycle-via-dotdot-spelling; then new_case cycle-via-dotdot-spelling
w openclaw.json <<'EOF'
{ agents: { $include: "./sub/a.json5" } }
EOF
echo '{ $include: "../sub/./a.json5" }' | w sub/a.json5
finish_case; fi

# ---------------------------------------------------------------- depth
depth_chain() { # N: openclaw.json -> d1 -> ... -> dN (dN holds the content)
  local n=$1 i
  w openclaw.json <<'EOF'
{ agents: { $include: "./d1.json5" } }
EOF
  for ((i = 1; i < n; i++)); do echo "{ \$include: \"./d$((i + 1)).json5\" }" | w "d$i.json5"; done
  echo "$MODEL_A" | w "d$n.json5"
}
for n in 9 10 11; do
  if want "depth-$n"; then new_case "depth-$n"; depth_chain "$n"; GETS=(agents.defaults.model); HUMAN=1; finish_case; fi
done

# ---------------------------------------------------------------- size (2 MiB = 2097152 bytes)
for n in 2097151 2097152 2097153; do
  if want "size-$n"; then new_case "size-$n"
    w openclaw.json <<'EOF'
{ gateway: { $include: "./big.json5" } }
EOF
    gen_file big.json5 "$n" '{ mode: "local" }' $'\n'
    GETS=(gateway.mode); finish_case; fi
done

# ---------------------------------------------------------------- symlinks / hardlinks / dirs / include roots
if want symlink-outside; then new_case symlink-outside
w openclaw.json <<'EOF'
{ agents: { $include: "./link.json5" } }
EOF
echo "$MODEL_A" | wh outside.json5
ln -s ../outside.json5 "$C/link.json5"
finish_case; fi

if want symlink-inside; then new_case symlink-inside
w openclaw.json <<'EOF'
{ agents: { $include: "./link.json5" } }
EOF
echo "$MODEL_A" | w real.json5
ln -s real.json5 "$C/link.json5"
GETS=(agents.defaults.model); finish_case; fi

if want symlink-dangling; then new_case symlink-dangling
w openclaw.json <<'EOF'
{ agents: { $include: "./link.json5" } }
EOF
ln -s nowhere.json5 "$C/link.json5"
finish_case; fi

if want hardlink; then new_case hardlink
w openclaw.json <<'EOF'
{ agents: { $include: "./hl.json5" } }
EOF
echo "$MODEL_A" | w real.json5
ln "$C/real.json5" "$C/hl.json5"
finish_case; fi

if want include-directory; then new_case include-directory
w openclaw.json <<'EOF'
{ agents: { $include: "./sub" } }
EOF
echo "$MODEL_A" | w sub/a.json5
finish_case; fi

if want include-roots-env; then new_case include-roots-env
w openclaw.json <<'EOF'
{ agents: { $include: "../shared/agents.json5" } }
EOF
echo "$MODEL_A" | wh shared/agents.json5
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/shared")
GETS=(agents.defaults.model); finish_case; fi

if want include-roots-tilde; then new_case include-roots-tilde
w openclaw.json <<'EOF'
{ agents: { $include: "../shared/agents.json5" } }
EOF
echo "$MODEL_A" | wh shared/agents.json5
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=~/shared")
GETS=(agents.defaults.model); finish_case; fi

if want include-roots-relative-cwd; then new_case include-roots-relative-cwd
w openclaw.json <<'EOF'
{ agents: { $include: "../shared/agents.json5" } }
EOF
echo "$MODEL_A" | wh shared/agents.json5
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=shared")
finish_case; fi

if want include-roots-other-dir-still-escapes; then new_case include-roots-other-dir-still-escapes
w openclaw.json <<'EOF'
{ agents: { $include: "../other/agents.json5" } }
EOF
echo "$MODEL_A" | wh other/agents.json5
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/shared")
finish_case; fi

# ---------------------------------------------------------------- confinement: lexical vs real paths
# Recorded for 2026.9.6's confinement rules (see CONFINEMENT-FINDINGS.md next to the cases). All symlinks
# that point into HOME are relative, so the stored home/ can be copied anywhere; the only absolute
# symlink targets are system paths (/dev/null, /dev/zero, /proc/self/environ).

# state_dir_symlink TARGET : make $C (~/.openclaw) a relative symlink to $H/TARGET (created empty)
state_dir_symlink() { rmdir "$C"; mkdir -p "$H/$1"; ln -s "$1" "$C"; }

# FIFOs cannot be stored in git, and reading one blocks. make_fifo RELPATH(to $C) creates one for the run;
# afterwards it is removed from the stored home/ and listed in special-files.json
# ([{"path": ".openclaw/RELPATH", "kind": "fifo"}]) so a replay can re-create it with mkfifo.
SPECIAL=()
make_fifo() { mkfifo "$C/$1"; SPECIAL+=(".openclaw/$1"); POST+=(drop_special); }
drop_special() {
  local d=$1 p
  for p in "${SPECIAL[@]}"; do rm -f "$d/home/$p"; done
  python3 -c 'import json, sys; print(json.dumps([{"path": p, "kind": "fifo"} for p in sys.argv[1:]], indent=2))' "${SPECIAL[@]}" >"$d/special-files.json"
  SPECIAL=()
}

# -- ~/.openclaw is itself a symlink (to ~/real-state). The config path OpenClaw uses is the lexical
#    $HOME/.openclaw/openclaw.json, so the lexical root is ~/.openclaw, not ~/real-state.
if want state-dir-symlink-relative-include; then new_case state-dir-symlink-relative-include
state_dir_symlink real-state
w openclaw.json <<'EOF'
{ agents: { $include: "./agents.json5" } }
EOF
echo "$MODEL_A" | w agents.json5
GETS=(agents.defaults.model); finish_case; fi

if want state-dir-symlink-absolute-via-link; then new_case state-dir-symlink-absolute-via-link
state_dir_symlink real-state
printf '{ agents: { $include: "%s/.openclaw/agents.json5" } }\n' "$H" | w openclaw.json
echo "$MODEL_A" | w agents.json5
GETS=(agents.defaults.model); finish_case; fi

if want state-dir-symlink-absolute-real-path; then new_case state-dir-symlink-absolute-real-path
state_dir_symlink real-state
printf '{ agents: { $include: "%s/real-state/agents.json5" } }\n' "$H" | w openclaw.json
echo "$MODEL_A" | w agents.json5
HUMAN=1; finish_case; fi

if want state-dir-symlink-dotdot-real-path; then new_case state-dir-symlink-dotdot-real-path
state_dir_symlink real-state
w openclaw.json <<'EOF'
{ agents: { $include: "../real-state/agents.json5" } }
EOF
echo "$MODEL_A" | w agents.json5
finish_case; fi

if want state-dir-symlink-real-path-in-roots; then new_case state-dir-symlink-real-path-in-roots
state_dir_symlink real-state
printf '{ agents: { $include: "%s/real-state/agents.json5" } }\n' "$H" | w openclaw.json
echo "$MODEL_A" | w agents.json5
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/real-state")
GETS=(agents.defaults.model); finish_case; fi

# ~/.openclaw -> deep/real-state; "../.openclaw/x" is resolved lexically to ~/.openclaw/x (the kernel
# would look for deep/.openclaw/x, which does not exist).
if want state-dir-symlink-dotdot-lexical; then new_case state-dir-symlink-dotdot-lexical
state_dir_symlink deep/real-state
w openclaw.json <<'EOF'
{ agents: { $include: "../.openclaw/agents.json5" } }
EOF
echo "$MODEL_A" | w agents.json5
GETS=(agents.defaults.model); finish_case; fi

# -- an include root that is a symlink (~/shared-link -> shared-real)
if want include-root-symlink-via-link; then new_case include-root-symlink-via-link
w openclaw.json <<'EOF'
{ agents: { $include: "../shared-link/agents.json5" } }
EOF
echo "$MODEL_A" | wh shared-real/agents.json5
ln -s shared-real "$H/shared-link"
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/shared-link")
GETS=(agents.defaults.model); finish_case; fi

if want include-root-symlink-via-target; then new_case include-root-symlink-via-target
w openclaw.json <<'EOF'
{ agents: { $include: "../shared-real/agents.json5" } }
EOF
echo "$MODEL_A" | wh shared-real/agents.json5
ln -s shared-real "$H/shared-link"
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/shared-link")
finish_case; fi

if want include-root-target-via-link; then new_case include-root-target-via-link
w openclaw.json <<'EOF'
{ agents: { $include: "../shared-link/agents.json5" } }
EOF
echo "$MODEL_A" | wh shared-real/agents.json5
ln -s shared-real "$H/shared-link"
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/shared-real")
finish_case; fi

# -- OPENCLAW_INCLUDE_ROOTS parsing (split on ":", JS String.prototype.trim per entry, "~" expansion,
#    path.resolve against the CWD = $HOME here)
roots_case() { # NAME ROOTS-VALUE [INCLUDE]; "@H@" in ROOTS-VALUE becomes $H. $H/shared/agents.json5 exists.
  new_case "$1"
  printf '{ agents: { $include: "%s" } }\n' "${3:-../shared/agents.json5}" | w openclaw.json
  echo "$MODEL_A" | wh shared/agents.json5
  EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=${2//@H@/$H}")
}
if want include-roots-trim-spaces; then roots_case include-roots-trim-spaces "  @H@/nope  :  @H@/shared  "
GETS=(agents.defaults.model); finish_case; fi

# TAB, NBSP, U+FEFF, U+3000 on both sides: all removed by JS trim()
if want include-roots-trim-unicode-ws; then roots_case include-roots-trim-unicode-ws $'\t\xc2\xa0\xef\xbb\xbf\xe3\x80\x80'"@H@/shared"$'\xe3\x80\x80\xef\xbb\xbf\xc2\xa0\t'
GETS=(agents.defaults.model); finish_case; fi

# U+0085 (NEL) is not whitespace for JS trim() (it is for Rust's str::trim)
if want include-roots-nel-not-trimmed; then roots_case include-roots-nel-not-trimmed "@H@/shared"$'\xc2\x85'
finish_case; fi

if want include-roots-trailing-slash; then roots_case include-roots-trailing-slash "@H@/shared/"
GETS=(agents.defaults.model); finish_case; fi

if want include-roots-empty-entries; then roots_case include-roots-empty-entries "::@H@/shared::"
GETS=(agents.defaults.model); finish_case; fi

# ~/lnk -> deep/d1: the root "~/lnk/../shared" is normalized lexically to ~/shared (not ~/deep/shared)
if want include-roots-dotdot-lexical; then roots_case include-roots-dotdot-lexical "@H@/lnk/../shared"
mkdir -p "$H/deep/d1"; ln -s deep/d1 "$H/lnk"
GETS=(agents.defaults.model); finish_case; fi

if want include-roots-dotdot-not-kernel; then roots_case include-roots-dotdot-not-kernel "@H@/lnk/../shared" ../deep/shared/agents.json5
mkdir -p "$H/deep/d1"; ln -s deep/d1 "$H/lnk"
echo "$MODEL_A" | wh deep/shared/agents.json5
finish_case; fi

if want include-roots-nonexistent; then roots_case include-roots-nonexistent "@H@/missing" ../missing/agents.json5
HUMAN=1; finish_case; fi

# "~nobody/shared" is not expanded (only "~" and "~/"), so it is relative to the CWD ($HOME)
if want include-roots-tilde-user-is-relative; then roots_case include-roots-tilde-user-is-relative "~nobody/shared" "../~nobody/shared/agents.json5"
echo "$MODEL_A" | wh "~nobody/shared/agents.json5"
GETS=(agents.defaults.model); finish_case; fi

# -- realpath check (symlinks inside a root)
if want symlink-dir-inside-to-outside; then new_case symlink-dir-inside-to-outside
w openclaw.json <<'EOF'
{ agents: { $include: "./ext/agents.json5" } }
EOF
echo "$MODEL_A" | wh outdir/agents.json5
ln -s ../outdir "$C/ext"
finish_case; fi

# lexically in the config dir, really in an allowed root: accepted
if want symlink-config-dir-into-allowed-root; then new_case symlink-config-dir-into-allowed-root
w openclaw.json <<'EOF'
{ agents: { $include: "./link.json5" } }
EOF
echo "$MODEL_A" | wh shared/agents.json5
ln -s ../shared/agents.json5 "$C/link.json5"
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/shared")
GETS=(agents.defaults.model); finish_case; fi

if want symlink-chain-inside; then new_case symlink-chain-inside
w openclaw.json <<'EOF'
{ agents: { $include: "./l2.json5" } }
EOF
echo "$MODEL_A" | w sub/real.json5
ln -s sub/real.json5 "$C/l1.json5"
ln -s l1.json5 "$C/l2.json5"
GETS=(agents.defaults.model); finish_case; fi

if want symlink-loop; then new_case symlink-loop
w openclaw.json <<'EOF'
{ agents: { $include: "./loop1.json5" } }
EOF
ln -s loop2.json5 "$C/loop1.json5"
ln -s loop1.json5 "$C/loop2.json5"
HUMAN=1; finish_case; fi

# -- special files
if want include-fifo; then new_case include-fifo
w openclaw.json <<'EOF'
{ agents: { $include: "./fifo.json5" } }
EOF
make_fifo fifo.json5
HUMAN=1; finish_case; fi

for dev in null zero; do
  if want "symlink-to-dev-$dev"; then new_case "symlink-to-dev-$dev"
    printf '{ agents: { $include: "./%s.json5" } }\n' "$dev" | w openclaw.json
    ln -s "/dev/$dev" "$C/$dev.json5"
    finish_case; fi
done

if want symlink-to-proc-self-environ; then new_case symlink-to-proc-self-environ
w openclaw.json <<'EOF'
{ agents: { $include: "./environ.json5" } }
EOF
ln -s /proc/self/environ "$C/environ.json5"
finish_case; fi

# with /dev as an include root the realpath check passes and the file-type check rejects the device
if want include-roots-dev-symlink-to-dev-zero; then new_case include-roots-dev-symlink-to-dev-zero
w openclaw.json <<'EOF'
{ agents: { $include: "./zero.json5" } }
EOF
ln -s /dev/zero "$C/zero.json5"
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=/dev")
finish_case; fi

if want include-roots-dev-null-direct; then new_case include-roots-dev-null-direct
w openclaw.json <<'EOF'
{ agents: { $include: "/dev/null" } }
EOF
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=/dev")
finish_case; fi

# procfs files are regular files with st_size 0: they pass the type and size checks and are read to EOF
if want include-roots-proc-self-environ; then new_case include-roots-proc-self-environ
w openclaw.json <<'EOF'
{ agents: { $include: "/proc/self/environ" } }
EOF
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=/proc")
finish_case; fi

# -- the config file itself is a symlink (~/.openclaw/openclaw.json -> ../dotfiles/openclaw.json): includes
#    resolve against the lexical config dir (~/.openclaw), and cycle detection compares lexical paths.
if want config-file-symlink-include-beside-target; then new_case config-file-symlink-include-beside-target
echo '{ agents: { $include: "./agents.json5" } }' | wh dotfiles/openclaw.json
echo "$MODEL_A" | wh dotfiles/agents.json5
ln -s ../dotfiles/openclaw.json "$C/openclaw.json"
finish_case; fi

if want config-file-symlink-include-beside-link; then new_case config-file-symlink-include-beside-link
echo '{ agents: { $include: "./agents.json5" } }' | wh dotfiles/openclaw.json
echo "$MODEL_A" | w agents.json5
ln -s ../dotfiles/openclaw.json "$C/openclaw.json"
GETS=(agents.defaults.model); finish_case; fi

if want cycle-config-file-via-real-path; then new_case cycle-config-file-via-real-path
printf '{ agents: { $include: "%s/dotfiles/openclaw.json" } }\n' "$H" | wh dotfiles/openclaw.json
ln -s ../dotfiles/openclaw.json "$C/openclaw.json"
EXTRA_ENV=("OPENCLAW_INCLUDE_ROOTS=$H/dotfiles")
finish_case; fi

# -- size cap applies to the symlink's target (2 MiB = 2097152 bytes)
for n in 2097152 2097153; do
  if want "size-$n-via-symlink"; then new_case "size-$n-via-symlink"
    w openclaw.json <<'EOF'
{ gateway: { $include: "./link.json5" } }
EOF
    gen_file big.json5 "$n" '{ mode: "local" }' $'\n'
    ln -s big.json5 "$C/link.json5"
    GETS=(gateway.mode); finish_case; fi
done

echo "done: $out" >&2
