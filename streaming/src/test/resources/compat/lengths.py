import sys
for line in sys.stdin.buffer:
    line = line.rstrip(b"\n")
    sys.stdout.buffer.write(b"%d\t%s\n" % (len(line), line[:20] + line[-20:]))
