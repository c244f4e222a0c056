#!/usr/bin/env bash
# What a shell offers when TAB is pressed at the end of a command line, one candidate a
# line, sorted: the completion scripts of completions/ run in the real bash, zsh and fish.
#   complete.sh bash|zsh|fish 'niggle pain --where lo'
set -euo pipefail
shell=$1 line=$2
here=$(cd "$(dirname "$0")" && pwd)
completions=$(cd "$here/../../completions" && pwd)

case "$shell" in
  bash)
    bash --norc --noprofile -c '
      source /usr/share/bash-completion/bash_completion
      source "$1/niggle.bash"
      COMP_LINE=$2
      COMP_POINT=${#COMP_LINE}
      read -r -a COMP_WORDS <<<"$COMP_LINE"
      [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      COMPREPLY=()
      _niggle niggle "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
      printf "%s\n" "${COMPREPLY[@]}"
    ' complete "$completions" "$line"
    ;;
  fish)
    fish --no-config -c 'source $argv[1]/niggle.fish; complete -C $argv[2]' "$completions" "$line" | cut -f1
    ;;
  zsh)
    zsh -f "$here/complete.zsh" "$completions" "$line"
    ;;
  *) echo "complete.sh: unknown shell '$shell'" >&2; exit 2 ;;
esac | sed '/^$/d' | sort -u
