#!/usr/bin/env python3
"""Tillit load harness (standard library only; `bench/run.sh` is the entry).

For each dataset size it generates (or reuses) a seeded database with
`tillit bench-data`, starts the release binary with 2 workers on loopback,
and measures with wrk: the baseline (`/robots.txt` through the full
middleware stack), read pages, search, the moderation queue and the staff
desk as logged-in users, replies posted by many logged-in users, and a login
flood beside thread-page reads. It prints a table and writes
bench/results/latest.json.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BINARY = ROOT / "target" / "release" / "tillit"
COMMON_WORD = "faktura"
SIZES = {
    # name: (companies, users, threads, posts, reviews)
    "10k": (200, 20000, 1000, 10000, 1000),
    "1m": (200, 20000, 100000, 1000000, 100000),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate(name, data_dir):
    db = data_dir / f"{name}.db"
    manifest = data_dir / f"{name}.json"
    if db.exists() and manifest.exists():
        print(f"[{name}] reusing {db}")
        return db, json.loads(manifest.read_text())
    for stale in data_dir.glob(f"{name}.db*"):
        stale.unlink()
    companies, users, threads, posts, reviews = SIZES[name]
    print(f"[{name}] generating {posts} posts …")
    env = dict(os.environ, DATABASE_URL=f"sqlite://{db}", DATA_DIR=str(data_dir / f"run-{name}"))
    subprocess.run(
        [str(BINARY), "bench-data", "--companies", str(companies), "--users", str(users),
         "--threads", str(threads), "--posts", str(posts), "--reviews", str(reviews),
         "--manifest", str(manifest)],
        env=env, check=True,
    )
    return db, json.loads(manifest.read_text())


class Server:
    def __init__(self, db, data_dir, workers, page_cache=True, extra_env=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, DATABASE_URL=f"sqlite://{db}", DATA_DIR=str(data_dir),
                   BIND=f"127.0.0.1:{self.port}", BASE_URL=f"http://127.0.0.1:{self.port}",
                   WORKERS=str(workers), RUST_LOG="warn", SMTP_URL="")
        if not page_cache:
            env["PAGE_CACHE_SECONDS"] = "0"
        else:
            env.pop("PAGE_CACHE_SECONDS", None)
        env.pop("SQLITE_SYNCHRONOUS", None)
        env.update(extra_env or {})
        data_dir.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        self.proc = subprocess.Popen([str(BINARY), "serve"], env=env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise SystemExit("the server exited during start-up")
            time.sleep(0.002)
        self.startup_ms = (time.perf_counter() - started) * 1000

    def rss_mb(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024

    def peak_rss_mb(self):
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session(base, email=None, password=None):
    """A browser session: (Cookie header, CSRF token), logged in if asked."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    with opener.open(base + "/login") as r:
        page = r.read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    if email:
        body = urllib.parse.urlencode({"csrf_token": token, "email": email, "password": password}).encode()
        try:
            opener.open(base + "/login", body)
        except urllib.error.HTTPError as e:
            if e.code != 303:
                raise SystemExit(f"login failed for {email}: {e.code}")
        # Logging in renews the session and its CSRF token.
        with opener.open(base + "/account") as r:
            page = r.read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookie, token


def wrk(url, seconds, connections, headers=(), script=None, script_args=()):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for h in headers:
        cmd += ["-H", h]
    if script:
        cmd += ["-s", str(script)]
    cmd.append(url)
    if script_args:
        cmd += ["--", *script_args]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def parse_wrk(out):
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        m = re.search(rf"\s{pct}%\s+([\d.]+\w+)", out)
        result[f"p{pct}_ms"] = round(to_ms(m.group(1)), 2) if m else None
    requests = re.search(r"(\d+) requests in", out)
    result["requests"] = int(requests.group(1)) if requests else 0
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        errors += sum(int(x) for x in m.groups())
    result["errors"] = errors
    return result


def login_flood(base, path, seconds, conns, tmp, password):
    """Thread-page reads measured just before and then while 16 connections
    log in over and over: the pair is compared, so both see the server in
    the same state (the idle p99 of a cached page drifts between 1 and 4 ms
    over a run)."""
    before = wrk(base + path, max(seconds - 1, 1), conns)
    flood = subprocess.Popen(
        ["wrk", "-t1", "-c16", f"-d{seconds}s", "--timeout", "10s", "-s", str(BENCH / "login.lua"),
         base + "/login", "--", str(tmp / "anon.tsv"), str(tmp / "emails.txt"), password],
        stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    under = wrk(base + path, max(seconds - 1, 1), conns)
    return before, under, parse_wrk(flood.communicate()[0])


def count_posts(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM posts").fetchone()[0]


def working_copy(db, suffix="run"):
    """The server writes (replies, logins), so every run starts from a copy
    of the generated file: the dataset measured is the one generated."""
    work = db.with_name(f"{db.stem}-{suffix}.db")
    for stale in db.parent.glob(work.name + "*"):
        stale.unlink()
    shutil.copyfile(db, work)
    return work


def measure(name, generated, manifest, args, results_dir):
    data_dir = BENCH / "data" / f"run-{name}"
    db = working_copy(generated)
    server = Server(db, data_dir, args.workers)
    base = server.base
    seconds, conns = args.duration, args.connections
    rows = {}
    try:
        password = manifest["password"]
        moderator = session(base, manifest["moderator_email"], password)
        staff = session(base, manifest["staff_email"], password)
        # Customers follow the staff (two per company) and five moderators.
        first = manifest["sizes"]["companies"] * 2 + 5
        customers = [f"user{n}@bench.example" for n in range(first, first + args.writers)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            writers = list(pool.map(lambda e: session(base, e, password), customers))
        anon = [session(base) for _ in range(50)]
        tmp = results_dir / f"tmp-{name}"
        tmp.mkdir(parents=True, exist_ok=True)
        (tmp / "writers.tsv").write_text("\n".join(f"{c}\t{t}" for c, t in writers) + "\n")
        (tmp / "anon.tsv").write_text("\n".join(f"{c}\t{t}" for c, t in anon) + "\n")
        (tmp / "threads.txt").write_text("\n".join(str(t) for t in manifest["reply_threads"]) + "\n")
        (tmp / "emails.txt").write_text("\n".join(manifest["customer_emails"]) + "\n")

        thread = manifest["threads_with_50_replies"][len(manifest["threads_with_50_replies"]) // 2]
        pages = [
            ("baseline /robots.txt", "/robots.txt", ()),
            ("thread page (50 replies)", f"/threads/{thread}", ()),
            ("category page", f"/forum/{manifest['category_slug']}", ()),
            ("company page (20 reviews)", f"/companies/{manifest['company_slug']}", ()),
            ("search", f"/search?q={manifest['search_term']}", ()),
            # A word in a third of the posts: a full page of hits at both sizes.
            ("search, common word", f"/search?q={COMMON_WORD}", ()),
            ("moderation queue (moderator)", "/moderation", (f"Cookie: {moderator[0]}",)),
            ("hanging threads (staff)", "/desk", (f"Cookie: {staff[0]}",)),
        ]
        for label, path, headers in pages:
            rows[label] = wrk(base + path, seconds, conns, headers)
            rows[label]["rss_mb"] = round(server.rss_mb(), 1)
            print(f"[{name}] {label}: {rows[label]}")

        before = count_posts(db)
        write = wrk(base + "/", seconds, conns, script=BENCH / "reply.lua",
                    script_args=(str(tmp / "writers.tsv"), str(tmp / "threads.txt")))
        time.sleep(0.5)
        after = count_posts(db)
        write["rows_added"] = after - before
        write["lost"] = write["requests"] - write["errors"] - (after - before)
        write["rss_mb"] = round(server.rss_mb(), 1)
        rows["replies (write)"] = write
        print(f"[{name}] replies: {write}")

        # A login flood beside thread-page reads.
        before, under, flood_out = login_flood(base, f"/threads/{thread}", seconds, conns, tmp, password)
        under["rss_mb"] = round(server.rss_mb(), 1)
        rows["thread page before login flood"] = before
        rows["thread page during login flood"] = under
        rows["logins (flood)"] = flood_out
        print(f"[{name}] during the login flood: {under}; logins: {flood_out}")
        peak = server.peak_rss_mb()
    finally:
        server.stop()
    # The anonymous pages again with the page cache off: what rendering
    # them costs, and whether that grows with the dataset.
    uncached = Server(db, data_dir, args.workers, page_cache=False)
    try:
        for label, path, headers in pages[1:6]:
            key = f"{label}, no page cache"
            rows[key] = wrk(uncached.base + path, seconds, conns, headers)
            rows[key]["rss_mb"] = round(uncached.rss_mb(), 1)
            print(f"[{name}] {key}: {rows[key]}")
        before, under, flood_out = login_flood(uncached.base, f"/threads/{thread}", seconds, conns, tmp,
                                               password)
        rows["thread page, no page cache, before login flood"] = before
        rows["thread page, no page cache, during login flood"] = under
        rows["logins (flood, no page cache)"] = flood_out
        print(f"[{name}] no page cache, during the login flood: {under}; logins: {flood_out}")
        peak = max(peak, uncached.peak_rss_mb())
    finally:
        uncached.stop()
    # The same replies with SQLITE_SYNCHRONOUS=full (the WAL synced on every
    # commit, so a power cut loses nothing acknowledged), on a fresh copy and
    # with other writers, whose throttle budget is untouched.
    durable_db = working_copy(generated, "full")
    durable = Server(durable_db, data_dir, args.workers, extra_env={"SQLITE_SYNCHRONOUS": "full"})
    try:
        first = manifest["sizes"]["companies"] * 2 + 5 + args.writers
        customers = [f"user{n}@bench.example" for n in range(first, first + args.writers)]
        with ThreadPoolExecutor(max_workers=2) as pool:
            writers = list(pool.map(lambda e: session(durable.base, e, password), customers))
        (tmp / "writers-full.tsv").write_text("\n".join(f"{c}\t{t}" for c, t in writers) + "\n")
        before = count_posts(durable_db)
        write = wrk(durable.base + "/", seconds, conns, script=BENCH / "reply.lua",
                    script_args=(str(tmp / "writers-full.tsv"), str(tmp / "threads.txt")))
        time.sleep(0.5)
        write["rows_added"] = count_posts(durable_db) - before
        write["lost"] = write["requests"] - write["errors"] - write["rows_added"]
        write["rss_mb"] = round(durable.rss_mb(), 1)
        rows["replies (write), synchronous=full"] = write
        print(f"[{name}] replies with synchronous=full: {write}")
    finally:
        durable.stop()
    # Start-up on the existing database, measured again on a quiet machine.
    restarted = Server(db, data_dir, args.workers)
    startup = restarted.startup_ms
    restarted.stop()
    baseline = rows["baseline /robots.txt"]["rps"]
    for label, row in rows.items():
        row["ratio_to_baseline"] = round(row["rps"] / baseline, 3) if baseline else None
    return {"dataset": manifest["sizes"], "generation_rows_per_second": manifest["rows_per_second"],
            "pages": rows, "peak_rss_mb": round(peak, 1), "startup_ms": round(startup, 1)}


def table(results):
    labels = list(next(iter(results.values()))["pages"].keys())
    names = list(results.keys())
    lines = []
    head = f"{'scenario':48}" + "".join(f"{n + ' req/s':>14}{'p50':>8}{'p99':>8}{'err':>6}{'×base':>7}" for n in names)
    lines.append(head)
    lines.append("-" * len(head))
    for label in labels:
        line = f"{label:48}"
        for n in names:
            r = results[n]["pages"][label]
            line += f"{r['rps']:>14.0f}{r['p50_ms'] or 0:>8.1f}{r['p99_ms'] or 0:>8.1f}{r['errors']:>6}{r['ratio_to_baseline']:>7.2f}"
        lines.append(line)
    for n in names:
        r = results[n]
        lines.append(f"{n}: peak RSS {r['peak_rss_mb']} MB, start-up {r['startup_ms']} ms, "
                     f"bench-data {r['generation_rows_per_second']:.0f} rows/s, "
                     f"replies written {r['pages']['replies (write)']['rows_added']}, lost {r['pages']['replies (write)']['lost']}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,1m", help="comma-separated: 10k, 1m")
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--writers", type=int, default=1500,
                        help="logged-in users posting replies (each may post 20 in 2 minutes before the throttle)")
    args = parser.parse_args()
    data_dir = BENCH / "data"
    results_dir = BENCH / "results"
    data_dir.mkdir(parents=True, exist_ok=True)
    results_dir.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in args.sizes.split(","):
        db, manifest = generate(name, data_dir)
        results[name] = measure(name, db, manifest, args, results_dir)
    text = table(results)
    print()
    print(text)
    out = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "machine": os.uname().nodename,
           "cpus": os.cpu_count(), "duration_s": args.duration, "connections": args.connections,
           "workers": args.workers, "results": results, "table": text.splitlines()}
    (results_dir / "latest.json").write_text(json.dumps(out, indent=2))
    print(f"\nwrote {results_dir / 'latest.json'}")


if __name__ == "__main__":
    sys.exit(main())
