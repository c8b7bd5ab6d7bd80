"""Draw the app icon with Qt: PNGs for the window (``resources/icons/``), an .ico for Windows.

python installer/make_icon.py

A blue tile with a white ruled sheet (the printed tables) and a green tick (they check out).
Each size is drawn on its own rather than scaled from one picture, so 16 px stays crisp: the
sheet has fewer rules and thicker strokes the smaller the icon. The outputs are committed; run
this again only to change the design.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PNG_DIR = ROOT / "resources" / "icons"
ICO_PATH = ROOT / "installer" / "juesuan.ico"
PNG_SIZES = (16, 32, 48, 256)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)


def draw(size: int):
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    small = size <= 24

    tile = QRectF(0.03 * s, 0.03 * s, 0.94 * s, 0.94 * s)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomLeft())
    gradient.setColorAt(0, QColor("#3b7dd8"))
    gradient.setColorAt(1, QColor("#1c4f97"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(gradient)
    p.drawRoundedRect(tile, 0.2 * s, 0.2 * s)

    sheet = QRectF(0.2 * s, 0.14 * s, 0.52 * s, 0.66 * s)
    p.setBrush(QColor("white"))
    p.drawRoundedRect(sheet, 0.04 * s, 0.04 * s)
    # The header band and rules of a printed table.
    p.setBrush(QColor("#9db8de"))
    p.drawRect(QRectF(sheet.left(), sheet.top() + 0.08 * s, sheet.width(), 0.09 * s))
    rules = 2 if small else 4
    pen = QPen(QColor("#9db8de"), max(1.0, 0.035 * s))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    p.setPen(pen)
    top, bottom = sheet.top() + 0.27 * s, sheet.bottom() - 0.08 * s
    for i in range(rules):
        y = top + (bottom - top) * i / max(1, rules - 1)
        p.drawLine(QPointF(sheet.left() + 0.06 * s, y), QPointF(sheet.right() - 0.06 * s, y))
    if not small:
        x = sheet.left() + 0.22 * s
        p.drawLine(QPointF(x, top - 0.04 * s), QPointF(x, bottom + 0.02 * s))

    # The tick on a green disc, overlapping the sheet's corner.
    centre, radius = QPointF(0.7 * s, 0.7 * s), 0.21 * s
    p.setPen(QPen(QColor("white"), max(1.0, 0.035 * s)))
    p.setBrush(QColor("#2e9d48"))
    p.drawEllipse(centre, radius, radius)
    tick = QPainterPath(QPointF(centre.x() - 0.1 * s, centre.y() + 0.005 * s))
    tick.lineTo(centre.x() - 0.025 * s, centre.y() + 0.08 * s)
    tick.lineTo(centre.x() + 0.11 * s, centre.y() - 0.075 * s)
    tick_pen = QPen(QColor("white"), max(1.6, 0.06 * s))
    tick_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(tick_pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def dib_bytes(image) -> bytes:
    """An icon entry as Windows' classic resources hold it: BITMAPINFOHEADER (height counted twice,
    for the colour rows and the mask), bottom-up BGRA rows, then an all-clear 1-bit AND mask."""
    size = image.width()
    row = size * 4
    pixels = bytes(image.constBits())[: row * size]  # ARGB32 is B, G, R, A in memory on x86/ARM
    colour = b"".join(pixels[y * row : (y + 1) * row] for y in reversed(range(size)))
    mask = bytes(((size + 31) // 32) * 4 * size)
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, len(colour) + len(mask), 0, 0, 0, 0)
    return header + colour + mask


def ico_bytes(images: dict[int, object]) -> bytes:
    """Small sizes as bitmaps (every Windows version reads them), 256 px as PNG (as Windows does)."""
    entries = [(size, png_bytes(img) if size >= 256 else dib_bytes(img)) for size, img in sorted(images.items())]
    offset = 6 + 16 * len(entries)
    directory, blobs = [], []
    for size, blob in entries:
        directory.append(struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return struct.pack("<HHH", 0, 1, len(entries)) + b"".join(directory) + b"".join(blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    images = {size: draw(size) for size in sorted({*PNG_SIZES, *ICO_SIZES})}
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        (PNG_DIR / f"juesuan-{size}.png").write_bytes(png_bytes(images[size]))
    ICO_PATH.write_bytes(ico_bytes({size: images[size] for size in ICO_SIZES}))
    print(f"{PNG_DIR.relative_to(ROOT)}/juesuan-{{{','.join(map(str, PNG_SIZES))}}}.png, {ICO_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
