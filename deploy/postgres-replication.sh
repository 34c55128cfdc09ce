#!/bin/bash
# First start of the primary (docker-entrypoint-initdb.d): let the replica service stream from it with the
# database user's password (docker-compose.production.yml, profile "replica").
set -e
echo "host replication odoo all scram-sha-256" >> "$PGDATA/pg_hba.conf"
