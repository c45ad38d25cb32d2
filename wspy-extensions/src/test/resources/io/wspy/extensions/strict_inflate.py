"""Inflates raw DEFLATE streams with a limited window, strictly.

Reads records from stdin: window bits (1 byte), length (4 bytes, big-endian), a raw DEFLATE
stream. For each writes: status (1 byte: 0 inflated, 1 failed), length, then the output or the
error message. zlib accepts a back-reference that reaches into the output of the same inflate
call whatever the window; asking for one byte per call makes every reference go through the
window, so a reference further back than 2^bits bytes fails ("invalid distance too far back").
"""
import struct
import sys
import zlib


def inflate_strictly(data, bits):
    inflater = zlib.decompressobj(-bits)
    out = bytearray()
    rest = data
    while True:
        chunk = inflater.decompress(rest, 1)
        out += chunk
        rest = inflater.unconsumed_tail
        if not chunk and not rest:
            break
    out += inflater.flush()
    return bytes(out)


def main():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        head = stdin.read(5)
        if not head:
            break
        bits, length = struct.unpack(">BI", head)
        data = stdin.read(length)
        try:
            result, status = inflate_strictly(data, bits), 0
        except zlib.error as e:
            result, status = str(e).encode(), 1
        stdout.write(struct.pack(">BI", status, len(result)) + result)
    stdout.flush()


main()
