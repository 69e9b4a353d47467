"""Runs a command in a process that may not make memory executable after
writing it: Linux's prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN) (6.3 and
later), kept across exec, what systemd's MemoryDenyWriteExecute=yes also
enforces. `mdwe.py --probe` exits 0 where the kernel has it.

usage: mdwe.py PROGRAM [ARG...] | mdwe.py --probe
"""
import ctypes
import os
import sys

PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
    print("mdwe.py: prctl(PR_SET_MDWE): " + os.strerror(ctypes.get_errno()),
          file=sys.stderr)
    sys.exit(1)
if sys.argv[1] == "--probe":
    sys.exit(0)
os.execvp(sys.argv[1], sys.argv[1:])
