"""Helpers of benchmarks/bench_envs.py: CPU metering, the harness side, the raw replays."""
