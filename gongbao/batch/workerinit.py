"""Preload of the local cluster's worker processes.

Ctrl-C in a terminal sends SIGINT to the whole foreground process group: the
client and its worker processes. The client alone handles it (commits what it
has, then closes the cluster); workers ignore it, so they neither print
tracebacks nor die under tasks the client is about to cancel.
"""
import signal
import threading


def dask_setup(worker=None):
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
