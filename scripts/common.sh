# Shared by the scripts: find Odoo 18 and this checkout.
# Odoo is a prerequisite that sgz finds, never installs. Two layouts are understood:
#  - a source tree: ODOO_PATH (default /opt/odoo) with odoo-bin, run by ODOO_PYTHON
#    (default /opt/odoo-venv/bin/python), a Python that has Odoo's requirements;
#  - the official Docker image (Debian package): the `odoo` command, with ODOO_PYTHON=/usr/bin/python3.
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo}
ODOO_PYTHON=${ODOO_PYTHON:-/opt/odoo-venv/bin/python}
SGZ_MODULES=sgz_base,sgz_procurement,sgz_budget,sgz_hr,sgz_reporting

die() { echo "error: $*" >&2; exit 2; }

# Sets ODOO_CMD (the command to run Odoo) and ODOO_ADDONS (Odoo's own addons folders).
check_odoo() {
    [ -x "$ODOO_PYTHON" ] || die "Odoo 18 was not found: ODOO_PYTHON=$ODOO_PYTHON is not an executable Python. Install Odoo 18.0 from source and set ODOO_PATH and ODOO_PYTHON (see README.md, 'Without Docker')."
    if [ -f "$ODOO_PATH/odoo-bin" ]; then
        grep -q "version_info = (18, 0" "$ODOO_PATH/odoo/release.py" 2>/dev/null \
            || die "The Odoo at ODOO_PATH=$ODOO_PATH is not version 18.0."
        (cd "$ODOO_PATH" && "$ODOO_PYTHON" -c "import odoo" 2>/dev/null) \
            || die "ODOO_PYTHON=$ODOO_PYTHON cannot import Odoo's dependencies; run: $ODOO_PYTHON -m pip install -r $ODOO_PATH/requirements.txt"
        ODOO_CMD=("$ODOO_PYTHON" "$ODOO_PATH/odoo-bin")
        ODOO_ADDONS="$ODOO_PATH/addons,$ODOO_PATH/odoo/addons"
    elif command -v odoo >/dev/null && "$ODOO_PYTHON" -c "import odoo.release as r; assert r.version_info[:2] == (18, 0)" 2>/dev/null; then
        ODOO_CMD=(odoo)
        ODOO_ADDONS=$("$ODOO_PYTHON" -c "import os, odoo; print(os.path.join(os.path.dirname(odoo.__file__), 'addons'))")
    else
        die "Odoo 18 was not found: no odoo-bin in ODOO_PATH=$ODOO_PATH and no Odoo 18 'odoo' command. Install Odoo 18.0 Community from source and set ODOO_PATH and ODOO_PYTHON (see README.md, 'Without Docker')."
    fi
}

# Odoo's addons and sgz's; with "production", without the test addons of tests/.
addons_path() {
    if [ "${1:-}" = production ]; then
        echo "$ODOO_ADDONS,$REPO/addons"
    else
        echo "$ODOO_ADDONS,$REPO/addons,$REPO/tests"
    fi
}

# --db_host/--db_user/--db_password from the usual libpq variables, when set.
db_args() {
    DB_ARGS=()
    [ -n "${PGHOST:-}" ] && DB_ARGS+=(--db_host "$PGHOST")
    [ -n "${PGPORT:-}" ] && DB_ARGS+=(--db_port "$PGPORT")
    [ -n "${PGUSER:-}" ] && DB_ARGS+=(--db_user "$PGUSER")
    [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=(--db_password "$PGPASSWORD")
    return 0
}

free_port() {
    "$ODOO_PYTHON" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"
}

# The production profile refuses to start with the demo's or an empty password.
check_production_secrets() {
    local admin=${SGZ_ADMIN_PASSWD:-} db=${PGPASSWORD:-}
    [ -n "$admin" ] || die "production: set SGZ_ADMIN_PASSWD (Odoo's master password) in the environment."
    [ "$admin" != admin ] && [ ${#admin} -ge 12 ] \
        || die "production: SGZ_ADMIN_PASSWD must not be 'admin' and must have at least 12 characters."
    [ -n "$db" ] || die "production: set PGPASSWORD (the database user's password) in the environment."
    [ "$db" != odoo ] && [ "$db" != postgres ] \
        || die "production: PGPASSWORD must not be the demo's password ('$db')."
    return 0
}

# Writes deploy/odoo.production.conf with the environment's values into a private temporary file; prints its path.
production_conf() {
    local db=$1 cpus conf
    cpus=$(nproc 2>/dev/null || echo 1)
    conf=$(mktemp -t sgz-odoo-XXXXXX.conf)
    chmod 600 "$conf"
    SGZ_DB=$db SGZ_WORKERS=${SGZ_WORKERS:-$((cpus * 2 + 1))} PGHOST=${PGHOST:-False} PGPORT=${PGPORT:-5432} \
        PGUSER=${PGUSER:-$(id -un)} SGZ_REPLICA_HOST=${SGZ_REPLICA_HOST:-False} \
        SGZ_HTTP_INTERFACE=${SGZ_HTTP_INTERFACE:-127.0.0.1} \
        "$ODOO_PYTHON" - "$REPO/deploy/odoo.production.conf" "$conf" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
names = ["SGZ_ADMIN_PASSWD", "PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "SGZ_REPLICA_HOST", "SGZ_DB",
         "SGZ_WORKERS", "SGZ_HTTP_INTERFACE"]
for name in names:
    value = os.environ.get(name, "")
    if "\n" in value:
        sys.exit(f"error: {name} must be one line")
    text = text.replace(f"@{name}@", value)
left = re.findall(r"@[A-Z_]+@", text)
if left:
    sys.exit(f"error: unfilled settings {left}")
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
    echo "$conf"
}

# A new database's administrator (login "admin") has the password "admin". On a production database that
# password is replaced before Odoo serves a request: by SGZ_ADMIN_LOGIN_PASSWORD (at least 12 characters), which
# the first production start requires; later starts leave the administrator's password alone.
production_admin_password() {
    local db=$1 stored
    stored=$(psql -d "$db" -Atc "select password from res_users where id = 2") \
        || die "production: cannot read the administrator of database $db."
    SGZ_STORED=$stored "$ODOO_PYTHON" - <<'PY' || return 0
import os, sys
from passlib.context import CryptContext
stored = os.environ["SGZ_STORED"]
context = CryptContext(["pbkdf2_sha512", "plaintext"], deprecated=["plaintext"])
sys.exit(0 if not stored or context.verify("admin", stored) else 1)
PY
    local wanted=${SGZ_ADMIN_LOGIN_PASSWORD:-}
    [ -n "$wanted" ] && [ "$wanted" != admin ] && [ ${#wanted} -ge 12 ] \
        || die "production: the administrator of $db still has the password 'admin'; set SGZ_ADMIN_LOGIN_PASSWORD (at least 12 characters) for this start."
    local hashed
    hashed=$(SGZ_WANTED=$wanted "$ODOO_PYTHON" -c "import os; from passlib.context import CryptContext; print(CryptContext(['pbkdf2_sha512'], pbkdf2_sha512__rounds=600000).hash(os.environ['SGZ_WANTED']))")
    psql -d "$db" -q -v ON_ERROR_STOP=1 -v hash="$hashed" <<<"update res_users set password = :'hash' where id = 2" \
        || die "production: cannot set the administrator's password."
    echo "production: the administrator's password of $db is now SGZ_ADMIN_LOGIN_PASSWORD's."
}
