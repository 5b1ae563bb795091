"""The landing page: where servants, forum participants and staff go from here."""

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from nucleo.formats import register_filters
from nucleo.web.deps import ServicesDep

router = APIRouter(include_in_schema=False)
_templates = Environment(loader=FileSystemLoader(Path(__file__).parent.parent / "templates"),
                         autoescape=select_autoescape(["html"]))
register_filters(_templates)


@router.get("/", response_class=HTMLResponse)
async def home(services: ServicesDep) -> str:
    return _templates.get_template("inicio.html").render(entity=services.settings.entity_name)
