#!/usr/bin/env bash
# Makes sure moto_server (the local AWS emulator) is on the PATH, installing it from PyPI if not.
set -euo pipefail
if command -v moto_server >/dev/null 2>&1; then exit 0; fi
echo "ensure-moto: moto_server not found; installing moto[server] with pip ..." >&2
if ! command -v python3 >/dev/null 2>&1; then
  echo "ensure-moto: python3 is required for the AWS emulator (apt-get install -y python3 python3-pip)" >&2
  exit 1
fi
python3 -m pip install --quiet "moto[server]>=5.1,<6" >&2
hash -r
if ! command -v moto_server >/dev/null 2>&1; then
  echo "ensure-moto: installed, but moto_server is not on the PATH; add $(python3 -m site --user-base)/bin to PATH" >&2
  exit 1
fi
