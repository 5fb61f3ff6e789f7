"""The ink limit: no pixel of a picture we write carries more than the total area coverage
(TAC, the sum of C, M, Y and K) the press allows, the theme's `press.ink_limit`.

The press profile's own separation stays under 300 %, but its tables round up a little, a
picture that comes as CMYK may carry any amount, and JPEG's compression moves pixels both
ways: a shadow converted to 300 % came out at 305-308 % once encoded. So a pixel over the
limit gives up the grey part of its cyan, magenta and yellow to black first (grey component
replacement, which keeps its colour), then the rest of its CMY in proportion (undercolour
removal, which keeps its hue); and a JPEG is decoded after encoding and, in the 8 × 8 blocks
where it still goes over, encoded again from pixels limited lower by what they went over,
until no pixel of what the press will print goes over.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

JPEG_QUALITY = 92
BLOCK = 8  # JPEG's block: compression moves a pixel's ink within its block
MARGIN = 1.0  # of 1020: a block over the limit is limited lower by its excess and this
TRIES = 12  # a photo takes at most three; a block that goes on rising is a broken encoder


def tac(pixels: np.ndarray) -> np.ndarray:
    """The total area coverage of each pixel of an (h, w, 4) CMYK array, in percent."""
    return _sum(pixels) / 2.55


def _sum(pixels: np.ndarray) -> np.ndarray:
    """C + M + Y + K of each pixel, 0-1020 (a sum over the short last axis is ten times
    slower than these three additions)."""
    return pixels[..., 0].astype(np.uint16) + pixels[..., 1] + pixels[..., 2] + pixels[..., 3]


def limit_ink(image: Image.Image, limit: float) -> Image.Image:
    """A CMYK picture with no pixel over `limit` % (the others are left as they are)."""
    pixels = np.asarray(image)
    limited = _limited(pixels, np.float32(limit * 2.55))
    return image if limited is pixels else Image.fromarray(limited, "CMYK")


def _limited(pixels: np.ndarray, target, total: np.ndarray | None = None) -> np.ndarray:
    """`pixels` (h, w, 4 uint8) with every pixel over `target` (in 0-1020 units, a number
    or an (h, w) array) brought down to it; the array itself when none is over. `total`:
    the pixels' ink sums, when known."""
    over = (_sum(pixels) if total is None else total) > target
    if not over.any():
        return pixels
    ink = pixels[over].astype(np.float32)
    goal = target[over] if np.ndim(target) else np.float32(target)
    excess = ink.sum(axis=1) - goal
    cmy, k = ink[:, :3], ink[:, 3]
    # grey component replacement: d of each of C, M and Y becomes d of K (2d less ink)
    grey = np.minimum(cmy.min(axis=1), 255 - k)
    moved = np.minimum(grey, excess / 2)
    cmy -= moved[:, None]
    k += moved
    # what is still over comes out of C, M and Y in proportion, under the black
    cmy_sum = cmy.sum(axis=1)
    room = np.maximum(goal - k, 0)
    scale = np.where(cmy_sum > room, room / np.maximum(cmy_sum, 1e-6), 1.0)
    cmy *= scale[:, None]
    out = pixels.copy()
    out[over] = np.floor(np.concatenate([cmy, k[:, None]], axis=1)).clip(0, 255).astype(np.uint8)
    return out


def within_limit_jpeg(image: Image.Image, limit: float) -> bytes:
    """The CMYK picture as JPEG bytes whose decoded pixels stay within `limit` %.

    Encoded once and decoded; the 8 × 8 blocks that went over (compression moves a pixel by
    up to 7 % of ink, rarely more) are settled apart — JPEG codes each block on its own, so
    a strip of just those blocks, encoded at the same quality, decodes exactly as they will
    in the picture — each limited lower by three times what it went over until none does;
    then the picture is encoded again and checked again."""
    pixels = np.asarray(image)
    height, width = pixels.shape[:2]
    rows, columns = -(-height // BLOCK), -(-width // BLOCK)
    ceiling = np.float32(limit * 2.55)
    total = _sum(pixels)
    target = np.full((rows, columns), ceiling, dtype=np.float32)
    for _ in range(TRIES):
        limited = _limited(pixels, _per_pixel(target, height, width), total)
        data = _jpeg(limited)
        worst = _block_max(_decoded_sum(data), rows, columns).astype(np.float32) - ceiling
        hit = worst > 0
        if not hit.any():
            return data
        _settle(pixels, target, hit, ceiling)
    raise ValueError(f"JPEG compression keeps taking this picture over the ink limit of "
                     f"{limit:g} %")


def _per_pixel(target: np.ndarray, height: int, width: int) -> np.ndarray:
    return np.repeat(np.repeat(target, BLOCK, 0), BLOCK, 1)[:height, :width]


def _settle(pixels: np.ndarray, target: np.ndarray, hit: np.ndarray, ceiling) -> None:
    """Lower `target` in the blocks `hit` until, encoded as JPEG, none goes over `ceiling`:
    tried on a strip of those blocks alone (the picture's edge repeated into its last
    blocks, as the encoder does)."""
    rows, columns = target.shape
    padded = np.pad(pixels, ((0, rows * BLOCK - pixels.shape[0]),
                             (0, columns * BLOCK - pixels.shape[1]), (0, 0)), mode="edge")
    where = np.nonzero(hit)
    blocks = padded.reshape(rows, BLOCK, columns, BLOCK, 4).transpose(0, 2, 1, 3, 4)[where]
    count = len(blocks)
    strip = np.ascontiguousarray(blocks.transpose(1, 0, 2, 3).reshape(BLOCK, count * BLOCK, 4))
    strip_total = _sum(strip)
    goal = target[where]
    for _ in range(TRIES * 4):
        limited = _limited(strip, np.repeat(goal, BLOCK)[None, :].repeat(BLOCK, 0),
                           strip_total)
        decoded = _decoded_sum(_jpeg(limited)).reshape(BLOCK, count, BLOCK)
        worst = decoded.max(axis=(0, 2)).astype(np.float32) - ceiling
        over = worst > 0
        if not over.any():
            break
        highest = _sum(limited).reshape(BLOCK, count, BLOCK).max(axis=(0, 2))
        goal[over] = np.minimum(goal[over], highest[over]) - 3 * worst[over] - MARGIN
    target[where] = goal


def _block_max(values: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """The highest value in each 8 × 8 block (blocks past the edge padded with 0)."""
    padded = np.zeros((rows * BLOCK, columns * BLOCK), dtype=values.dtype)
    padded[:values.shape[0], :values.shape[1]] = values
    return padded.reshape(rows * BLOCK, columns, BLOCK).max(axis=2).reshape(
        rows, BLOCK, columns).max(axis=1)  # the short axes one at a time: far faster


def _jpeg(pixels: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(pixels, "CMYK").save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    return out.getvalue()


def _decoded_sum(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as decoded:
        return _sum(np.asarray(decoded if decoded.mode == "CMYK" else decoded.convert("CMYK")))


def jpeg_tac(data: bytes) -> float:
    """The highest TAC of any pixel of a CMYK JPEG, in percent."""
    return float(_decoded_sum(data).max()) / 2.55
