#!/usr/bin/env python3
"""Load test of appendix-web (issue #20), run by `make bench` (`make bench-web`), not `make test`.

Starts the server on a free loopback port with the samples, then N users (threads) each, for S
seconds, build the fee appendix (Templates/registrar-fees.yaml, its CSV files picked from the
data folder by id) through the form: GET the form (CSRF cookie and ids), POST /build, then
download the workbook. A 503 is retried after its Retry-After. Every download is checked: a
valid zip whose sheet parts equal the first download's (only docProps differ: the time). Writes
p50/p99 latency of a build request, builds per second, final failures, corrupt downloads, 503s
and the server's peak RSS (VmHWM) into the "Web app under load" section of BENCHMARKS.md."""
import argparse
import http.cookiejar
import io
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from marked_section import write_marked_section  # noqa: E402 (bench/ is not a package)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
START, END = "<!-- web-load:start -->", "<!-- web-load:end -->"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sheet_parts(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    if archive.testzip() is not None:
        return None
    return {name: archive.read(name) for name in archive.namelist() if name.startswith("xl/")}


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies, self.failures, self.corrupt, self.busy = [], [], 0, 0
        self.reference = None

    def check(self, data):
        parts = sheet_parts(data)
        with self.lock:
            if self.reference is None and parts:
                self.reference = parts
            return parts is not None and parts == self.reference


def multipart(fields):
    boundary = "----appendix-load"
    body = "".join(f"--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n" for k, v in fields)
    return (body + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


def user(base, deadline, stats):
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    while time.time() < deadline:
        try:
            form = opener.open(base + "/build/registrar-fees", timeout=300).read().decode()
            token = re.search(r'name="_csrf" value="([0-9a-f]+)"', form).group(1)
            picks = re.findall(r'<select id="pick-\d+" name="(pick\.[a-z_]+)">.*?<option value="([0-9a-f]+)" selected>', form, re.S)
            body, content_type = multipart([("_csrf", token), ("template", "registrar-fees")] + picks)
            started = time.time()
            while True:
                try:
                    request = urllib.request.Request(base + "/build", data=body, headers={"Content-Type": content_type})
                    page = opener.open(request, timeout=300).read().decode()
                    break
                except urllib.error.HTTPError as error:
                    if error.code != 503:
                        raise
                    with stats.lock:
                        stats.busy += 1
                    time.sleep(float(error.headers.get("Retry-After", "1")))
            latency = time.time() - started
            link = re.search(r'href="(/builds/[0-9a-f]{32}/files/0)"', page).group(1)
            data = opener.open(base + link, timeout=300).read()
            ok = stats.check(data)
            with stats.lock:
                stats.latencies.append(latency)
                if not ok:
                    stats.corrupt += 1
        except Exception as error:  # a final failure: counted and reported
            with stats.lock:
                stats.failures.append(repr(error))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--benchmarks")
    args = parser.parse_args()
    state = tempfile.mkdtemp(prefix="appendix-load-")
    port = free_port()
    log = open(os.path.join(state, "server.log"), "w")
    server = subprocess.Popen([args.bin, "--port", str(port), "--templates", "Templates", "--data", "SampleData", "--state", state,
                               "--log-level", "warning"], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    stats = Stats()
    started = time.time()
    threads = [threading.Thread(target=user, args=(base, started + args.seconds, stats)) for _ in range(args.users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.time() - started
    peak = next((int(line.split()[1]) for line in open(f"/proc/{server.pid}/status") if line.startswith("VmHWM:")), 0) / 1024
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    load = os.getloadavg()[0]
    lines = [
        "## Web app under load (`make bench-web`)",
        "",
        f"`scripts/web-load.py`: {args.users} users on loopback, each building the fee appendix (`registrar-fees.yaml`, "
        f"CSV files picked by id) through the form and downloading it, for {args.seconds} s; a 503 is retried after its "
        f"`Retry-After`. Server: `{os.path.relpath(args.bin, ROOT)}`, {os.cpu_count()} core(s), one build per core, queue 20. Load average at the end: {load:.1f}.",
        "",
        "| figure | value |",
        "|---|---|",
        f"| builds completed | {len(stats.latencies)} |",
        f"| builds per second | {len(stats.latencies) / elapsed:.2f} |",
        f"| build request latency p50 | {percentile(stats.latencies, 50) * 1000:.0f} ms |",
        f"| build request latency p99 | {percentile(stats.latencies, 99) * 1000:.0f} ms |",
        f"| 503 answers retried | {stats.busy} |",
        f"| final failures | {len(stats.failures)} |",
        f"| corrupt or different downloads | {stats.corrupt} |",
        f"| server peak RSS (VmHWM) | {peak:.0f} MiB (target ≤ 1024) |",
    ]
    text = "\n".join(lines)
    print(text)
    for failure in stats.failures[:5]:
        print("web-load: failure:", failure, file=sys.stderr)
    if args.benchmarks:
        write_marked_section(args.benchmarks, START, END, text)
    if stats.failures or stats.corrupt or peak > 1024:
        sys.exit(1)


if __name__ == "__main__":
    main()
