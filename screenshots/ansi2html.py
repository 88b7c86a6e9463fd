#!/usr/bin/env python3
"""Turns `steepest --snapshot --color=always` output (stdin) into HTML (stdout) in which every
terminal cell is a fixed-width box, so braille and Greek letters keep the grid even when the
font has to borrow them from another font."""
import html
import re
import sys

CELL_W, CELL_H = 10, 20


def xterm256(n):
    base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
            (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
            (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
    if n < 16:
        return base[n]
    if n < 232:
        n -= 16
        levels = [0, 95, 135, 175, 215, 255]
        return levels[n // 36], levels[(n // 6) % 6], levels[n % 6]
    g = 8 + 10 * (n - 232)
    return g, g, g


def main():
    light = len(sys.argv) > 1 and sys.argv[1] == "white"
    default_fg = (30, 30, 30) if light else (220, 220, 220)
    rows = []
    for line in sys.stdin.read().split("\n")[:-1]:
        fg, bold, cells = default_fg, False, []
        for token in re.split(r"(\x1b\[[0-9;]*m)", line):
            m = re.fullmatch(r"\x1b\[([0-9;]*)m", token)
            if m:
                codes = [int(c) for c in m.group(1).split(";") if c]
                i = 0
                while i < len(codes):
                    if codes[i] == 0:
                        fg, bold = default_fg, False
                    elif codes[i] == 1:
                        bold = True
                    elif codes[i] == 38 and i + 2 < len(codes) and codes[i + 1] == 5:
                        fg = xterm256(codes[i + 2])
                        i += 2
                    i += 1
                continue
            for ch in token:
                style = "color:rgb(%d,%d,%d)%s" % (fg + (";font-weight:bold" if bold else "",))
                cells.append('<span style="%s">%s</span>' % (style, html.escape(ch)))
        rows.append("<div>" + "".join(cells) + "</div>")
    print("""<!doctype html><meta charset="utf-8"><title>steepest</title>
<style>
body { background: %s; margin: 10px; }
div { height: %dpx; white-space: pre; }
span { display: inline-block; width: %dpx; height: %dpx; text-align: center;
       font: 16px/%dpx "DejaVu Sans Mono", monospace; overflow: visible; }
</style>""" % ("#fff" if light else "#000", CELL_H, CELL_W, CELL_H, CELL_H))
    print("\n".join(rows))


main()
