"""Importing the office's spreadsheets: reading (lectura), value parsing (valores), column mapping (mapeo)."""
