"""Play over the network: a server that owns every game, its storage, and the clients that join it.

- `protocol`: the messages, their limits, and a side's view as JSON (built from `Game.view` only).
- `tables`: a table (scenario, seed, seats, credentials) and the checks on a move; no I/O.
- `storage`: the storage interface; `sqlite` its SQLite adapter (append-only move logs).
- `server`: the aiohttp server (`crisis serve`); `client`: the HTTP and websocket client, the bot seat.
"""
