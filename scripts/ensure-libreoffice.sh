#!/usr/bin/env bash
# Install LibreOffice Calc (headless) with apt, only when `soffice` is missing.
# Idempotent: does nothing when soffice is already on PATH.
# Used by scripts/verify-workbooks.py to recalculate .xlsx formulas.
set -euo pipefail

if command -v soffice >/dev/null 2>&1; then
    echo "ensure-libreoffice: $(soffice --version 2>/dev/null | head -n1 || echo soffice) already installed"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-libreoffice: soffice not found and apt-get is unavailable; install LibreOffice manually" >&2
    exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "ensure-libreoffice: need root (or sudo) to apt-get install libreoffice-calc-nogui" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-libreoffice: installing libreoffice-calc-nogui with apt-get"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    libreoffice-calc-nogui >/dev/null

if ! command -v soffice >/dev/null 2>&1; then
    echo "ensure-libreoffice: installation finished but soffice is still not on PATH" >&2
    exit 1
fi
echo "ensure-libreoffice: installed $(soffice --version 2>/dev/null | head -n1)"
