# bash completion for niggle                                  -*- shell-script -*-

_niggle() {
  local cur prev words cword
  _init_completion || return

  local commands="log pain visit plan advise week summary insights report list history tags edit rm undo redo remind export import backup restore sync config help"
  local global_opts="--db --config --units --color --colour --help --version -V"
  local types="run walk hike bike swim elliptical strength other"
  local kinds="easy long tempo intervals hills race"
  local wheres="lower-back upper-back neck hip glute hamstring knee calf shin ankle foot leg other"
  local symptoms="numbness tingling burning leg-pain cough-worse weakness bladder bowel saddle-numbness fever weight-loss night-pain trauma urine-difficulty rectal-numbness sexual-dysfunction"
  local dates="today yesterday monday tuesday wednesday thursday friday saturday sunday"
  local config_keys="units week_start default_type journal_start sync_dir sync_name $(niggle config --defaults 2>/dev/null | awk '/^\[/ { gsub(/[][]/, ""); t = $0 "."; next } /^[a-z_]+ *=/ && t { print t $1 }')"

  # The command is the first word that is not an option or an option's value.
  local command="" i
  for ((i = 1; i < cword; i++)); do
    case "${words[i]}" in
      --db | --config | --units | --color | --colour) ((i++)) ;;
      -*) ;;
      *) command="${words[i]}"; break ;;
    esac
  done

  # Values of options. Short options mean different things in some commands (-f, -n).
  case "$prev" in
    --db | --config | -o | --output) _filedir; return ;;
    --format)
      if [[ "$command" == report ]]; then COMPREPLY=($(compgen -W "html markdown md" -- "$cur")); else COMPREPLY=($(compgen -W "json csv" -- "$cur")); fi
      return ;;
    --units) COMPREPLY=($(compgen -W "km mi" -- "$cur")); return ;;
    --color | --colour) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
    -t | --type) COMPREPLY=($(compgen -W "$types" -- "$cur")); return ;;
    -k | --kind) COMPREPLY=($(compgen -W "$kinds" -- "$cur")); return ;;
    -w | --where) COMPREPLY=($(compgen -W "$wheres" -- "$cur")); return ;;
    --side) COMPREPLY=($(compgen -W "left right both" -- "$cur")); return ;;
    --walking) COMPREPLY=($(compgen -W "better same worse" -- "$cur")); return ;;
    --when) COMPREPLY=($(compgen -W "morning before during after evening" -- "$cur")); return ;;
    --symptom) COMPREPLY=($(compgen -W "$symptoms" -- "$cur")); return ;;
    --since)
      if [[ "$command" == report ]]; then COMPREPLY=($(compgen -W "-4w -12w -26w $dates" -- "$cur")); else COMPREPLY=($(compgen -W "$dates" -- "$cur")); fi
      return ;;
    --day) COMPREPLY=($(compgen -W "today tomorrow $dates" -- "$cur")); return ;;
    -d | --date | --until)
      # advise may look ahead; the others record or show what has happened.
      if [[ "$command" == advise ]]; then dates="tomorrow $dates"; fi
      COMPREPLY=($(compgen -W "$dates" -- "$cur")); return ;;
    --week) COMPREPLY=($(compgen -W "$(date +%G-W%V 2>/dev/null)" -- "$cur")); return ;;
    --by) COMPREPLY=($(compgen -W "month year" -- "$cur")); return ;;
    --weeks) COMPREPLY=($(compgen -W "4 8 12 26 52 104 520" -- "$cur")); return ;;
    --rpe) COMPREPLY=($(compgen -W "1 2 3 4 5 6 7 8 9 10" -- "$cur")); return ;;
    -f) if [[ "$command" == export ]]; then COMPREPLY=($(compgen -W "json csv" -- "$cur")); return; fi ;;
    -n) if [[ "$command" == undo || "$command" == redo ]]; then :; else return; fi ;;
    --tag) COMPREPLY=($(compgen -W "$(niggle __complete tags 2>/dev/null)" -- "$cur")); return ;;
    --note | --planned | --limit | --lift | --sleep | --run-days | -g | --grep) return ;;
  esac

  local opts
  case "$command" in
    "") COMPREPLY=($(compgen -W "$commands $global_opts" -- "$cur")); return ;;
    log) opts="--type -t --kind -k --rpe --date -d --note -n --tag --planned --lift --json --force -f --help -h" ;;
    pain) opts="--where -w --side --walking --when --symptom --sleep --date -d --note -n --tag --json --help -h" ;;
    visit) opts="--date -d --note -n --tag --json --help -h" ;;
    plan)
      # plan's own action: the first word after it that is not an option.
      local action="" j
      for ((j = i + 1; j < cword; j++)); do
        case "${words[j]}" in -*) ;; *) action="${words[j]}"; break ;; esac
      done
      case "$action" in
        add) opts="--type -t --kind -k --note -n --tag --json --help -h" ;;
        edit) opts="--day --type -t --kind -k --note -n --tag --json --help -h" ;;
        rm) opts="--help -h" ;;
        *)
          opts="--since --until --json --help -h"
          if [[ "$cur" != -* ]]; then COMPREPLY=($(compgen -W "add edit rm" -- "$cur")); return; fi ;;
      esac ;;
    advise) opts="--date -d --json --explain --short -s --all-suggestions --help -h" ;;
    summary) opts="--by --since --until --tag --json --csv --tsv --markdown --md --ascii --help -h" ;;
    week) opts="--date -d --week --weeks --json --csv --tsv --markdown --md --ascii --tag --help -h" ;;
    insights) opts="--since --json --help -h" ;;
    report) opts="--weeks --since --output -o --format --open --force -f --help -h" ;;
    list | history) opts="--since --until --type -t --tag --grep -g --pain --runs --visits --limit -n --json --csv --tsv --help -h" ;;
    tags) opts="--json --help -h" ;;
    edit) opts="--type -t --kind -k --rpe --planned --lift --where -w --side --walking --when --symptom --sleep --date -d --note -n --tag --json --help -h" ;;
    rm) opts="--force -f --help -h" ;;
    undo) opts="--dry-run -n --yes -y --help -h" ;;
    redo) opts="--dry-run -n --help -h" ;;
    help) opts="--help -h" ;;
    remind) opts="--run-days --quiet -q --help -h" ;;
    export) opts="--format -f --output -o --force --help -h" ;;
    import) opts="--dry-run --skip-invalid --type -t --date -d --split --moving-time --quiet -q --restore-removed --help -h" ;;
    backup) opts="--force -f --quiet -q --help -h" ;;
    sync) opts="--name -n --dry-run --json --quiet -q --help -h" ;;
    restore) opts="--yes -y --quiet -q --help -h" ;;
    config) opts="--json --defaults --help -h" ;;
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts $global_opts" -- "$cur"))
    return
  fi
  case "$command" in
    pain) COMPREPLY=($(compgen -W "0 1 2 3 4 5 6 7 8 9 10" -- "$cur")) ;;
    visit) COMPREPLY=($(compgen -W "physio doctor urgent-care other" -- "$cur")) ;;
    import | backup | restore) _filedir ;;
    # The journal's newest entries, from niggle itself (bash shows no descriptions).
    rm) COMPREPLY=($(compgen -W "$(niggle __complete ids 2>/dev/null | cut -f1)" -- "$cur")) ;;
    edit)
      local k positional=0
      for ((k = i + 1; k < cword; k++)); do [[ "${words[k]}" == -* ]] || ((positional++)); done
      ((positional == 0)) && COMPREPLY=($(compgen -W "$(niggle __complete ids 2>/dev/null | cut -f1)" -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "${commands% help}" -- "$cur")) ;;
    config)
      # config set KEY VALUE, config unset KEY
      local verb="" j
      for ((j = i + 1; j < cword; j++)); do [[ "${words[j]}" == -* ]] || { verb="${words[j]}"; break; }; done
      if [[ -z "$verb" ]]; then COMPREPLY=($(compgen -W "set unset" -- "$cur"))
      elif ((cword == j + 1)); then COMPREPLY=($(compgen -W "$config_keys" -- "$cur"))
      elif [[ "$verb" == set && "$prev" == units ]]; then COMPREPLY=($(compgen -W "km mi" -- "$cur"))
      elif [[ "$verb" == set && "$prev" == week_start ]]; then COMPREPLY=($(compgen -W "monday sunday" -- "$cur"))
      elif [[ "$verb" == set && "$prev" == default_type ]]; then COMPREPLY=($(compgen -W "$types" -- "$cur"))
      fi ;;
    sync) _filedir -d ;;
  esac
}
complete -F _niggle niggle
