"""Child processes that die with the process that started them.

A build composes articles in forked workers and `layout watch` forks a child per rebuild;
when the parent is killed (SIGKILL, SIGTERM, a closed terminal) none of them may run on.
"""

from __future__ import annotations

import os
import signal

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when `parent` dies, however it dies (even SIGKILL).

    Linux's parent-death signal (prctl PR_SET_PDEATHSIG), asked for through ctypes; elsewhere
    nothing can be asked. If the parent died before the request was made, leave at once.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: no parent-death signal to ask for
        pass
    if os.getppid() != parent:
        os._exit(1)
