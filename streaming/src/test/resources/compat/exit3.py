import sys
for i, line in enumerate(sys.stdin):
    if i == 2:
        sys.stderr.write("bad record: %s" % line)
        sys.exit(3)
    sys.stdout.write(line)
