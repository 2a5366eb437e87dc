"""The interactive shell of AgentBench's image (``FROM ubuntu``, 22.04 when AgentTuning ran), on the
local sandbox's Debian rootfs.

What the agent's terminal prints depends on the login shell's start-up files. In the ``ubuntu``
image, root's ``~/.bashrc`` (Ubuntu's base-files copy of the bash skeleton) sets, for ``TERM=xterm``
(docker's for a tty):

* the prompt ``\\u@\\h:\\w\\$ `` without colour (colour only for ``xterm-color``), preceded by the
  xterm title escape ``ESC ] 0 ; user@host: dir BEL`` -- the escape AgentBench.old's prompt
  pattern needs (``\\x1b.+@.+[#|$] ``);
* ``ls``, ``grep``, ``fgrep`` and ``egrep`` aliased to ``--color=auto`` (colour codes on a
  terminal), with ``LS_COLORS`` from ``dircolors``, and the ``ll``/``la``/``l`` aliases.

Debian's root ``~/.bashrc`` sets none of it (its prompt has no escape at all), and its skeleton
enables only the ``ls`` alias. This module writes a root ``~/.bashrc`` and an ``/etc/skel/.bashrc``
(users that problems create with ``useradd -m``) with the behaviour above, in our own words. Bash
itself (5.2 here, 5.1 in Ubuntu 22.04) enables bracketed paste in both, so readline's
``ESC [?2004h`` / ``ESC [?2004l`` switches come with every prompt and every accepted line.
"""

from __future__ import annotations

import base64

UBUNTU_BASHRC = r"""# ~/.bashrc: interactive bash as in Ubuntu 22.04's docker image (agentharness, see ubuntu_shell.py)
[ -z "$PS1" ] && return

HISTCONTROL=ignoredups:ignorespace
shopt -s histappend
HISTSIZE=1000
HISTFILESIZE=2000
shopt -s checkwinsize

if [ -z "${debian_chroot:-}" ] && [ -r /etc/debian_chroot ]; then
    debian_chroot=$(cat /etc/debian_chroot)
fi

case "$TERM" in
    xterm-color) PS1='${debian_chroot:+($debian_chroot)}\[\033[01;32m\]\u@\h\[\033[00m\]:\[\033[01;34m\]\w\[\033[00m\]\$ ' ;;
    *) PS1='${debian_chroot:+($debian_chroot)}\u@\h:\w\$ ' ;;
esac

case "$TERM" in
    xterm*|rxvt*) PS1="\[\e]0;${debian_chroot:+($debian_chroot)}\u@\h: \w\a\]$PS1" ;;
esac

if [ -x /usr/bin/dircolors ]; then
    if [ -r ~/.dircolors ]; then eval "$(dircolors -b ~/.dircolors)"; else eval "$(dircolors -b)"; fi
    alias ls='ls --color=auto'
    alias grep='grep --color=auto'
    alias fgrep='fgrep --color=auto'
    alias egrep='egrep --color=auto'
fi

alias ll='ls -alF'
alias la='ls -A'
alias l='ls -CF'

if [ -f ~/.bash_aliases ]; then
    . ~/.bash_aliases
fi
"""

FILES = {"/root/.bashrc": UBUNTU_BASHRC, "/etc/skel/.bashrc": UBUNTU_BASHRC}


def install_script() -> str:
    """A ``bash -c`` script (run as the sandbox's root) that writes :data:`FILES`."""
    lines = []
    for path, text in FILES.items():
        b64 = base64.b64encode(text.encode()).decode()
        lines.append(f"echo {b64} | base64 -d > {path} && chmod 644 {path}")
    return " && ".join(lines)
