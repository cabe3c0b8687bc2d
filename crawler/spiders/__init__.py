"""Spiders of the filingwatch crawler (one: hkexnews)."""
