"""Bounds on what one input may cost: only regular files, streamed decompression with a cap,
lines read to a limit, a deadline per document, and names made safe to store and to print.

A hostile crawler's output can hold a FIFO that never ends, a gzip line that inflates to
gigabytes, a file name with terminal escapes or bytes that are not UTF-8. Every reader of ingest
goes through these helpers, so that each input costs at most ``max_bytes`` of memory, a bounded
amount of decompression and ``Settings.article_seconds`` of work.
"""
from __future__ import annotations

import gzip
import io
import os
import re
import signal
import stat
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from newsevents.errors import DeadlineExceeded, InputError

# A gzip stream that inflates more than this many times its compressed size, past FLOOR bytes,
# is a decompression bomb: news text compresses 3-10 x, a run of zeros 1000 x.
MAX_INFLATION = 100
INFLATION_FLOOR = 50_000_000
CHUNK = 1 << 20


def open_regular(path: str) -> BinaryIO:
    """Open ``path`` for reading only if it is a regular file (after following symlinks).

    FIFOs, sockets and devices are refused without blocking: the file is opened non-blocking and
    checked with fstat on the same descriptor, so it cannot be swapped between check and read.
    Raises InputError for a file that is not regular; OSError when it cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(f"not a regular file ({_file_type(mode)})")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "special file"


class _CountingReader(io.RawIOBase):
    """A raw stream that counts the bytes read through it (the compressed side of a gzip)."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


class CappedGzip(io.RawIOBase):
    """A gzip stream that stops with InputError when it inflates like a decompression bomb."""

    def __init__(self, raw: BinaryIO, origin: str = ""):
        self.counter = _CountingReader(raw)
        self.inner = gzip.GzipFile(fileobj=io.BufferedReader(self.counter, CHUNK))
        self.out = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.inner.readinto(buffer)
        self.out += n
        if self.out > INFLATION_FLOOR and self.out > MAX_INFLATION * max(self.counter.count, 1):
            raise InputError(f"decompression bomb: {self.counter.count / 1e6:.1f} MB inflate past "
                             f"{self.out / 1e6:.0f} MB (more than {MAX_INFLATION} x)")
        return n


def gzip_cut(stream: BinaryIO) -> int | None:
    """The offset of a gzip member that ends before its trailer (a file cut off), or None when
    every member is whole or the stream is not gzip. Inflates to nowhere, CHUNK at a time.

    The stream must be seekable; it is read from its start and left at its end.
    """
    try:
        stream.seek(0)
    except (OSError, ValueError):
        return None
    if stream.read(2) != b"\x1f\x8b":
        return None
    stream.seek(0)
    start = offset = 0
    inflater = zlib.decompressobj(31)
    fed = False
    while True:
        data = stream.read(CHUNK)
        if not data:
            return start if fed and not inflater.eof else None
        while data:
            if inflater.eof:    # a member ended: the next starts in what is left
                start = offset
                inflater, fed = zlib.decompressobj(31), False
            fed = True
            try:
                inflater.decompress(data, CHUNK)
                while inflater.unconsumed_tail:
                    inflater.decompress(inflater.unconsumed_tail, CHUNK)
            except zlib.error:
                return start
            used = len(data) - len(inflater.unused_data)
            offset += used
            data = inflater.unused_data
            if not inflater.eof:
                break


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | int]:
    """The lines of ``stream``; a line longer than ``limit`` comes back as its length (an int),
    read past in chunks, so that no line costs more than ``limit`` bytes of memory."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        del line
        while True:
            rest = stream.readline(CHUNK)
            size += len(rest)
            if not rest or rest.endswith(b"\n"):
                break
        yield size


@contextmanager
def deadline(seconds: float | None, what: str = "article"):
    """Raise DeadlineExceeded in this block after ``seconds`` (wall clock).

    Uses SIGALRM, so it only works in a process's main thread (the local runner, every pool
    worker); elsewhere (Ray actors' threads) the block runs without a deadline. Regular
    expressions and pure-Python loops are interrupted; a single long C call ends first.
    """
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    message = f"{what} took longer than {seconds:g} s (article_seconds)"
    fired = []

    def expired(signum, frame):
        fired.append(True)
        raise DeadlineExceeded(message)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if fired:
        # the alarm went off inside code that caught the error and went on (a library's own
        # "except Exception" fallback): the block still ran past its deadline
        raise DeadlineExceeded(message)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def escape(text: str) -> str:
    """Text safe to print on a terminal and to store: control characters (escape sequences),
    bidirectional overrides and undecodable bytes of a file name become visible escapes."""
    def sub(m: re.Match) -> str:
        ch = m.group(0)
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:    # a byte of a file name that is not UTF-8 (surrogateescape)
            return f"\\x{code - 0xDC00:02x}"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return _UNPRINTABLE.sub(sub, text)
