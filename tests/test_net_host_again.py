"""`crisis host` quitting names the `crisis serve` that serves its table again (play-test 8, H21): its
own server went with it, so 'crisis join URL CODE' alone answers 'no crisis server'. The command, run
as the CLI parses it, serves the table again at the same address, where the join finds it."""

from __future__ import annotations

import asyncio
from pathlib import Path

from game.cli import parser
from game.cli.net import serve_command
from game.net import client
from game.net.server import serve_in_thread


def test_the_command_crisis_host_names_serves_its_table_again_at_the_same_address(tmp_path):
    db = tmp_path / "tables.sqlite3"
    url, stop = serve_in_thread(db, "127.0.0.1", 0)
    try:
        made = asyncio.run(client.create_table(url, "thirteen-days", 3, {}))
    finally:
        stop()
    command = serve_command(url, "127.0.0.1", str(db))
    words = command.split()
    assert words[:2] == ["crisis", "serve"], command
    args = parser(words[1:]).parse_args(words[1:])
    again, stop = serve_in_thread(Path(args.db), args.host, args.port)
    try:
        assert again == url  # the same address: the seat's remembered credential is for it
        info = asyncio.run(client.table_info(again, made["code"]))
    finally:
        stop()
    assert info["code"] == made["code"] and info["scenario"] == "thirteen-days"


def test_the_default_store_and_address_are_left_out():
    assert serve_command("http://127.0.0.1:37153", "127.0.0.1", None) == "crisis serve --port 37153"
    said = serve_command("http://10.0.0.2:8765", "0.0.0.0", "t.db")
    assert said == "crisis serve --port 8765 --host 0.0.0.0 --db t.db"
