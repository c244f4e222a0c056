#!/usr/bin/env python3
"""Writes a long, plausible niggle journal for benchmarks and demonstrations.

    python3 bench/generate-journal.py JOURNAL [--years 10] [--entries N] [--end 2026-11-24] [--seed 1]
                                              [--niggle build/niggle] [--no-change-log]

A runner's life, week by week: training blocks that build and ease off, three to six runs
a week with a long run at the end, rest days, strength, walks and some cross-training
(bike, swim, elliptical) on rest days, a pain score on most days (some days have none, as
in a real diary; some have a morning and an evening score), and flare-ups: every few
months the back goes for a week or two, with higher scores, walking that makes it worse,
and now and then tingling or leg pain. Pain also follows the load: it rises when a week
runs well above the mean of the four before. The last twelve weeks build from about 25 to
about 60 km while the back complains more, so `niggle week --weeks 12` has something to
show. Entries are created on their own day, in the order a runner would type them.

--years sets how many years the realistic journal covers (1 year: about 600 entries; 10
years: about 6,000). --entries N pads the journal to N entries with a denser history
before those years, back to 1900 (niggle's first year): a million entries at a runner's
pace would need 1,700 years. The last --years years are then exactly the journal that
--years alone writes (same seed, same entries and UUIDs), so a command that looks only at
recent days has the same work to do at either size.

The journal is created by niggle itself (so its schema, application id and version are
niggle's), then filled in one transaction with prepared statements. The change log that
`niggle undo` walks back gets one "add" per entry, holding the entry's record exactly as
niggle prints it (read back from `niggle export`), so undo works on a generated journal as
on a typed one; --no-change-log leaves it out. The same seed gives the same journal.
"""
import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid

RUN_KINDS = ["easy", "easy", "easy", "easy", "tempo", "intervals", "hills"]
LOCATIONS = ["lower-back", "lower-back", "lower-back", "lower-back", "hip", "glute", "hamstring"]
CROSS = [("bike", 2.0, 25000, 0.11), ("swim", 1.0, 2000, 0.9), ("elliptical", 1.0, 8000, 0.4)]
NOTES = ["felt strong", "back stiff in the morning", "hot day", "new shoes", "windy", "legs heavy",
         "stopped early: back", "with the club", "treadmill, raining", "trail loop"]


def week_targets(rng, weeks):
    """Kilometres per week: blocks that build for 3-5 weeks and ease off, the last 12 rising."""
    targets, level = [], 30.0
    while len(targets) < weeks - 12:
        build = rng.randint(3, 5)
        for i in range(build):
            targets.append(level * (1 + 0.08 * i))
        targets.append(level * 0.6)  # an easy week
        level = min(max(level + rng.uniform(-6, 8), 15.0), 70.0)
    targets = targets[: max(weeks - 12, 0)]
    targets += [25.0 + i * 35.0 / 11 for i in range(min(12, weeks))][-weeks:]  # 25 km to 60 km
    return targets


class Journal:
    """Rows in the order they are made; ids are given when the days are sorted."""

    def __init__(self):
        self.rows = []  # (day, minute of the day, kind, detail, note, tags, uuid)

    def add(self, rng, day, minute, kind, detail, note=None, tags=()):
        self.rows.append((day, minute, kind, detail, note, tuple(tags), str(uuid.UUID(int=rng.getrandbits(128), version=4))))


def realistic(journal, rng, first_monday, weeks, end):
    """The diary of a runner: see the module's docstring."""
    history = []
    flare_until, flare_level, next_flare = None, 0.0, first_monday + dt.timedelta(days=rng.randint(30, 120))
    for week, target in enumerate(week_targets(rng, weeks)):
        monday = first_monday + dt.timedelta(weeks=week)
        run_days = sorted(rng.sample(range(7), rng.randint(3, 6)))
        shares = [rng.uniform(0.6, 1.4) for _ in run_days]
        shares[-1] *= 1.8  # the long run at the end of the week
        total = sum(shares)
        baseline = sum(history[-4:]) / len(history[-4:]) if history else target
        strain = max(0.0, target / baseline - 1.0) if baseline else 0.0
        week_pain = 1.0 + 10 * strain + (week >= weeks - 12) * (week - (weeks - 12)) * 0.4
        for offset in range(7):
            day = monday + dt.timedelta(days=offset)
            if day > end:
                break
            if day >= next_flare and flare_until is None:
                flare_until = day + dt.timedelta(days=rng.randint(5, 14))
                flare_level = rng.uniform(2.5, 5.0)
            flaring = flare_until is not None and day <= flare_until
            if flare_until is not None and day > flare_until:
                flare_until, next_flare = None, day + dt.timedelta(days=rng.randint(60, 150))
            if rng.random() < 0.15:  # a morning score, before anything else
                score = max(0, min(10, round(week_pain + flaring * flare_level + rng.uniform(-1.5, 1.0))))
                journal.add(rng, day, 420 + rng.randint(0, 60), "pain",
                            (score, rng.choice(LOCATIONS), None, "worse" if score >= 6 else "same", "morning", ""))
            if offset in run_days and not (flaring and rng.random() < 0.6):
                km = target * shares[run_days.index(offset)] / total
                metres = float(round(km * 1000))
                seconds = int(km * rng.uniform(300, 390))
                kind = "long" if offset == run_days[-1] else rng.choice(RUN_KINDS)
                planned = float(round(metres * rng.choice([1.0, 1.0, 1.2]))) if rng.random() < 0.3 else None
                tags = ["treadmill"] if rng.random() < 0.08 else []
                note = rng.choice(NOTES) if rng.random() < 0.1 else None
                journal.add(rng, day, 1080 + rng.randint(0, 60), "session",
                            ("run", kind, metres, seconds, planned, rng.randint(3, 8)), note, tags)
            elif rng.random() < 0.5:
                choice = rng.random()
                if choice < 0.35:
                    journal.add(rng, day, 1100, "session", ("strength", None, None, rng.choice([1200, 1800, 2400]), None, None),
                                "core and stretching")
                elif choice < 0.7:
                    metres = float(round(rng.uniform(2000, 6000)))
                    journal.add(rng, day, 1100, "session", ("walk", None, metres, int(metres * 0.72), None, None))
                else:
                    kind, low, high, pace = rng.choice(CROSS)
                    metres = float(round(rng.uniform(low * 1000, high)))
                    journal.add(rng, day, 1100, "session", (kind, None, metres, int(metres * pace * rng.uniform(0.9, 1.1)),
                                                            None, rng.randint(2, 6)), None, ["commute"] if kind == "bike" else [])
            if rng.random() < 0.85:  # most days have a score; the rest are "not recorded"
                score = max(0, min(10, round(week_pain + flaring * flare_level + rng.uniform(-1.5, 1.5))))
                walking = "worse" if score >= 6 else rng.choice(["better", "same"])
                symptoms = ""
                if flaring and rng.random() < 0.2:
                    symptoms = rng.choice(["tingling", "leg-pain", "leg-pain,tingling"])
                side = rng.choice(["left", "right"]) if rng.random() < 0.2 else None
                journal.add(rng, day, 1260 + rng.randint(0, 60), "pain",
                            (score, rng.choice(LOCATIONS), side, walking, rng.choice(["after", "evening"]), symptoms))
        history.append(target)


def padding(journal, rng, first_day, last_day, count):
    """`count` entries spread evenly over [first_day, last_day]: runs and pain scores, many a day."""
    days = (last_day - first_day).days + 1
    for i in range(count):
        day = first_day + dt.timedelta(days=i * days // count)
        if rng.random() < 0.5:
            km = rng.uniform(3, 16)
            journal.add(rng, day, 360 + i % 900, "session",
                        ("run", rng.choice(RUN_KINDS), float(round(km * 1000)), int(km * rng.uniform(300, 390)), None,
                         rng.randint(3, 8)))
        else:
            score = rng.randint(0, 8)
            journal.add(rng, day, 360 + i % 900, "pain",
                        (score, rng.choice(LOCATIONS), None, "worse" if score >= 6 else "same", "evening", ""))


def stamp(day, minute):
    return f"{day.isoformat()}T{minute // 60:02}:{minute % 60:02}:00Z"


def compact_records(export_lines):
    """(id, compact record) for each entry of `niggle export`'s pretty JSON, in niggle's own
    compact form (what nlohmann's dump() writes): the pretty text without its indentation and
    with a key's "key": value written "key":value. Every byte of the values is niggle's."""
    record = None
    for line in export_lines:
        if line.startswith("    {"):
            record = []
        if record is None:
            continue
        text = line.strip()
        if line.startswith('      "'):  # a key of the record (array items are indented further)
            key, value = text.split('": ', 1)
            text = key + '":' + value
        record.append(text)
        if line.startswith("    }"):
            body = "".join(record).rstrip(",")
            yield int(body.split('"id":', 1)[1].split(",", 1)[0]), body
            record = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal")
    parser.add_argument("--years", type=int, default=10, help="years of a runner's diary (default 10)")
    parser.add_argument("--entries", type=int, help="pad to this many entries with a denser history back to 1900")
    parser.add_argument("--end", default="2026-11-24", help="the last day, YYYY-MM-DD (a Tuesday by default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--niggle", default=os.path.join(os.path.dirname(__file__), "..", "build", "niggle"))
    parser.add_argument("--no-change-log", action="store_true", help="leave the change log empty (faster)")
    args = parser.parse_args()

    if os.path.exists(args.journal):
        sys.exit(f"{args.journal} exists; give a new path")
    started = time.monotonic()
    rng = random.Random(args.seed)
    end = dt.date.fromisoformat(args.end)
    end_monday = end - dt.timedelta(days=end.weekday())
    weeks = max(args.years * 52, 1)
    first_monday = end_monday - dt.timedelta(weeks=weeks - 1)

    journal = Journal()
    realistic(journal, rng, first_monday, weeks, end)
    wanted = (args.entries or 0) - 1 - len(journal.rows)  # niggle's own first entry counts too
    first_day = dt.date(1900, 1, 1)
    if wanted > 0:
        padding(journal, random.Random(args.seed + 1_000_003), first_day, first_monday - dt.timedelta(days=1), wanted)
    journal.rows.sort(key=lambda row: (row[0], row[1]))
    opening = journal.rows[0][0] if journal.rows else first_monday

    # niggle creates the journal: its schema, not a copy of it.
    env = dict(os.environ, NIGGLE_TODAY=end.isoformat())
    subprocess.run([args.niggle, "--db", args.journal, "log", "5k", "30:00", "--date", opening.isoformat()],
                   check=True, env=env, stdout=subprocess.DEVNULL)

    db = sqlite3.connect(args.journal, isolation_level=None)
    db.execute("PRAGMA journal_mode = DELETE")  # one big transaction: no WAL the size of the journal
    db.execute("PRAGMA synchronous = OFF")
    next_id = db.execute("SELECT max(id) FROM entry").fetchone()[0] + 1
    db.execute("BEGIN")
    entries, sessions, pains, tags = [], [], [], []

    def flush():
        db.executemany("INSERT INTO entry (id, uuid, kind, day, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       entries)
        db.executemany("INSERT INTO session (entry_id, type, intensity, metres, seconds, planned_metres, rpe) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", sessions)
        db.executemany("INSERT INTO pain (entry_id, score, location, side, walking, timing, symptoms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", pains)
        db.executemany("INSERT INTO tag (entry_id, name) VALUES (?, ?)", tags)
        for rows in (entries, sessions, pains, tags):
            rows.clear()

    counts = {"session": 0, "pain": 0}
    for day, minute, kind, detail, note, tag_names, entry_uuid in journal.rows:
        created = stamp(day, minute)
        entries.append((next_id, entry_uuid, kind, day.isoformat(), note, created, created))
        (sessions if kind == "session" else pains).append((next_id, *detail))
        tags.extend((next_id, name) for name in tag_names)
        counts[kind] += 1
        next_id += 1
        if len(entries) >= 50_000:
            flush()
    flush()
    db.execute("COMMIT")
    written = time.monotonic()

    if not args.no_change_log:
        # Each entry as if typed: a change set of its own, holding the record niggle prints.
        export = subprocess.Popen([args.niggle, "--db", args.journal, "export"], env=env, stdout=subprocess.PIPE,
                                  text=True, encoding="utf-8")
        created_at = dict(db.execute("SELECT id, created_at FROM entry"))
        db.execute("BEGIN")
        change_sets, changes = [], []
        for ident, record in compact_records(export.stdout):
            if ident == 1:
                continue  # niggle logged it itself
            entry_uuid = record.split('"uuid":"', 1)[1].split('"', 1)[0]
            change_sets.append((ident, created_at[ident]))
            changes.append((ident, entry_uuid, record))
            if len(change_sets) >= 50_000:
                db.executemany("INSERT INTO change_set (id, kind, label, at) VALUES (?, 'add', '', ?)", change_sets)
                db.executemany("INSERT INTO change (set_id, seq, action, uuid, after) VALUES (?, 1, 'add', ?, ?)", changes)
                change_sets.clear()
                changes.clear()
        db.executemany("INSERT INTO change_set (id, kind, label, at) VALUES (?, 'add', '', ?)", change_sets)
        db.executemany("INSERT INTO change (set_id, seq, action, uuid, after) VALUES (?, 1, 'add', ?, ?)", changes)
        if export.wait() != 0:
            sys.exit("niggle export failed")
        db.execute("COMMIT")
    db.execute("PRAGMA journal_mode = WAL")  # as niggle keeps it
    db.close()
    total = next_id - 1
    print(f"{args.journal}: {total} entries ({counts['session'] + 1} sessions, {counts['pain']} pain scores), "
          f"{opening} to {end}; {written - started:.1f} s to write the entries, "
          f"{time.monotonic() - started:.1f} s in all")


if __name__ == "__main__":
    main()
