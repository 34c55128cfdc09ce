"""The access matrix: every model of an addon × every role × read/write/create/unlink, against a table.

Each addon keeps its table in its tests and checks it with :func:`check_matrix`::

    MATRIX = {
        #                 role:        rights ("r", "w", "c", "d" for unlink; "" for none)
        "sgz.station": {"county_officer": "rwcd", "provider_hr": "r", ...},
    }
    check_matrix(self, "sgz_base", MATRIX, ROLE_USERS)

A model of the addon missing from the table, a role missing from a row, or a right that differs fails the
test with the model, the role and both values. The check is on the access rights (ir.model.access) of the
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


def row(*rights):
    """Rights in the order of ROLES: province, city, county officer, county approver, county finance,
    provider manager, provider HR, evaluator."""
    return dict(zip(ROLES, rights, strict=True))


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
    for model, row in sorted(matrix.items()):
        for role, user in users.items():
            wanted = row.get(role)
            if wanted is None:
                differences.append(f"{model}: no entry for {role}")
                continue
            got = rights_of(env, user, model)
            if got != wanted:
                differences.append(f"{model} × {role}: table {wanted or '-'}, actual {got or '-'}")
    case.assertFalse(differences, "access matrix differs:\n" + "\n".join(differences))
