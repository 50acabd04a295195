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
