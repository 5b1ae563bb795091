"""Conflict-of-interest consultations: knowledge base, Spanish retrieval and the decision engine.

    kb = KnowledgeBase.from_directory()          # bot/consultas/base/*.yaml
    engine = ConsultationEngine(kb)
    answer = engine.answer("mi cuñis se presentó a la licitación")   # -> Answer
    engine.reload(kb.with_overrides(hr_entries))  # HR edits from the database win by id
"""

from .answer import Answer, Candidate
from .engine import ConsultationEngine, EngineConfig
from .knowledge import KnowledgeBase, parse_entry
from .models import Entry, SourceCatalogue

__all__ = ["Answer", "Candidate", "ConsultationEngine", "EngineConfig", "Entry", "KnowledgeBase",
           "SourceCatalogue", "parse_entry"]
