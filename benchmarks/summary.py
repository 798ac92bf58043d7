#!/usr/bin/env python3
"""Prints the figures the performance table needs (docs/performance.md) from a Google Benchmark JSON
file and the peak-memory probe: medians per group, worst and best profile, ratios, patients per second.
Standard library only.

Usage: summary.py results/latest.json results/peak_rss.json
"""
import json
import re
import statistics
import sys

UNIT = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}


def medians(path):
    with open(path) as f:
        doc = json.load(f)
    out = {}
    for b in doc["benchmarks"]:
        if b.get("aggregate_name", "median") != "median":
            continue
        name = re.sub(r"/(min_time|iterations|repeats):[^/]*", "", b.get("run_name", b["name"]))
        out[name] = b
    return doc["context"], out


def us(b):
    return b["real_time"] * UNIT[b.get("time_unit", "ns")]


def group(rows, prefix):
    return {k[len(prefix):]: us(v) for k, v in rows.items() if k.startswith(prefix)}


def spread(label, values, target=None):
    if not values:
        return
    v = sorted(values.values())
    worst = max(values, key=values.get)
    line = f"{label}: median {statistics.median(v):.1f} us, range {v[0]:.1f}-{v[-1]:.1f} us (slowest {worst})"
    if target is not None:
        line += f"; {sum(x <= target for x in v)}/{len(v)} within {target} us"
    print(line)


def main():
    context, rows = medians(sys.argv[1])
    print(f"date {context['date']}, host {context['host_name']}, {context['num_cpus']} CPUs at "
          f"{context['mhz_per_cpu']} MHz, load average {', '.join(f'{x:.2f}' for x in context['load_avg'])}")
    spread("core (profiles in code)", group(rows, "recommend/core/"), 10)
    spread("core (example profiles)", group(rows, "recommend/example_core/"), 10)
    spread("trace (profiles in code)", group(rows, "recommend/trace/"))
    spread("end to end, full document", group(rows, "recommend/end_to_end/"), 50)
    spread("end to end, summary line", group(rows, "recommend/end_to_end_summary/"), 50)
    core, trace = group(rows, "recommend/example_core/"), group(rows, "recommend/example_trace/")
    ratios = {k: trace[k] / core[k] for k in core if k in trace}
    if ratios:
        print(f"trace / no trace: max {max(ratios.values()):.2f}x ({max(ratios, key=ratios.get)}), "
              f"median {statistics.median(ratios.values()):.2f}x")
    for k, v in rows.items():
        if k.startswith("load/"):
            extra = {c: round(x, 1) for c, x in v.items() if c.endswith("_ms")}
            print(f"{k}: {us(v) / 1000:.1f} ms {extra if extra else ''}")
    for k, v in group(rows, "scaling/").items():
        print(f"scaling/{k}: {v:.1f} us")
    pps = {k: v["patients_per_s"] for k, v in rows.items() if k.startswith("workload/")}
    for size in sorted({k.split("/", 2)[2] for k in pps}, key=lambda s: int(re.search(r"\d+", s).group())):
        r, loop, clips = (pps.get(f"workload/{e}/{size}") for e in ("rehab", "plain_loop", "clips"))
        if not r or not loop:
            continue
        line = f"workload {size}: rehab {r:,.0f}/s, plain loop {loop:,.0f}/s ({loop / r:.2f}x rehab)"
        if clips:
            line += f", CLIPS {clips:,.0f}/s (rehab {r / clips:.1f}x CLIPS)"
        print(line)
    if len(sys.argv) > 2:
        with open(sys.argv[2]) as f:
            print("peak memory probe:", f.read().strip())


if __name__ == "__main__":
    main()
