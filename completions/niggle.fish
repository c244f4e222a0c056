# fish completion for niggle

set -l commands log pain visit plan advise week summary insights report list history tags edit rm undo redo remind export import backup restore sync config help
complete -c niggle -f

# Global options, anywhere.
complete -c niggle -l db -r -F -d 'the journal file'
complete -c niggle -l config -r -F -d 'the config file'
complete -c niggle -l units -x -a 'km mi' -d 'display unit'
complete -c niggle -l color -l colour -x -a 'auto always never' -d 'colour output'
complete -c niggle -l help -s h -d 'show help'
complete -c niggle -l version -s V -d 'show the version and the commit'

# Commands.
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a log -d 'record a run or another session'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a pain -d 'record a pain score (0-10)'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a visit -d 'record a visit to a physio, a doctor or urgent care'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a plan -d 'plan sessions and races ahead'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a advise -d 'should you run today, and how far?'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a week -d 'summarise a week, or many weeks with a chart'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a summary -d 'months or years: running, rest days and pain'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a insights -d 'what goes with a worse next morning'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a report -d 'write a page for a physio, with charts'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a list -d 'show entries, newest first'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a history -d 'show entries (as list)'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a tags -d "list the journal's tags"
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a edit -d "change an entry's values"
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a rm -d 'remove entries'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a undo -d 'revert the last change'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a redo -d 'reapply what the last undo took back'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a remind -d "remind when today's pain is missing"
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a export -d 'write every entry as JSON or CSV'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a import -d 'read an export, merge a journal, take in FIT, GPX, TCX, Strava'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a backup -d 'write a copy of the journal'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a sync -d 'share the journal through a synced folder'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a restore -d 'put a backup back as the journal'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a config -d 'show the settings in effect; set or unset one'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a help -d "show a command's help"
complete -c niggle -n '__fish_seen_subcommand_from help' -a "$commands"

set -l dates today yesterday monday tuesday wednesday thursday friday saturday sunday
set -l types run walk hike bike swim elliptical strength other

# Sessions: log, and edit.
complete -c niggle -n '__fish_seen_subcommand_from log edit' -s t -l type -x -a "$types" -d 'session type'
complete -c niggle -n '__fish_seen_subcommand_from log edit' -s k -l kind -x -a 'easy long tempo intervals hills race' -d 'intensity'
complete -c niggle -n '__fish_seen_subcommand_from log edit' -l rpe -x -a '1 2 3 4 5 6 7 8 9 10' -d 'perceived effort'
complete -c niggle -n '__fish_seen_subcommand_from log edit' -l planned -x -d 'the planned distance'
complete -c niggle -n '__fish_seen_subcommand_from log edit' -l lift -x -d 'a strength exercise, deadlift:3x5@60kg'

# Pain: pain, and edit.
complete -c niggle -n '__fish_seen_subcommand_from pain edit' -s w -l where -x -a 'lower-back upper-back neck hip glute hamstring knee calf shin ankle foot leg other' -d 'location'
complete -c niggle -n '__fish_seen_subcommand_from pain edit' -l side -x -a 'left right both' -d 'side'
complete -c niggle -n '__fish_seen_subcommand_from pain edit' -l walking -x -a 'better same worse' -d 'how walking changes it'
complete -c niggle -n '__fish_seen_subcommand_from pain edit' -l when -x -a 'morning before during after evening' -d 'when'
# Symptoms with what each means; red flags marked, as `niggle pain --help` lists them.
complete -c niggle -n '__fish_seen_subcommand_from pain edit' -l symptom -x -a "numbness\t'a patch of leg or foot feels dull or dead (nerve sign)'
tingling\t'pins and needles in a leg or foot (nerve sign)'
burning\t'a burning pain along a leg (nerve sign)'
leg-pain\t'pain down a leg, often below the knee (nerve sign)'
cough-worse\t'worse on coughing, sneezing or straining (nerve sign)'
weakness\t'a leg or foot gives way (RED FLAG in both legs)'
bladder\t'RED FLAG: new trouble passing or holding urine'
bowel\t'RED FLAG: new loss of bowel control'
saddle-numbness\t'RED FLAG: numbness between the legs'
fever\t'a temperature with the pain (see a doctor soon)'
weight-loss\t'weight lost without trying (see a doctor soon)'
night-pain\t'night pain rest does not ease (see a doctor soon)'
trauma\t'began with a fall, crash or blow (see a doctor soon)'
urine-difficulty\t'RED FLAG: new difficulty passing urine'
rectal-numbness\t'RED FLAG: less feeling in the back passage'
sexual-dysfunction\t'RED FLAG: new loss of sexual function'" -d 'a symptom'
complete -c niggle -n '__fish_seen_subcommand_from pain edit' -l sleep -x -a '6 6.5 7 7.5 8' -d 'hours slept the night before'

# Visits.
complete -c niggle -n '__fish_seen_subcommand_from visit' -a 'physio doctor urgent-care other' -d 'the kind of visit'

# Plans: the list's options, then the actions and theirs.
set -l plan_actions add edit rm
complete -c niggle -n "__fish_seen_subcommand_from plan; and not __fish_seen_subcommand_from $plan_actions" -a 'add edit rm' -d 'plan action'
complete -c niggle -n "__fish_seen_subcommand_from plan; and not __fish_seen_subcommand_from $plan_actions" -l since -x -a "$dates" -d 'plans on or after this day'
complete -c niggle -n "__fish_seen_subcommand_from plan; and not __fish_seen_subcommand_from $plan_actions" -l until -x -a "$dates" -d 'plans on or before this day'
complete -c niggle -n "__fish_seen_subcommand_from plan; and not __fish_seen_subcommand_from rm" -l json -d 'print JSON'
complete -c niggle -n "__fish_seen_subcommand_from plan; and __fish_seen_subcommand_from add edit" -s t -l type -x -a "$types" -d 'session type'
complete -c niggle -n "__fish_seen_subcommand_from plan; and __fish_seen_subcommand_from add edit" -s k -l kind -x -a 'easy long tempo intervals hills race' -d 'kind, race for a race'
complete -c niggle -n "__fish_seen_subcommand_from plan; and __fish_seen_subcommand_from add edit" -s n -l note -x -d 'a note'
complete -c niggle -n "__fish_seen_subcommand_from plan; and __fish_seen_subcommand_from add edit" -l tag -x -d 'a tag'
complete -c niggle -n "__fish_seen_subcommand_from plan; and __fish_seen_subcommand_from edit" -l day -x -a "today tomorrow $dates" -d 'move it to this day'
complete -c niggle -n "__fish_seen_subcommand_from plan; and __fish_seen_subcommand_from add; and test (count (commandline -opc)) -le 3" -a "today tomorrow $dates" -d 'the day'

# Any entry: log, pain, visit, edit.
complete -c niggle -n '__fish_seen_subcommand_from log pain visit edit' -s d -l date -x -a "$dates" -d 'the day'
complete -c niggle -n '__fish_seen_subcommand_from log pain visit edit' -s n -l note -x -d 'a note'
complete -c niggle -n '__fish_seen_subcommand_from log pain visit edit list history week summary' -l tag -x -a '(niggle __complete tags 2>/dev/null)' -d 'a tag'
# Entry ids with their one-line description, from niggle itself.
complete -c niggle -n '__fish_seen_subcommand_from edit rm' -a '(niggle __complete ids 2>/dev/null)'
complete -c niggle -n '__fish_seen_subcommand_from log pain visit edit list history advise week insights config tags' -l json -d 'print JSON'

# insights
complete -c niggle -n '__fish_seen_subcommand_from insights' -l since -x -a "-12w -26w $dates" -d 'count days from this one on'

# advise
complete -c niggle -n '__fish_seen_subcommand_from advise' -s d -l date -x -a "tomorrow $dates" -d 'the day to advise on'
complete -c niggle -n '__fish_seen_subcommand_from advise' -l explain -d 'add the figures behind every rule'
complete -c niggle -n '__fish_seen_subcommand_from advise' -s s -l short -d 'one line: verdict, cap, rule'
complete -c niggle -n '__fish_seen_subcommand_from advise' -l all-suggestions -d 'every suggestion that fits today'

# summary
complete -c niggle -n '__fish_seen_subcommand_from summary' -l by -x -a 'month year' -d 'months or years'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l since -x -a "$dates" -d 'from this day'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l until -x -a "$dates" -d 'up to this day'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l json -d 'print JSON'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l csv -d 'print CSV'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l tsv -d 'print TSV'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l markdown -l md -d 'print Markdown'
complete -c niggle -n '__fish_seen_subcommand_from summary' -l ascii -d 'draw the bars in plain ASCII'

# undo, redo
complete -c niggle -n '__fish_seen_subcommand_from undo redo' -s n -l dry-run -d 'show it, change nothing'
complete -c niggle -n '__fish_seen_subcommand_from undo' -s y -l yes -d 'undo without asking'

# week
complete -c niggle -n '__fish_seen_subcommand_from week' -s d -l date -x -a "$dates" -d 'the week holding this day'
complete -c niggle -n '__fish_seen_subcommand_from week' -l week -x -d 'an ISO week label, such as 2026-W47'
complete -c niggle -n '__fish_seen_subcommand_from week' -l weeks -x -a '4 8 12 26 52 104 520' -d 'N weeks, with a chart'
complete -c niggle -n '__fish_seen_subcommand_from week' -l csv -d 'print CSV'
complete -c niggle -n '__fish_seen_subcommand_from week' -l tsv -d 'print TSV'
complete -c niggle -n '__fish_seen_subcommand_from week' -l markdown -l md -d 'print Markdown'
complete -c niggle -n '__fish_seen_subcommand_from week' -l ascii -d 'draw the chart in plain ASCII'

# report
complete -c niggle -n '__fish_seen_subcommand_from report' -l weeks -x -a '4 8 12 26 52' -d 'the last N weeks'
complete -c niggle -n '__fish_seen_subcommand_from report' -l since -x -a "-4w -12w -26w $dates" -d 'from the week holding this day'
complete -c niggle -n '__fish_seen_subcommand_from report' -s o -l output -r -F -d 'the file to write (- for standard output)'
complete -c niggle -n '__fish_seen_subcommand_from report' -l format -x -a 'html markdown md' -d 'the format'
complete -c niggle -n '__fish_seen_subcommand_from report' -l open -d 'open the page with xdg-open'

# list (history)
complete -c niggle -n '__fish_seen_subcommand_from list history' -l since -x -a "$dates" -d 'on or after this day'
complete -c niggle -n '__fish_seen_subcommand_from list history' -l until -x -a "$dates" -d 'on or before this day'
complete -c niggle -n '__fish_seen_subcommand_from list history' -s t -l type -x -a "$types" -d 'sessions of this type'
complete -c niggle -n '__fish_seen_subcommand_from list history' -s g -l grep -x -d 'notes holding this text'
complete -c niggle -n '__fish_seen_subcommand_from list history' -l pain -d 'pain entries only'
complete -c niggle -n '__fish_seen_subcommand_from list history' -l runs -d 'sessions only'
complete -c niggle -n '__fish_seen_subcommand_from list history' -l visits -d 'visits only'
complete -c niggle -n '__fish_seen_subcommand_from list history' -s n -l limit -x -d 'the newest N entries'
complete -c niggle -n '__fish_seen_subcommand_from list history' -l csv -d 'CSV with a header'
complete -c niggle -n '__fish_seen_subcommand_from list history' -l tsv -d 'tab-separated values'

# rm, remind, export, import, backup, config
complete -c niggle -n '__fish_seen_subcommand_from rm backup log report' -s f -l force -d 'do not ask / replace the file / log as typed'
complete -c niggle -n '__fish_seen_subcommand_from remind backup import restore' -s q -l quiet -d 'print nothing'
complete -c niggle -n '__fish_seen_subcommand_from restore' -s y -l yes -d 'restore without asking'
complete -c niggle -n '__fish_seen_subcommand_from export' -l force -d 'replace the -o file if it exists'
complete -c niggle -n '__fish_seen_subcommand_from import' -l restore-removed -d 'bring back entries removed here'
complete -c niggle -n '__fish_seen_subcommand_from remind' -l run-days -x -d 'also remind after N days without a session'
complete -c niggle -n '__fish_seen_subcommand_from export' -s f -l format -x -a 'json csv' -d 'the format'
complete -c niggle -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'the file to write'
complete -c niggle -n '__fish_seen_subcommand_from import' -l dry-run -d 'change nothing'
complete -c niggle -n '__fish_seen_subcommand_from import' -l skip-invalid -d 'import the valid records'
complete -c niggle -n '__fish_seen_subcommand_from import' -s t -l type -x -a "$types" -d 'activity files: the type where the file does not say'
complete -c niggle -n '__fish_seen_subcommand_from import' -s d -l date -x -a "$dates" -d 'activity files: the day when the file has no time'
complete -c niggle -n '__fish_seen_subcommand_from import' -l split -d 'GPX: one session per track'
complete -c niggle -n '__fish_seen_subcommand_from import' -l moving-time -d 'time in motion instead of elapsed time'
complete -c niggle -n '__fish_seen_subcommand_from sync' -s n -l name -x -d "this device's name in the folder"
complete -c niggle -n '__fish_seen_subcommand_from sync' -l dry-run -d 'change nothing'
complete -c niggle -n '__fish_seen_subcommand_from sync' -l json -d 'one JSON document'
complete -c niggle -n '__fish_seen_subcommand_from sync' -s q -l quiet -d 'print nothing unless something is wrong'
complete -c niggle -n '__fish_seen_subcommand_from sync' -x -a '(__fish_complete_directories)'
complete -c niggle -n '__fish_seen_subcommand_from import backup restore' -F
complete -c niggle -n '__fish_seen_subcommand_from config' -l defaults -d 'print a config file at the defaults'
complete -c niggle -n '__fish_seen_subcommand_from config; and not __fish_seen_subcommand_from set unset' -a 'set unset' -d 'change one key'
complete -c niggle -n '__fish_seen_subcommand_from set unset; and __fish_seen_subcommand_from config' -a 'units week_start default_type journal_start sync_dir sync_name (niggle config --defaults 2>/dev/null | awk \'/^\[/ { gsub(/[][]/, ""); t = $0 "."; next } /^[a-z_]+ *=/ && t { print t $1 }\')'
