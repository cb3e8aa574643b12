"""The print edition (--formats pdf): newsletter PDF and large-print PDF."""

from .edition import PrintEdition

__all__ = ["PrintEdition"]
