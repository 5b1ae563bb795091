"""Loader and validator of the knowledge base (bot/consultas/knowledge.py and models.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.consultas.knowledge import KnowledgeBase, parse_entry
from bot.consultas.models import Entry, SourceCatalogue
from nucleo.errors import InvalidInput, NotFound

from .conftest import entry_data


def write(folder: Path, name: str, data) -> None:
    (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_packaged_base_loads_with_the_coverage_the_issue_asks(kb):
    ids = {e.id for e in kb}
    assert 40 <= len(kb) <= 80
    for required in ("conflicto_que_es", "conflicto_tipos", "conflicto_que_no_es", "inhabilidad_incompatibilidad_conflicto",
                     "causal_interes_directo", "causal_conocimiento_previo", "causal_curador_tutor",
                     "causal_apoderado_dependiente", "causal_litigio_pendiente", "causal_denuncia_penal",
                     "parentesco_tabla", "parentesco_cunado", "parentesco_conyuge_companero", "impedimento_como_declarar",
                     "recusacion_que_es", "ley2013_que_es", "ley2013_vs_bienes_rentas", "regalos", "exservidor_asesorar",
                     "exdirectivo_contratar", "contratistas_conflicto", "consecuencias_no_declarar",
                     "codigo_integridad_que_es", "canales_entidad"):
        assert required in ids
    values = {e.value for e in kb}
    assert {"honestidad", "respeto", "compromiso", "diligencia", "justicia"} <= values


def test_every_answer_entry_cites_only_verified_sources(kb):
    catalogue = SourceCatalogue.from_yaml()
    for entry in kb:
        assert len(entry.phrasings) >= 5
        for source in entry.sources:
            assert source in catalogue.verified, (entry.id, source)
        if entry.kind == "answer":
            assert entry.sources


def test_unverified_citation_is_refused_even_in_overrides(kb):
    bad = entry_data(sources=["Ley 1952 de 2019, art. 54"])
    with pytest.raises(InvalidInput, match=r"\[R\]"):
        kb.with_overrides([bad])
    with pytest.raises(InvalidInput):
        KnowledgeBase([parse_entry(bad)])


def test_unknown_citation_refused_in_files_but_allowed_in_hr_overrides(kb):
    odd = entry_data(sources=["Resolución interna 12 de 2025"])
    with pytest.raises(InvalidInput, match="catálogo"):
        KnowledgeBase([parse_entry(odd)])
    assert "prueba_entrada" in kb.with_overrides([odd])


def test_overrides_replace_by_id_and_leave_the_original_untouched(kb):
    original = kb.get("regalos")
    edited = original.model_dump() | {"answer": "Texto editado por Talento Humano para la prueba."}
    merged = kb.with_overrides([edited])
    assert merged.get("regalos").answer.startswith("Texto editado")
    assert kb.get("regalos").answer == original.answer
    assert len(merged) == len(kb)


def test_override_can_retire_an_entry(kb):
    merged = kb.with_overrides([kb.get("regalos").model_dump() | {"active": False}])
    assert "regalos" not in {e.id for e in merged.active()}


def test_missing_phrasings_rejected():
    with pytest.raises(InvalidInput, match="phrasings"):
        parse_entry(entry_data(phrasings=["solo una", "y dos"]))


def test_repeated_phrasings_rejected():
    with pytest.raises(InvalidInput):
        parse_entry(entry_data(phrasings=["Pregunta", "pregunta", "otra cosa", "algo más", "una última"]))


@pytest.mark.parametrize("changes", [
    {"id": "Con Espacios"}, {"value": "lealtad"}, {"kind": "charla"}, {"answer": ""}, {"sources": []},
    {"kind": "escalate"}, {"escalate_reason": "report"}, {"related": ["prueba_entrada"]}, {"extra": 1},
    {"phrasings": "no es una lista"}, {"answer": "x" * 5000},
])
def test_invalid_entries_rejected(changes):
    with pytest.raises(InvalidInput):
        parse_entry(entry_data(**changes))


def test_non_mapping_rejected():
    with pytest.raises(InvalidInput):
        parse_entry(["no", "soy", "un", "objeto"])


def test_unknown_related_id_rejected():
    with pytest.raises(InvalidInput, match="no existen"):
        KnowledgeBase([parse_entry(entry_data(related=["no_existe"]))])


def test_duplicate_ids_rejected():
    entry = parse_entry(entry_data())
    with pytest.raises(InvalidInput, match="repetido"):
        KnowledgeBase([entry, entry])


def test_from_directory_reads_single_entries_and_lists(tmp_path):
    write(tmp_path, "uno.yaml", entry_data(id="entrada_uno"))
    write(tmp_path, "varias.yaml", [entry_data(id="entrada_dos", related=["entrada_uno"]), entry_data(id="entrada_tres")])
    kb = KnowledgeBase.from_directory(tmp_path)
    assert sorted(e.id for e in kb) == ["entrada_dos", "entrada_tres", "entrada_uno"]
    assert isinstance(kb.get("entrada_dos"), Entry)


def test_bad_yaml_reports_the_file(tmp_path):
    (tmp_path / "roto.yaml").write_text("- id: [sin cerrar\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="roto.yaml"):
        KnowledgeBase.from_directory(tmp_path)


def test_entry_errors_name_file_and_entry(tmp_path):
    write(tmp_path, "malo.yaml", entry_data(id="entrada_mala", phrasings=["una"]))
    with pytest.raises(InvalidInput, match="malo.yaml.*entrada_mala"):
        KnowledgeBase.from_directory(tmp_path)


def test_empty_or_missing_directory(tmp_path):
    with pytest.raises(InvalidInput):
        KnowledgeBase.from_directory(tmp_path)
    with pytest.raises(NotFound):
        KnowledgeBase.from_directory(tmp_path / "no_existe")


def test_get_unknown_entry(kb):
    with pytest.raises(NotFound):
        kb.get("nada")
