# AgentBench's OS-interaction image (data/os_interaction/res/dockerfiles/default at AgentBench
# 41e6807), for `--task-opt sandbox=docker`. Build: docker build -t agentharness/os-interaction -f docker/os-interaction.Dockerfile docker
# Differences from the original: Ubuntu pinned to 22.04 (the original used the moving `ubuntu`
# tag), `apt-get` instead of `apt`, procps added (ps/free are used by group-7 examples).
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y python3 python3-pip git vim curl wget unzip zip tree procps \
    && rm -rf /var/lib/apt/lists/*
CMD ["bash"]
