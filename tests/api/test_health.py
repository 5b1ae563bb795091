import httpx


async def test_health_and_ready(api: httpx.AsyncClient) -> None:
    assert (await api.get("/health")).json() == {"status": "ok"}
    response = await api.get("/ready")
    assert response.status_code == 200 and response.json()["status"] == "ready"


async def test_openapi_lists_versioned_routes(api: httpx.AsyncClient) -> None:
    paths = (await api.get("/openapi.json")).json()["paths"]
    assert "/api/v1/auth/token" in paths and "/api/v1/people/import" in paths


async def test_unknown_route_has_the_shared_error_shape(api: httpx.AsyncClient) -> None:
    response = await api.get("/api/v1/nada")
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "no_encontrado",
                                         "message": "Esta dirección no existe."}}


async def test_landing_page_links_every_audience(api: httpx.AsyncClient) -> None:
    page = await api.get("/")
    assert page.status_code == 200
    for link in ('href="/chat"', 'href="/portal"', 'href="/consola/"'):
        assert link in page.text
    assert "Alcaldía de Prueba" in page.text
