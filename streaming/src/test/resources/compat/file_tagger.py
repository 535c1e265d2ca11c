# Tags each line with the base name of the file it came from (map_input_file).
import os
import sys
name = os.path.basename(os.environ.get("map_input_file", "<unset>"))
for line in sys.stdin:
    sys.stdout.write(name + "\t" + line)
