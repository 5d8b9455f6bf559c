#!/usr/bin/python3
"""A local SMTP server for tests: accepts every message and writes it into a directory.

    scripts/smtp-test-server.py --dir DIR [--port PORT] [--port-file FILE]

Listens on 127.0.0.1 (PORT, or a free port when 0 or omitted) with Debian's python3-aiosmtpd.
Each message is written to DIR as <n>.eml (the raw message as received, CRLF line ends)
together with <n>.json ({"mail_from", "rcpt_tos", "file"}); a file appears whole (written
under a temporary name, then renamed). When --port-file is given, the chosen port is written
there once the server accepts connections. Stops on SIGTERM or SIGINT.
"""
import argparse
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Spool:
    def __init__(self, directory):
        self.directory = directory
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    def _write(self, name, data):
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(self.directory, name))

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            n = next(self.counter)
        base = "%06d" % n
        self._write(base + ".eml", envelope.original_content or envelope.content)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos, "file": base + ".eml"}
        self._write(base + ".json", json.dumps(meta).encode("utf-8"))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    port = args.port
    if port == 0:
        import socket

        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        s.close()

    controller = Controller(Spool(args.dir), hostname="127.0.0.1", port=port,
                            server_kwargs={"decode_data": False})
    controller.start()  # returns once the server answers
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.rename(tmp, args.port_file)
    print("smtp-test-server: listening on 127.0.0.1:%d, writing to %s" % (port, args.dir),
          file=sys.stderr, flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
