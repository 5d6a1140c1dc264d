#!/usr/bin/env python3
"""The Python baseline: a bare kazoo data watch that runs `sh -c COMMAND` with the node's data on stdin, once on
start and on every change. usage: kazoo_watcher.py CONNECT_STRING ZNODE COMMAND (needs Debian's python3-kazoo)."""
import subprocess
import sys
import threading

from kazoo.client import KazooClient

connect, znode, command = sys.argv[1:4]
zk = KazooClient(hosts=connect)
zk.start()


def run(data):
    child = subprocess.Popen(['/bin/sh', '-c', command], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        child.stdin.write(data or b'')
        child.stdin.close()
    except BrokenPipeError:
        pass
    threading.Thread(target=child.wait, daemon=True).start()


@zk.DataWatch(znode)
def changed(data, stat):
    if stat is not None:
        run(data)


threading.Event().wait()
