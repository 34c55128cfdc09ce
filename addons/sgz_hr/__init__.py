from . import controllers, models, report, wizard

# Odoo's multi-company rules on employees and contracts, as hr and hr_contract define them. sgz_hr keeps
# them for writing, creating and deleting and adds read rules that let the bureaus of the stations read the
# workers and contracts (security/sgz_hr_security.xml); uninstalling gives the core rules back their reads.
_CORE_RULES = {
    "hr.hr_employee_comp_rule": "['|', '|', '|', ('company_id', 'in', company_ids + [False]), "
    "('parent_id.user_id', '=', user.id), ('id', '=', user.employee_id.parent_id.id), ('user_id', '=', user.id)]",
    "hr_contract.ir_rule_hr_contract_multi_company": "[('company_id', 'in', company_ids)]",
}


def uninstall_hook(env):
    for xmlid, domain in _CORE_RULES.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.write({"domain_force": domain, "perm_read": True})
