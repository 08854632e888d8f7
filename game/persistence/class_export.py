"""A class exported by its facilitator: one folder with the class's file and every table's save."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from game.persistence.files import SaveError, write_atomic


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "", name)[:24] or "x"


def write_class(folder: str | Path, export: dict[str, Any]) -> list[Path]:
    """Write `export` (the server's class export: class, saves, controls) into `folder`; the files written.

    The class's file is `class-CODE.json` (status and the facilitator's controls); each table's save
    is `table-N-CODE.json`, numbered in class order, readable by `crisis replay` and `crisis report`.
    """
    root = Path(folder).expanduser()
    klass = export.get("class") or {}
    saves = export.get("saves") or {}
    if not isinstance(klass, dict) or not isinstance(saves, dict):
        raise SaveError("the server's export is not a class export (no class or saves)")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise SaveError(f"cannot make the folder {str(root)!r}: {err.strerror or err}") from None
    code = _safe(str(klass.get("code", "class")))
    written = [root / f"class-{code}.json"]
    body = {"class": klass, "controls": export.get("controls") or {}}
    write_atomic(written[0], json.dumps(body, indent=1, ensure_ascii=False).encode())
    order = [t.get("code") for t in klass.get("tables") or [] if isinstance(t, dict)]
    order += [c for c in saves if c not in order]
    for n, table in enumerate(order, 1):
        if table in saves:
            path = root / f"table-{n}-{_safe(str(table))}.json"
            write_atomic(path, json.dumps(saves[table], indent=1, ensure_ascii=False).encode())
            written.append(path)
    return written
