"""Layout readers: one module per document layout, behind one small interface (:class:`Reader`).

:func:`read_layout` picks the most confident reader (or the one asked for) and reads mixed documents
part by part; it refuses with :class:`LayoutError` when no reader is confident.
"""

from .base import Document, Found, Reader
from .detect import READERS, THRESHOLD, LayoutError, Reading, rate, read_layout

__all__ = ["READERS", "THRESHOLD", "Document", "Found", "LayoutError", "Reader", "Reading", "rate", "read_layout"]
