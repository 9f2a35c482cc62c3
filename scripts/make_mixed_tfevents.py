#!/usr/bin/env python3
"""Writes a large TensorBoard event file of image summaries with one small scalar series among them,
for checking that lrscope reads it in bounded memory (`make hostile`). Python standard library only.

    make_mixed_tfevents.py OUT_FILE SIZE_MB [STEPS]

Each step has an `lr` and a `loss` scalar (simple_value); between them sit image summaries
(Summary.Value.image, field 4) of 1 MiB each, which lrscope must skip without keeping them.
"""
import struct
import sys

POLY = 0x82F63B78
TABLE = []
for i in range(256):
    c = i
    for _ in range(8):
        c = (c >> 1) ^ POLY if c & 1 else c >> 1
    TABLE.append(c)


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def varint(v):
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field(number, wire, payload):
    return varint((number << 3) | wire) + payload


def length_delimited(number, payload):
    return field(number, 2, varint(len(payload)) + payload)


def record(payload):
    header = struct.pack("<Q", len(payload))
    return header + struct.pack("<I", masked(header)) + payload + struct.pack("<I", masked(payload))


def event(step, values):
    summary = b"".join(length_delimited(1, v) for v in values)
    return field(1, 1, struct.pack("<d", 1.0)) + field(2, 0, varint(step)) + length_delimited(5, summary)


def scalar(tag, x):
    return length_delimited(1, tag.encode()) + field(2, 5, struct.pack("<f", x))


def main():
    out, size_mb = sys.argv[1], int(sys.argv[2])
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    image = length_delimited(1, b"image") + length_delimited(4, length_delimited(4, bytes(range(256)) * 4096))
    image_record = record(event(0, [image]))          # identical bytes: its checksum is computed once
    images = max(0, (size_mb << 20) // len(image_record))
    per_step = max(1, images // steps)
    with open(out, "wb") as f:
        f.write(record(field(1, 1, struct.pack("<d", 1.0)) + length_delimited(3, b"brain.Event:2")))
        written = 0
        for step in range(steps):
            lr = 1e-6 * 10 ** (6 * step / steps)
            f.write(record(event(step, [scalar("lr", lr), scalar("loss", 2.3 - step / steps)])))
            for _ in range(per_step if written < images else 0):
                f.write(image_record)
                written += 1


if __name__ == "__main__":
    main()
