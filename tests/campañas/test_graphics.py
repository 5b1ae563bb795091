"""Tests for campañas.graphics: the generated 1080×1080 value card."""

import io
import time

import pytest
from PIL import Image

from campañas.graphics import MAX_PHRASE_CHARS, SIZE, Card, GraphicRenderer, render_card
from campañas.values import CORE_VALUES, make_extra_value
from nucleo.errors import InvalidInput

HONESTIDAD = CORE_VALUES[0]


@pytest.fixture(scope="module")
def renderer():
    return GraphicRenderer()


def _card(**overrides):
    fields = dict(
        value=HONESTIDAD,
        phrase="La honestidad es el primer capítulo del libro de la sabiduría.",
        author="Thomas Jefferson",
        entity_name="Alcaldía Municipal de Villa del Rosario",
    )
    fields.update(overrides)
    return Card(**fields)


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_renders_a_1080_square_png(renderer):
    data = renderer.render(_card())
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = _open(data)
    assert image.format == "PNG" and image.size == (SIZE, SIZE) and image.mode == "RGB"


def test_background_is_the_value_colour_and_the_footer_darker(renderer):
    image = _open(renderer.render(_card(value=CORE_VALUES[3])))
    assert image.getpixel((20, 600)) == CORE_VALUES[3].rgb
    footer = image.getpixel((20, SIZE - 20))
    assert sum(footer) < sum(CORE_VALUES[3].rgb)


def test_output_is_deterministic(renderer):
    first = renderer.render(_card())
    assert renderer.render(_card()) == first
    assert GraphicRenderer().render(_card()) == first
    assert render_card(HONESTIDAD, _card().phrase, "Thomas Jefferson",
                       "Alcaldía Municipal de Villa del Rosario", renderer=renderer) == first


def test_every_input_shows(renderer):
    base = renderer.render(_card())
    assert renderer.render(_card(phrase="Otra frase.")) != base
    assert renderer.render(_card(author="Otra persona")) != base
    assert renderer.render(_card(author=None)) != base
    assert renderer.render(_card(entity_name="Alcaldía de Pamplona")) != base
    assert renderer.render(_card(value=CORE_VALUES[1])) != base


def test_spanish_letters_are_drawable_and_emoji_kept_only_with_their_font(renderer):
    plain = GraphicRenderer(emoji_font=None)
    for each in (renderer, plain):
        assert each.drawable("¿Señor? ¡Sí! áéíóúüñÁÉÍÓÚÜÑ «—»") == "¿Señor? ¡Sí! áéíóúüñÁÉÍÓÚÜÑ «—»"
        assert each.drawable("a\u2003b\tc\x00d") == "a b cd"
        assert each.drawable(None) == ""
    assert plain.drawable("Hola 😀 🇨🇴 mundo") == "Hola mundo"
    assert renderer.drawable("Hola 😀 🇨🇴 mundo") == "Hola 😀 🇨🇴 mundo"
    family = "👨\u200d👩\u200d👧"  # the joiners stay: one glyph, not three faces
    assert renderer.drawable(f"La {family}\u200b.") == f"La {family}."
    assert renderer.undrawable("Hola 😀 👍🏽 1️⃣") == "" and plain.undrawable("Hola 😀") == "😀"


def test_decomposed_accents_render_like_composed(renderer):
    composed = renderer.render(_card(phrase="Año de la niña"))
    decomposed = renderer.render(_card(phrase="An\u0303o de la nin\u0303a"))
    assert composed == decomposed


def test_quotes_and_dashes_the_user_typed_are_not_doubled(renderer):
    plain = renderer.render(_card(phrase="Sé honesto.", author="Anónimo"))
    typed = renderer.render(_card(phrase="  “Sé honesto.”  ", author="— Anónimo"))
    assert typed == plain


@pytest.mark.parametrize("phrase", ["", "   ", "“”", "\u200d\ufe0f", None, 42])
def test_a_phrase_is_required(renderer, phrase):
    with pytest.raises(InvalidInput):
        renderer.render(_card(phrase=phrase))


def test_only_emoji_is_a_phrase_only_with_the_emoji_font(renderer):
    assert _open(renderer.render(_card(phrase="😀😀"))).size == (SIZE, SIZE)
    with pytest.raises(InvalidInput):
        GraphicRenderer(emoji_font=None).render(_card(phrase="😀😀"))


def _colourful(image: Image.Image) -> int:
    """Pixels clearly green (the 💚), which no value card of Honestidad has."""
    data = image.tobytes()
    return sum(1 for i in range(0, len(data), 3)
               if data[i + 1] > 150 and data[i] < 140 and data[i + 2] < 110)


def test_emoji_are_drawn_in_colour(renderer):
    with_emoji = _open(renderer.render(_card(phrase="Honestidad siempre 💚 y 🇨🇴",
                                             entity_name="Alcaldía 🏛️")))
    without = _open(renderer.render(_card(phrase="Honestidad siempre y",
                                          entity_name="Alcaldía")))
    assert _colourful(with_emoji) > 1000 and _colourful(without) == 0


def test_without_the_emoji_font_emoji_are_left_out_not_boxes():
    plain = GraphicRenderer(emoji_font=None)
    assert plain.emoji is None
    assert plain.render(_card(phrase="Honestidad 💚 siempre 👨\u200d👩\u200d👧",
                              author="Equipo ✨")) == \
        plain.render(_card(phrase="Honestidad siempre", author="Equipo"))


def test_a_broken_or_missing_emoji_font_is_no_emoji(tmp_path):
    broken = tmp_path / "roto.ttf"
    broken.write_bytes(b"no es una fuente")
    assert GraphicRenderer(emoji_font=broken).emoji is None
    assert GraphicRenderer(emoji_font=tmp_path / "no.ttf").emoji is None


def test_text_without_emoji_draws_as_before(renderer):
    assert renderer.render(_card()) == GraphicRenderer(emoji_font=None).render(_card())


def test_very_long_phrase_is_cut_and_fast(renderer):
    started = time.perf_counter()
    data = renderer.render(_card(phrase="diligencia " * 50_000))
    assert _open(data).size == (SIZE, SIZE)
    assert time.perf_counter() - started < 10  # a sanity bound, not a benchmark
    assert MAX_PHRASE_CHARS < 50_000


def test_html_and_odd_input_are_drawn_as_text(renderer):
    data = renderer.render(_card(phrase="<script>alert(1)</script> &amp; \u202etexto",
                                 author="<b>x</b>", entity_name="\x00\x07"))
    assert _open(data).size == (SIZE, SIZE)


def test_long_extra_value_name_and_long_entity(renderer):
    value = make_extra_value("Vocación de Servicio Ético", "#0E6E75", "Sirvo con gusto.")
    data = renderer.render(_card(value=value, entity_name="Alcaldía " * 30))
    assert _open(data).getpixel((20, 600)) == value.rgb


def test_scaled_renderer(renderer):
    small = GraphicRenderer(fonts=renderer.fonts, size=540)
    assert _open(small.render(_card())).size == (540, 540)


@pytest.mark.parametrize("phrase", [
    ("La integridad es hacer lo correcto aunque nadie nos vea, " * 10)[:500],
    ("MMMMMM WWWWW " * 40)[:500],  # the widest letters
    "Servir con honestidad.\n" * 21 + "Fin",  # many short lines
])
def test_a_500_character_phrase_is_drawn_whole_with_few_wraps(renderer, phrase, monkeypatch):
    """Whole, and with the sizes searched by bisection: a handful of wraps (16–19 for these
    three), not one per size as before (2–4.5 s); counted, not timed."""
    from campañas import textfit

    wraps = []
    real = textfit.wrap_lines
    monkeypatch.setattr(textfit, "wrap_lines", lambda *a, **k: wraps.append(1) or real(*a, **k))
    data = renderer.render(_card(phrase=phrase), whole=True)  # refuses a cut phrase
    assert _open(data).size == (SIZE, SIZE)
    assert len(wraps) <= 25


def test_a_phrase_that_would_be_cut_is_refused_when_it_must_be_whole(renderer):
    with pytest.raises(InvalidInput) as refused:
        renderer.render(_card(phrase="palabra " * 300), whole=True)
    assert refused.value.code == "frase_no_cabe"
    assert "no cabe completa" in refused.value.message


def test_the_characters_the_card_cannot_draw_are_named(renderer):
    plain = GraphicRenderer(emoji_font=None)
    assert plain.undrawable("Con 😀 alegría y ❤️ corazón 😀 🇨🇴") == "😀❤🇨🇴"
    assert renderer.undrawable("Con 😀 alegría y ❤️ corazón 😀 🇨🇴") == ""
    assert renderer.undrawable("Con 漢 y 😀") == "漢"  # in neither font
    assert renderer.undrawable("¿Señor? ¡Sí! «—»") == plain.undrawable("¿Sí? «—»") == ""


def test_the_entity_s_logo_goes_in_the_footer_and_nowhere_else(renderer):
    logo = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    logo.paste((250, 200, 0, 255), (50, 30, 250, 170))  # a yellow shield on transparency
    plain = _open(renderer.render(_card()))
    marked = _open(renderer.render(_card(logo=logo)))
    assert renderer.render(_card(logo=logo)) == renderer.render(_card(logo=logo))
    footer = SIZE - 150
    changed = [(x, y) for x in range(0, SIZE, 4) for y in range(0, SIZE, 4)
               if plain.getpixel((x, y)) != marked.getpixel((x, y))]
    assert changed and all(y >= footer for _x, y in changed)
    assert any(marked.getpixel((x, y)) == (250, 200, 0) for x, y in changed)
    assert max(x for x, _y in changed) < SIZE - 90  # inside the right margin
