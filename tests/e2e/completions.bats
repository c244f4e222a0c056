#!/usr/bin/env bats
# The completions of completions/, run in the real bash, zsh and fish, and checked against
# what niggle itself says: its commands and options (--help) and its vocabularies (the
# "accepted:" list of an unknown value), so that they cannot drift apart.
load helpers

setup() {
  setup_niggle
  COMPLETE="$BATS_TEST_DIRNAME/../completions/complete.sh"
}

# The shells are installed by scripts/install-deps.sh --test; a developer without one
# sees the test skipped, but CI must have them all.
need_shell() {
  case "$1" in
    bash) [ -r /usr/share/bash-completion/bash_completion ] && return 0 ;;
    *) command -v "$1" >/dev/null && return 0 ;;
  esac
  [ -z "${CI:-}" ] || { echo "$1 (or bash-completion) is not installed: run scripts/install-deps.sh --test"; return 1; }
  skip "$1 is not installed (scripts/install-deps.sh --test installs it)"
}

complete_line() { "$COMPLETE" "$1" "$2" | tr '\n' ' ' | sed 's/ $//'; }

# The long options in the Options section of a --help.
help_options() { niggle "$@" --help | sed -n '/^Options:/,/^$/p' | grep -E '^  -' | awk '{print $1}' | tr ',' '\n' | grep '^--' | sort -u; }
# Commands and aliases in niggle --help.
help_commands() { niggle --help | sed -n '/^Subcommands:/,$p' | grep -E '^  [a-z]' | awk '{print $1; if ($2 ~ /^[a-z]+$/ && $1 ~ /,$/) print $2}' | tr -d ',' | sort -u; }
# The accepted values niggle names for an unknown one.
accepted() { "$NIGGLE_BIN" --db "$BATS_TEST_TMPDIR/x.db" "$@" 2>&1 >/dev/null | sed -n "s/.*accepted: \([^(]*\).*/\1/p" | tr -d ',' | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//'; }

@test "completing a command and an option's value, in bash, zsh and fish" {
  require_pseudo_terminal
  for shell in bash zsh fish; do
    need_shell "$shell"
    [ "$(complete_line "$shell" "niggle pa")" = "pain" ] || { echo "$shell: niggle pa -> $(complete_line "$shell" "niggle pa")"; return 1; }
    [ "$(complete_line "$shell" "niggle pain --where lo")" = "lower-back" ] || { echo "$shell: --where lo"; return 1; }
    # --where repeats: a second one is completed as the first.
    [ "$(complete_line "$shell" "niggle pain 4 --where hip --where lo")" = "lower-back" ] || { echo "$shell: a second --where"; return 1; }
    [ "$(complete_line "$shell" "niggle rem")" = "remind" ] || { echo "$shell: niggle rem"; return 1; }
    [ "$(complete_line "$shell" "niggle log --kind int")" = "intervals" ] || { echo "$shell: --kind int"; return 1; }
    [ "$(complete_line "$shell" "niggle edit 3 --walking w")" = "worse" ] || { echo "$shell: edit --walking"; return 1; }
    [ "$(complete_line "$shell" "niggle --units mi list --type b")" = "bike" ] || { echo "$shell: list --type b"; return 1; }
  done
}

@test "every shell knows every command of niggle --help" {
  require_pseudo_terminal
  expected=$(help_commands | tr '\n' ' ' | sed 's/ $//')
  [[ "$expected" == *"history"*"remind"* ]]
  for shell in bash zsh fish; do
    need_shell "$shell"
    got=$(complete_line "$shell" "niggle " | tr ' ' '\n' | grep -v '^-' | tr '\n' ' ' | sed 's/ $//')
    [ "$got" = "$expected" ] || { echo "$shell offers: $got"; echo "niggle has:  $expected"; return 1; }
  done
}

@test "every shell knows exactly the options each command's --help lists" {
  require_pseudo_terminal
  global=$(help_options)
  for command in $(help_commands); do
    expected=$( (help_options "$command"; echo "$global") | sort -u | tr '\n' ' ' | sed 's/ $//')
    for shell in bash zsh fish; do
      need_shell "$shell"
      got=$(complete_line "$shell" "niggle $command --")
      [ "$got" = "$expected" ] || { echo "$shell, $command: offers $got"; echo "--help lists:  $expected"; return 1; }
    done
  done
}

@test "every shell offers exactly niggle's values for --type, --kind, --where, --side, --walking, --when, --symptom, --format" {
  require_pseudo_terminal
  declare -A checks=(
    ["log --type"]="$(accepted log 5k --type x)"
    ["log --kind"]="$(accepted log 5k --kind x)"
    ["list --type"]="$(accepted log 5k --type x)"
    ["pain --where"]="$(accepted pain 1 --where x)"
    ["pain --side"]="$(accepted pain 1 --side x)"
    ["pain --walking"]="$(accepted pain 1 --walking x)"
    ["pain --when"]="$(accepted pain 1 --when x)"
    ["pain --symptom"]="$(accepted pain 1 --symptom x)"
    ["edit 1 --symptom"]="$(accepted pain 1 --symptom x)"
    ["export --format"]="$(accepted export --format x)"
  )
  [ "${checks["export --format"]}" = "csv json" ]
  for shell in bash zsh fish; do
    need_shell "$shell"
    for words in "${!checks[@]}"; do
      got=$(complete_line "$shell" "niggle $words ")
      [ "$got" = "${checks[$words]}" ] || { echo "$shell, $words: offers '$got', niggle accepts '${checks[$words]}'"; return 1; }
    done
  done
}

@test "the installed completion files are where each shell looks" {
  run grep -E 'completions/(niggle.bash|_niggle|niggle.fish)' "$BATS_TEST_DIRNAME/../../CMakeLists.txt"
  [[ "$output" == *"bash-completion/completions"* ]]
  [[ "$output" == *"zsh/site-functions"* ]]
  [[ "$output" == *"fish/vendor_completions.d"* ]]
}

@test "edit and rm complete the journal's entry ids, --tag its tags; fish shows each entry's description" {
  require_pseudo_terminal
  export PATH="$(dirname "$NIGGLE_BIN"):$PATH"
  niggle log 5k 30:00 --tag treadmill
  niggle pain 3 --tag hot
  [ "$(niggle __complete ids | cut -f1 | tr '\n' ' ')" = "2 1 " ]
  [ "$(niggle __complete ids | head -1 | cut -f2)" = "$(niggle list -n 1 | cut -d' ' -f2-)" ]
  [ "$(niggle __complete tags | tr '\n' ' ')" = "hot treadmill " ]
  # Hidden from the overview, and quiet without a journal.
  ! niggle --help | grep -q __complete
  [ -z "$(niggle --db "$BATS_TEST_TMPDIR/none.db" __complete ids)" ]
  for shell in bash zsh fish; do
    need_shell "$shell"
    [ "$(complete_line "$shell" "niggle edit ")" = "1 2" ] || { echo "$shell: edit -> $(complete_line "$shell" "niggle edit ")"; return 1; }
    [ "$(complete_line "$shell" "niggle rm ")" = "1 2" ] || { echo "$shell: rm"; return 1; }
    [ "$(complete_line "$shell" "niggle list --tag tr")" = "treadmill" ] || { echo "$shell: --tag"; return 1; }
    [ "$(complete_line "$shell" "niggle report --tag tr")" = "treadmill" ] || { echo "$shell: report --tag"; return 1; }
  done
  need_shell fish
  fish --no-config -c 'source $argv[1]/niggle.fish; complete -C "niggle rm "' "$BATS_TEST_DIRNAME/../../completions" | grep -q $'^1\tTue 2026-11-24 run: 5.00 km'
}

@test "symptoms are defined in pain --help and in zsh's and fish's completions, red flags marked" {
  run niggle pain --help
  [[ "$output" == *"saddle-numbness  numbness between the legs"*"[red flag: emergency care now]"* ]]
  [[ "$output" == *"night-pain       pain at night that rest or turning over does not ease [see a doctor soon]"* ]]
  for symptom in $(accepted pain 1 --symptom x); do
    [[ "$output" == *"  $symptom "* ]] || { echo "pain --help does not define $symptom"; return 1; }
    grep -q "'$symptom:" "$BATS_TEST_DIRNAME/../../completions/_niggle" || { echo "zsh lacks $symptom"; return 1; }
    grep -q "^$symptom\\\\t\|\"$symptom\\\\t" "$BATS_TEST_DIRNAME/../../completions/niggle.fish" || { echo "fish lacks $symptom"; return 1; }
  done
  [ "$(grep -c 'RED FLAG' "$BATS_TEST_DIRNAME/../../completions/_niggle")" -eq 7 ]  # six red flags, and weakness in both legs
  need_shell fish
  fish --no-config -c 'source $argv[1]/niggle.fish; complete -C "niggle pain 1 --symptom bl"' "$BATS_TEST_DIRNAME/../../completions" | grep -q $'^bladder\tRED FLAG'
}
