"""asyncio glue: one LoopBridge per event loop carries engine results to futures."""

import asyncio
from weakref import WeakKeyDictionary

from ._engine import native

_bridges = WeakKeyDictionary()


def bridge_for(loop):
    bridge = _bridges.get(loop)
    if bridge is None:
        bridge = native().LoopBridge()
        loop.add_reader(bridge.fileno(), bridge.drain)
        _bridges[loop] = bridge
    return bridge


async def run(call):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    call.start(bridge_for(loop), fut)
    try:
        return await fut
    except BaseException:
        # Cancelled (or interrupted): drop the request, which closes the connection.
        call.cancel()
        raise


async def next_chunk(stream):
    """The next chunk of a native stream, waiting on the loop until one is buffered."""
    pending = native().PENDING
    loop = asyncio.get_running_loop()
    bridge = bridge_for(loop)
    while True:
        fut = loop.create_future()
        stream.wait_async(bridge, fut)
        try:
            await fut
        except BaseException:
            stream.close()
            raise
        item = stream.try_next()
        if item is not pending:
            return item
