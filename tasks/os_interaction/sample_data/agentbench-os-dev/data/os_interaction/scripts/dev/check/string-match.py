"""Authored checker (same contract as AgentBench's): argv[1] is the agent's answer, argv[2] the
expected output; exit 0 when they match after stripping."""
import sys

sys.exit(0 if sys.argv[1].strip() == sys.argv[2].strip() else 1)
