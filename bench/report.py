"""Markdown tables from bench.py's results.json: BENCHMARKS.md is made from them.

    python3 bench/report.py build-bench/results/results.json
"""
import json
import sys

EVERYDAY = ["log", "pain", "week", "week --weeks 52", "advise", "list --limit 20"]


def ms(value):
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def mb(kb):
    return f"{kb / 1024:.1f}"


def static(command):
    """The static floor's median and niggle's ratio to it (results from before it existed have none)."""
    if "static_floor" not in command:
        return "- | -"
    return f"{ms(command['static_floor']['median'])} | {command['ratio_to_static_floor']:.2f}"


def size_table(name, size):
    lines = [f"### {name}: {size['entries']:,} entries, {size['bytes'] / 1e6:.1f} MB "
             f"({size['runs']} runs after {size['warmup']} warm-up runs; times in ms)", "",
             "| command | niggle median | min-max | floor | niggle / floor | static floor | niggle / static floor | max RSS (MB) | start-up floor | sqlite3 start-up | sqlite3 query | sqlite3 RSS (MB) |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for command, c in size["commands"].items():
        n = c["niggle"]
        label = f"import ({size['import_rows']:,} CSV rows)" if command == "import" else command
        lines.append(f"| `{label}` | {ms(n['median'])} | {ms(n['min'])}-{ms(n['max'])} | {ms(c['floor_ms'])} | "
                     f"{c['ratio_to_floor']:.2f} | {static(c)} | {mb(c['max_rss_kb'])} | {ms(c['startup_floor']['median'])} | "
                     f"{ms(c['sqlite3_startup']['median'])} | {ms(c['sqlite3_query']['median'])} | {mb(c['floor_max_rss_kb'])} |")
    return "\n".join(lines)


def growth_table(results):
    names = [n for n in ("small", "1y", "10y", "1m") if n in results["sizes"]]
    if len(names) < 2:
        return ""
    sizes = results["sizes"]
    header = "| command | " + " | ".join(f"{n} (ms)" for n in names) + " | " + " | ".join(
        f"{b} / {a}" for a, b in zip(names, names[1:])) + " |"
    lines = ["### Growth with the journal's size (niggle medians)", "", header,
             "|---|" + "--:|" * (2 * len(names) - 1)]
    for command in sizes[names[0]]["commands"]:
        medians = [sizes[n]["commands"][command]["niggle"]["median"] for n in names]
        lines.append(f"| `{command}` | " + " | ".join(ms(m) for m in medians) + " | " +
                     " | ".join(f"{b / a:.2f}" for a, b in zip(medians, medians[1:])) + " |")
    return "\n".join(lines)


def peers_table(name, size):
    peers = size.get("peers") or {}
    if not peers:
        return ""
    lines = [f"### Peers on the {name} journal ({peers['data']}; times in ms)", "",
             "| job | peer | niggle median (min-max) | peer median (min-max) | niggle / peer | peer max RSS (MB) |",
             "|---|---|--:|--:|--:|--:|"]
    for job in peers["jobs"]:
        n, p = job["niggle"], job["peer_figures"]
        lines.append(f"| {job['job']} | `{job['peer']}` | {ms(n['median'])} ({ms(n['min'])}-{ms(n['max'])}) | "
                     f"{ms(p['median'])} ({ms(p['min'])}-{ms(p['max'])}) | {job['ratio']:.2f} | {mb(job['peer_max_rss_kb'])} |")
    return "\n".join(lines)


def targets(results):
    sizes = results["sizes"]
    rows = []

    def row(target, figure, met):
        rows.append(f"| {target} | {figure} | {'met' if met else '**missed**'} |")

    if "10y" in sizes:
        ten = sizes["10y"]
        for command in EVERYDAY:
            ratio = ten["commands"][command]["ratio_to_floor"]
            row(f"10y: `{command}` within 1.5x of its floor", f"{ratio:.2f}x", ratio <= 1.5)
        for command, limit in (("advise", 1.5), ("week", 1.5), ("week --weeks 52", 2.0)):
            if "ratio_to_static_floor" in ten["commands"][command]:
                ratio = ten["commands"][command]["ratio_to_static_floor"]
                row(f"10y: `{command}` within {limit}x of the static floor", f"{ratio:.2f}x", ratio <= limit)
        jobs = {job["peer"]: job for job in (ten.get("peers") or {}).get("jobs", [])}
        if "timew summary" in jobs:
            ratio = jobs["timew summary"]["ratio"]
            row("10y: `niggle week` at most half of `timew summary`", f"niggle / peer {ratio:.2f}", ratio <= 0.5)
        if "timew track" in jobs:
            track = jobs["timew track"]["peer_figures"]["median"]
            # `log` side by side with the peer, in one hyperfine run; `pain` from its own line.
            ratio = jobs["timew track"]["ratio"]
            row("10y: `log` (durable) at most 0.8x `timew track`", f"niggle / peer {ratio:.2f}", ratio <= 0.8)
            ratio = ten["commands"]["pain"]["niggle"]["median"] / track
            row("10y: `pain` (durable) at most 0.8x `timew track`", f"niggle / peer {ratio:.2f}", ratio <= 0.8)
        for job in (ten.get("peers") or {}).get("jobs", []):
            row(f"10y: `{job['peer']}` slower than niggle ({job['job']})", f"niggle / peer {job['ratio']:.2f}", job["ratio"] < 1)
    if "1m" in sizes and "10y" in sizes:
        big, ten = sizes["1m"], sizes["10y"]
        growth = big["commands"]["advise"]["niggle"]["median"] / ten["commands"]["advise"]["niggle"]["median"]
        row("1m: `advise` within 2x of its 10y time", f"{growth:.2f}x", growth <= 2)
        same = big["advise_json"] == ten["advise_json"] and big["week52_csv"] == ten["week52_csv"]
        row("1m and 10y give the same `advise --json` and `week --weeks 52 --csv`", "identical" if same else "different", same)
    if "1m" in sizes:
        week = sizes["1m"]["commands"]["week --weeks 52"]["niggle"]["median"]
        row("1m: `week --weeks 52` under 50 ms", f"{ms(week)} ms", week < 50)
    for name, size in sizes.items():
        if size["import_rows"] >= 100_000:
            median = size["commands"]["import"]["niggle"]["median"]
            row(f"{name}: import of {size['import_rows']:,} CSV rows under 2 s", f"{median / 1000:.2f} s", median < 2000)
    if not rows:
        return ""
    return "\n".join(["### Targets", "", "| target | figure | |", "|---|--:|---|"] + rows)


def machine(results):
    m = results["machine"]
    return "\n".join([
        "### Machine", "",
        f"- {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}, Linux {m['kernel']}; {m['filesystem']}",
        f"- load average (1, 5, 15 min) {' '.join(m['load_before'])} before, {' '.join(m['load_after'])} after; "
        f"run {results['started']} to {results['finished']}",
        f"- {m['niggle']} ({m['commit']}), {m['compiler']}, sqlite3 {m['sqlite3']}, {m['hyperfine']}",
        *([f"- the niggle binary: {m['niggle_bytes']:,} bytes as built (with debugging information), "
           f"{m['niggle_libraries']} lines of `ldd`"] if "niggle_bytes" in m else []),
        f"- peers: timew {m['timew']}, task {m['task']}, {m['hledger']}, {m['ledger']}",
    ])


def generation(results):
    lines = ["### Generated journals", "", "| size | entries | file (MB) | generation (s) |", "|---|--:|--:|--:|"]
    for name, size in results["sizes"].items():
        lines.append(f"| {name} | {size['entries']:,} | {size['bytes'] / 1e6:.1f} | {size['generation_s']} |")
    return "\n".join(lines)


def render(results):
    parts = [machine(results), targets(results)]
    for name, size in results["sizes"].items():
        parts += [size_table(name, size), peers_table(name, size)]
    parts += [growth_table(results), generation(results)]
    return "\n\n".join(p for p in parts if p) + "\n"


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        sys.stdout.write(render(json.load(f)))
