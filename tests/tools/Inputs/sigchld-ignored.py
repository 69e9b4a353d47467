"""Runs a command with SIGCHLD ignored, as a daemon that wants no zombies
does (the disposition is kept across exec): its children are reaped
unwaited and their exit status is lost.

usage: sigchld-ignored.py PROGRAM [ARG...]
"""
import os
import signal
import sys

signal.signal(signal.SIGCHLD, signal.SIG_IGN)
signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # Python's own ignore, undone
os.execvp(sys.argv[1], sys.argv[1:])
