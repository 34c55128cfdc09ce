"""What every benchmark of this folder shares: its command line (-d, --odoo, --addons-path) and the Odoo
registry it measures in. Not a benchmark itself (``scripts/bench`` runs the ``bench_*.py`` files)."""

import argparse
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parser(doc):
    """The command line of a benchmark whose docstring is ``doc``; it adds its own options."""
    result = argparse.ArgumentParser(description=doc.split("\n")[0])
    result.add_argument("-d", "--database", required=True)
    result.add_argument("--odoo", default=os.environ.get("ODOO_PATH", "/opt/odoo"))
    result.add_argument("--addons-path", default=None)
    return result


def parse(command_line):
    """The arguments, with Odoo's and this repository's addons (the test addons too) as the default path."""
    args = command_line.parse_args()
    if not args.addons_path:
        args.addons_path = ",".join(
            [f"{args.odoo}/addons", f"{args.odoo}/odoo/addons", f"{REPO}/addons", f"{REPO}/tests"]
        )
    return args


def registry(args):
    """Odoo's registry of the database, Odoo imported from ``--odoo`` and configured quietly."""
    sys.path.insert(0, args.odoo)
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(
        ["--addons-path", args.addons_path, "-d", args.database, "--log-level", "warn"]
    )
    return Registry(args.database)
