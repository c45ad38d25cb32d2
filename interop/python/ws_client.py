"""Python websockets as a client of a wspy echo server, for wspy's interop tests.

Usage: ws_client.py URI [--deflate] [--server-max-window-bits N]

Exchanges text, binary, a fragmented message, 8 MiB, 1,000 messages, a ping and a close with
code 4001, checking every echo. Prints "ok STEP" per step and "closed CODE" at the end; exits 1
with "FAIL ..." on stderr at the first wrong answer.
"""
import argparse
import asyncio
import random
import sys

from websockets.client import connect
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

LARGE = 8 * 1024 * 1024


def far_repeats(size):
    """Data whose repeats lie 3,000 bytes apart: beyond a 512-byte window, within a 32 KiB one."""
    rnd = random.Random(7)
    block = rnd.randbytes(1000)
    out = bytearray()
    while len(out) < size:
        out += block + rnd.randbytes(2000)
    return bytes(out[:size])


def check(step, expected, actual):
    if expected != actual:
        show = lambda v: repr(v) if len(v) <= 40 else f"{type(v).__name__} of {len(v)}"
        print(f"FAIL {step}: expected {show(expected)}, got {show(actual)}", file=sys.stderr)
        sys.exit(1)
    print(f"ok {step}", flush=True)


async def exchange(uri, deflate, server_bits):
    extensions = None
    compression = None
    if deflate:
        compression = "deflate"
        if server_bits:
            extensions = [ClientPerMessageDeflateFactory(server_max_window_bits=server_bits)]
    async with connect(uri, compression=compression, extensions=extensions, max_size=None,
                       ping_interval=None, close_timeout=10) as ws:
        print("extensions: " + str(ws.response_headers.get("Sec-WebSocket-Extensions")), flush=True)
        await ws.send("héllo wspy ✓")
        check("text", "héllo wspy ✓", await ws.recv())
        await ws.send(bytes(range(256)))
        check("binary", bytes(range(256)), await ws.recv())
        await ws.send(["frag", "men", "ted ✓"])
        check("fragmented", "fragmented ✓", await ws.recv())
        large = far_repeats(LARGE)
        await ws.send(large)
        check("large", large, await ws.recv())
        for i in range(1000):
            await ws.send(f"message {i}")
        many = [await ws.recv() for _ in range(1000)]
        check("many", [f"message {i}" for i in range(1000)], many)
        pong = await ws.ping(b"ping from python")
        await asyncio.wait_for(pong, 10)
        print("ok ping", flush=True)
        await ws.close(code=4001, reason="bye from python")
        print(f"closed {ws.close_code}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("uri")
    parser.add_argument("--deflate", action="store_true")
    parser.add_argument("--server-max-window-bits", type=int, default=0)
    args = parser.parse_args()
    asyncio.run(exchange(args.uri, args.deflate, args.server_max_window_bits))


if __name__ == "__main__":
    main()
