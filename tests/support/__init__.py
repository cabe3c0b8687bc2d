"""Helpers the tests (and bench/) share: PDFs rendered from text, a 300-page announcement.

Kept out of the packages so nothing that ships imports test code. Tests import them as
`support.*` (pytest puts tests/ on sys.path); bench/ scripts as `tests.support.*`.
"""
