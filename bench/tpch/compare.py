#!/usr/bin/env python3
"""Compares a Drover result (part files, TSV) with DuckDB's (DuckRun's TSV) as the tests do:
strings and integers exactly, numbers to 1e-9 relative or to half a unit of Drover's last
decimal place (Drover types decimal averages and quotients as decimals, DuckDB as doubles);
rows in order when ORDERED, else as sorted lists; a char(n) column (Drover writes it padded
to n, as Hive does; DuckDB's CHAR is unpadded) without its trailing spaces. Prints 'equal' or
the first difference."""
import sys
from decimal import Decimal, InvalidOperation


def cells(line):
    return line.rstrip("\n").split("\t")


def num(s):
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def same(d, e):
    if d == e:
        return True
    x, y = num(d), num(e)
    if x is None or y is None:
        return False
    scale = -x.as_tuple().exponent if "." in d else 0
    tol = max(Decimal("0.5") * Decimal(10) ** -scale if "." in d else 0,
              Decimal("1e-9") * abs(y))
    return abs(x - y) <= tol


def main():
    drover, duck, ordered = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
    import glob, os
    with open(os.path.join(drover, "_schema"), encoding="utf-8") as f:
        chars = [l.rstrip("\n").split("\t")[1].startswith("char(") for l in f if l != "\n"]
    rows = []
    for p in sorted(glob.glob(os.path.join(drover, "part-*"))):
        with open(p, encoding="utf-8") as f:
            rows += [[c.rstrip(" ") if i < len(chars) and chars[i] else c
                      for i, c in enumerate(cells(l))] for l in f if l != "\n"]
    with open(duck, encoding="utf-8") as f:
        expected = [cells(l) for l in f if l != "\n"]
    if not ordered:
        rows.sort()
        expected.sort()
    if len(rows) != len(expected):
        print(f"DIFFER: {len(rows)} rows, DuckDB {len(expected)}")
        return 1
    for i, (d, e) in enumerate(zip(rows, expected)):
        if len(d) != len(e) or not all(same(a, b) for a, b in zip(d, e)):
            print(f"DIFFER at row {i}: drover {d} duckdb {e}")
            return 1
    print(f"equal ({len(rows)} rows)")
    return 0


sys.exit(main())
