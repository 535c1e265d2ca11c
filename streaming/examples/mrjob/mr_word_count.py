#!/usr/bin/env python3
"""An mrjob-shaped word count (mrjob itself is not installable here): one step of mapper, combiner
and reducer run as mrjob's hadoop runner runs a job (`python3 mr_word_count.py --step-num=0
--mapper`, ...), speaking mrjob's default protocol (JSON key, TAB, JSON value) and counting with
the stderr line mrjob's increment_counter writes. Used by MrjobCompatibilityIT, MrjobClusterIT
and bench/streaming.sh.
"""
import json, os, re, sys
WORD_RE = re.compile(r"[a-z']+")
def increment_counter(group, counter, amount=1):
    # what mrjob's MRJob.increment_counter writes
    group = group.replace(',', ';'); counter = counter.replace(',', ';')
    sys.stderr.write('reporter:counter:%s,%s,%d\n' % (group, counter, amount))
    sys.stderr.flush()
def pairs():
    for line in sys.stdin:
        k, v = line.rstrip('\n').split('\t', 1)
        yield json.loads(k), json.loads(v)
def summed(final):
    current, total = None, 0
    for k, v in pairs():
        if k != current and current is not None:
            emit(current, total, final)
            total = 0
        current = k
        total += v
    if current is not None:
        emit(current, total, final)
def emit(k, v, final):
    if final:
        increment_counter('wc stats', 'distinct words')
    sys.stdout.write('%s\t%s\n' % (json.dumps(k), json.dumps(v)))
def mapper():
    lower = os.environ.get('WC_LOWER') == '1'  # exported by the setup wrapper
    for line in sys.stdin:
        increment_counter('wc stats', 'lines')
        for w in WORD_RE.findall(line.lower() if lower else line):
            sys.stdout.write('%s\t1\n' % json.dumps(w))
args = sys.argv[1:]
assert args[0] == '--step-num=0', args
if args[1] == '--mapper': mapper()
elif args[1] == '--combiner': summed(False)
elif args[1] == '--reducer': summed(True)
