"""The access matrix: every model of an addon × every role × read/write/create/unlink, against a table.

Each addon keeps its table in its tests and checks it with :func:`check_matrix`::

    MATRIX = {
        #                 role:        rights ("r", "w", "c", "d" for unlink; "" for none)
        "sgz.station": {"county_officer": "rwcd", "provider_hr": "r", ...},
    }
    check_matrix(self, "sgz_base", MATRIX, ROLE_USERS)

A model of the addon missing from the table, a role missing from a row, or a right that differs fails the
test with the model, the role and both values. The stationed worker (``row(..., worker="r")``) has, where the
row says nothing of them, exactly what a plain internal user has: nothing of the suite beyond the reference data
every user reads. The check is on the access rights (ir.model.access) of the
role's user, the layer that says whether a role may touch a model at all; record rules are tested per rule
in each addon's access tests.
"""

OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("d", "unlink"))
# the roles of the program (sgz_base groups), each tested with a user holding that role only
ROLES = (
    "province_officer",
    "city_officer",
    "county_officer",
    "county_approver",
    "county_finance",
    "provider_manager",
    "provider_hr",
    "evaluator",
)
# the stationed worker: the role of ~5,000 users, given explicitly only where it reaches further than every user
WORKER = "station_worker"


def row(*rights, worker=None):
    """Rights in the order of ROLES: province, city, county officer, county approver, county finance,
    provider manager, provider HR, evaluator; ``worker``: the stationed worker's, when more than a plain user's."""
    rights = dict(zip(ROLES, rights, strict=True))
    if worker is not None:
        rights[WORKER] = worker
    return rights


def addon_models(env, module):
    """The non-abstract, non-transient models whose name the addon introduces (``sgz.*``)."""
    data = env["ir.model.data"].sudo().search([("module", "=", module), ("model", "=", "ir.model")])
    models = env["ir.model"].sudo().browse(data.mapped("res_id"))
    return sorted(
        m.model
        for m in models
        if m.model.startswith("sgz.")
        and not m.transient
        and not env[m.model]._abstract
        and env[m.model]._original_module == module  # introduced here, not only extended
    )


def rights_of(env, user, model):
    Model = env[model].with_user(user)
    return "".join(letter for letter, operation in OPERATIONS if Model.has_access(operation))


def check_matrix(case, module, matrix, users):
    """``users``: {role: res.users}. Fails listing every difference at once."""
    env = case.env
    expected_models = addon_models(env, module)
    case.assertEqual(
        sorted(set(expected_models) - set(matrix)), [], f"{module}: models missing from the table"
    )
    differences = []
    plain = _plain_user(env)
    for model, row in sorted(matrix.items()):
        for role, user in users.items():
            wanted = row.get(role)
            if wanted is None and role == WORKER:
                wanted = rights_of(env, plain, model)
            if wanted is None:
                differences.append(f"{model}: no entry for {role}")
                continue
            got = rights_of(env, user, model)
            if got != wanted:
                differences.append(f"{model} × {role}: table {wanted or '-'}, actual {got or '-'}")
    case.assertFalse(differences, "access matrix differs:\n" + "\n".join(differences))


def _plain_user(env):
    """An internal user with no role: what every user of the database may do."""
    user = env["res.users"].sudo().search([("login", "=", "sgz_matrix_plain_user")], limit=1)
    return user or env["res.users"].sudo().create(
        {
            "name": "Plain User",
            "login": "sgz_matrix_plain_user",
            "groups_id": [(6, 0, env.ref("base.group_user").ids)],
        }
    )
