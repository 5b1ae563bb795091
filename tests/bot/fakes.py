"""In-memory implementations of the ports the bot calls (campaigns, suggestions, consultations)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from nucleo.ports import (
    Button,
    ConsultationReply,
    PieceView,
    SuggestionReceipt,
    SuggestionSummary,
    TicketReceipt,
)


@dataclass
class FakeCampaigns:
    piece: PieceView | None = None
    reactions: list[tuple[str, int]] = field(default_factory=list)
    comments: list[tuple[str, int | None, str]] = field(default_factory=list)
    subscribed: list[int] = field(default_factory=list)

    async def current_piece(self, session: Any, now: datetime) -> PieceView | None:
        return self.piece

    async def on_subscribed(self, session: Any, person_id: int, now: datetime) -> None:
        self.subscribed.append(person_id)

    async def record_reaction(self, session: Any, *, callback_data: str,
                              person_id: int) -> str | None:
        if not callback_data.startswith("pieza:"):
            return None
        self.reactions.append((callback_data, person_id))
        return "¡Gracias por reaccionar! ❤️"

    async def record_comment(self, session: Any, *, callback_data: str, person_id: int | None,
                             text: str) -> None:
        self.comments.append((callback_data, person_id, text))


def a_piece(image: str | None = None) -> PieceView:
    return PieceView(piece_id=7, value="Honestidad", caption_html="<b>Honestidad</b>: digo la verdad.",
                     image_path=image, buttons=[[Button("❤️ Me gusta", "pieza:7:me_gusta")]])


@dataclass
class FakeSuggestions:
    submitted: list[dict[str, Any]] = field(default_factory=list)

    async def submit(self, session: Any, **kwargs: Any) -> SuggestionReceipt:
        self.submitted.append(kwargs)
        return SuggestionReceipt(len(self.submitted), "https://foro.test/t/1")

    async def for_person(self, session: Any, person_id: int) -> list[SuggestionSummary]:
        return [SuggestionSummary(i + 1, s["text"][:30], "recibida", None, date(2025, 3, 1))
                for i, s in enumerate(self.submitted) if s["person_id"] == person_id]

    def portal_login_link(self, person_id: int, nonce: int | None = None) -> str:
        return f"https://valor.test/portal/entrar?t=prueba-{person_id}"


@dataclass
class FakeConsultations:
    escalated: list[dict[str, Any]] = field(default_factory=list)
    feedbacks: list[tuple[str, bool]] = field(default_factory=list)

    def answer(self, question: str) -> ConsultationReply:
        if "primo" in question:
            return ConsultationReply("answer", "Sí: su primo es pariente en 4.º grado.\n\n<b>Fuentes</b>\n"
                                     "• Ley 1437 de 2011, art. 11",
                                     sources=["Ley 1437 de 2011, art. 11"], entry_id="primo")
        if "cuñado" in question:
            return ConsultationReply("clarify", "¿Se refiere a uno de estos casos?",
                                     candidates=[("cunado_esposa", "El hermano de su esposa"),
                                                 ("cunado_hermana", "El esposo de su hermana")])
        if "nómina" in question:
            return ConsultationReply("out_of_scope", "Eso lo atiende Talento Humano.")
        if question.strip().lower() in ("hola", "gracias", "😀"):
            return ConsultationReply("small_talk", "¡Hola! Escríbame su duda.")
        if "exdirectivo" in question:
            return ConsultationReply("escalate", "La regla general de los exdirectivos.",
                                     entry_id="exdirectivo_contratar", reason="needs_judgement",
                                     office="juridica")
        if "grita" in question:
            return ConsultationReply("escalate", "Eso lo atiende el Comité de Convivencia Laboral.",
                                     entry_id="escalar_acoso_laboral", reason="report",
                                     office="talento_humano")
        if "jefe" in question:
            return ConsultationReply("escalate", "Eso lo atiende Control Interno Disciplinario.",
                                     entry_id="escalar_denuncia_corrupcion", reason="report",
                                     office="control_interno_disciplinario")
        return ConsultationReply("escalate", "Este caso necesita una persona asesora.")

    def answer_entry(self, entry_id: str) -> ConsultationReply | None:
        return ConsultationReply("answer", f"Respuesta para {entry_id}.", entry_id=entry_id)

    async def escalate(self, session: Any, *, question: str, person_id: int | None,
                       anonymous: bool) -> TicketReceipt:
        self.escalated.append({"question": question, "person_id": person_id,
                               "anonymous": anonymous})
        return TicketReceipt(len(self.escalated), "ABCD-2345" if anonymous else None,
                             date(2025, 3, 14))

    async def read_by_code(self, session: Any, code: str) -> str | None:
        return "La respuesta de Talento Humano." if code == "ABCD-2345" else None

    async def feedback(self, session: Any, *, entry_id: str, helpful: bool) -> None:
        self.feedbacks.append((entry_id, helpful))
