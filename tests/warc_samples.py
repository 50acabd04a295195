"""Small WARC archives for tests, written with warcio (the library ingest reads them with)."""
from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

BODY = ("<html><body><article><p>Police in the capital arrested at least {n} protesters on Tuesday after "
        "crowds marched on the parliament building, officials said. The demonstrators demanded lower fuel "
        "prices, and record number {i} of this archive says so.</p></article></body></html>")


def warc_bytes(records: int = 3, gz: bool = True) -> bytes:
    """An archive of ``records`` HTML response records, each a different short news page."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(records):
        body = BODY.format(n=40 + i, i=i + 1).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example.org/2023/03/0{i + 1}/page",
                                                      "response", payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


def capture_warc_bytes(captures: int = 3, gz: bool = True, start: int = 0) -> tuple[bytes, list[int]]:
    """An archive as a crawler writes it: per page a request record then its response record.

    Returns the archive and the offset where each record ends (a cut there loses no byte of a
    record: only the shape of the last capture can tell). ``start`` numbers the pages from
    another value, so that two archives do not hold the same pages.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    ends = []
    for i in range(start, start + captures):
        url = f"https://news.example.org/2023/03/0{i % 9 + 1}/page{i}"
        request = StatusAndHeaders("GET /page HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                                      http_headers=request))
        ends.append(buf.tell())
        body = BODY.format(n=40 + i, i=i + 1).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
        ends.append(buf.tell())
    return buf.getvalue(), ends
