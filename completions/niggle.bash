# bash completion for niggle                                  -*- shell-script -*-

_niggle() {
  local cur prev words cword
  _init_completion || return

  local commands="log pain advise week report config"
  local global_opts="--db --config --units --color --colour --help --version"
  local types="run walk hike bike swim elliptical strength other"
  local kinds="easy long tempo intervals hills race"
  local wheres="lower-back upper-back neck hip glute hamstring knee calf shin ankle foot leg other"
  local symptoms="numbness tingling burning leg-pain cough-worse weakness bladder bowel saddle-numbness fever weight-loss night-pain trauma"

  case "$prev" in
    --db | --config) _filedir; return ;;
    --units) COMPREPLY=($(compgen -W "km mi" -- "$cur")); return ;;
    --color | --colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    -t | --type) COMPREPLY=($(compgen -W "$types" -- "$cur")); return ;;
    -k | --kind) COMPREPLY=($(compgen -W "$kinds" -- "$cur")); return ;;
    -w | --where) COMPREPLY=($(compgen -W "$wheres" -- "$cur")); return ;;
    --side) COMPREPLY=($(compgen -W "left right both" -- "$cur")); return ;;
    --walking) COMPREPLY=($(compgen -W "better same worse" -- "$cur")); return ;;
    --when) COMPREPLY=($(compgen -W "morning before during after evening" -- "$cur")); return ;;
    --symptom) COMPREPLY=($(compgen -W "$symptoms" -- "$cur")); return ;;
    -d | --date) COMPREPLY=($(compgen -W "today yesterday monday tuesday wednesday thursday friday saturday sunday" -- "$cur")); return ;;
    --rpe) COMPREPLY=($(compgen -W "1 2 3 4 5 6 7 8 9 10" -- "$cur")); return ;;
    --week) COMPREPLY=($(compgen -W "$(date +%G-W%V 2>/dev/null)" -- "$cur")); return ;;
    --weeks) COMPREPLY=($(compgen -W "4 8 12 26 52 104 520" -- "$cur")); return ;;
    --since) COMPREPLY=($(compgen -W "today yesterday -4w -12w -26w monday" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "html markdown md" -- "$cur")); return ;;
    -o | --output) _filedir '@(html|md|markdown)'; return ;;
    -n | --note | --tag | --planned) return ;;
  esac

  # The command is the first word that is not an option or an option's value.
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      --db | --config | --units | --color | --colour) ((i++)) ;;
      -*) ;;
      *) command="${words[i]}"; break ;;
    esac
  done

  local opts
  case "$command" in
    "") COMPREPLY=($(compgen -W "$commands $global_opts" -- "$cur")); return ;;
    log) opts="--type -t --kind -k --rpe --date -d --note -n --tag --planned --json --help -h" ;;
    pain) opts="--where -w --side --walking --when --symptom --date -d --note -n --tag --json --help -h" ;;
    week) opts="--date -d --week --weeks --json --csv --tsv --markdown --md --ascii --help -h" ;;
    advise) opts="--date -d --json --explain --help -h" ;;
    report) opts="--weeks --since --output -o --format --open --help -h" ;;
    config) opts="--json --defaults --help -h" ;;
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $global_opts" -- "$cur"))
  elif [[ "$command" == pain ]]; then
    COMPREPLY=($(compgen -W "0 1 2 3 4 5 6 7 8 9 10" -- "$cur"))
  fi
}
complete -F _niggle niggle
