#!/usr/bin/env python3
"""Vigil against the peers measured in the same session: runs/s, p50 and per-step overhead side by side, and
Vigil's ratio to each peer. Reads the JSON lines that ../shared/peers/common/lib.sh writes (RESULTS_DIR/*.jsonl)."""
import json, os, statistics as st, sys

d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/peers/results"
peers = {}
for f in sorted(os.listdir(d)):
    if f.endswith(".jsonl"):
        rows = [json.loads(l) for l in open(os.path.join(d, f)) if l.strip()]
        if rows:
            peers[rows[0]["peer"]] = rows

def summary(rows):
    s = {}
    for c in (1, 8, 32):
        load = [r for r in rows if r["kind"] == "load" and r["conc"] == c]
        if load:
            s[c] = (st.median(r["ok_per_s"] for r in load), st.median(r["p50_ms"] for r in load),
                    st.median(r["p99_ms"] for r in load))
    per = [r["per_step_ms"] for r in rows if r["kind"] == "perstep" and "via" not in r.get("label", "")]
    s["perstep"] = st.median(per) if per else None
    rss = [r["peak_main_kb"] for r in rows if r["kind"] == "rss"]
    s["rss"] = max(rss) / 1024 if rss else None
    return s

sums = {p: summary(rows) for p, rows in peers.items()}
print("\n===== side by side (medians) =====")
print(f"{'engine':<16}{'c=1 runs/s':>12}{'c=8 runs/s':>12}{'c=32 runs/s':>12}{'p50 c=1 ms':>12}{'p99 c=1 ms':>12}"
      f"{'per-step ms':>13}{'peak RSS MiB':>14}")
for p, s in sums.items():
    cell = lambda c, i: f"{s[c][i]:.1f}" if c in s else "n/a"
    per = "n/a" if s["perstep"] is None else f"{s['perstep']:.4f}"
    rss = "n/a" if s["rss"] is None else f"{s['rss']:.0f}"
    print(f"{p:<16}{cell(1, 0):>12}{cell(8, 0):>12}{cell(32, 0):>12}{cell(1, 1):>12}{cell(1, 2):>12}{per:>13}{rss:>14}")
for v in [p for p in sums if p.startswith("vigil")]:
    for p in [p for p in sums if not p.startswith("vigil")]:
        a, b = sums[v], sums[p]
        ratios = [f"c={c} {a[c][0] / b[c][0]:.1f}x runs/s" for c in (1, 8, 32) if c in a and c in b and b[c][0]]
        if a["perstep"] and b["perstep"]:
            ratios.append(f"per-step overhead 1/{b['perstep'] / a['perstep']:.0f}")
        print(f"{v} vs {p}: " + ", ".join(ratios))
