"""Draw mend's home-screen icons: one SVG plus the PNG sizes phones ask for.

The mark is deliberately plain (a ring with a stitched seam on calm green) so an icon on a shared
phone says nothing about what the app is for. Run after changing the drawing:

    .venv/bin/python tools/make_icons.py

Needs Pillow (dev only); the PNGs it writes are committed, so running mend does not.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[1] / "mend" / "core" / "static" / "mend" / "icons"
BACKGROUND = "#2f6f62"
INK = "#f7f5f2"
SIZE = 512  # drawing units; everything below is in this grid

RING = (256, 256, 150, 34)  # centre x, centre y, radius, stroke
SEAM = ((150, 256), (362, 256), 18)
STITCHES = [((x, 214), (x, 298), 18) for x in (196, 256, 316)]


def svg(*, maskable: bool) -> str:
    scale = 0.8 if maskable else 1.0  # maskable icons keep the mark inside the central safe zone
    offset = SIZE * (1 - scale) / 2
    cx, cy, r, stroke = RING
    lines = [SEAM, *STITCHES]
    shapes = [
        f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="none" stroke="{INK}" stroke-width="{stroke}"/>',
        *(
            f'<line x1="{a[0]}" y1="{a[1]}" x2="{b[0]}" y2="{b[1]}" stroke="{INK}" '
            f'stroke-width="{w}" stroke-linecap="round"/>'
            for a, b, w in lines
        ),
    ]
    corner = 0 if maskable else 112
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" role="img" aria-label="mend">\n'
        f'  <rect width="{SIZE}" height="{SIZE}" rx="{corner}" fill="{BACKGROUND}"/>\n'
        f'  <g transform="translate({offset:g} {offset:g}) scale({scale:g})">\n    '
        + "\n    ".join(shapes)
        + "\n  </g>\n</svg>\n"
    )


def png(size: int, *, maskable: bool) -> Image.Image:
    big = size * 4  # draw large, then shrink: smooth edges without an anti-aliasing library
    unit = big / SIZE
    scale = 0.8 if maskable else 1.0
    offset = big * (1 - scale) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return offset + x * unit * scale, offset + y * unit * scale

    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    corner = 0 if maskable else int(112 * unit)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=corner, fill=BACKGROUND)
    cx, cy, r, stroke = RING
    width = stroke * unit * scale
    (x0, y0), (x1, y1) = (
        at(cx - r - stroke / 2, cy - r - stroke / 2),
        at(cx + r + stroke / 2, cy + r + stroke / 2),
    )
    draw.ellipse((x0, y0, x1, y1), outline=INK, width=round(width))
    for a, b, w in [SEAM, *STITCHES]:
        line_width = w * unit * scale
        start, end = at(*a), at(*b)
        draw.line((start, end), fill=INK, width=round(line_width))
        for point in (start, end):  # round caps
            radius = line_width / 2
            draw.ellipse(
                (point[0] - radius, point[1] - radius, point[0] + radius, point[1] + radius), fill=INK
            )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "icon.svg").write_text(svg(maskable=False), encoding="utf-8")
    (OUT / "icon-maskable.svg").write_text(svg(maskable=True), encoding="utf-8")
    for size in (192, 512):
        png(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
        png(size, maskable=True).save(OUT / f"icon-maskable-{size}.png", optimize=True)
    png(180, maskable=True).convert("RGB").save(OUT / "apple-touch-icon.png", optimize=True)
    print(f"icons written to {OUT}")


if __name__ == "__main__":
    main()
