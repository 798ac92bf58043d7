#!/usr/bin/env python3
"""Draws the scaling curves of recommend() from a Google Benchmark JSON file as an SVG (standard
library only). Left: per-profile time against the number of synthetic rules, one line per knowledge
base size. Right: the rule index at 1,000 exercises: rules all for another condition against rules
that do not test the condition. Medians (CPU time) when the file has aggregates.

Usage: plot.py results/latest.json results/scaling.svg
"""
import json
import math
import re
import sys

NAME = re.compile(r"^scaling/(\w+)/exercises:(\d+)/rules:(\d+)")
COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]
UNIT = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}


def load(path):
    with open(path) as f:
        doc = json.load(f)
    points = {}  # (mode, exercises, rules) -> microseconds
    for b in doc["benchmarks"]:
        m = NAME.match(b.get("run_name", b["name"]))
        if not m or b.get("aggregate_name", "median") != "median":
            continue
        us = b["cpu_time"] * UNIT[b.get("time_unit", "ns")]
        points[(m.group(1), int(m.group(2)), int(m.group(3)))] = us
    return points


class Panel:
    """One chart: log-scaled x (rules, 0 drawn at the left edge) and log-scaled y (microseconds)."""

    def __init__(self, x0, y0, w, h, title, xs, ys):
        self.x0, self.y0, self.w, self.h, self.title = x0, y0, w, h, title
        pos = [x for x in xs if x > 0] or [1]
        self.xmin, self.xmax = math.log10(min(pos)) - 0.5, math.log10(max(pos)) + 0.2
        self.ymin = math.floor(math.log10(max(min(ys), 1e-3)))
        self.ymax = math.ceil(math.log10(max(ys)) + 1e-9)
        if self.ymax == self.ymin:
            self.ymax += 1

    def px(self, x):
        lx = math.log10(x) if x > 0 else self.xmin
        return self.x0 + (lx - self.xmin) / (self.xmax - self.xmin) * self.w

    def py(self, y):
        ly = math.log10(max(y, 10 ** self.ymin))
        return self.y0 + self.h - (ly - self.ymin) / (self.ymax - self.ymin) * self.h

    def frame(self, xticks):
        s = [f'<rect x="{self.x0}" y="{self.y0}" width="{self.w}" height="{self.h}" fill="none" stroke="#444"/>',
             f'<text x="{self.x0 + self.w / 2}" y="{self.y0 - 12}" text-anchor="middle" font-weight="bold">{self.title}</text>',
             f'<text x="{self.x0 + self.w / 2}" y="{self.y0 + self.h + 40}" text-anchor="middle">synthetic rules</text>',
             f'<text x="{self.x0 - 55}" y="{self.y0 + self.h / 2}" text-anchor="middle" '
             f'transform="rotate(-90 {self.x0 - 55} {self.y0 + self.h / 2})">µs per profile (median CPU)</text>']
        for e in range(self.ymin, self.ymax + 1):
            y = self.py(10 ** e)
            s.append(f'<line x1="{self.x0}" y1="{y}" x2="{self.x0 + self.w}" y2="{y}" stroke="#ddd"/>')
            s.append(f'<text x="{self.x0 - 6}" y="{y + 4}" text-anchor="end">{10 ** e:g}</text>')
        for x in xticks:
            s.append(f'<text x="{self.px(x)}" y="{self.y0 + self.h + 18}" text-anchor="middle">{x:,}</text>')
        return s

    def line(self, pts, colour, label, row):
        pts = sorted(pts)
        path = " ".join(f"{self.px(x):.1f},{self.py(y):.1f}" for x, y in pts)
        s = [f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>']
        s += [f'<circle cx="{self.px(x):.1f}" cy="{self.py(y):.1f}" r="3.5" fill="{colour}"/>' for x, y in pts]
        ly = self.y0 + 16 + 18 * row
        s.append(f'<line x1="{self.x0 + 10}" y1="{ly - 4}" x2="{self.x0 + 30}" y2="{ly - 4}" stroke="{colour}" stroke-width="2"/>')
        s.append(f'<text x="{self.x0 + 36}" y="{ly}">{label}</text>')
        return s


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    points = load(sys.argv[1])
    if not points:
        sys.exit("no scaling/* benchmarks in " + sys.argv[1])
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="460" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>']
    grid = {k: v for k, v in points.items() if k[0] == "mixed"}
    index = {k: v for k, v in points.items() if k[0] in ("other_condition", "general")}
    if grid:
        p = Panel(90, 50, 360, 330, "recommend(): knowledge base x rules (mixed conditions)",
                  [k[2] for k in grid], list(grid.values()))
        svg += p.frame(sorted({k[2] for k in grid}))
        for row, e in enumerate(sorted({k[1] for k in grid})):
            svg += p.line([(k[2], v) for k, v in grid.items() if k[1] == e], COLOURS[row % 5], f"{e:,} exercises", row)
    if index:
        p = Panel(590, 50, 360, 330, "rule index: patient's condition vs other rules",
                  [k[2] for k in index], list(index.values()))
        svg += p.frame(sorted({k[2] for k in index}))
        labels = {"other_condition": "rules all for another condition", "general": "rules that ignore the condition"}
        for row, mode in enumerate(["other_condition", "general"]):
            pts = [(k[2], v) for k, v in index.items() if k[0] == mode]
            if pts:
                svg += p.line(pts, COLOURS[(row + 3) % 5], f"{labels[mode]} ({pts and next(k[1] for k in index if k[0] == mode):,} ex.)", row)
    svg.append("</svg>")
    with open(sys.argv[2], "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    main()
