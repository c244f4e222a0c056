#!/usr/bin/env python3
"""A niggle JSON export of a generated journal, for `niggle import` (tests/e2e/insights.bats).

Six months from 2026-05-04: four runs a week with a long run on Sundays, now and then tempo or
hills, strength sessions (some with deadlifts), walks, tags and sleep, and a morning pain score
each day. With --effect N, the morning after a long run is N points worse; with 0, pain is noise
that no factor explains. The same seed gives the same journal.

  python3 tests/insights/generate-journal.py --seed 7 --effect 2 > long.json
"""
import argparse
import datetime
import json
import random
import uuid


def generate(seed, effect, days):
    rng = random.Random(seed)
    start = datetime.date(2026, 5, 4)
    entries = []
    stamp = datetime.datetime(2026, 5, 4, 6, 0, 0)

    def meta(kind, day, tags=()):
        nonlocal stamp
        stamp += datetime.timedelta(minutes=1)
        at = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "kind": kind, "date": day.isoformat(),
                "tags": sorted(tags), "created_at": at, "modified_at": at}

    long_yesterday = False
    for i in range(days):
        day = start + datetime.timedelta(days=i)
        stamp = datetime.datetime.combine(day, datetime.time(6, 0))
        score = round(3 + 1.2 * rng.gauss(0, 1) + (effect if long_yesterday else 0))
        pain = meta("pain", day, ["stress"] if rng.random() < 0.1 else [])
        pain.update({"score": max(0, min(10, score)), "when": "morning"})
        if rng.random() < 0.6:
            pain["sleep_hours"] = round((7.2 + rng.gauss(0, 1)) * 4) / 4
        entries.append(pain)
        long_yesterday = False
        weekday = day.weekday()  # Monday 0
        run = None
        if weekday == 6 and rng.random() < 0.9:
            run = (16 + 3 * rng.random(), "long")
            long_yesterday = True
        elif weekday in (1, 3) or (weekday == 5 and rng.random() < 0.7):
            u = rng.random()
            run = (6 + 3 * rng.random(), "tempo" if u < 0.2 else "hills" if u < 0.35 else "easy")
        elif rng.random() < 0.08:
            run = (5 + 2 * rng.random(), "easy")
        if run:
            session = meta("session", day, ["trail"] if rng.random() < 0.15 else [])
            session.update({"type": "run", "intensity": run[1], "distance_km": round(run[0], 3),
                            "duration_s": int(run[0] * 330)})
            entries.append(session)
        if (weekday == 2 and rng.random() < 0.7) or (weekday == 0 and rng.random() < 0.2):
            session = meta("session", day)
            session.update({"type": "strength", "duration_s": 2400})
            if rng.random() < 0.6:
                session["lifts"] = [f"deadlift:3x5@{60 + round(10 * rng.random())}kg"]
            entries.append(session)
        if rng.random() < 0.2:
            session = meta("session", day)
            session.update({"type": "walk", "distance_km": 3.0, "duration_s": 2400})
            entries.append(session)
    return {"format": "niggle-journal", "version": 1, "entries": entries, "removed": []}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--effect", type=float, default=0.0, help="next-morning rise after a long run")
    parser.add_argument("--days", type=int, default=182)
    args = parser.parse_args()
    print(json.dumps(generate(args.seed, args.effect, args.days), indent=2))


if __name__ == "__main__":
    main()
