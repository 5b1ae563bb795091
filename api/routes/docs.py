"""The API's interactive documentation (Swagger UI) at ``/docs``, served from the installed
``swagger-ui-bundle-v2`` package (Swagger UI 5): no CDN, nothing fetched from another host, and a strict
Content-Security-Policy (scripts only from this service, no inline script)."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/docs/estatico"
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {"Content-Security-Policy": CONTENT_SECURITY_POLICY,
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
           "Cache-Control": "no-store"}
START = """\
const root = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({
  url: root.dataset.openapi, dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout", showExtensions: true, showCommonExtensions: true,
});
"""

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def swagger_ui() -> HTMLResponse:
    """Swagger UI for the OpenAPI description, with local assets only."""
    return HTMLResponse(PAGE, headers=HEADERS)


@router.get("/docs/inicio.js")
async def swagger_start() -> Response:
    return Response(START, media_type="text/javascript", headers=HEADERS)


PAGE = f"""<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<title>{escape("El Valor Soy Yo — API")}</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui" data-openapi="/openapi.json"></div>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs/inicio.js"></script>
</body>
</html>
"""


def install(app: FastAPI) -> None:
    """The /docs page, its start script and the Swagger UI files of the installed package."""
    app.include_router(router)
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_path), name="docs-estatico")
