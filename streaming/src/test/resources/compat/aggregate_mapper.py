import sys
for line in sys.stdin:
    for w in line.split():
        print("LongValueSum:" + w + "\t1")
        print("UniqValueCount:letters\t" + w[0])
