"""Éclaire: where an organization has come apart inside, why, and which conversation to open first."""

__version__ = "0.1.0"
