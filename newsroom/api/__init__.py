"""The read-only JSON API: published events, storylines, places, sources and articles.

Plain Django views. Each endpoint reads the same querysets and filters as the HTML pages (so the
two can never disagree about what is public or which events a filter selects), answers in JSON
only, and is described by the OpenAPI document at ``/api/openapi.json`` (``openapi.py``).
"""
