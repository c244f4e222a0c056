#!/usr/bin/env python3
"""Writes a long, plausible niggle journal for benchmarks and demonstrations.

    python3 bench/generate-journal.py JOURNAL [--years 10] [--end 2026-11-24] [--seed 1] [--niggle build/niggle]

Ten years of a runner's life: training blocks that build and ease off, three to six runs a
week, strength and walks on some rest days, and a pain score on most days (some days have
none, as in a real diary). Pain follows the load: it rises when a week runs well above the
mean of the four before. The last twelve weeks build from about 25 to about 60 km while the
back complains more, so `niggle week --weeks 12` has something to show.

The journal is created by niggle itself (so its schema, application id and version are
niggle's), then filled in one transaction. The same seed gives the same journal.
"""
import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import uuid

RUN_KINDS = ["easy", "easy", "easy", "long", "tempo", "intervals", "hills"]
LOCATIONS = ["lower-back", "lower-back", "lower-back", "hip", "glute", "hamstring"]


def week_targets(rng, weeks):
    """Kilometres per week: blocks that build for 3-5 weeks and ease off, the last 12 rising."""
    targets, level = [], 30.0
    while len(targets) < weeks - 12:
        build = rng.randint(3, 5)
        for i in range(build):
            targets.append(level * (1 + 0.08 * i))
        targets.append(level * 0.6)  # an easy week
        level = min(max(level + rng.uniform(-6, 8), 15.0), 70.0)
    targets = targets[: weeks - 12]
    targets += [25.0 + i * 35.0 / 11 for i in range(12)]  # 25 km to 60 km
    return targets


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("journal")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--end", default="2026-11-24", help="the last day, YYYY-MM-DD (a Tuesday by default)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--niggle", default=os.path.join(os.path.dirname(__file__), "..", "build", "niggle"))
    args = parser.parse_args()

    if os.path.exists(args.journal):
        sys.exit(f"{args.journal} exists; give a new path")
    rng = random.Random(args.seed)
    end = dt.date.fromisoformat(args.end)
    end_monday = end - dt.timedelta(days=end.weekday())
    weeks = args.years * 52
    first_monday = end_monday - dt.timedelta(weeks=weeks - 1)

    # niggle creates the journal: its schema, not a copy of it.
    env = dict(os.environ, NIGGLE_TODAY=end.isoformat())
    subprocess.run([args.niggle, "--db", args.journal, "log", "5k", "30:00", "--date", first_monday.isoformat()],
                   check=True, env=env, stdout=subprocess.DEVNULL)

    db = sqlite3.connect(args.journal)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    entries, sessions, pains = [], [], []
    next_id = db.execute("SELECT max(id) FROM entry").fetchone()[0] + 1

    def entry(day, kind, note=None):
        nonlocal next_id
        entries.append((next_id, str(uuid.UUID(int=rng.getrandbits(128), version=4)), kind, day.isoformat(), note,
                        stamp, stamp))
        next_id += 1
        return next_id - 1

    history = []
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
            if offset in run_days:
                km = target * shares[run_days.index(offset)] / total
                metres = round(km * 1000, 3)
                seconds = int(km * rng.uniform(300, 390))
                kind = "long" if offset == run_days[-1] else rng.choice(RUN_KINDS)
                planned = round(metres * rng.choice([1.0, 1.0, 1.2]), 3) if rng.random() < 0.3 else None
                sessions.append((entry(day, "session"), "run", kind, metres, seconds, planned, rng.randint(3, 8)))
            elif rng.random() < 0.4:
                if rng.random() < 0.5:
                    sessions.append((entry(day, "session", "core and stretching"), "strength", None, None,
                                     rng.choice([1200, 1800, 2400]), None, None))
                else:
                    metres = round(rng.uniform(2000, 6000), 3)
                    sessions.append((entry(day, "session"), "walk", None, metres, int(metres * 0.72), None, None))
            if rng.random() < 0.85:  # most days have a score; the rest are "not recorded"
                score = max(0, min(10, round(week_pain + rng.uniform(-1.5, 1.5))))
                walking = "worse" if score >= 6 else rng.choice(["better", "same"])
                pains.append((entry(day, "pain"), score, rng.choice(LOCATIONS), walking, rng.choice(["morning", "evening"])))
        history.append(target)

    with db:
        db.executemany("INSERT INTO entry (id, uuid, kind, day, note, created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       entries)
        db.executemany("INSERT INTO session (entry_id, type, intensity, metres, seconds, planned_metres, rpe) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", sessions)
        db.executemany("INSERT INTO pain (entry_id, score, location, walking, timing) VALUES (?, ?, ?, ?, ?)", pains)
    db.close()
    print(f"{args.journal}: {len(entries) + 1} entries ({len(sessions) + 1} sessions, {len(pains)} pain scores), "
          f"{first_monday} to {end}")


if __name__ == "__main__":
    main()
