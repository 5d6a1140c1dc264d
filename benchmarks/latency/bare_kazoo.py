"""The bare Python baseline: a kazoo DataWatch that starts `sh -c COMMAND` with the data on stdin for each change.

Usage: python3 bare_kazoo.py ZKSERVERS ZNODE COMMAND   (Debian: apt-get install python3-kazoo)
"""
import subprocess
import sys
import threading

from kazoo.client import KazooClient

hosts, node, command = sys.argv[1:4]
zk = KazooClient(hosts=hosts)
zk.start()


@zk.DataWatch(node)
def changed(data, stat, event):
    if event is None:
        return
    p = subprocess.Popen(["sh", "-c", command], stdin=subprocess.PIPE)
    p.communicate(data or b"")


print("ready", flush=True)
threading.Event().wait()
