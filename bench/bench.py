#!/usr/bin/env python3
"""Times niggle against its floor and against the tools people would use instead.

Run through bench/run.sh, which installs what is missing and builds the "bench" preset;
see BENCHMARKS.md for what is measured and why. Everything happens in one run, so that
the ratios compare figures taken under the same load:

  for each size (1y, 10y, 1m; or small, for CI):
    generate the journal (kept, keyed by the generator's seed and size), its peers' data,
    and the CSV that `import` reads;
    for each command: hyperfine over [start-up floor, sqlite3 start-up, sqlite3 doing the
    command's SQL, niggle doing the command], then max RSS with /usr/bin/time;
    for each peer job: hyperfine over [niggle, the peer].

Writes OUT/results.json (every figure), OUT/raw/*.json (hyperfine's own exports) and
OUT/table.md (the tables that BENCHMARKS.md shows).
"""
import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TODAY = dt.date(2026, 11, 24)  # the generator's last day, a Tuesday; NIGGLE_TODAY pins it
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())
NEXT_MONDAY = MONDAY + dt.timedelta(days=7)
WEEKS52_FIRST = MONDAY - dt.timedelta(weeks=51)
BASELINE_WEEKS = 4  # advice.baseline_weeks: `week` also reads the 4 weeks before its first
ADVISE_FIRST = TODAY - dt.timedelta(days=34)  # history_window: L5's 7 + 28 days is the widest

SIZES = {
    # name: generator arguments, CSV rows that `import` reads, runs, warm-up runs, peers
    "small": {"years": 1, "entries": None, "import_rows": 1_000, "runs": 3, "warmup": 1, "peers": True},
    "1y": {"years": 1, "entries": None, "import_rows": 100_000, "runs": 20, "warmup": 3, "peers": True},
    "10y": {"years": 10, "entries": None, "import_rows": 100_000, "runs": 20, "warmup": 3, "peers": True},
    "1m": {"years": 10, "entries": 1_000_000, "import_rows": 100_000, "runs": 10, "warmup": 2, "peers": False},
}

NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
META = ("e.id, e.uuid, e.day, e.note, e.created_at, e.modified_at, e.source, "
        "(SELECT group_concat(t.name, char(31)) FROM tag t WHERE t.entry_id = e.id)")
SESSION_ROWS = f"SELECT {META}, s.* FROM entry e JOIN session s ON s.entry_id = e.id "
PAIN_ROWS = f"SELECT {META}, p.* FROM entry e JOIN pain p ON p.entry_id = e.id "


def day_sums(first, last):
    """What `week` needs: each day's sessions by type, each day's worst pain."""
    return (f"SELECT e.day, s.type, count(*), total(s.metres), total(s.seconds), max(s.metres), total(s.planned_metres) "
            f"FROM entry e JOIN session s ON s.entry_id = e.id WHERE e.kind = 'session' "
            f"AND e.day BETWEEN '{first}' AND '{last}' GROUP BY e.day, s.type;\n"
            f"SELECT e.day, max(p.score), count(*) FROM entry e JOIN pain p ON p.entry_id = e.id "
            f"WHERE e.kind = 'pain' AND e.day BETWEEN '{first}' AND '{last}' GROUP BY e.day;\n")


def add_sql(kind):
    """What `log` and `pain` write: the entry, its details and its change-log record, in one
    transaction, as durable as niggle makes it (synchronous FULL)."""
    detail = ("INSERT INTO session (entry_id, type, intensity, metres, seconds) VALUES (last_insert_rowid(), 'run', 'easy', 5000, 1650);"
              if kind == "session" else
              "INSERT INTO pain (entry_id, score, location, walking) VALUES (last_insert_rowid(), 3, 'lower-back', 'better');")
    fields = ("'type', s.type, 'intensity', s.intensity, 'distance_km', s.metres / 1000.0, 'duration_s', s.seconds"
              if kind == "session" else "'score', p.score, 'where', p.location, 'walking', p.walking")
    join = "JOIN session s ON s.entry_id = e.id" if kind == "session" else "JOIN pain p ON p.entry_id = e.id"
    return f"""PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
PRAGMA busy_timeout = 30000;
BEGIN IMMEDIATE;
INSERT INTO entry (uuid, kind, day, created_at, modified_at) VALUES (lower(hex(randomblob(16))), '{kind}', '{TODAY}', {NOW}, {NOW});
{detail}
INSERT INTO change_set (kind, at) VALUES ('add', {NOW});
INSERT INTO change (set_id, seq, action, uuid, after)
  SELECT last_insert_rowid(), 1, 'add', e.uuid, json_object('id', e.id, 'uuid', e.uuid, 'kind', e.kind, 'date', e.day, {fields},
                                                           'created_at', e.created_at, 'modified_at', e.modified_at)
  FROM entry e {join} WHERE e.id = (SELECT max(id) FROM entry);
COMMIT;
"""


def import_sql(csv_path):
    """What `import` writes for a CSV of new entries: every row into entry and its details,
    and the change log, in one transaction. The CSV is loaded by the shell's .import."""
    return f""".import --csv --schema temp {csv_path} staging
PRAGMA foreign_keys = ON;
PRAGMA synchronous = FULL;
BEGIN IMMEDIATE;
INSERT INTO entry (uuid, kind, day, note, created_at, modified_at, source)
  SELECT uuid, kind, date, nullif(note, ''), created_at, modified_at, nullif(source, '') FROM staging;
INSERT INTO session (entry_id, type, intensity, metres, seconds, planned_metres, rpe, start_time)
  SELECT e.id, st.type, nullif(st.intensity, ''), nullif(st.distance_km, '') * 1000, nullif(st.duration_s, ''),
         nullif(st.planned_km, '') * 1000, nullif(st.rpe, ''), nullif(st.start_time, '')
  FROM staging st JOIN entry e ON e.uuid = st.uuid WHERE st.kind = 'session';
INSERT INTO pain (entry_id, score, location, side, walking, timing, symptoms)
  SELECT e.id, st.score, nullif(st."where", ''), nullif(st.side, ''), nullif(st.walking, ''), nullif(st."when", ''), st.symptoms
  FROM staging st JOIN entry e ON e.uuid = st.uuid WHERE st.kind = 'pain';
INSERT INTO change_set (kind, label, at) VALUES ('import', 'rows.csv', {NOW});
INSERT INTO change (set_id, seq, action, uuid, after)
  SELECT (SELECT max(id) FROM change_set), row_number() OVER (), 'add', st.uuid,
         json_object('id', e.id, 'uuid', st.uuid, 'kind', st.kind, 'date', st.date, 'type', st.type, 'intensity', st.intensity,
                     'distance_km', st.distance_km, 'duration_s', st.duration_s, 'score', st.score, 'where', st."where",
                     'walking', st.walking, 'when', st."when", 'created_at', st.created_at, 'modified_at', st.modified_at)
  FROM staging st JOIN entry e ON e.uuid = st.uuid;
COMMIT;
"""


def floor_sql(name, csv_path):
    week_first = MONDAY - dt.timedelta(weeks=BASELINE_WEEKS)
    year_first = WEEKS52_FIRST - dt.timedelta(weeks=BASELINE_WEEKS)
    return {
        "log": add_sql("session"),
        FULL_CHECK: add_sql("session"),
        "pain": add_sql("pain"),
        "week": day_sums(week_first, NEXT_MONDAY - dt.timedelta(days=1))
        + SESSION_ROWS + f"WHERE e.kind = 'session' AND e.day BETWEEN '{MONDAY}' AND '{TODAY}' ORDER BY e.day, e.id;\n",
        "week --weeks 52": day_sums(year_first, NEXT_MONDAY - dt.timedelta(days=1)),
        "advise": SESSION_ROWS + f"WHERE e.kind = 'session' AND e.day BETWEEN '{ADVISE_FIRST}' AND '{TODAY}' ORDER BY e.day, e.id;\n"
        + PAIN_ROWS + f"WHERE e.kind = 'pain' AND e.day BETWEEN '{ADVISE_FIRST}' AND '{TODAY}' ORDER BY e.day, e.id;\n",
        "list --limit 20": f"SELECT {META}, s.*, p.* FROM entry e LEFT JOIN session s ON s.entry_id = e.id "
        "LEFT JOIN pain p ON p.entry_id = e.id ORDER BY e.day DESC, e.created_at DESC, e.id DESC LIMIT 20;\n",
        "export": ".mode json\n" + f"SELECT {META}, s.*, p.* FROM entry e LEFT JOIN session s ON s.entry_id = e.id "
        "LEFT JOIN pain p ON p.entry_id = e.id ORDER BY e.day, e.created_at, e.uuid;\n"
        "SELECT uuid, removed_at FROM removal ORDER BY uuid;\n",
        "import": import_sql(csv_path),
    }[name]


# The commands of the issue: (name, niggle's arguments, writes the journal, exit statuses it may give).
# `log` and `pain` add to the journal run after run, as a person does: the journal is restored
# before the series, not before each run, so that the runs after the first find the
# integrity-check memo (docs/RELIABILITY.md) as the previous write left it. The second `log`
# line clears the memo before each run: the first write of a day, or after another program
# touched the journal, which reads every page.
FULL_CHECK = "log, full integrity check"
COMMANDS = [
    ("log", ["log", "5k", "27:30", "--kind", "easy"], True, {0}),
    (FULL_CHECK, ["log", "5k", "27:30", "--kind", "easy"], True, {0}),
    ("pain", ["pain", "3", "--where", "lower-back", "--walking", "better"], True, {0}),
    ("week", ["week"], False, {0}),
    ("week --weeks 52", ["week", "--weeks", "52"], False, {0}),
    ("advise", ["advise"], False, {0, 10, 11, 12}),
    ("list --limit 20", ["list", "--limit", "20"], False, {0}),
    ("export", ["export"], False, {0}),
    ("import", ["import", "{csv}"], True, {0}),
]
EVERYDAY = ["log", "pain", "week", "week --weeks 52", "advise", "list --limit 20"]


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def run(argv, **kwargs):
    return subprocess.run(argv, check=True, **kwargs)


class Bench:
    def __init__(self, args):
        self.args = args
        self.out = os.path.abspath(args.out)
        self.build = os.path.abspath(args.build)
        self.niggle = os.path.join(self.build, "niggle")
        self.floor = os.path.join(self.build, "bench", "niggle_floor")
        self.static_floor = os.path.join(self.build, "bench", "niggle_static_floor")
        self.cache = os.path.abspath(args.cache)
        self.work = os.path.join(self.out, "work")
        self.home = os.path.join(self.work, "home")
        self.memo = os.path.join(self.home, ".local", "state", "niggle", "checked")
        os.makedirs(os.path.join(self.out, "raw"), exist_ok=True)
        os.makedirs(self.cache, exist_ok=True)
        os.makedirs(self.home, exist_ok=True)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_DATA_HOME": os.path.join(self.home, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "LANG": "C.UTF-8",
            "TZ": "UTC",
            "NIGGLE_TODAY": TODAY.isoformat(),
            "TERM": "dumb",
        }
        self.results = {"sizes": {}, "started": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}

    # ---- data -------------------------------------------------------------------------

    def journal(self, size):
        spec = SIZES[size]
        key = f"journal-y{spec['years']}-n{spec['entries'] or 0}-seed1"
        return self.generated(key, ["--years", str(spec["years"])] + (["--entries", str(spec["entries"])] if spec["entries"] else []))

    def generated(self, key, generator_args, change_log=True, seed=1):
        """A generated journal, kept in the cache with how long it took to make."""
        path = os.path.join(self.cache, key + ".db")
        meta_path = os.path.join(self.cache, key + ".json")
        if not (os.path.exists(path) and os.path.exists(meta_path)):
            for stale in (path, path + "-wal", path + "-shm"):
                if os.path.exists(stale):
                    os.remove(stale)
            log(f"generating {key}")
            started = time.monotonic()
            argv = [sys.executable, os.path.join(HERE, "generate-journal.py"), path, "--niggle", self.niggle,
                    "--end", TODAY.isoformat(), "--seed", str(seed)] + generator_args
            if not change_log:
                argv.append("--no-change-log")
            done = run(argv, env=self.env, capture_output=True, text=True)
            meta = {"seconds": round(time.monotonic() - started, 1), "summary": done.stdout.strip(),
                    "bytes": os.path.getsize(path)}
            with open(meta_path, "w") as f:
                json.dump(meta, f)
        with open(meta_path) as f:
            return path, json.load(f)

    def import_csv(self, rows):
        """`rows` new entries (another seed: other UUIDs) as niggle's own CSV export."""
        csv_path = os.path.join(self.cache, f"import-{rows}.csv")
        if not os.path.exists(csv_path):
            source, _ = self.generated(f"import-source-{rows}", ["--years", "1", "--entries", str(rows)], change_log=False, seed=2)
            run([self.niggle, "--db", source, "export", "--format", "csv", "-o", csv_path], env=self.env)
        return csv_path

    # ---- measuring --------------------------------------------------------------------

    def hyperfine(self, label, commands, spec, prepare=None, ignore_failure=False):
        """Runs hyperfine over [(name, argv)], returns {name: figures}; figures in ms."""
        raw = os.path.join(self.out, "raw", label.replace(" ", "_").replace("/", "_") + ".json")
        argv = ["hyperfine", "--style", "none", "-N", "--warmup", str(spec["warmup"]), "--runs", str(spec["runs"]),
                "--export-json", raw]
        if ignore_failure:
            argv.append("-i")
        for name, command in commands:
            if prepare:
                argv += ["--prepare", prepare.get(name, "true")]
        for name, command in commands:
            argv += ["-n", name, shlex.join(command)]
        with open(os.path.join(self.out, "hyperfine.log"), "a") as notes:  # its warnings about outliers
            run(argv, env=self.env, stdout=subprocess.DEVNULL, stderr=notes)
        with open(raw) as f:
            data = json.load(f)
        figures = {}
        for result in data["results"]:
            times = [t * 1000 for t in result["times"]]
            figures[result["command"]] = {"median": statistics.median(times), "min": min(times), "max": max(times),
                                          "mean": statistics.fmean(times), "runs": len(times)}
        return figures

    def max_rss_kb(self, argv, prepare=None, runs=3):
        peak = 0
        for _ in range(runs):
            if prepare:
                run(["sh", "-c", prepare], env=self.env)
            report = os.path.join(self.work, "time.txt")
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report] + argv, env=self.env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            with open(report) as f:
                peak = max(peak, int(f.read().strip().splitlines()[-1]))
        return peak

    def check(self, argv, allowed, prepare=None, what=""):
        """Runs a command once, as the benchmark will, and insists that it works."""
        if prepare:
            run(["sh", "-c", prepare], env=self.env)
        done = subprocess.run(argv, env=self.env, capture_output=True, text=True)
        if done.returncode not in allowed:
            sys.exit(f"bench: {what or argv[0]} failed (exit {done.returncode}): {shlex.join(argv)}\n{done.stderr[-2000:]}")
        return done.stdout

    # ---- one size ---------------------------------------------------------------------

    def size(self, size):
        spec = SIZES[size]
        pristine, meta = self.journal(size)
        csv_path = self.import_csv(spec["import_rows"])
        entries = sqlite3.connect(f"file:{pristine}?mode=ro", uri=True).execute("SELECT count(*) FROM entry").fetchone()[0]
        log(f"{size}: {entries} entries, {meta['bytes'] / 1e6:.1f} MB")
        work = os.path.join(self.work, f"{size}.db")
        restore = (f"rm -f {shlex.quote(work)} {shlex.quote(work)}-wal {shlex.quote(work)}-shm && "
                   f"cp {shlex.quote(pristine)} {shlex.quote(work)} && sync {shlex.quote(work)}")
        run(["sh", "-c", restore])
        result = {"entries": entries, "bytes": meta["bytes"], "generation_s": meta["seconds"], "generator": meta["summary"],
                  "import_rows": spec["import_rows"], "runs": spec["runs"], "warmup": spec["warmup"], "commands": {},
                  "peers": {}}
        floor_argv = [self.floor]
        # The static floor's one query: the worst pain of each day of the pinned week.
        static_argv = [self.static_floor, work,
                       "SELECT e.day, max(p.score), count(*) FROM entry e JOIN pain p ON p.entry_id = e.id "
                       f"WHERE e.kind = 'pain' AND e.day BETWEEN '{MONDAY}' AND '{TODAY}' GROUP BY e.day"]
        self.check(static_argv, {0}, None, "the static floor")
        sqlite_start = ["sqlite3", "-batch", ":memory:", "SELECT 1"]
        for name, niggle_args, writes, allowed in COMMANDS:
            args = [a.replace("{csv}", csv_path) for a in niggle_args]
            niggle_argv = [self.niggle, "--db", work] + args
            script = os.path.join(self.work, f"floor-{size}-{name.replace(' ', '_')}.sql")
            with open(script, "w") as f:
                f.write(floor_sql(name, csv_path))
            sqlite_argv = ["sqlite3", "-batch", work, f".read {script}"]
            prepare = None
            if name == "import":  # the same file imported twice would add nothing the second time
                prepare = {"sqlite3 query": "sh -c " + shlex.quote(restore), "niggle": "sh -c " + shlex.quote(restore)}
            elif name == FULL_CHECK:
                prepare = {"niggle": "rm -f " + shlex.quote(self.memo)}
            self.check(sqlite_argv, {0}, restore if writes else None, f"the floor of {name}")
            self.check(niggle_argv, allowed, restore if writes else None, f"niggle {name}")
            if writes:
                run(["sh", "-c", restore])
            log(f"{size}: {name}")
            figures = self.hyperfine(f"{size}-{name}", [("static floor", static_argv), ("start-up floor", floor_argv),
                                                       ("sqlite3 start-up", sqlite_start),
                                                       ("sqlite3 query", sqlite_argv), ("niggle", niggle_argv)],
                                     spec, prepare, ignore_failure=name == "advise")
            start, shell, query, mine = (figures[k]["median"] for k in ("start-up floor", "sqlite3 start-up", "sqlite3 query", "niggle"))
            floor = start + max(query - shell, 0.0)
            result["commands"][name] = {
                "niggle": figures["niggle"], "startup_floor": figures["start-up floor"], "sqlite3_startup": figures["sqlite3 start-up"],
                "sqlite3_query": figures["sqlite3 query"], "floor_ms": floor, "ratio_to_floor": mine / floor,
                "static_floor": figures["static floor"], "ratio_to_static_floor": mine / figures["static floor"]["median"],
                "max_rss_kb": self.max_rss_kb(niggle_argv, restore if writes else None),
                "floor_max_rss_kb": self.max_rss_kb(sqlite_argv, restore if writes else None),
            }
            if writes:
                run(["sh", "-c", restore])
        # The same answer at 10y and 1m: the padded journal's last ten years are the 10-year journal.
        result["advise_json"] = self.check([self.niggle, "--db", work, "advise", "--json"], {0, 10, 11, 12})
        result["week52_csv"] = self.check([self.niggle, "--db", work, "week", "--weeks", "52", "--csv"], {0})
        if spec["peers"] and not self.args.no_peers:
            result["peers"] = self.peers(size, pristine, work, restore, spec)
        return result

    # ---- peers --------------------------------------------------------------------------

    def peers(self, size, pristine, work, restore, spec):
        from peers import build_peer_data  # bench/peers.py
        base = os.path.join(self.work, f"peers-{size}")
        data = build_peer_data(pristine, base)
        niggle = lambda *args: [self.niggle, "--db", work, *args]
        week_args = ["-b", MONDAY.isoformat(), "-e", NEXT_MONDAY.isoformat()]
        year_args = ["-b", WEEKS52_FIRST.isoformat(), "-e", NEXT_MONDAY.isoformat()]
        timew_env = f"TIMEWARRIORDB={shlex.quote(data['timew'])}"
        task_env = f"TASKRC={shlex.quote(data['taskrc'])}"
        restore_timew = f"rm -rf {data['timew']} && cp -r {data['timew']}.pristine {data['timew']}"
        restore_task = f"rm -rf {data['task']} && cp -r {data['task']}.pristine {data['task']}"
        track = f"{TODAY}T12:00:00Z - {TODAY}T12:27:30Z"
        # niggle adds to its journal run after run, as in the table above; the peers' data is
        # restored before each of their runs.
        jobs = [
            # (job, niggle argv, niggle prepare, peer name, peer argv, peer prepare)
            ("add one entry", niggle("log", "5k", "27:30", "--kind", "easy"), None,
             "timew track", ["env", timew_env, "timew", "track", *track.split(), "run", "easy"], restore_timew),
            ("add one entry", niggle("log", "5k", "27:30", "--kind", "easy"), None,
             "task add", ["env", task_env, "task", "add", "run easy 5k 27:30", "project:run"], restore_task),
            ("add one entry", niggle("log", "5k", "27:30", "--kind", "easy"), None,
             "task log", ["env", task_env, "task", "log", "run easy 5k 27:30", "project:run"], restore_task),
            ("weekly report", niggle("week"), None,
             "timew summary", ["env", timew_env, "timew", "summary", MONDAY.isoformat(), "-", NEXT_MONDAY.isoformat()], None),
            ("weekly report", niggle("week"), None,
             "task completed (the week)", ["env", task_env, "task", f"end.after:{MONDAY - dt.timedelta(days=1)}",
                                           f"end.before:{NEXT_MONDAY}", "completed"], None),
            ("weekly report", niggle("week"), None, "task list", ["env", task_env, "task", "list"], None),
            ("weekly report", niggle("week"), None,
             "hledger register (the week)", ["hledger", "-f", data["ledger"], "register", "training", *week_args], None),
            ("weekly report", niggle("week"), None,
             "ledger register (the week)", ["ledger", "-f", data["ledger"], "register", "training", *week_args], None),
            ("52 weekly totals", niggle("week", "--weeks", "52"), None,
             "hledger balance -W", ["hledger", "-f", data["ledger"], "balance", "training", "-W", *year_args], None),
            ("52 weekly totals", niggle("week", "--weeks", "52"), None,
             "ledger register --weekly", ["ledger", "-f", data["ledger"], "register", "training", "--weekly", *year_args], None),
        ]
        results = []
        for job, mine, mine_prepare, peer, theirs, their_prepare in jobs:
            if their_prepare:
                run(["sh", "-c", their_prepare])
            self.check(theirs, {0, 1} if peer.startswith("task") else {0}, their_prepare, peer)
            self.check(mine, {0}, mine_prepare, "niggle")
            log(f"{size}: {job}: {peer}")
            prepare = ({"niggle": "sh -c " + shlex.quote(mine_prepare or "true"), peer: "sh -c " + shlex.quote(their_prepare or "true")}
                       if mine_prepare or their_prepare else None)
            figures = self.hyperfine(f"{size}-peer-{peer}", [("niggle", mine), (peer, theirs)], spec, prepare,
                                     ignore_failure=peer.startswith("task"))
            results.append({"job": job, "peer": peer, "niggle": figures["niggle"], "peer_figures": figures[peer],
                            "ratio": figures["niggle"]["median"] / figures[peer]["median"],
                            "peer_max_rss_kb": self.max_rss_kb(theirs, their_prepare)})
            if mine_prepare:
                run(["sh", "-c", mine_prepare])
        return {"data": data["summary"], "jobs": results}

    # ---- the whole run --------------------------------------------------------------------

    def machine(self):
        def out(argv):
            try:
                return subprocess.run(argv, capture_output=True, text=True).stdout.strip()
            except OSError:
                return "not installed"
        cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
        mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
        return {
            "cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem / 1024 / 1024, 1),
            "kernel": platform.release(), "os": out(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
            "filesystem": out(["sh", "-c", f"df -T {shlex.quote(self.out)} | tail -1 | awk '{{print $2}}'"]),
            "niggle": out([self.niggle, "--version"]),
            "niggle_bytes": os.path.getsize(self.niggle), "niggle_libraries": out(["sh", "-c", f"ldd {shlex.quote(self.niggle)} | wc -l"]), "commit": out(["git", "-C", HERE, "describe", "--always", "--dirty"]),
            "compiler": out(["sh", "-c", "g++ --version | head -1"]), "sqlite3": out(["sqlite3", "--version"]).split(" ")[0],
            "hyperfine": out(["hyperfine", "--version"]),
            "timew": out(["timew", "--version"]), "task": out(["task", "--version"]),
            "hledger": out(["sh", "-c", "hledger --version | head -1"]), "ledger": out(["sh", "-c", "ledger --version | head -1"]),
            "load_before": open("/proc/loadavg").read().split()[:3],
        }

    def main(self):
        self.results["machine"] = self.machine()
        sizes = ["1y", "10y", "1m"] if self.args.size == "all" else self.args.size.split(",")
        for size in sizes:
            started = time.monotonic()
            self.results["sizes"][size] = self.size(size)
            self.results["sizes"][size]["bench_s"] = round(time.monotonic() - started, 1)
        self.results["machine"]["load_after"] = open("/proc/loadavg").read().split()[:3]
        self.results["finished"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with open(os.path.join(self.out, "results.json"), "w") as f:
            json.dump(self.results, f, indent=1)
        from report import render  # bench/report.py
        table = render(self.results)
        with open(os.path.join(self.out, "table.md"), "w") as f:
            f.write(table)
        print(table)
        shutil.rmtree(self.work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="small", help="small (CI), 1y, 10y, 1m, all, or a comma-separated list")
    parser.add_argument("--out", default="build-bench/results", help="where results go (git-ignored by default)")
    parser.add_argument("--build", default="build-bench", help="the build with niggle and bench/niggle_floor")
    parser.add_argument("--cache", default="build-bench/journals", help="generated journals, kept between runs")
    parser.add_argument("--runs", type=int, help="timed runs per command (default per size)")
    parser.add_argument("--warmup", type=int, help="warm-up runs per command (default per size)")
    parser.add_argument("--no-peers", action="store_true", help="leave out Timewarrior, Taskwarrior, hledger and ledger")
    args = parser.parse_args()
    for spec in SIZES.values():
        if args.runs:
            spec["runs"] = args.runs
        if args.warmup is not None:
            spec["warmup"] = args.warmup
    sys.path.insert(0, HERE)
    Bench(args).main()


if __name__ == "__main__":
    main()
