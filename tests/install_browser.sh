#!/bin/sh
# Installs Debian's chromium for tests/browser if it is missing (needs root, or sudo).
# Playwright drives this browser; it never downloads one of its own.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
