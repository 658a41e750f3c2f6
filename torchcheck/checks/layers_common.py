"""What the layer checks share: the dtypes they measure in and the rounding tolerance."""

from __future__ import annotations

import torch

DTYPES = (torch.float32, torch.float64)


def _tol(dtype: torch.dtype, scale: float = 1.0) -> float:
    """64 unit roundoffs of ``dtype``, times ``scale``: the tolerance of an identity computed in it."""
    return 64 * torch.finfo(dtype).eps * scale
