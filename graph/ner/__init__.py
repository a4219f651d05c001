"""Named-entity tagger for Chinese news, trained on CLUENER2020 (see tagger.py)."""
from .tagger import Tagger, load_tagger

__all__ = ["Tagger", "load_tagger"]
