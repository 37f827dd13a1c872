#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (an Ubuntu image):
# Node 20 from NodeSource, then socklab's packages from its lockfile. Nothing of a submission is
# here yet; run_autograder grades each one.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends ca-certificates curl
if ! node --version 2>/dev/null | grep -q '^v20\.'; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y --no-install-recommends nodejs
fi
cd /autograder/source
npm ci --no-audit --no-fund
