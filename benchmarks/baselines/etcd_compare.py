#!/usr/bin/env python3
"""Twitcher, the bare kazoo watcher and etcd's own `etcdctl watch KEY -- COMMAND` against each other, the peer the
latency target was set from (p50 <= 0.7x kazoo, "etcdctl watch level"). By hand, not part of benchmarks/run.

Starts a ZooKeeper server (from the Twitcher tree's lib/) and an etcd server on free local ports in a temporary
directory, then the three watchers, each running `sh -c 'date +%s%N >> FILE'` on every change; writes to each in
turn, ~40 ms apart, and takes the time just before each write. It also measures the part each store adds alone:
ZooKeeper's write -> notification, and -> the node re-read (what every ZooKeeper watcher needs for the new data and
version: a notification carries neither), and etcd's put -> watch event (which carries the value and revision).
Prints a Markdown report. Everything it started is stopped at exit.

usage: etcd_compare.py TWITCHER_TREE [EVENTS]   (needs Debian's etcd-server, etcd-client and python3-kazoo;
run it with /usr/bin/python3, where python3-kazoo installs)"""
import base64
import http.client
import json
import logging
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from kazoo.client import KazooClient

logging.getLogger('kazoo').setLevel(logging.CRITICAL)  # "Connection refused" while the server starts

tree, events = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300
work = tempfile.mkdtemp(prefix='etcd-compare-')
children = []
clients = []
keep_work = []  # a start that failed leaves its logs


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def start(argv, log, **kw):
    child = subprocess.Popen(argv, stdout=open(os.path.join(work, log), 'w'), stderr=subprocess.STDOUT, **kw)
    children.append(child)
    return child


def wait_for(check, what, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if check():
                return
        except Exception:  # not up yet: refused, timed out
            pass
        time.sleep(0.05)
    keep_work.append(True)
    sys.exit('etcd_compare: ' + what + ' did not come up within %d s (logs in %s)' % (seconds, work))


def marks(name):
    path = os.path.join(work, name + '.out')
    open(path, 'w').close()
    return path


def marks_in(path):
    with open(path) as f:
        return f.read().split()


def run():
    zk_port, etcd_port, peer_port = free_port(), free_port(), free_port()
    with open(os.path.join(work, 'zoo.cfg'), 'w') as cfg:
        cfg.write('tickTime=2000\ndataDir=%s/zk\nclientPort=%d\nadmin.enableServer=false\n' % (work, zk_port))
    start(['java', '-cp', os.path.join(tree, 'lib', '*'), 'org.apache.zookeeper.server.ZooKeeperServerMain',
           os.path.join(work, 'zoo.cfg')], 'zk.log')
    etcd_url = 'http://127.0.0.1:%d' % etcd_port
    start(['etcd', '--data-dir', os.path.join(work, 'etcd'), '--listen-client-urls', etcd_url,
           '--advertise-client-urls', etcd_url, '--listen-peer-urls', 'http://127.0.0.1:%d' % peer_port], 'etcd.log')
    zk_connect = '127.0.0.1:%d' % zk_port
    zk = KazooClient(hosts=zk_connect)
    clients.append(zk)
    wait_for(lambda: zk.start(timeout=1) or True, 'ZooKeeper')
    etcd = http.client.HTTPConnection('127.0.0.1', etcd_port)
    wait_for(lambda: etcd_put(etcd, b'/bench/e', b'0') or True, 'etcd')
    for node in ('/bench/k', '/bench/t', '/bench/p'):
        zk.ensure_path(node)

    files = {name: marks(name) for name in ('kazoo', 'etcdctl', 'twitcher')}
    command = 'date +%%s%%N >> %s'
    start(['/usr/bin/python3', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'kazoo_watcher.py'),
           zk_connect, '/bench/k', command % files['kazoo']], 'kazoo.log')
    start(['etcdctl', '--endpoints', etcd_url, 'watch', '/bench/e', '--', 'sh', '-c', command % files['etcdctl']],
          'etcdctl.log')
    config = os.path.join(work, 'config')
    os.mkdir(config)
    with open(os.path.join(config, 'bench.properties'), 'w') as f:
        f.write('znode=/bench/t\ncommand=%s\nrun_on_load=false\n' % (command % files['twitcher']))
    start([os.path.join(tree, 'bin', 'twitcher'), '--zkservers', zk_connect, '--config_path', config,
           '--log_to_stdout', '--control_socket=none'], 'twitcher.log',
          env=dict(os.environ, TWITCHER_DEFAULTS='/dev/null', TWITCHER_CDS_DIR=''))
    wait_for(lambda: 'Daemon ready' in open(os.path.join(work, 'twitcher.log')).read(), 'Twitcher')
    time.sleep(2)  # kazoo's and etcdctl's watches: their first write below is a warm-up one anyway

    writers = {'kazoo': lambda v: zk.set('/bench/k', v), 'etcdctl': lambda v: etcd_put(etcd, b'/bench/e', v),
               'twitcher': lambda v: zk.set('/bench/t', v)}
    latency = {name: [] for name in writers}
    for i in range(events + 10):
        for name, write in writers.items():
            before = len(marks_in(files[name]))
            t0 = time.time_ns()
            write(str(i).encode())
            deadline = time.time() + 5
            while len(marks_in(files[name])) == before and time.time() < deadline:
                time.sleep(0.0005)
            written = marks_in(files[name])
            if i >= 10 and len(written) > before:
                latency[name].append((int(written[-1]) - t0) / 1e6)
            time.sleep(0.04)
    parts = store_parts(zk_connect, etcd_port, events)
    report(latency, parts)


def b64(raw):
    return base64.b64encode(raw).decode()


def etcd_put(conn, key, value):
    """Writes through etcd's JSON gateway on conn, a kept-alive connection, and waits for the answer."""
    conn.request('POST', '/v3/kv/put', json.dumps({'key': b64(key), 'value': b64(value)}))
    conn.getresponse().read()


def store_parts(zk_connect, etcd_port, n):
    """Each store's share alone: ZooKeeper write -> notification (-> re-read answered), etcd put -> watch event."""
    writer, reader = KazooClient(hosts=zk_connect), KazooClient(hosts=zk_connect)
    clients.extend((writer, reader))  # stopped at exit with the others
    writer.start()
    reader.start()
    notified, seen = threading.Event(), {}

    def on_change(_):
        seen['notified'] = time.time_ns()
        reader.get('/bench/p', watch=on_change)
        seen['read'] = time.time_ns()
        notified.set()

    reader.get('/bench/p', watch=on_change)
    event, etcd_seen = threading.Event(), {}

    def etcd_watch():
        c = http.client.HTTPConnection('127.0.0.1', etcd_port)
        c.request('POST', '/v3/watch', json.dumps({'create_request': {'key': b64(b'/bench/q')}}))
        stream = c.getresponse()
        for line in stream:
            if b'"events"' in line:
                etcd_seen['event'] = time.time_ns()
                event.set()

    threading.Thread(target=etcd_watch, daemon=True).start()
    time.sleep(1)
    putter = http.client.HTTPConnection('127.0.0.1', etcd_port)
    result = {'zk notification': [], 'zk re-read': [], 'etcd event': []}
    for i in range(n + 10):
        notified.clear()
        t0 = time.time_ns()
        writer.set('/bench/p', str(i).encode())
        if notified.wait(5) and i >= 10:
            result['zk notification'].append((seen['notified'] - t0) / 1e6)
            result['zk re-read'].append((seen['read'] - t0) / 1e6)
        time.sleep(0.02)
        event.clear()
        t0 = time.time_ns()
        etcd_put(putter, b'/bench/q', str(i).encode())
        if event.wait(5) and i >= 10:
            result['etcd event'].append((etcd_seen['event'] - t0) / 1e6)
        time.sleep(0.02)
    return result


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def report(latency, parts):
    etcd_version = subprocess.run(['etcd', '--version'], capture_output=True, text=True).stdout.splitlines()[0]
    print('## Twitcher, kazoo and `etcdctl watch` (%s UTC)\n' % time.strftime('%Y-%m-%d %H:%M', time.gmtime()))
    print('%s, %d cores, load %.2f; %s; paced writes, %d each after 10 warm-up ones, interleaved.\n'
          % (platform.platform(), os.cpu_count(), os.getloadavg()[0], etcd_version, len(latency['kazoo'])))
    print('| subject | p50 ms | p90 ms | p99 ms | p50 ÷ kazoo |\n|---|---|---|---|---|')
    base = statistics.median(latency['kazoo'])
    names = {'twitcher': 'Twitcher (.properties, exec)', 'kazoo': 'bare Python kazoo watcher',
             'etcdctl': '`etcdctl watch KEY -- sh -c ...` (etcd)'}
    for name, values in latency.items():
        if not values:
            print('| %s | no run seen | | | |' % names[name])
            continue
        p50 = statistics.median(values)
        print('| %s | %.2f | %.2f | %.2f | %.2f× |' % (names[name], p50, pct(values, .9), pct(values, .99), p50 / base))
    print('\nEach store alone, p50 ms: ZooKeeper write → notification %.2f, → node re-read answered %.2f '
          '(the re-read: %.2f); etcd put → watch event with the value and revision %.2f.'
          % (statistics.median(parts['zk notification']), statistics.median(parts['zk re-read']),
             statistics.median(parts['zk re-read']) - statistics.median(parts['zk notification']),
             statistics.median(parts['etcd event'])))


try:
    run()
finally:
    for client in clients:
        client.stop()
    for child in reversed(children):
        child.terminate()
    for child in children:
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
    if not keep_work:
        shutil.rmtree(work, ignore_errors=True)
