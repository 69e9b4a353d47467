#!/usr/bin/env python3
"""Summarises a `walsh tune --json` file: per shape the default's time, the
chosen configuration, the two fastest one-block candidates and the three
fastest clusters (runs 196 and 201)."""
import json
import sys


def name(c):
    cluster = c.get("cluster", 1)
    return "e%d t%d r%d v%d %s%s" % (
        c["elems_per_thread"], c["threads_per_row"], c["rows_per_block"],
        c["vector_width"], c["cross_warp"],
        " c%d" % cluster if cluster > 1 else "")


for s in json.load(open(sys.argv[1]))["shapes"]:
    ts = sorted([t for t in s.get("timings", []) if t["time_us"]],
                key=lambda t: t["time_us"])
    one = [t for t in ts if t["config"].get("cluster", 1) == 1][:2]
    cl = [t for t in ts if t["config"].get("cluster", 1) > 1][:3]
    print(s["dtype"], s.get("d"), s.get("rows"),
          "default %.2f" % s.get("default_us", 0), "| chosen",
          name(s["config"]), "%.2f" % s["time_us"])
    print("   one block:", [(name(t["config"]), round(t["time_us"], 2)) for t in one])
    print("   clusters: ", [(name(t["config"]), round(t["time_us"], 2)) for t in cl])
