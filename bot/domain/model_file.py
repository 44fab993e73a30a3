"""What the offline engine's model files share: fixed-precision floats packed little-endian, and
checksums of their bodies. The files themselves are read by `linear` and `question_model`."""

from __future__ import annotations

import sys
from array import array


class ModelError(ValueError):
    """A model file that cannot be used: corrupt, or from another version of Altitude."""


def sha256(data: bytes) -> str:
    import hashlib  # a few milliseconds of OpenSSL; the shipped files are read without their checksum

    return hashlib.sha256(data).hexdigest()


def round_float(value: float) -> float:
    """Nine significant digits: the same fit gives the same bytes, whatever the last bits of the solver."""
    return float(f"{value:.9g}")


def pack(values) -> bytes:
    packed = array("d", (round_float(v) for v in values))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes()


def floats(body: bytes, start: int, count: int) -> array:
    """`count` floats packed by `pack`, from byte `start` of `body`."""
    values = array("d")
    values.frombytes(body[start : start + 8 * count])
    if sys.byteorder == "big":
        values.byteswap()
    return values
