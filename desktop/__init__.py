"""Medius: gluteus medius assessment for low back pain clinics."""

__version__ = "0.1.0"
APP_NAME = "Medius"
