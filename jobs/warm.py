"""Importing this module builds the English pipeline.

The batch's process pool forks its workers from a forkserver that has imported this module,
so each worker starts with spaCy loaded and the pipeline built (copy-on-write) instead of
spending a second or two importing and building it again.
"""

from __future__ import annotations

from extract import get_pipeline

get_pipeline()
