"""Python websockets as an echo server for a wspy client, for wspy's interop tests.

Usage: ws_server.py [--deflate] [--tls CHAIN_PEM KEY_PEM]

With --tls, speaks wss with the given certificate chain and key. Listens on a free loopback port
and prints "listening PORT"; echoes every message of the first connection; when it closes, prints "closed CODE REASON|messages=N|bytes=M" and exits.
"""
import argparse
import asyncio
import ssl

from websockets.exceptions import ConnectionClosed
from websockets.server import serve


async def main(deflate, tls):
    context = None
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls[0], tls[1])

    done = asyncio.get_running_loop().create_future()

    async def echo(ws):
        messages = 0
        size = 0
        try:
            async for message in ws:
                messages += 1
                size += len(message.encode("utf-8") if isinstance(message, str) else message)
                await ws.send(message)
        except ConnectionClosed:
            pass  # a close code other than 1000 or 1001 ends the loop this way
        print(f"extensions: {ws.response_headers.get('Sec-WebSocket-Extensions')}", flush=True)
        if not done.done():
            done.set_result(f"closed {ws.close_code} {ws.close_reason}|messages={messages}|bytes={size}")

    async with serve(echo, "127.0.0.1", 0, compression="deflate" if deflate else None, max_size=None,
                     ping_interval=None, ssl=context) as server:
        print(f"listening {server.sockets[0].getsockname()[1]}", flush=True)
        print(await done, flush=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--deflate", action="store_true")
    parser.add_argument("--tls", nargs=2, metavar=("CHAIN_PEM", "KEY_PEM"))
    args = parser.parse_args()
    asyncio.run(main(args.deflate, args.tls))
