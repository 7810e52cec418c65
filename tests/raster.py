"""Pictures as pixels, for tests that look at what a person sees: Chromium screenshots and ink counts."""

from __future__ import annotations

import subprocess

from conftest import program

#: How the tests start Chromium: no sandbox (root in CI), no GPU, and nothing that reaches for the network.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def screenshot(html_or_svg_path, out_path, tmp_path, size=(900, 400)):
    """A headless Chromium screenshot of a local file (no network, a fresh profile)."""
    command = [
        program("browser"),
        "--headless",
        *CHROMIUM_FLAGS,
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={size[0]},{size[1]}",
        f"--screenshot={out_path}",
        html_or_svg_path.as_uri(),
    ]
    subprocess.run(command, capture_output=True, timeout=120, check=True)


def pixel_shares(png_path, width: int, height: int) -> tuple[float, float]:
    """In the top-left ``width × height`` area: the shares of ink (dark) and of box fill (light colour) pixels."""
    from PIL import Image

    image = Image.open(png_path).convert("RGB").crop((0, 0, width, height))
    pixels = [image.getpixel((x, y)) for x in range(image.width) for y in range(image.height)]
    ink = sum(max(p) < 110 for p in pixels) / len(pixels)
    fill = sum(max(p) - min(p) > 25 and min(p) > 150 for p in pixels) / len(pixels)
    return ink, fill
