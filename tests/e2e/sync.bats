#!/usr/bin/env bats
# niggle sync: three devices, one folder kept in step by a sync program (here: the same
# folder for all, as a sync program would make it). Each device is its own journal.
load helpers

setup() {
  setup_niggle
  SYNC="$BATS_TEST_TMPDIR/Sync"
  mkdir -p "$SYNC"
}

# A device: its own journal and name.
on() { local device=$1; shift; "$NIGGLE_BIN" --db "$BATS_TEST_TMPDIR/$device.db" "$@"; }
sync_as() { on "$1" sync --name "$1" "$SYNC" "${@:2}"; }

# What a journal holds, ids aside (each journal numbers its entries itself).
contents() { on "$1" export | jq -S '{entries: ([.entries[] | del(.id)] | sort_by(.uuid)), removed: (.removed | sort_by(.uuid))}'; }

three_devices() {
  on laptop log 10k 55:00 --date 2026-11-20 >/dev/null
  on laptop pain 3 --where lower-back --date 2026-11-20 >/dev/null
  on phone log 5k 27:00 --date 2026-11-21 --note "trailhead" >/dev/null
  on desktop pain 2 --date 2026-11-22 >/dev/null
}

@test "three devices converge whatever the order of their syncs" {
  for order in "laptop phone desktop" "laptop desktop phone" "phone laptop desktop" \
    "phone desktop laptop" "desktop laptop phone" "desktop phone laptop"; do
    rm -rf "$SYNC" "$BATS_TEST_TMPDIR"/*.db* && mkdir -p "$SYNC"
    three_devices
    # Two rounds: the first device to sync cannot yet see the last one's entries.
    for device in $order $order; do sync_as "$device" >/dev/null; done
    [ "$(contents laptop)" = "$(contents phone)" ] || { echo "order $order: laptop and phone differ"; return 1; }
    [ "$(contents laptop)" = "$(contents desktop)" ] || { echo "order $order: laptop and desktop differ"; return 1; }
    [ "$(contents laptop | jq '.entries | length')" -eq 4 ]
  done
}

@test "each device says what every other device brought, and writes its own file" {
  three_devices
  run sync_as laptop
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "No other device has synced to '$SYNC' yet" ]
  [ "${lines[1]}" = "laptop (this device): wrote laptop.niggle.json, 2 entries" ]
  sync_as phone >/dev/null
  run sync_as desktop
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "laptop: 2 added" ]
  [ "${lines[1]}" = "phone: 1 added" ]
  [ "${lines[2]}" = "desktop (this device): wrote desktop.niggle.json, 4 entries" ]
  jq -e '.format == "niggle-journal" and (.entries | length == 4)' "$SYNC/desktop.niggle.json"
  [ "$(file_mode "$SYNC/desktop.niggle.json")" = 600 ]
  [ "$(file_mode "$BATS_TEST_TMPDIR/desktop.db.sync-state")" = 600 ]
  # no temporary file is left in the folder
  [ "$(find "$SYNC" -name '.*' | wc -l)" -eq 0 ]
}

@test "an edit on one device and a removal on another both arrive everywhere" {
  three_devices
  for device in laptop phone desktop laptop phone desktop; do sync_as "$device" >/dev/null; done
  local run_uuid pain_uuid
  run_uuid=$(on phone list --json | jq -r '.[] | select(.kind == "session" and .distance_km == 10) | .uuid')
  pain_uuid=$(on desktop list --json | jq -r '.[] | select(.kind == "pain" and .score == 3) | .uuid')
  on phone edit "$(on phone list --json | jq -r ".[] | select(.uuid == \"$run_uuid\") | .id")" --note "felt the back at 8k" >/dev/null
  on desktop rm "$(on desktop list --json | jq -r ".[] | select(.uuid == \"$pain_uuid\") | .id")" --force >/dev/null
  run sync_as phone
  [ "${lines[0]}" = "desktop: nothing new" ]
  run sync_as desktop
  [ "${lines[1]}" = "phone: 1 updated" ]
  run sync_as laptop
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "desktop: 1 updated, 1 removed" ]
  for device in phone desktop laptop phone; do sync_as "$device" >/dev/null; done
  for device in laptop phone desktop; do
    [ "$(on "$device" list --json | jq -r ".[] | select(.uuid == \"$run_uuid\") | .note")" = "felt the back at 8k" ]
    [ -z "$(on "$device" list --json | jq -r ".[] | select(.uuid == \"$pain_uuid\") | .uuid")" ]
  done
  [ "$(contents laptop)" = "$(contents phone)" ]
  [ "$(contents phone)" = "$(contents desktop)" ]
}

@test "a sync with nothing new parses nothing and rewrites nothing" {
  three_devices
  for device in laptop phone desktop laptop phone desktop; do sync_as "$device" >/dev/null; done
  # phone's file changed after laptop's last sync: this one still reads it, and finds nothing new
  run sync_as laptop
  [ "$output" = "$(printf 'desktop: nothing new\nphone: nothing new\nlaptop (this device): laptop.niggle.json is up to date')" ]
  local before
  before=$(stat -c '%i %Y' "$SYNC/laptop.niggle.json")
  run sync_as laptop
  [ "$status" -eq 0 ]
  [ "$output" = "Nothing new: 2 other device files in '$SYNC', laptop.niggle.json up to date" ]
  [ "$(stat -c '%i %Y' "$SYNC/laptop.niggle.json")" = "$before" ]
  run sync_as laptop --json
  jq -e '.up_to_date == true and .wrote == false and (.sources | length == 3)' <<<"$output"
  # A sync program that rewrites a file with the same bytes brings nothing new either.
  cp -p "$SYNC/phone.niggle.json" "$SYNC/phone.copy" && mv "$SYNC/phone.copy" "$SYNC/phone.niggle.json"
  run sync_as laptop
  [ "$output" = "Nothing new: 2 other device files in '$SYNC', laptop.niggle.json up to date" ]
  # A new entry here is a change: the file is rewritten.
  on laptop pain 1 >/dev/null
  run sync_as laptop
  [ "${lines[-1]}" = "laptop (this device): wrote laptop.niggle.json, 5 entries" ]
}

@test "a truncated device file is refused by name, and the others are still merged" {
  three_devices
  sync_as phone >/dev/null
  sync_as desktop >/dev/null
  head -c 300 "$SYNC/phone.niggle.json" >"$SYNC/phone.niggle.json.tmp" && mv "$SYNC/phone.niggle.json.tmp" "$SYNC/phone.niggle.json"
  run --separate-stderr sync_as laptop
  [ "$status" -eq 7 ]
  [ "${lines[0]}" = "desktop: 2 added" ]
  [[ "$stderr" == *"'phone.niggle.json' is not valid JSON"*"it was not merged"* ]]
  [[ "${stderr_lines[-1]}" == "niggle: error: 1 of 2 files in the sync folder was not merged (see above); the others were" ]]
  # desktop's entries (its pain, phone's run by way of desktop) arrived; nothing from the broken file
  [ "$(entry_count "$BATS_TEST_TMPDIR/laptop.db")" -eq 4 ]
  # nothing new, but the refusal is said again
  run --separate-stderr sync_as laptop
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"'phone.niggle.json' is not valid JSON"* ]]
}

@test "another program's file, or an export with an invalid record, is refused whole" {
  three_devices
  echo '{"hello": "world"}' >"$SYNC/other.niggle.json"
  on phone export | jq '.entries[0].score = 11' >"$SYNC/broken.niggle.json"
  run --separate-stderr sync_as laptop
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"'other.niggle.json'"*"it was not merged"* ]]
  [[ "$stderr" == *"'broken.niggle.json': 1 of 1 records are invalid"* ]]
  [ "$(entry_count "$BATS_TEST_TMPDIR/laptop.db")" -eq 2 ]
}

@test "conflict copies of Syncthing, Nextcloud and Dropbox are merged too, and said so" {
  three_devices
  sync_as phone >/dev/null
  # three older versions of phone's file, each with an entry the others lack
  on spare1 log 3k 18:00 --date 2026-11-23 >/dev/null
  on spare1 export >"$SYNC/phone.niggle.sync-conflict-20261124-101010-ABCDEFG.json"
  on spare2 pain 5 --date 2026-11-23 >/dev/null
  on spare2 export >"$SYNC/phone.niggle (conflicted copy 2026-11-24 101010).json"
  on spare3 pain 1 --date 2026-11-23 >/dev/null
  on spare3 export >"$SYNC/phone.niggle (laptop's conflicted copy 2026-11-24).json"
  run sync_as laptop
  [ "$status" -eq 0 ]
  [[ "$output" == *"phone (Syncthing conflict copy phone.niggle.sync-conflict-20261124-101010-ABCDEFG.json): 1 added"* ]]
  [[ "$output" == *"phone (Nextcloud conflict copy phone.niggle (conflicted copy 2026-11-24 101010).json): 1 added"* ]]
  [[ "$output" == *"phone (Dropbox conflict copy phone.niggle (laptop's conflicted copy 2026-11-24).json): 1 added"* ]]
  [ "$(entry_count "$BATS_TEST_TMPDIR/laptop.db")" -eq 6 ]
}

@test "--dry-run says what would happen and changes neither the journal nor the folder" {
  three_devices
  sync_as phone >/dev/null
  local before folder
  before=$(journal_digest "$BATS_TEST_TMPDIR/laptop.db")
  folder=$(find "$SYNC" -printf '%p %s %T@\n' | sort | sha256sum)
  run sync_as laptop --dry-run
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "phone: would be 1 added" ]
  [ "${lines[1]}" = "laptop (this device): would write laptop.niggle.json, 2 entries" ]
  [ "$(journal_digest "$BATS_TEST_TMPDIR/laptop.db")" = "$before" ]
  [ "$(find "$SYNC" -printf '%p %s %T@\n' | sort | sha256sum)" = "$folder" ]
  [ ! -e "$BATS_TEST_TMPDIR/laptop.db.sync-state" ]
}

@test "sync_dir and sync_name come from the config; ~ is the home folder" {
  mkdir -p "$(dirname "$CONFIG")" "$HOME/Sync/niggle"
  printf 'sync_dir = "~/Sync/niggle"\nsync_name = "tablet"\n' >"$CONFIG"
  niggle pain 2 >/dev/null
  run niggle sync
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "tablet (this device): wrote tablet.niggle.json, 1 entry" ]
  [ -f "$HOME/Sync/niggle/tablet.niggle.json" ]
  run niggle config --json
  jq -e '.settings.sync_dir.value == "~/Sync/niggle" and .settings.sync_name.value == "tablet"' <<<"$output"
}

@test "bad input: a clear error, exit code, and nothing written" {
  run --separate-stderr niggle sync
  [ "$status" -eq 2 ]
  assert_one_error_line
  [[ "$stderr" == *"no folder to sync with"*"sync_dir"* ]]
  run --separate-stderr niggle sync "$BATS_TEST_TMPDIR/nowhere"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"'$BATS_TEST_TMPDIR/nowhere' does not exist"* ]]
  run --separate-stderr niggle sync --name "../evil" "$SYNC"
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"--name '../evil' is not a device name"* ]]
  mkdir -p "$(dirname "$CONFIG")"
  printf 'sync_name = "my phone"\n' >"$CONFIG"
  run --separate-stderr niggle sync "$SYNC"
  [ "$status" -eq 4 ]
  [[ "$stderr" == *"'sync_name' 'my phone' is not a device name"* ]]
  [ ! -e "$JOURNAL" ]
  [ -z "$(ls -A "$SYNC")" ]
}

@test "two devices syncing under one name lose nothing, and are told to pick their own names" {
  on laptop log 10k 55:00 --date 2026-11-20 >/dev/null
  on other pain 4 --date 2026-11-21 >/dev/null
  sync_as laptop >/dev/null
  # another machine, also calling itself laptop, overwrites laptop's file with its own
  on other sync --name laptop "$SYNC" >/dev/null 2>&1
  run --separate-stderr sync_as laptop
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"laptop.niggle.json (this device's file) held 1 entry this journal lacked, now merged; if another device also syncs as 'laptop', give each its own sync_name"* ]]
  [ "$(entry_count "$BATS_TEST_TMPDIR/laptop.db")" -eq 2 ]
  jq -e '.entries | length == 2' "$SYNC/laptop.niggle.json"
}
