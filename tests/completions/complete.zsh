# zsh completes only inside its line editor, so this runs an interactive zsh in a
# pseudo-terminal, types the line and a TAB, and has every compadd call write the matches
# it would add to a file. Arguments: the completions directory and the command line.
zmodload zsh/zpty || { print -u2 "complete.zsh: zsh/zpty is missing"; exit 2 }
local dir=$1 line=$2
local out=$(mktemp -d)
trap 'zpty -d shell 2>/dev/null; rm -rf $out' EXIT

zpty -b shell zsh -f -i
zpty -w shell "PS1='' PROMPT='' RPROMPT=''; fpath=(${(q)dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w shell "zstyle ':completion:*' list-grouped false; zstyle ':completion:*' insert-tab false"
# The wrapper passes calls that already collect (-O, -A, -D) straight through.
zpty -w shell "compadd() { if [[ \${@[(I)-[OAD]]} -gt 0 ]]; then builtin compadd \"\$@\"; return; fi;
  local -a found; builtin compadd -O found \"\$@\"; (( \$#found )) && print -rl -- \$found >>${(q)out}/matches;
  builtin compadd \"\$@\"; }"
zpty -w shell "_done() { : >${(q)out}/done; }; comppostfuncs=(_done); bindkey '^I' complete-word"
zpty -w -n shell "$line"$'\t'

# Wait for the completion to finish (a hang protection, not a measurement).
local i
for i in {1..200}; do
  [[ -e $out/done ]] && break
  zpty -r shell junk 2>/dev/null
  sleep 0.05
done
[[ -e $out/done ]] || { print -u2 "complete.zsh: no completion for '$line'"; exit 2 }
[[ -e $out/matches ]] && cat $out/matches
exit 0
