import sys

expected, got = sys.argv[2], sys.argv[1]
sys.exit(0 if int(got) == int(expected) else 1)
