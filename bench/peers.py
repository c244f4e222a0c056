"""The same journal in the data of the tools people would use instead of niggle.

Each niggle entry becomes one entry of each peer, written in the peer's own file format
(as the peer itself would have written it, but without running it thousands of times):

- Timewarrior: one interval per entry in data/YYYY-MM.data, a session for its duration
  (30 minutes when it has none), a pain score for one minute, tagged with what it was.
- Taskwarrior: one completed task per entry in completed.data (entries are things that
  happened), its end time the entry's creation time, with a project and tags.
- hledger and ledger (one journal serves both): one transaction per entry with a virtual
  posting, a session's kilometres (or minutes) to training:TYPE, a pain score's points to
  pain:WHERE, so a weekly register or balance sums what `niggle week` sums.

Everything lives under the directory given, never in the user's own files.
"""
import datetime as dt
import os
import shutil
import sqlite3
import subprocess


def _rows(journal):
    db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
    query = ("SELECT e.uuid, e.kind, e.day, e.created_at, s.type, s.intensity, s.metres, s.seconds, p.score, p.location "
             "FROM entry e LEFT JOIN session s ON s.entry_id = e.id LEFT JOIN pain p ON p.entry_id = e.id "
             "ORDER BY e.day, substr(e.created_at, 12), e.id")
    yield from db.execute(query)
    db.close()


def _instant(created_at):
    return dt.datetime.strptime(created_at, "%Y-%m-%dT%H:%M:%SZ")


def build_peer_data(journal, base):
    if os.path.exists(base):
        shutil.rmtree(base)
    timew = os.path.join(base, "timewarrior")
    task = os.path.join(base, "task")
    os.makedirs(os.path.join(timew, "data"))
    os.makedirs(task)
    with open(os.path.join(timew, "timewarrior.cfg"), "w") as f:
        f.write("verbose = off\n")
    taskrc = os.path.join(base, "taskrc")
    with open(taskrc, "w") as f:
        f.write(f"data.location={task}\nconfirmation=off\nhooks=off\nnews.version=2.6.0\n")
    ledger = os.path.join(base, "training.journal")

    months, completed, transactions = {}, [], []
    last_end = None
    count = 0
    for entry_uuid, kind, day, created_at, type_, intensity, metres, seconds, score, location in _rows(journal):
        count += 1
        # The entry's day at the time of day it was written (niggle's own first entry was
        # written today about an older day).
        start = dt.datetime.combine(dt.date.fromisoformat(day), _instant(created_at).time())
        if last_end and start < last_end:  # Timewarrior refuses overlapping intervals
            start = last_end
        if kind == "session":
            length = dt.timedelta(seconds=seconds or 1800)
            tags = [type_] + ([intensity] if intensity else [])
            words = f"{type_} {intensity or ''} {metres / 1000:.2f} km".replace("  ", " ") if metres else f"{type_} {(seconds or 0) // 60} min"
            amount = f"{metres / 1000:.3f} km" if metres else f"{(seconds or 0) / 60:.1f} min"
            account = f"training:{type_}"
        else:
            length = dt.timedelta(minutes=1)
            tags = ["pain", location or "unknown", f"score-{score}"]
            words = f"pain {score} {location or ''}".strip()
            amount = f"{score} pts"
            account = f"pain:{location or 'unknown'}"
        end = start + length
        last_end = end
        months.setdefault(start.strftime("%Y-%m"), []).append(
            f"inc {start:%Y%m%dT%H%M%SZ} - {end:%Y%m%dT%H%M%SZ} # {' '.join(tags)}\n")
        stamp = int(start.replace(tzinfo=dt.timezone.utc).timestamp())
        task_tags = ",".join(tags[1:]) if kind == "session" else ",".join(tags[1:2])
        completed.append(f'[description:"{words}" end:"{stamp}" entry:"{stamp}" modified:"{stamp}" '
                         f'project:"{"pain" if kind == "pain" else type_}" status:"completed"'
                         f'{f" tags:{chr(34)}{task_tags}{chr(34)}" if task_tags else ""} uuid:"{entry_uuid}"]\n')
        transactions.append(f"{day} {words}\n    ({account})  {amount}\n\n")

    for month, lines in months.items():
        with open(os.path.join(timew, "data", f"{month}.data"), "w") as f:
            f.writelines(lines)
    with open(os.path.join(task, "completed.data"), "w") as f:
        f.writelines(completed)
    for name in ("pending.data", "backlog.data", "undo.data"):
        open(os.path.join(task, name), "w").close()
    with open(ledger, "w") as f:
        f.writelines(transactions)
    # Timewarrior builds its tag index on first use: once here, so no timed run pays for it.
    subprocess.run(["timew", "tags"], env=dict(os.environ, TIMEWARRIORDB=timew), stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True)
    for directory in (timew, task):
        shutil.copytree(directory, directory + ".pristine")
    return {"timew": timew, "task": task, "taskrc": taskrc, "ledger": ledger,
            "summary": f"{count} Timewarrior intervals, {count} Taskwarrior tasks, {count} ledger transactions"}


if __name__ == "__main__":
    import sys
    print(build_peer_data(sys.argv[1], sys.argv[2])["summary"])
