"""A small local PxWeb server that answers table queries with JSON-stat 2 documents from files.

The demo loads its key figures through the real client against this server, so that the demo
takes the production path; it also lets developers try the importer without the internet.
It answers like Statistics Finland's API: POST a query to /<table path>, get JSON-stat 2 with
the categories the query selects (filter "item" or "all"), or a JSON error.
"""

from __future__ import annotations

import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from indicators.jsonstat import parse

TABLES = Path(__file__).parent / "data" / "pxweb"
MAX_QUERY_BYTES = 64 * 1024


def select(document: dict, selections: dict[str, list[str]]) -> dict:
    """The document with only the selected categories of the given dimensions."""
    dataset = parse(document)
    kept = []
    for dimension in dataset.dimensions:
        wanted = selections.get(dimension.id)
        codes = [c for c in dimension.codes if wanted is None or c in wanted]
        kept.append((dimension, codes))
    positions = {
        d.id: {code: index for index, code in enumerate(d.codes)} for d in dataset.dimensions
    }
    sizes = [len(d.codes) for d in dataset.dimensions]
    values = []
    for combination in itertools.product(*[codes for _d, codes in kept]):
        position = 0
        for (dimension, _codes), code, size in zip(kept, combination, sizes, strict=True):
            position = position * size + positions[dimension.id][code]
        if isinstance(dataset.values, dict):
            values.append(dataset.values.get(str(position)))
        else:
            values.append(dataset.values[position])
    answer = {key: value for key, value in document.items() if key not in ("value", "status")}
    answer["size"] = [len(codes) for _d, codes in kept]
    answer["dimension"] = {}
    for dimension, codes in kept:
        original = document["dimension"][dimension.id]
        category = dict(original["category"])
        category["index"] = {code: index for index, code in enumerate(codes)}
        category["label"] = {code: dimension.labels[code] for code in codes}
        if "unit" in category:
            category["unit"] = {c: u for c, u in category["unit"].items() if c in codes}
        answer["dimension"][dimension.id] = {**original, "category": category}
    answer["value"] = values
    return answer


def answer_query(table_file: Path, body: bytes) -> tuple[int, dict]:
    """(status, JSON answer) for a query posted to a table."""
    if not table_file.is_file():
        return 404, {"error": "table not found"}
    try:
        query = json.loads(body or b"{}")
    except ValueError:
        return 400, {"error": "the query is not JSON"}
    document = json.loads(table_file.read_text(encoding="utf-8"))
    selections = {}
    for item in query.get("query", []):
        selection = item.get("selection", {})
        if selection.get("filter") == "item":
            selections[item.get("code")] = [str(v) for v in selection.get("values", [])]
    unknown = [code for code in selections if code not in document["dimension"]]
    if unknown:
        return 400, {"error": f"unknown variables: {', '.join(unknown)}"}
    return 200, select(document, selections)


class _Handler(BaseHTTPRequestHandler):
    tables: Path = TABLES

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            self._send(413, {"error": "query too large"})
            return
        name = self.path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".px") + ".json"
        status, answer = answer_query(self.tables / name, self.rfile.read(length))
        self._send(status, answer)

    def _send(self, status: int, answer: dict) -> None:
        data = json.dumps(answer, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass


class LocalPxWebServer:
    """The local server on a free port of 127.0.0.1, in a thread; use it as a context manager."""

    def __init__(self, tables: Path = TABLES):
        handler = type("Handler", (_Handler,), {"tables": tables})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/PxWeb/api/v1/fi/"

    def __enter__(self) -> LocalPxWebServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
