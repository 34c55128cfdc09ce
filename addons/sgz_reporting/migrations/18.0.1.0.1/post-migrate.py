"""18.0.1.0.1: the bureaus see payroll cost rows of 3 workers or more only (the record rule is noupdate)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("sgz_reporting.sgz_payroll_stat_rule_company", raise_if_not_found=False)
    if rule:
        rule.write(
            {
                "name": "Payroll cost: the provider, and the bureaus of the station for 3 workers or more",
                "domain_force": "['|', ('provider_id', 'in', user.company_ids.ids if "
                "user.has_group('sgz_base.sgz_base_group_provider_hr') else []), '&', "
                "('county_id', 'in', user.company_ids.ids), ('workers', '>=', 3)]",
            }
        )
