"""A Dask cluster for explore: `crisis explore --dask tcp://HOST:8786` or `--dask local`.

Optional: the `dask` extra (`pip install 'missile-crisis[dask]'`) brings Dask distributed. Chunks go
through the client's concurrent.futures executor; each carries the game's version and the
scenario's hash, and a worker that has another refuses it (`playout.stamped_chunk`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from game.model import CrisisError

CONNECT_SECONDS = 30


@contextmanager
def dask_executor(address: str) -> Iterator[tuple[Executor, int]]:
    """An executor on the cluster at `address` (or a LocalCluster of this machine's cores for
    "local"), and its worker slots; the client, and a local cluster, are closed on leaving."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise CrisisError("--dask needs the dask extra: pip install 'missile-crisis[dask]'") from None
    cluster: Any = None
    try:
        if address == "local":
            cores = os.cpu_count() or 1
            cluster = LocalCluster(n_workers=cores, threads_per_worker=1, dashboard_address=":0")
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as err:
        if cluster is not None:
            cluster.close()
        raise CrisisError(f"cannot reach the Dask scheduler at {address!r}: {err}") from None
    try:
        slots = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()) or 1
        yield client.get_executor(pure=False), slots
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
