# Two commands for a fresh Debian machine (as root or with sudo):
#   make run   - install what is missing, then build the sample issue, all editions, offline
#   make test  - same bootstrap, then the whole pytest suite
# Both are idempotent: a set-up machine skips straight to the work.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.greenpub-installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages: Python for the venv, liblouis (no wheel on PyPI), speech, fonts,
# the browser for tests, PDF/QR/audio tools the tests read outputs back with, Ghostscript
# and its CMYK profile (libgs-common: default_cmyk.icc) for the press PDF.
APT_PACKAGES := python3 python3-venv python3-dev python3-louis liblouis-data espeak-ng \
	fonts-nanum fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	chromium poppler-utils zbar-tools ffmpeg sox ghostscript libgs-common

.PHONY: run test bootstrap apt venv clean distclean

run: bootstrap
	$(PY) build.py build

test: bootstrap
	@$(PY) -m pytest; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: treating as a failure"; exit 1; fi; \
	exit $$rc

bootstrap: apt venv

apt:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

venv: $(STAMP)

$(STAMP): pyproject.toml
	@if [ ! -x $(PY) ] || ! $(PY) -c "import louis" 2>/dev/null; then \
	  rm -rf $(VENV); /usr/bin/python3 -m venv --system-site-packages $(VENV); fi
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test]'
	$(PY) -c "import louis, weasyprint, braillify, lameenc" 
	@touch $(STAMP)

clean:
	rm -rf output .greenpub-cache .pytest_cache

distclean: clean
	rm -rf $(VENV) *.egg-info
