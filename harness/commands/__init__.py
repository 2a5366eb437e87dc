"""Extra ``harness`` subcommands: each module defines ``register(subparsers)``."""
