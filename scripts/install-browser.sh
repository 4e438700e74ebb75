#!/usr/bin/env bash
# Install Debian's chromium for the browser tests, unless it is already there.
set -euo pipefail
# CHROMIUM may name another Chromium-based browser that is already installed.
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
/usr/bin/chromium --version
