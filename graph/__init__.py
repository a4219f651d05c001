"""zhkg: knowledge graphs from Chinese news.

The pipeline, one module per stage, data flowing one way:

    read -> nlp -> entities -> relations -> rdf -> viz / store / query

The public API is in :mod:`graph.pipeline` (``build``, ``extract``) and the
stage modules themselves; the ``zhkg`` command is a thin layer over them.
"""
__version__ = "0.1.0"
