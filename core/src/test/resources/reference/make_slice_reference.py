#!/usr/bin/python3
"""Python's slice rules, for SliceIndicesTest: what x[start:stop:step] selects from a sequence of each
length (starts and stops from -12 to 12 and None, steps -3 to 3 but 0), as its first position and count,
read from range(*slice(start, stop, step).indices(length)).

Run:
    /usr/bin/python3 core/src/test/resources/reference/make_slice_reference.py > core/src/test/resources/reference/slices.json
"""
import json

cases = []
bounds = [None] + list(range(-12, 13, 3)) + [-1, 1]
for length in (0, 1, 5, 10):
    for start in bounds:
        for stop in bounds:
            for step in (-3, -1, 1, 2, 3):
                selected = range(length)[slice(start, stop, step)]
                cases.append([start, stop, step, length, selected[0] if len(selected) else None, len(selected)])
print(json.dumps({"columns": ["start", "stop", "step", "length", "first", "count"], "cases": cases}))
