#!/usr/bin/env python3
"""Plots `walsh bench --json` output as one SVG file: the fraction of the
copy roofline against d (walsh's time over a copy of the same bytes,
measured in the same run), and the speedup over the dense projection
(cuBLAS bf16 on the GPU, OpenBLAS sgemm on the CPU) where the bench timed
it. Python's standard library only.

    walsh bench --target cuda --json > bench.json
    python3 benchmarks/plot.py bench.json -o bench.svg

A series is one dtype at one row count on the GPU (decode rows, 64 or
fewer, only with --decode: they are timed per call, not against a stream
of rows), one dtype at one thread count on the CPU; fused epilogues,
layouts and output casts are series of their own. Records of kernels the
bench refused (their check failed: "ok": false) are left out and counted
on stderr. The SVG is written whole or not
at all (a temporary file beside it, then renamed).
"""

import argparse
import json
import math
import os
import sys
import tempfile
from html import escape

PROG = "plot.py"
WIDTH, PANEL_H = 960, 380
LEFT, RIGHT, TOP, BOTTOM = 70, 250, 46, 52
COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf",
          "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]
REQUIRED = ("d", "dtype", "rows", "target")


class PlotError(Exception):
    """A message naming the argument, and the exit status (2: bad input,
    1: a file that cannot be written)."""

    def __init__(self, message, status=2):
        super().__init__(message)
        self.status = status


def is_count(value, least):
    """An integer (not a bool) of at least `least`."""
    return (isinstance(value, int) and not isinstance(value, bool)
            and value >= least)


def load(path):
    """The records of one `walsh bench --json` file ('-': stdin)."""
    try:
        if path == "-":
            text = sys.stdin.read()
        else:
            with open(path, encoding="utf-8") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise PlotError(f"{path}: cannot read: "
                        f"{getattr(e, 'strerror', None) or e}")
    try:
        records = json.loads(text)
    except json.JSONDecodeError as e:
        raise PlotError(f"{path}: not JSON (line {e.lineno}, column "
                        f"{e.colno}: {e.msg})")
    if isinstance(records, dict):
        records = [records]  # `walsh run --json`'s one object
    if not isinstance(records, list) or not all(
            isinstance(r, dict) and all(k in r for k in REQUIRED)
            for r in records):
        raise PlotError(f"{path}: not `walsh bench --json` output (expects "
                        f"a list of objects with {', '.join(REQUIRED)})")
    for r in records:
        # A refused kernel's record ("ok": false, "error") has no timing.
        fraction = r.get("roofline_fraction")
        if not is_count(r["d"], 1) or not is_count(r["rows"], 0) or (
                r.get("ok") is not False and (
                    not isinstance(fraction, (int, float))
                    or isinstance(fraction, bool))):
            raise PlotError(f"{path}: a record with d = {r['d']!r}, rows = "
                            f"{r['rows']!r} and roofline_fraction = "
                            f"{fraction!r}; expects counts and a number")
    return records


def machine(r):
    """The device a record ran on ("NVIDIA H200", "cpu (znver5)")."""
    return r.get("device") or (r["target"] + (f" ({r['cpu']})"
                                              if r.get("cpu") else ""))


def series_key(r, several_machines):
    """(sort key, label) of the series a record belongs to; the machine
    leads the label where the inputs hold several."""
    extras = []
    if r.get("epilogue", "none") != "none":
        extras.append(r["epilogue"])
    if r.get("layout", "rows") != "rows":
        extras.append(r["layout"])
    if r.get("out_dtype", r["dtype"]) != r["dtype"]:
        extras.append(f"to {r['out_dtype']}")
    if r.get("splits"):
        extras.append(f"{r['splits']} splits")
    if r["target"] == "cpu":
        threads = r.get("threads", 0)
        what = (f"{threads} thread{'s' if threads != 1 else ''}"
                if threads else "all threads")
        key = ("cpu", r["dtype"], threads, tuple(extras))
    else:
        what = f"{r['rows']} row{'s' if r['rows'] != 1 else ''}"
        key = ("cuda", r["dtype"], r["rows"], tuple(extras))
    label = ", ".join([r["dtype"], what] + extras)
    if several_machines:
        label = f"{machine(r)}: {label}"
    return (machine(r),) + key, label


def nice_ticks(lo, hi):
    """Tick values for a linear axis from lo to hi."""
    step = 0.1 if hi - lo <= 1.2 else 0.2 if hi - lo <= 2.5 else 0.5
    n = int(math.floor((hi - lo) / step + 1e-9))
    return [round(lo + i * step, 10) for i in range(n + 1)]


class Panel:
    """One chart: x is log2(d), y linear or log10."""

    def __init__(self, top, x_lo, x_hi, y_lo, y_hi, log_y):
        self.top, self.x_lo, self.x_hi = top, x_lo, x_hi
        self.y_lo, self.y_hi, self.log_y = y_lo, y_hi, log_y
        self.w = WIDTH - LEFT - RIGHT
        self.h = PANEL_H - TOP - BOTTOM

    def x(self, d):
        t = (math.log2(d) - self.x_lo) / (self.x_hi - self.x_lo)
        return LEFT + t * self.w

    def y(self, v):
        if self.log_y:
            v = math.log10(v)
        t = (v - self.y_lo) / (self.y_hi - self.y_lo)
        return self.top + TOP + (1 - t) * self.h


def fmt(v):
    return f"{v:.1f}"


def svg_panel(out, panel, series, field, title, y_label, lines):
    """Axes, grid, reference lines and one polyline a series."""
    top = panel.top + TOP
    bottom = top + panel.h
    out.append(f'<text x="{LEFT}" y="{panel.top + 26}" class="title">'
               f'{escape(title)}</text>')
    # x: every power of two in range.
    for k in range(int(panel.x_lo), int(panel.x_hi) + 1):
        x = fmt(panel.x(2 ** k))
        out.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" '
                   'class="grid"/>')
        out.append(f'<text x="{x}" y="{bottom + 16}" class="tick" '
                   f'text-anchor="middle">{2 ** k}</text>')
    out.append(f'<text x="{LEFT + panel.w / 2:.1f}" y="{bottom + 36}" '
               'class="axis" text-anchor="middle">d</text>')
    if panel.log_y:
        ticks = [10 ** e for e in range(int(panel.y_lo),
                                        int(panel.y_hi) + 1)]
    else:
        ticks = nice_ticks(panel.y_lo, panel.y_hi)
    for v in ticks:
        y = fmt(panel.y(v))
        out.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + panel.w}" '
                   f'y2="{y}" class="grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y}" class="tick" '
                   f'text-anchor="end" dominant-baseline="middle">'
                   f'{v:g}</text>')
    out.append(f'<text transform="translate(16 {top + panel.h / 2:.1f}) '
               f'rotate(-90)" class="axis" text-anchor="middle">'
               f'{escape(y_label)}</text>')
    for i, v in enumerate(lines):
        if panel.y_lo <= v <= panel.y_hi:
            y = fmt(panel.y(v))
            out.append(f'<line x1="{LEFT}" y1="{y}" x2="{LEFT + panel.w}" '
                       f'y2="{y}" class="target"/>')
            # (Labels side by side: close lines' would overlap.)
            out.append(f'<text x="{LEFT + panel.w - 4 - 34 * i}" y="{y}" '
                       f'dy="-4" class="tick" text-anchor="end">{v:g}'
                       '</text>')
    out.append(f'<rect x="{LEFT}" y="{top}" width="{panel.w}" '
               f'height="{panel.h}" class="frame"/>')
    for i, (label, records) in enumerate(series):
        points = [r for r in records if r.get(field) is not None]
        if not points:
            continue
        color = COLORS[i % len(COLORS)]
        coords = " ".join(f"{fmt(panel.x(r['d']))},{fmt(panel.y(r[field]))}"
                          for r in points)
        out.append(f'<polyline points="{coords}" stroke="{color}" '
                   f'class="series"><title>{escape(label)}</title>'
                   '</polyline>')
        for r in points:
            out.append(
                f'<circle cx="{fmt(panel.x(r["d"]))}" '
                f'cy="{fmt(panel.y(r[field]))}" r="2.6" fill="{color}">'
                f'<title>{escape(label)}, d = {r["d"]}: {r[field]:.3g}'
                f'{", %.2f us" % r["time_us"] if "time_us" in r else ""}'
                '</title></circle>')


def render(records, title, lines):
    """The SVG text of the plot of `records`."""
    groups = {}
    several = len({machine(r) for r in records}) > 1
    for r in records:
        key, label = series_key(r, several)
        groups.setdefault(key, (label, []))[1].append(r)
    series = [(label, sorted(rs, key=lambda r: r["d"]))
              for _, (label, rs) in sorted(groups.items(),
                                           key=lambda kv: str(kv[0]))]
    ds = [r["d"] for r in records]
    x_lo = math.floor(math.log2(min(ds)))
    x_hi = max(math.ceil(math.log2(max(ds))), x_lo + 1)
    fractions = [r["roofline_fraction"] for r in records]
    y_hi = max(1.1, math.ceil(max(fractions) * 10 + 1e-9) / 10)
    panels = [("roofline_fraction",
               Panel(0, x_lo, x_hi, 0.0, y_hi, False),
               "fraction of the copy roofline (same bytes, same run)",
               "walsh / copy bandwidth", lines)]
    dense_field = None
    for field, name in (("speedup_vs_cublas", "cuBLAS bf16"),
                        ("speedup_vs_sgemm", "OpenBLAS sgemm")):
        values = [r[field] for r in records
                  if isinstance(r.get(field), (int, float)) and r[field] > 0]
        if values:
            dense_field = field
            lo = math.floor(math.log10(min(values)))
            hi = max(math.ceil(math.log10(max(values))), lo + 1)
            panels.append((field, Panel(PANEL_H, x_lo, x_hi, lo, hi, True),
                           f"speedup over the dense projection ({name})",
                           f"x faster than {name}", [1.0]))
            break
    height = PANEL_H * len(panels)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" '
           f'height="{height + 24}" viewBox="0 0 {WIDTH} {height + 24}" '
           'font-family="sans-serif">',
           "<style>.title{font-size:14px;font-weight:bold}"
           ".tick{font-size:11px;fill:#333}.axis{font-size:12px}"
           ".grid{stroke:#ddd;stroke-width:1}"
           ".frame{fill:none;stroke:#333;stroke-width:1}"
           ".target{stroke:#000;stroke-width:1;stroke-dasharray:5 4}"
           ".series{fill:none;stroke-width:1.8}"
           ".legend{font-size:12px}</style>",
           f'<rect width="{WIDTH}" height="{height + 24}" fill="white"/>',
           f'<text x="{LEFT}" y="{height + 16}" class="tick">'
           f'{escape(title)}</text>']
    for field, panel, panel_title, y_label, panel_lines in panels:
        svg_panel(out, panel, series, field, panel_title, y_label,
                  panel_lines)
    for i, (label, _) in enumerate(series):
        y = TOP + 8 + 18 * i
        x = WIDTH - RIGHT + 16
        color = COLORS[i % len(COLORS)]
        out.append(f'<line x1="{x}" y1="{y}" x2="{x + 22}" y2="{y}" '
                   f'stroke="{color}" stroke-width="2.5"/>')
        out.append(f'<text x="{x + 28}" y="{y}" class="legend" '
                   f'dominant-baseline="middle">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n", len(series), dense_field


def write_whole(path, text):
    """`text` into `path` whole or not at all ('-': stdout)."""
    if path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".tmp-",
                                   dir=directory)
    except OSError as e:
        raise PlotError(f"-o: cannot write {path}: {e.strerror}", 1)
    try:
        # mkstemp's file is the owner's alone; the plot is an ordinary file
        # (0666 less the umask), as open() would have made it.
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise PlotError(f"-o: cannot write {path}: {e.strerror}", 1)


def main(argv):
    parser = argparse.ArgumentParser(
        prog=PROG, description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="JSON",
                        help="`walsh bench --json` output ('-': stdin)")
    parser.add_argument("-o", "--output", required=True, metavar="SVG",
                        help="the SVG file to write ('-': stdout)")
    parser.add_argument("--title", help="a caption (default: the device "
                        "or target and the inputs' names)")
    parser.add_argument("--lines", default="0.9,0.85", metavar="F,F",
                        help="dashed reference lines on the roofline chart "
                        "(default 0.9,0.85: issue 3's and 4's targets; "
                        "'' for none)")
    parser.add_argument("--decode", action="store_true",
                        help="also GPU decode rows (64 or fewer)")
    args = parser.parse_args(argv)
    try:
        try:
            lines = [float(v) for v in args.lines.split(",") if v.strip()]
        except ValueError:
            raise PlotError(f"--lines: expects comma-separated numbers, got "
                            f"'{args.lines}'")
        records, failed = [], 0
        for path in args.inputs:
            for r in load(path):
                if r.get("ok") is False:
                    failed += 1
                elif (args.decode or r["target"] == "cpu"
                      or r["rows"] > 64):
                    records.append(r)
        if failed:
            print(f"{PROG}: left out {failed} refused kernel"
                  f"{'s' if failed != 1 else ''} (\"ok\": false)",
                  file=sys.stderr)
        if not records:
            raise PlotError(f"{', '.join(args.inputs)}: no records to plot"
                            + ("" if args.decode else
                               " (decode rows need --decode)"))
        where = sorted({machine(r) for r in records})
        title = args.title if args.title is not None else (
            f"walsh bench: {', '.join(where)}; "
            f"{', '.join(os.path.basename(p) for p in args.inputs)}")
        text, n_series, dense = render(records, title, lines)
        write_whole(args.output, text)
    except PlotError as e:
        print(f"{PROG}: {e}", file=sys.stderr)
        return e.status
    if args.output != "-":
        print(f"{PROG}: wrote {args.output}: {len(records)} points in "
              f"{n_series} series"
              + ("" if dense else "; no dense timings, so one chart"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
