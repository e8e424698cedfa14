#!/usr/bin/env python3
"""lsp-latency.py — diagnostics latency of a language server after an incremental didChange.

Usage:
  scripts/lsp-latency.py --measure FILE --documents-from LIST [options] -- SERVER [ARGS…]

Starts SERVER with its standard input and output as pipes and speaks LSP 3.17 to it, as an
editor would:
  1. initialize (rootUri and one workspace folder: a fresh temporary folder; the client offers
     positionEncodings [utf-16] only, as VS Code does, and advertises textDocument.publishDiagnostics
     with versionSupport but NOT textDocument.diagnostic, so every server pushes diagnostics),
     then initialized;
  2. opens --documents documents (default 100): FILE first, then the files listed in LIST (one
     path a line; FILE itself skipped; the list is cycled if it is short), each copied to its own
     subfolder of the temporary folder (so every URI is distinct and a server that reads
     configuration next to a file finds what it would find there: nothing) and sent with didOpen,
     version 1; waits for every document's first publishDiagnostics;
  3. edits every document once (an incremental didChange, version 2, the same kind of edit as in
     step 4) and waits for their diagnostics; then reads VmRSS and VmHWM from /proc/PID/status;
  4. on FILE, --edits times (default 50), one at a time: an incremental didChange that types one
     character at the end of a comment line in the middle of the file, then deletes it again on
     the next edit (so the text alternates between two valid states); measures the wall time from
     writing the didChange to the arrival (whole message read, before JSON parsing) of the
     publishDiagnostics for FILE's URI whose `version` is the version sent. A server that omits
     `version` is matched on the first publish for that URI after the send (reported);
  5. shutdown, exit; reads VmRSS once more before that (growth over the edits).

Messages the server sends in between (logs, requests such as client/registerCapability) are
answered (null) or ignored. Reading and writing are one non-blocking loop (no threads), so a
large didOpen never deadlocks against a large publishDiagnostics.

Prints one summary line and, with --json OUT, writes the numbers as JSON:
  label, server, file, lines, bytes, documents, edits, median_ms, p90_ms, max_ms, mean_ms,
  min_ms, stddev_ms, cpu_ms_per_edit (the server's user+system CPU over the timed edits, per
  edit, from /proc/PID/stat: all its threads, 10 ms ticks), rss_kb, hwm_kb, rss_end_kb, hwm_end_kb, diagnostics (on FILE, last publish),
  diagnostics_min/max (over the measured publishes), versioned (the server sent `version`),
  encoding (negotiated).

Python 3.11 standard library only.
"""

import argparse
import json
import re
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

LANGUAGE_IDS = {".py": "python", ".pyi": "python", ".swift": "swift", ".c": "c", ".h": "c",
                ".cc": "cpp", ".cpp": "cpp", ".hpp": "cpp"}
COMMENT_PREFIX = {"python": "#", "swift": "//", "c": "//", "cpp": "//"}


class Failure(Exception):
    pass


class Client:
    """One server process and the JSON-RPC stream to it."""

    def __init__(self, command, stderr_path):
        self.stderr = open(stderr_path, "wb")
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, bufsize=0)
        self.out_fd = self.proc.stdin.fileno()
        self.in_fd = self.proc.stdout.fileno()
        os.set_blocking(self.out_fd, False)
        os.set_blocking(self.in_fd, False)
        self.outbuf = bytearray()
        self.inbuf = bytearray()
        self.next_id = 1
        self.responses = {}
        # (arrival time, uri, version or None, number of diagnostics), in arrival order
        self.publishes = []
        self.closed = False

    # -- writing

    def _queue(self, message):
        body = json.dumps(message, separators=(",", ":")).encode()
        self.outbuf += b"Content-Length: %d\r\n\r\n" % len(body) + body

    def notify(self, method, params):
        self._queue({"jsonrpc": "2.0", "method": method, "params": params})
        self._flush_some()

    def request(self, method, params, timeout=30.0):
        rid = self.next_id
        self.next_id += 1
        self._queue({"jsonrpc": "2.0", "id": rid, "method": method, "params": params})
        self.pump(lambda: rid in self.responses, timeout, f"the response to {method}")
        reply = self.responses.pop(rid)
        if "error" in reply:
            raise Failure(f"{method} failed: {reply['error']}")
        return reply.get("result")

    def _flush_some(self):
        while self.outbuf:
            try:
                n = os.write(self.out_fd, self.outbuf)
            except BlockingIOError:
                return
            except BrokenPipeError:
                raise Failure("the server closed its input")
            del self.outbuf[:n]

    # -- reading

    def pump(self, done, timeout, what):
        """Reads and writes until done() is true; raises after timeout seconds."""
        deadline = time.perf_counter() + timeout
        while not done():
            left = deadline - time.perf_counter()
            if left <= 0:
                raise Failure(f"timed out after {timeout:.0f} s waiting for {what}")
            if self.closed:
                raise Failure(f"the server exited (code {self.proc.poll()}) while we waited for {what}")
            wfds = [self.out_fd] if self.outbuf else []
            readable, writable, _ = select.select([self.in_fd], wfds, [], left)
            if writable:
                self._flush_some()
            if readable:
                self._read()

    def _read(self):
        try:
            chunk = os.read(self.in_fd, 1 << 20)
        except BlockingIOError:
            return
        if not chunk:
            self.closed = True
            return
        now = time.perf_counter()
        self.inbuf += chunk
        while True:
            end = self.inbuf.find(b"\r\n\r\n")
            if end < 0:
                return
            length = None
            for line in bytes(self.inbuf[:end]).split(b"\r\n"):
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                raise Failure(f"a message without Content-Length: {bytes(self.inbuf[:end])!r}")
            start = end + 4
            if len(self.inbuf) - start < length:
                return
            body = bytes(self.inbuf[start:start + length])
            del self.inbuf[:start + length]
            self._handle(json.loads(body), now)

    def _handle(self, message, arrival):
        method = message.get("method")
        if method is None:
            self.responses[message.get("id")] = message
        elif "id" in message:
            # A request from the server (client/registerCapability, workspace/configuration …).
            result = None
            if method == "workspace/configuration":
                result = [None for _ in message.get("params", {}).get("items", [])]
            self._queue({"jsonrpc": "2.0", "id": message["id"], "result": result})
            self._flush_some()
        elif method == "textDocument/publishDiagnostics":
            p = message["params"]
            self.publishes.append((arrival, p["uri"], p.get("version"), len(p.get("diagnostics", []))))

    def memory(self):
        """(VmRSS, VmHWM) in KB from /proc/PID/status."""
        values = {}
        with open(f"/proc/{self.proc.pid}/status") as fh:
            for line in fh:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0])
        return values.get("VmRSS", 0), values.get("VmHWM", 0)

    def cpu_seconds(self):
        """User plus system CPU time of the process (all its threads) so far."""
        with open(f"/proc/{self.proc.pid}/stat") as fh:
            fields = fh.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        try:
            if not self.closed:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                self.pump(lambda: not self.outbuf, 5, "exit to be written")
        except Failure:
            pass
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.stderr.close()


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def edit_line(lines, language):
    """The index of a comment line nearest the middle of the file, and the column of its end."""
    prefix = COMMENT_PREFIX[language]
    middle = len(lines) // 2
    for distance in range(len(lines)):
        for index in (middle - distance, middle + distance):
            if 0 <= index < len(lines):
                text = lines[index]
                if text.lstrip().startswith(prefix) and text.isascii():
                    return index, len(text)
    raise Failure("no comment line to edit in the measured file")


def percentile(sorted_values, fraction):
    """Nearest rank."""
    rank = max(1, -(-len(sorted_values) * fraction // 1))
    return sorted_values[int(rank) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--measure", required=True, help="the file whose edits are timed")
    parser.add_argument("--documents-from", required=True,
                        help="file listing the other documents to open, one path a line")
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--label", default=None)
    parser.add_argument("--json", default=None, help="write the results here")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one publish")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the server command after --")

    measure = os.path.abspath(args.measure)
    others = [os.path.abspath(l.strip()) for l in open(args.documents_from) if l.strip()]
    others = [p for p in others if p != measure and os.path.splitext(p)[1] in LANGUAGE_IDS]
    if args.documents > 1 and not others:
        parser.error(f"{args.documents_from} lists no other source file")
    chosen = [measure] + [others[i % len(others)] for i in range(args.documents - 1)]

    work = tempfile.mkdtemp(prefix="lsp-latency.")
    client = None
    try:
        workspace = os.path.join(work, "workspace")
        docs = []  # (uri, language id, text)
        for index, source in enumerate(chosen):
            folder = os.path.join(workspace, f"{index:03d}")
            os.makedirs(folder)
            target = os.path.join(folder, os.path.basename(source))
            with open(source, "rb") as fh:
                # An editor sends text: bytes that are not UTF-8 become U+FFFD, on disk too.
                text = fh.read().decode("utf-8", "replace")
            with open(target, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            language = LANGUAGE_IDS[os.path.splitext(source)[1]]
            docs.append((file_uri(target), language, text))

        client = Client(command, os.path.join(work, "server.stderr"))
        root = file_uri(workspace)
        result = client.request("initialize", {
            "processId": os.getpid(),
            "clientInfo": {"name": "lsp-latency"},
            "rootUri": root,
            "rootPath": workspace,
            "workspaceFolders": [{"uri": root, "name": "workspace"}],
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {
                    "synchronization": {"didSave": True, "dynamicRegistration": False},
                    "publishDiagnostics": {"versionSupport": True, "relatedInformation": True},
                },
                "window": {"workDoneProgress": False},
            },
        })
        encoding = (result or {}).get("capabilities", {}).get("positionEncoding", "utf-16")
        sync = (result or {}).get("capabilities", {}).get("textDocumentSync")
        change_kind = sync.get("change") if isinstance(sync, dict) else sync
        if change_kind != 2:
            raise Failure(f"the server does not offer incremental sync (textDocumentSync {sync!r})")
        client.notify("initialized", {})

        def published_since(count, uris, version):
            """True once every uri in `uris` has a publish (with `version`, if sent) after index `count`."""
            waiting = set(uris)
            for _, uri, v, _ in client.publishes[count:]:
                if uri in waiting and (v is None or v == version):
                    waiting.discard(uri)
            return not waiting

        # 2. open every document
        mark = len(client.publishes)
        for uri, language, text in docs:
            client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": text}})
        uris = [d[0] for d in docs]
        client.pump(lambda: published_since(mark, uris, 1), args.timeout * 4,
                    "the diagnostics of every opened document")

        # 3. one edit on every document
        positions = []
        for uri, language, text in docs:
            lines = re.split(r"\r\n|\r|\n", text)  # LSP's line ends, no others
            try:
                positions.append(edit_line(lines, language))
            except Failure:
                positions.append((len(lines) // 2, 0))  # no comment line: a blank line at the middle
        mark = len(client.publishes)
        for (uri, _, _), (line, column) in zip(docs, positions):
            # A new empty line after the comment line (valid in every language; the measured
            # file's comment line stays as it was).
            client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [{"range": {"start": {"line": line, "character": column},
                                              "end": {"line": line, "character": column}},
                                    "text": "\n"}]})
        client.pump(lambda: published_since(mark, uris, 2), args.timeout * 4,
                    "the diagnostics of every edited document")
        rss, hwm = client.memory()

        # 4. timed edits on the measured document (whose step-3 edit added an empty line after
        # its comment line's end, so the comment line itself is unchanged)
        uri, language, text = docs[0]
        line, column = positions[0]
        samples, counts, versioned = [], [], None
        cpu_before = client.cpu_seconds()
        version = 2
        for n in range(args.edits):
            version += 1
            typing = n % 2 == 0
            end = column if typing else column + 1
            change = {"range": {"start": {"line": line, "character": column},
                                "end": {"line": line, "character": end}},
                      "text": "x" if typing else ""}
            mark = len(client.publishes)
            sent = time.perf_counter()
            client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                                     "contentChanges": [change]})
            found = []

            def arrived():
                for arrival, u, v, count in client.publishes[mark:]:
                    if u == uri and (v is None or v == version):
                        found.append((arrival, v, count))
                        return True
                return False

            client.pump(arrived, args.timeout, f"diagnostics of version {version} of the measured file")
            arrival, v, count = found[0]
            samples.append((arrival - sent) * 1000)
            counts.append(count)
            versioned = (v is not None) if versioned is None else (versioned and v is not None)
        rss_end, hwm_end = client.memory()
        cpu = client.cpu_seconds() - cpu_before

        samples_sorted = sorted(samples)
        measure_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        report = {
            "label": args.label or os.path.basename(command[0]),
            "server": " ".join(command),
            "file": measure,
            "lines": measure_lines,
            "bytes": len(text.encode()),
            "language": language,
            "documents": len(docs),
            "edits": len(samples),
            "encoding": encoding,
            "median_ms": round(percentile(samples_sorted, 0.5), 3),
            "p90_ms": round(percentile(samples_sorted, 0.9), 3),
            "max_ms": round(samples_sorted[-1], 3),
            "min_ms": round(samples_sorted[0], 3),
            "mean_ms": round(sum(samples) / len(samples), 3),
            "cpu_ms_per_edit": round(cpu * 1000 / len(samples), 3),
            "stddev_ms": round(statistics.pstdev(samples), 3),
            "rss_kb": rss,
            "hwm_kb": hwm,
            "rss_end_kb": rss_end,
            "hwm_end_kb": hwm_end,
            "diagnostics": counts[-1],
            "diagnostics_min": min(counts),
            "diagnostics_max": max(counts),
            "versioned": bool(versioned),
            "samples_ms": [round(s, 3) for s in samples],
        }
        client.stop()
        client = None
        if args.json:
            with open(args.json, "w") as fh:
                json.dump(report, fh, indent=1)
        print(f"{report['label']}: {report['lines']} lines {language}, {report['documents']} documents, "
              f"{report['edits']} edits: median {report['median_ms']:.2f} ms, p90 {report['p90_ms']:.2f} ms, "
              f"max {report['max_ms']:.2f} ms; RSS {rss / 1024:.1f} MiB (HWM {hwm / 1024:.1f} MiB; "
              f"{rss_end / 1024:.1f} MiB after the edits); {report['diagnostics']} diagnostics on the file"
              f"{'' if versioned else ' (publishes carry no version)'}")
        return 0
    except Failure as error:
        print(f"lsp-latency: {args.label or command[0]}: {error}", file=sys.stderr)
        log = os.path.join(work, "server.stderr")
        if os.path.exists(log):
            with open(log, "rb") as fh:
                tail = fh.read()[-2000:].decode("utf-8", "replace")
            if tail.strip():
                print("lsp-latency: the server's standard error ends with:\n" + tail, file=sys.stderr)
        return 1
    finally:
        if client is not None:
            client.proc.kill()
            client.proc.wait()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
