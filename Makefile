# Without Docker, against an existing Odoo 18 source tree (ODOO_PATH, default /opt/odoo) and its Python
# (ODOO_PYTHON, default /opt/odoo-venv/bin/python).
ODOO_PYTHON ?= /opt/odoo-venv/bin/python
export ODOO_PATH ODOO_PYTHON

.PHONY: run test lint deps bench load i18n

deps:  ## our Python dependencies, into Odoo's Python
	$(ODOO_PYTHON) -m pip install -q -r requirements.txt

run: deps  ## Odoo with all sgz addons, Chinese and demo data on http://localhost:8069
	scripts/run

test: deps  ## every test; ends with "N passed, N failed"
	scripts/test

lint:  ## ruff and pylint-odoo's mandatory checks
	scripts/lint

bench:  ## benchmarks; they print their figures
	scripts/bench

load:  ## twenty clients with writes for 60 s on the multi-process server; prints latencies and errors
	scripts/load

i18n:  ## re-export the .pot files and merge them into zh_CN.po
	scripts/i18n
