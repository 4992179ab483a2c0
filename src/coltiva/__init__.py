"""Coltiva: relationship networking on the VCP Process."""
