# Prints selected environment variables as key<TAB>value, then echoes its input.
import os
import sys
names = ["mapreduce_map_input_file", "map_input_file", "mapreduce_map_input_start",
         "map_input_length", "mapreduce_task_ismap", "mapreduce_job_reduces", "MY_VAR",
         "my_custom_prop", "HADOOP_ROOT_LOGGER", "stream_map_output_field_separator",
         "mapreduce_task_partition", "TMPDIR_IS_SET"]
seen = {n: os.environ.get(n, "<unset>") for n in names}
seen["TMPDIR_IS_SET"] = str("TMPDIR" in os.environ)
for n in names:
    print("%s\t%s" % (n, seen[n]))
for line in sys.stdin:
    sys.stdout.write("line\t" + line)
