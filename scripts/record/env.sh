#!/usr/bin/env bash
# Records OpenClaw's ${VAR} substitution / env SecretRef shorthand behaviour with the real CLI.
# usage: scripts/record/env.sh OPENCLAW_BIN [OUT_DIR] [CASE...]
#   OUT_DIR defaults to tests/fixtures/recorded/env. See lib.sh for the case layout.
# env.txt in each case lists the variables set for the commands (the environment is otherwise only
# HOME, PATH, LANG=C.UTF-8, TERM=dumb).
oc=${1:?usage: env.sh OPENCLAW_BIN [OUT_DIR] [CASE...]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../tests/fixtures/recorded/env}
shift 2 2>/dev/null || shift $#
only=("$@")
mkdir -p "$out"; out=$(cd "$out" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
want() { [ ${#only[@]} -eq 0 ] && return 0; local x; for x in "${only[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

ALIAS_PATH='agents.defaults.models["openai/gpt-5.4"].alias'
# alias_case NAME JSON5_STRING_LITERAL [ENV...]
alias_case() {
  local n=$1 lit=$2; shift 2
  want "$n" || return 0
  new_case "$n"
  printf '{\n  agents: { defaults: { models: { "openai/gpt-5.4": { alias: %s } } } },\n}\n' "$lit" | w openclaw.json
  EXTRA_ENV=("$@")
  GETS=("$ALIAS_PATH")
  finish_case
}

alias_case upper-set            '"${MY_ALIAS}"'            MY_ALIAS=hello
alias_case upper-unset          '"${MY_ALIAS}"'
alias_case upper-empty          '"${MY_ALIAS}"'            MY_ALIAS=
alias_case lower-set            '"${lower}"'               lower=hello
alias_case mixed-case-set       '"${My_Alias}"'            My_Alias=hello
alias_case underscore-leading   '"${_X1}"'                 _X1=hello
alias_case default-syntax-unset '"${MY_ALIAS:-fallback}"'
alias_case default-syntax-set   '"${MY_ALIAS:-fallback}"'  MY_ALIAS=hello
alias_case dash-syntax-set      '"${MY_ALIAS-x}"'          MY_ALIAS=hello
alias_case spaces-inside-braces '"${ MY_ALIAS }"'          MY_ALIAS=hello
alias_case leading-digit        '"${1VAR}"'                1VAR=hello
alias_case empty-braces         '"${}"'
alias_case unclosed-brace       '"${MY_ALIAS"'             MY_ALIAS=hello
alias_case escape-set           '"$${MY_ALIAS}"'           MY_ALIAS=hello
alias_case escape-unset         '"$${MY_ALIAS}"'
alias_case escape-lower         '"$${lower}"'              lower=hello
alias_case triple-dollar        '"$$${MY_ALIAS}"'          MY_ALIAS=hello
alias_case dollars-literal      '"a$$b$ $c"'
alias_case shorthand-plain-field '"$MY_ALIAS"'             MY_ALIAS=hello
alias_case partial-set          '"${BASE}/v1"'             BASE=http://127.0.0.1:9
alias_case partial-unset        '"${BASE}/v1"'
alias_case multiple-one-unset   '"${A_SET}-${B_UNSET}-${A_SET}"'  A_SET=x
alias_case multiple-unset       '"${B_UNSET}-${C_UNSET}-${B_UNSET}"'
alias_case value-with-dollar    '"${MY_ALIAS}"'            'MY_ALIAS=$${OTHER} ${OTHER}'  OTHER=zzz

if want in-key; then new_case in-key
w openclaw.json <<'EOF'
{
  agents: { defaults: { models: { "openai/gpt-5.4": { params: { "${MY_KEY}": "${MY_ALIAS}", plain: "${MISSING_IN_PARAMS}" } } } } },
}
EOF
EXTRA_ENV=(MY_KEY=keyname MY_ALIAS=hello)
GETS=('agents.defaults.models["openai/gpt-5.4"].params'); finish_case; fi

if want in-array; then new_case in-array
w openclaw.json <<'EOF'
{
  agents: { defaults: { model: { primary: "openai/gpt-5.4", fallbacks: ["${FB_ONE}", "${FB_MISSING}"] } } },
}
EOF
EXTRA_ENV=(FB_ONE=ollama/llama3.2:3b)
GETS=(agents.defaults.model.fallbacks); finish_case; fi

if want numeric-field; then new_case numeric-field
w openclaw.json <<'EOF'
{ gateway: { mode: "local", port: "${PORT}" } }
EOF
EXTRA_ENV=(PORT=19001)
HUMAN=1; GETS=(gateway.port); finish_case; fi

if want in-include; then new_case in-include
w openclaw.json <<'EOF'
{ agents: { $include: "./agents.json5" } }
EOF
w agents.json5 <<'EOF'
{ defaults: { models: { "openai/gpt-5.4": { alias: "${MY_ALIAS}" } } } }
EOF
EXTRA_ENV=(MY_ALIAS=hello)
GETS=("$ALIAS_PATH"); finish_case; fi

if want include-path-not-substituted; then new_case include-path-not-substituted
w openclaw.json <<'EOF'
{ agents: { $include: "./${INC}.json5" } }
EOF
echo '{ defaults: { models: { "openai/gpt-5.4": { alias: "x" } } } }' | w agents.json5
EXTRA_ENV=(INC=agents)
finish_case; fi

if want config-env-vars; then new_case config-env-vars
w openclaw.json <<'EOF'
{
  env: { vars: { MY_ALIAS: "fromconfig" } },
  agents: { defaults: { models: { "openai/gpt-5.4": { alias: "${MY_ALIAS}" } } } },
}
EOF
GETS=("$ALIAS_PATH"); finish_case; fi

if want config-env-vars-process-wins; then new_case config-env-vars-process-wins
w openclaw.json <<'EOF'
{
  env: { vars: { MY_ALIAS: "fromconfig" } },
  agents: { defaults: { models: { "openai/gpt-5.4": { alias: "${MY_ALIAS}" } } } },
}
EOF
EXTRA_ENV=(MY_ALIAS=fromprocess)
GETS=("$ALIAS_PATH"); finish_case; fi

if want state-dir-dotenv; then new_case state-dir-dotenv
w openclaw.json <<'EOF'
{ agents: { defaults: { models: { "openai/gpt-5.4": { alias: "${MY_ALIAS}" } } } } }
EOF
echo 'MY_ALIAS=fromdotenv' | w .env
GETS=("$ALIAS_PATH"); finish_case; fi

# ---- SecretInput field: models.providers.<id>.apiKey
# prov_case NAME JSON5_LITERAL [ENV...]
prov_case() {
  local n=$1 lit=$2; shift 2
  want "$n" || return 0
  new_case "$n"
  printf '{\n  models: { providers: { lan: {\n    baseUrl: "http://127.0.0.1:9/v1",\n    api: "openai-completions",\n    apiKey: %s,\n    models: [{ id: "m1", name: "m1" }],\n  } } },\n}\n' "$lit" | w openclaw.json
  EXTRA_ENV=("$@")
  GETS=(models.providers.lan.apiKey)
  POST=(secrets_audit)
  finish_case
}
secrets_audit() {
  local d=$1
  echo "openclaw secrets audit --json   -> secrets-audit.json" >>"$d/commands.txt"
  ocrun_to "$d/secrets-audit.json" "$d/secrets-audit.stderr" "$d/secrets-audit.rc" secrets audit --json
}
prov_case secret-shorthand-unset     '"$LAN_KEY"'
prov_case secret-shorthand-set       '"$LAN_KEY"'      LAN_KEY=sk-test-value
prov_case secret-template-unset      '"${LAN_KEY}"'
prov_case secret-template-set        '"${LAN_KEY}"'    LAN_KEY=sk-test-value
prov_case secret-shorthand-lower     '"$lan_key"'      lan_key=sk-test-value
prov_case secret-shorthand-padded    '" $LAN_KEY "'
prov_case secret-shorthand-underscore-first '"$_LAN_KEY"'
prov_case secret-literal             '"sk-literal-value"'
prov_case secret-ref-object-unset    '{ source: "env", provider: "default", id: "LAN_KEY" }'
prov_case secret-partial-template    '"Bearer ${LAN_KEY}"'

echo "done: $out" >&2
