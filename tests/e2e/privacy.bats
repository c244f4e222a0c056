#!/usr/bin/env bats
# What niggle keeps private: file modes whatever the umask, no network at all, and notes
# that reach SQLite as bound values only, so they come back byte for byte.
load helpers

setup() { setup_niggle; }

hex_of() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr 'a-f' 'A-F'; }

@test "with umask 000 the journal, its -wal and -shm are still 0600 and its new directories 0700" {
  umask 000
  export XDG_DATA_HOME="$BATS_TEST_TMPDIR/fresh/data"
  JOURNAL="$XDG_DATA_HOME/niggle/journal.db"
  niggle log 5k >/dev/null
  # A second connection, held open until the modes are checked (however slowly niggle runs,
  # under valgrind too), keeps -wal and -shm on disk while niggle writes.
  mkfifo "$BATS_TEST_TMPDIR/hold"
  sqlite3 "$JOURNAL" <"$BATS_TEST_TMPDIR/hold" >"$BATS_TEST_TMPDIR/held" &
  exec {hold}>"$BATS_TEST_TMPDIR/hold"
  echo "BEGIN; SELECT count(*) FROM entry;" >&"$hold"
  local tries=0
  until [ -s "$BATS_TEST_TMPDIR/held" ] || ((++tries > 100)); do sleep 0.1; done
  [ -s "$BATS_TEST_TMPDIR/held" ] || { echo "the second connection did not open"; exec {hold}>&-; return 1; }
  niggle pain 2 >/dev/null
  local f d
  for f in "$JOURNAL" "$JOURNAL-wal" "$JOURNAL-shm"; do
    [ -e "$f" ] || { echo "$f does not exist"; exec {hold}>&-; return 1; }
    [ "$(file_mode "$f")" = 600 ] || { echo "$f is $(file_mode "$f")"; exec {hold}>&-; return 1; }
  done
  echo "COMMIT;" >&"$hold"
  exec {hold}>&-
  wait
  for d in "$BATS_TEST_TMPDIR/fresh" "$XDG_DATA_HOME" "$XDG_DATA_HOME/niggle"; do
    [ "$(file_mode "$d")" = 700 ] || { echo "$d is $(file_mode "$d")"; return 1; }
  done
}

@test "with umask 000 backups, exports and reports are 0600, and nothing else is left beside them" {
  umask 000
  niggle log 5k --note "private" >/dev/null
  niggle pain 2 --where lower-back >/dev/null
  local out="$BATS_TEST_TMPDIR/out"
  mkdir -m 0777 "$out"
  # A file that was there, world-readable, is replaced by a private one.
  echo old >"$out/export.json"
  chmod 0666 "$out/export.json"
  niggle backup --quiet "$out/backup.db"
  niggle backup --quiet --force "$out/backup.db"
  niggle export --force -o "$out/export.json"
  niggle export --format csv -o "$out/export.csv"
  niggle report -o "$out/report.html" >/dev/null
  niggle report -o "$out/report.md" >/dev/null
  (cd "$out" && niggle report >/dev/null) # niggle-report-<today>.html in the current directory
  local files=(backup.db export.json export.csv report.html report.md niggle-report-2026-11-24.html) f
  for f in "${files[@]}"; do
    [ -f "$out/$f" ] || { echo "$f was not written"; return 1; }
    [ "$(file_mode "$out/$f")" = 600 ] || { echo "$f is $(file_mode "$out/$f")"; return 1; }
  done
  # No temporary file, and no -journal, -wal or -shm beside the backup.
  [ "$(ls -A "$out" | sort)" = "$(printf '%s\n' "${files[@]}" | sort)" ] || { ls -la "$out"; return 1; }
  [ "$(file_mode "$out")" = 777 ] # a directory niggle did not create keeps its mode
  # The backup is a journal: opened and written to, it stays private, as do its side files.
  niggle --db "$out/backup.db" pain 1 >/dev/null
  [ "$(file_mode "$out/backup.db")" = 600 ]
  [ "$(sqlite3 "$out/backup.db" "SELECT count(*) FROM entry")" = 3 ]
  # And the directories a --db path needs are created 0700, each of them.
  niggle --db "$BATS_TEST_TMPDIR/new/a/b/journal.db" log 5k >/dev/null
  for f in new new/a new/a/b; do
    [ "$(file_mode "$BATS_TEST_TMPDIR/$f")" = 700 ] || { echo "$f is $(file_mode "$BATS_TEST_TMPDIR/$f")"; return 1; }
  done
  [ "$(file_mode "$BATS_TEST_TMPDIR/new/a/b/journal.db")" = 600 ]
}

@test "every file niggle creates while it writes, even for a moment, is created 0600 (strace)" {
  command -v strace >/dev/null || skip "strace is not installed (scripts/install-deps.sh --test installs it)"
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" # LeakSanitizer cannot work under ptrace
  umask 000
  local out="$BATS_TEST_TMPDIR/out" log="$BATS_TEST_TMPDIR/creates.log"
  mkdir -m 0777 "$out"
  local commands=(
    "log 5k --note private" "pain 2" "backup $out/backup.db" "export -o $out/export.json"
    "export --format csv -o $out/export.csv" "report -o $out/report.html" "import $out/export.json"
    "--db $out/backup.db pain 1" "--db $BATS_TEST_TMPDIR/new/dir/journal.db log 3k"
  ) c
  : >"$log"
  for c in "${commands[@]}"; do
    # shellcheck disable=SC2086 # each command is split into its words on purpose
    strace -f -qq -e trace=open,openat,creat,mkdir,mkdirat -e signal=none -o "$log.1" "$NIGGLE_BIN" $c >/dev/null
    cat "$log.1" >>"$log"
  done
  # Each file or directory created under the test's directory, with the mode asked for.
  # The only other mode allowed is SQLite's 0644 on opening a backup's temporary file, which
  # niggle has already created 0600 (O_EXCL) the line before.
  local created
  created=$(grep -F "\"$BATS_TEST_TMPDIR" "$log" | grep -E 'O_CREAT|mkdir' |
    sed -E 's/.*"([^"]*)".*, (0[0-7]+)\) = .*/\2 \1/')
  [ -n "$created" ]
  echo "$created"
  local mode path made=""
  while read -r mode path; do
    case "$mode $path" in
      "0600 "*) made+="$path"$'\n' ;;
      "0700 "*) [ -d "$path" ] || { echo "$path: 0700 but not a directory"; return 1; } ;;
      "0644 "*) grep -qxF "$path" <<<"$made" || { echo "$path created 0644"; return 1; } ;;
      *) echo "$path created $mode"; return 1 ;;
    esac
  done <<<"$created"
  # The backup's rollback journal and the side files of every journal were among them.
  grep -q -- '-journal$' <<<"$made"
  grep -q -- '-wal$' <<<"$made"
  grep -q -- '-shm$' <<<"$made"
}

@test "a directory that already exists keeps its mode: niggle restricts only what it creates" {
  mkdir -p "$BATS_TEST_TMPDIR/shared"
  chmod 0755 "$BATS_TEST_TMPDIR/shared"
  niggle --db "$BATS_TEST_TMPDIR/shared/journal.db" log 5k >/dev/null
  [ "$(file_mode "$BATS_TEST_TMPDIR/shared")" = 755 ]
  [ "$(file_mode "$BATS_TEST_TMPDIR/shared/journal.db")" = 600 ]
}

@test "niggle makes no network system call at all (strace)" {
  command -v strace >/dev/null || skip "strace is not installed (scripts/install-deps.sh --test installs it)"
  local log="$BATS_TEST_TMPDIR/strace.log"
  # LeakSanitizer cannot work under ptrace: in the ASan build, leaks are checked elsewhere.
  export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
  # Every kind of run: a new journal, both writing commands, settings, help, errors. Signals
  # are not logged: under valgrind (scripts/memcheck.sh) its own SIGSEGVs would fill the log.
  strace -f -qq -e trace=%network -e signal=none -o "$log" "$NIGGLE_BIN" log 5k 27:30 --note "no network" >/dev/null
  strace -f -qq -e trace=%network -e signal=none -o "$log.2" "$NIGGLE_BIN" pain 3 --where lower-back --symptom tingling >/dev/null 2>&1
  strace -f -qq -e trace=%network -e signal=none -o "$log.3" "$NIGGLE_BIN" config >/dev/null
  strace -f -qq -e trace=%network -e signal=none -o "$log.4" "$NIGGLE_BIN" --help >/dev/null
  strace -f -qq -e trace=%network -e signal=none -o "$log.5" "$NIGGLE_BIN" log 5 parsecs 2>/dev/null || true
  strace -f -qq -e trace=%network -e signal=none -o "$log.6" "$NIGGLE_BIN" --db /dev/null log 5k 2>/dev/null || true
  # strace itself works here: a program that does open a socket is seen.
  strace -f -qq -e trace=%network -e signal=none -o "$log.probe" python3 -c 'import socket; socket.socket().close()'
  grep -q socket "$log.probe"
  cat "$log" "$log".[2-6]
  [ ! -s "$log" ] && [ -z "$(cat "$log".[2-6])" ]
}

@test "the niggle binary imports no network function" {
  command -v nm >/dev/null || skip "nm (binutils) is not installed"
  # NIGGLE_REAL_BIN: the binary itself when NIGGLE_BIN is a wrapper (scripts/memcheck.sh).
  local bin=${NIGGLE_REAL_BIN:-$NIGGLE_BIN} imports
  imports=$(nm -D --undefined-only "$bin" | awk '{print $NF}' | sed 's/@.*//')
  [ -n "$imports" ]
  ! grep -xE 'socket|connect|bind|listen|accept4?|send(to|msg)?|recv(from|msg)?|getaddrinfo|gethostbyname2?|getnameinfo|curl_.*' <<<"$imports"
}

@test "notes and tags full of SQL and shell metacharacters come back byte for byte" {
  local notes=(
    "'); DROP TABLE entry; --"
    "Robert'); DELETE FROM pain WHERE 1=1; SELECT ('"
    "\" OR \"1\"=\"1"
    "1; ATTACH DATABASE '/tmp/x.db' AS x; --"
    '$(touch /tmp/niggle-pwned) `touch /tmp/niggle-pwned` ${HOME} $HOME'
    '; rm -rf ~ && echo | cat > /dev/null || true & wait'
    '%s %n %x %p {} {0} {:>99999} %%'
    $'line one\nline two\ttabbed\n'
    '\\ \" \n \0 \x00 \u0000 \\\\'
    '<script>alert(1)</script> &amp; ]]> <![CDATA['
    '{"json": [1, 2, {"nested": "\"quoted\""}]}'
    '🏃‍♀️ Ünïcödé ½ km — “quotes” ‘single’ 日本語 עברית'
    "?, ?, ?); INSERT INTO entry VALUES (?"
    ":name @name \$name ?1 ?999"
  )
  local k=0 note id
  for note in "${notes[@]}"; do
    k=$((k + 1))
    if ((k % 2)); then
      run --separate-stderr niggle log 5k --note "$note" --tag "x';--" --tag '$(id)' --json
    else
      run --separate-stderr niggle pain 3 --note "$note" --tag '"q"' --json
    fi
    [ "$status" -eq 0 ] || { echo "note $k: $stderr"; return 1; }
    # Compared as hex, so that not even a trailing newline can hide.
    [ "$(hex_of "$(jq -j .note <<<"$output"; printf .)")" = "$(hex_of "$note.")" ] ||
      { echo "note $k printed as $(jq .note <<<"$output")"; return 1; }
    id=$(jq -r .id <<<"$output")
    [ "$(sqlite3 "$JOURNAL" "SELECT hex(note) FROM entry WHERE id = $id")" = "$(hex_of "$note")" ] ||
      { echo "note $k stored differently"; return 1; }
  done
  [ "$(entry_count)" -eq "${#notes[@]}" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(name, ' ') FROM (SELECT DISTINCT name FROM tag ORDER BY name)")" = "\"q\" \$(id) x';--" ]
  [ ! -e /tmp/niggle-pwned ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
}

@test "a 64 KiB note of metacharacters through standard input comes back byte for byte" {
  python3 -c 'import sys
chunk = "\x27\x22;--$(x)`y`\\%s\n\t{}<>&|"
sys.stdout.write((chunk * 4000)[:65536])' >"$BATS_TEST_TMPDIR/note"
  [ "$(stat -c %s "$BATS_TEST_TMPDIR/note")" -eq 65536 ]
  run --separate-stderr niggle log 5k --note - --json <"$BATS_TEST_TMPDIR/note"
  [ "$status" -eq 0 ]
  sqlite3 "$JOURNAL" "SELECT writefile('$BATS_TEST_TMPDIR/back', note) FROM entry" >/dev/null
  cmp "$BATS_TEST_TMPDIR/note" "$BATS_TEST_TMPDIR/back"
}
