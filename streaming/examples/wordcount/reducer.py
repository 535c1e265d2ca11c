#!/usr/bin/env python3
"""Word count reducer for Hadoop Streaming and drover streaming.

Reads "word<TAB>count" lines sorted by word (the framework sorts them; in a shell pipeline,
`LC_ALL=C sort` does) and writes "word<TAB>total" once per word. Like the classic version it
relies on sorted input: equal words arrive next to each other. Also usable as the combiner.
"""
import io
import sys


def main():
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="surrogateescape",
                             newline="\n")
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", errors="surrogateescape",
                           newline="\n")
    current, total = None, 0
    for line in stdin:
        word, _, count = line.rstrip("\n").partition("\t")
        if word == current:
            total += int(count)
        else:
            if current is not None:
                out.write(f"{current}\t{total}\n")
            current, total = word, int(count)
    if current is not None:
        out.write(f"{current}\t{total}\n")
    out.flush()


if __name__ == "__main__":
    main()
