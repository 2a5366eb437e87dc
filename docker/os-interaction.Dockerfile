# AgentBench's OS-interaction image (data/os_interaction/res/dockerfiles/default at AgentBench
# 41e6807), for `--task-opt sandbox=docker`. Build: docker build -t agentharness/os-interaction -f docker/os-interaction.Dockerfile docker
# Differences from the original: Ubuntu pinned to 22.04 (the original used the moving `ubuntu`
# tag), `apt-get` instead of `apt`, procps added (ps/free are used by group-7 examples).
# The sandbox runs with `--network none`: apt sees one offline, trusted flat repository holding
# `sudo` (not preinstalled), so the three std problems that run `apt update && apt install sudo -y`
# work as they did in the original's networked containers (the local sandbox does the same).
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y python3 python3-pip git vim curl wget unzip zip tree procps dpkg-dev \
    && mkdir -p /opt/harness-apt && cd /opt/harness-apt && apt-get download sudo \
    && dpkg-scanpackages . /dev/null > Packages \
    && apt-get purge -y dpkg-dev && apt-get autoremove -y \
    && echo "deb [trusted=yes] file:/opt/harness-apt ./" > /etc/apt/sources.list \
    && rm -rf /etc/apt/sources.list.d/* /var/lib/apt/lists/* /var/cache/apt/archives/*.deb
CMD ["bash"]
