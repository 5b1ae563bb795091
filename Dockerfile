FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VALOR_HOST=0.0.0.0 VALOR_DATA_DIR=/data
# Colour emoji on the generated campaign images (campañas/emoji.py); without it they are left out.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY nucleo nucleo
COPY api api
COPY bot bot
COPY foro foro
COPY campañas campañas
COPY informe informe
RUN pip install --no-cache-dir . && useradd --create-home valor && mkdir -p /data \
    && chown valor /data
USER valor
EXPOSE 8000
CMD ["valor", "run"]
