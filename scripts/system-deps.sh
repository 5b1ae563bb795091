#!/usr/bin/env bash
# System packages the test suite needs: Debian's Chromium for the browser tests, faketime
# for scripts/test-dates.sh and the colour emoji font of the campaign images.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
# Colour emoji on the generated campaign images (campañas/emoji.py).
[ -f /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf ] || need+=(fonts-noto-color-emoji)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Faltan paquetes del sistema (${need[*]}) y no hay permisos para instalarlos." >&2
  exit 1
fi
echo "Instalando paquetes del sistema: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
