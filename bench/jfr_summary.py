"""Summarises the execution samples of a JFR recording: hottest methods by self time and by total time.

Usage: python3 jfr_summary.py JFR_TOOL RECORDING [TOP]
"""
import collections
import json
import subprocess
import sys

jfr, recording = sys.argv[1], sys.argv[2]
top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
raw = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
                     check=True, capture_output=True, text=True).stdout
events = json.loads(raw)["recording"]["events"]
self_time = collections.Counter()
total_time = collections.Counter()
packages = collections.Counter()
for event in events:
    frames = event["values"]["stackTrace"]["frames"] if event["values"]["stackTrace"] else []
    names = [f'{f["method"]["type"]["name"].replace("/", ".")}.{f["method"]["name"]}' for f in frames]
    if not names:
        continue
    self_time[names[0]] += 1
    for name in set(names):
        total_time[name] += 1
    # the first frame in Vigil's own code names the part of Vigil that the sample belongs to
    owner = next((n for n in names if n.startswith("dev.vigil.")), names[-1])
    packages[".".join(owner.split(".")[:3])] += 1
n = len(events) or 1
print(f"{len(events)} samples")
for title, counter in (("self", self_time), ("total", total_time), ("by part of Vigil (first Vigil frame)", packages)):
    print(f"-- {title}")
    for name, count in counter.most_common(top):
        print(f"  {100 * count / n:5.1f}%  {name}")
