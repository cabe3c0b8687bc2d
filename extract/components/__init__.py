"""spaCy components of the extraction pipeline, one module each (imported by pipeline.py)."""
