"""Starts the real `rehab serve` on an ephemeral loopback port (--port 0 --port-file) and talks to it
over real sockets: http.client for ordinary requests, raw sockets for the misbehaving clients.
Used by server_test.py (one ctest per test); standard library only."""
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


class Server:
    def __init__(self, rehab, args=(), env=None):
        self.work = tempfile.mkdtemp(prefix="rehab-serve-test-")
        self.port_file = os.path.join(self.work, "port")
        self.log = os.path.join(self.work, "stderr.log")
        self.access = os.path.join(self.work, "access.log")
        cmd = [rehab, "serve", "--port", "0", "--port-file", self.port_file, "--access-log", self.access]
        cmd += list(args)
        self.stderr = open(self.log, "wb")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=self.stderr, env=env)
        deadline = time.time() + 60
        while not os.path.exists(self.port_file):
            if self.proc.poll() is not None:
                raise RuntimeError(f"rehab serve exited {self.proc.returncode}: {self.read_log()}")
            if time.time() > deadline:
                raise RuntimeError("rehab serve did not start in 60 s: " + self.read_log())
            time.sleep(0.05)
        self.port = int(open(self.port_file).read())

    def read_log(self):
        self.stderr.flush()
        with open(self.log, encoding="utf-8", errors="replace") as f:
            return f.read()

    def request(self, method, path, body=None, headers=None, timeout=30):
        """(status, headers dict with lower-case names, body bytes)."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        h = dict(headers or {})
        if body is not None and not isinstance(body, (bytes, bytearray)):
            body = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        try:
            c.request(method, path, body=body, headers=h)
            r = c.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            c.close()

    def json(self, method, path, body=None, headers=None):
        status, h, data = self.request(method, path, body, headers)
        return status, h, json.loads(data)

    def raw(self, timeout=10):
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return s

    def rss_kb(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def signal(self, sig):
        self.proc.send_signal(sig)

    def stop(self, timeout=20):
        """SIGTERM, then the exit code (killed after `timeout` s: the test then fails)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return None
        return self.proc.returncode

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.stderr.close()
        shutil.rmtree(self.work, ignore_errors=True)


def read_response(sock, limit=1 << 20):
    """Everything the server sends until it closes (or the socket times out): bytes."""
    data = b""
    try:
        while len(data) < limit:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return data


def status_of(raw):
    line = raw.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


class Failures:
    def __init__(self):
        self.items = []

    def check(self, ok, what):
        if not ok:
            self.items.append(what)
            print("FAIL:", what, flush=True)
        return ok

    def exit_code(self, name):
        print(f"{name}: {len(self.items)} failure(s)")
        return 1 if self.items else 0
