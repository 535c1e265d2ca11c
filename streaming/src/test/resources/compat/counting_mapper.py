# Word count mapper that also reports counters and a status line.
import sys
lines = 0
for line in sys.stdin.buffer:
    lines += 1
    for w in line.split():
        sys.stdout.buffer.write(w + b"\t1\n")
sys.stderr.write("reporter:counter:Compat,Lines,%d\n" % lines)
sys.stderr.write("reporter:counter:Compat,Calls,1\n")
sys.stderr.write("reporter:status:mapped %d lines\n" % lines)
