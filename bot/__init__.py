"""Altitude: tells operations strategy from operations management, grounded in one reference document."""

__version__ = "0.1.0"
