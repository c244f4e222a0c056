#!/usr/bin/env python3
"""Reads a screenshot and says what is on it, for the report's end-to-end tests.

    image_stats.py PNG [#rrggbb ...]

Prints "size W H", then "inked F": the share of pixels that are not (near) white, then one
line "colour #rrggbb N" per colour asked for: the pixels within a small distance of it.
Needs Pillow (Debian package python3-pil).
"""
import sys

from PIL import Image


def main():
    image = Image.open(sys.argv[1]).convert("RGB")
    width, height = image.size
    pixels = list(image.getdata())
    print(f"size {width} {height}")
    inked = sum(1 for r, g, b in pixels if min(r, g, b) < 235)
    print(f"inked {inked / len(pixels):.4f}")
    for colour in sys.argv[2:]:
        want = tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
        near = sum(1 for p in pixels if sum(abs(a - b) for a, b in zip(p, want)) <= 24)
        print(f"colour {colour} {near}")


if __name__ == "__main__":
    main()
