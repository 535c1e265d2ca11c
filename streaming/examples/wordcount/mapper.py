#!/usr/bin/env python3
"""Word count mapper for Hadoop Streaming and drover streaming.

Reads text on stdin and writes one "word<TAB>1" line per word. Words are what Python's
str.split() returns: runs of characters between Unicode whitespace (so U+00A0 NO-BREAK SPACE
separates words here, unlike java.util.StringTokenizer in `drover wordcount`).
"""
import io
import sys


def main():
    # Bytes that are not UTF-8 pass through unchanged instead of killing the task.
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape")
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="surrogateescape",
                           newline="\n")
    for line in stdin:
        for word in line.split():
            out.write(word + "\t1\n")
    out.flush()


if __name__ == "__main__":
    main()
