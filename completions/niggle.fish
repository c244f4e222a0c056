# fish completion for niggle

set -l commands log pain advise week report config
complete -c niggle -f

# Global options, anywhere.
complete -c niggle -l db -r -F -d 'the journal file'
complete -c niggle -l config -r -F -d 'the config file'
complete -c niggle -l units -x -a 'km mi' -d 'display unit'
complete -c niggle -l color -l colour -x -a 'auto always never' -d 'colour output'
complete -c niggle -l help -s h -d 'show help'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -l version -d 'show the version'

# Commands.
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a log -d 'record a run or another session'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a pain -d 'record a pain score (0-10)'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a advise -d 'should you run today, and how far?'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a week -d 'summarise a week, or many weeks with a chart'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a report -d 'write a page for a physio, with charts'
complete -c niggle -n "not __fish_seen_subcommand_from $commands" -a config -d 'show the settings in effect'

set -l dates today yesterday monday tuesday wednesday thursday friday saturday sunday

# log
complete -c niggle -n '__fish_seen_subcommand_from log' -s t -l type -x -a 'run walk hike bike swim elliptical strength other' -d 'session type'
complete -c niggle -n '__fish_seen_subcommand_from log' -s k -l kind -x -a 'easy long tempo intervals hills race' -d 'intensity'
complete -c niggle -n '__fish_seen_subcommand_from log' -l rpe -x -a '1 2 3 4 5 6 7 8 9 10' -d 'perceived effort'
complete -c niggle -n '__fish_seen_subcommand_from log' -l planned -x -d 'the planned distance'

# pain
complete -c niggle -n '__fish_seen_subcommand_from pain' -s w -l where -x -a 'lower-back upper-back neck hip glute hamstring knee calf shin ankle foot leg other' -d 'location'
complete -c niggle -n '__fish_seen_subcommand_from pain' -l side -x -a 'left right both' -d 'side'
complete -c niggle -n '__fish_seen_subcommand_from pain' -l walking -x -a 'better same worse' -d 'how walking changes it'
complete -c niggle -n '__fish_seen_subcommand_from pain' -l when -x -a 'morning before during after evening' -d 'when'
complete -c niggle -n '__fish_seen_subcommand_from pain' -l symptom -x -a 'numbness tingling burning leg-pain cough-worse weakness bladder bowel saddle-numbness fever weight-loss night-pain trauma' -d 'a symptom'

# week
complete -c niggle -n '__fish_seen_subcommand_from week' -l week -x -d 'an ISO week label, such as 2026-W47'
complete -c niggle -n '__fish_seen_subcommand_from week' -l weeks -x -a '4 8 12 26 52 104 520' -d 'N weeks, with a chart'
complete -c niggle -n '__fish_seen_subcommand_from week' -l csv -d 'print CSV'
complete -c niggle -n '__fish_seen_subcommand_from week' -l tsv -d 'print TSV'
complete -c niggle -n '__fish_seen_subcommand_from week' -l markdown -l md -d 'print Markdown'
complete -c niggle -n '__fish_seen_subcommand_from week' -l ascii -d 'draw the chart in plain ASCII'

# log, pain and week
complete -c niggle -n '__fish_seen_subcommand_from log pain week' -s d -l date -x -a "$dates" -d 'the day'

# log and pain
complete -c niggle -n '__fish_seen_subcommand_from log pain' -s n -l note -x -d 'a note'
complete -c niggle -n '__fish_seen_subcommand_from log pain' -l tag -x -d 'a tag'
complete -c niggle -n '__fish_seen_subcommand_from log pain advise week config' -l json -d 'print JSON'

# advise
complete -c niggle -n '__fish_seen_subcommand_from advise' -s d -l date -x -a "tomorrow $dates" -d 'the day to advise on'
complete -c niggle -n '__fish_seen_subcommand_from advise' -l explain -d 'add the figures behind every rule'

# report
complete -c niggle -n '__fish_seen_subcommand_from report' -l weeks -x -a '4 8 12 26 52' -d 'the last N weeks'
complete -c niggle -n '__fish_seen_subcommand_from report' -l since -x -a "today yesterday -4w -12w -26w $dates" -d 'from the week holding this day'
complete -c niggle -n '__fish_seen_subcommand_from report' -s o -l output -r -F -d 'the file to write (- for standard output)'
complete -c niggle -n '__fish_seen_subcommand_from report' -l format -x -a 'html markdown md' -d 'the format'
complete -c niggle -n '__fish_seen_subcommand_from report' -l open -d 'open the page with xdg-open'

# config
complete -c niggle -n '__fish_seen_subcommand_from config' -l defaults -d 'print a config file at the defaults'
