"""The content engine: YAML files in, one validated, immutable `Content` object out.

Pure Python (no Django import) except `apps.py`, `checks.py` and the management commands,
so the loader can be used by tests, scripts and the JSON Schema generator alike.
"""
