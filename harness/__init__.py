"""agentharness: the evaluation harness of AgentTuning / AgentLM, as one product."""

__version__ = "0.1.0"
