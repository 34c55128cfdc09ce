from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

ENDING_NOTICE_DAYS = 30


class HrContract(models.Model):
    _inherit = "hr.contract"

    sgz_station_id = fields.Many2one(
        "sgz.station",
        string="Station",
        index=True,
        tracking=True,
        compute="_compute_sgz_station_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    sgz_agreement_id = fields.Many2one(
        "sgz.agreement",
        string="Service Agreement",
        index=True,
        tracking=True,
        compute="_compute_sgz_agreement_id",
        store=True,
        readonly=False,
        domain="[('provider_id', '=', company_id), ('state', 'in', ('draft', 'active'))]",
        help="The service agreement under which the worker is stationed: the provider's agreement in force "
        "that covers the station.",
    )
    sgz_allowance = fields.Monetary(string="Allowances", tracking=True, help="Monthly allowances (津贴补贴).")
    sgz_performance_pay = fields.Monetary(
        string="Performance Pay",
        tracking=True,
        help="Default monthly performance pay, changeable on each payslip.",
    )
    sgz_scheme_region_id = fields.Many2one(
        "sgz.region",
        string="Insurance Region",
        compute="_compute_sgz_scheme_region_id",
        store=True,
        readonly=False,
        tracking=True,
        help="The region whose social insurance scheme applies (参保地): the county of the station by default.",
    )
    sgz_housing_fund_rate = fields.Float(
        string="Housing Fund Rate (%)",
        digits=(6, 2),
        tracking=True,
        help="Employer and employee rate of the housing provident fund (5–12 %); 0 when the provider pays none.",
    )
    sgz_ending_flagged = fields.Boolean(string="Ending Notice Scheduled", copy=False)

    @api.depends("employee_id")
    def _compute_sgz_station_id(self):
        for contract in self:
            if not contract.sgz_station_id:
                contract.sgz_station_id = contract.employee_id.sgz_station_id

    @api.depends("sgz_station_id", "company_id")
    def _compute_sgz_agreement_id(self):
        station_ids = self.sgz_station_id.ids
        lines = (
            self.env["sgz.agreement.station"]
            .sudo()
            .search(
                [
                    ("station_id", "in", station_ids),
                    ("agreement_id.provider_id", "in", self.company_id.ids),
                    ("agreement_id.state", "in", ("draft", "active")),
                ],
                order="id desc",
            )
        )
        by_key = {}
        for line in lines:
            by_key.setdefault((line.station_id.id, line.agreement_id.provider_id.id), line.agreement_id)
        for contract in self:
            if not contract.sgz_agreement_id and contract.sgz_station_id:
                found = by_key.get((contract.sgz_station_id.id, contract.company_id.id))
                contract.sgz_agreement_id = found.with_env(self.env) if found else False

    @api.constrains("sgz_agreement_id", "sgz_station_id", "company_id")
    def _check_sgz_agreement(self):
        for contract in self.filtered("sgz_agreement_id"):
            agreement = contract.sgz_agreement_id.sudo()
            if agreement.provider_id != contract.company_id:
                raise ValidationError(
                    self.env._(
                        "%(agreement)s was signed by %(provider)s, not by the employer %(employer)s.",
                        agreement=agreement.name,
                        provider=agreement.provider_id.name,
                        employer=contract.company_id.name,
                    )
                )
            if (
                contract.sgz_station_id
                and contract.sgz_station_id not in agreement.station_line_ids.station_id
            ):
                raise ValidationError(
                    self.env._(
                        "%(station)s is not one of the stations of %(agreement)s.",
                        station=contract.sgz_station_id.name,
                        agreement=agreement.name,
                    )
                )

    @api.depends("sgz_station_id", "company_id")
    def _compute_sgz_scheme_region_id(self):
        for contract in self:
            if not contract.sgz_scheme_region_id:
                contract.sgz_scheme_region_id = (
                    contract.sgz_station_id.county_region_id or contract.company_id.sgz_region_id
                )

    @api.constrains("wage", "sgz_allowance", "sgz_performance_pay", "sgz_housing_fund_rate")
    def _check_sgz_amounts(self):
        for contract in self:
            if contract.wage < 0 or contract.sgz_allowance < 0 or contract.sgz_performance_pay < 0:
                raise ValidationError(
                    self.env._(
                        "The wage, allowances and performance pay of %(name)s cannot be negative.",
                        name=contract.name,
                    )
                )
            if not 0 <= contract.sgz_housing_fund_rate <= 12:
                raise ValidationError(
                    self.env._(
                        "The housing fund rate is a percentage between 0 and 12 (%(name)s).",
                        name=contract.name,
                    )
                )

    @api.constrains("wage", "date_start", "sgz_scheme_region_id", "sgz_station_id")
    def _check_sgz_minimum_wage(self):
        MinimumWage = self.env["sgz.minimum.wage"].sudo()
        for contract in self.filtered(lambda c: c.company_id.sgz_kind == "provider" and c.date_start):
            region = contract.sgz_station_id.county_region_id or contract.sgz_scheme_region_id
            minimum = MinimumWage._sgz_applicable(region, contract.date_start)
            if minimum and contract.wage < minimum.amount:
                raise ValidationError(
                    self.env._(
                        "The base wage %(wage).2f of %(name)s is below the minimum monthly wage of %(region)s "
                        "(%(minimum).2f from %(date)s).",
                        wage=contract.wage,
                        name=contract.name,
                        region=region.complete_name,
                        minimum=minimum.amount,
                        date=minimum.date_from,
                    )
                )

    @api.constrains("employee_id", "date_start", "date_end", "state")
    def _check_sgz_overlap(self):
        """No two contracts of a worker overlap, drafts included (cancelled ones aside)."""
        for contract in self.filtered(lambda c: c.employee_id and c.state != "cancel"):
            domain = [
                ("id", "!=", contract.id),
                ("employee_id", "=", contract.employee_id.id),
                ("state", "!=", "cancel"),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", contract.date_start),
            ]
            if contract.date_end:
                domain.append(("date_start", "<=", contract.date_end))
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s of %(employee)s overlaps the contract %(other)s "
                        "(%(start)s – %(end)s): a worker has one contract at a time.",
                        name=contract.name,
                        employee=contract.employee_id.name,
                        other=other.name,
                        start=other.date_start,
                        end=other.date_end or "…",
                    )
                )

    def write(self, vals):
        if "date_end" in vals and "sgz_ending_flagged" not in vals:
            vals = {**vals, "sgz_ending_flagged": False}
        return super().write(vals)

    @api.model
    def _cron_sgz_flag_ending_contracts(self):
        """A to-do for the HR responsible 30 days before a running contract ends (once per contract)."""
        today = fields.Date.context_today(self)
        contracts = self.search(
            [
                ("state", "=", "open"),
                ("sgz_ending_flagged", "=", False),
                ("date_end", "!=", False),
                ("date_end", "<=", today + relativedelta(days=ENDING_NOTICE_DAYS)),
                ("date_end", ">=", today),
            ]
        )
        activity_type = self.env.ref("sgz_hr.mail_activity_type_contract_ending", raise_if_not_found=False)
        for contract in contracts:
            contract.activity_schedule(
                activity_type_id=activity_type.id if activity_type else False,
                date_deadline=contract.date_end,
                summary=self.env._("Contract ends on %(date)s", date=contract.date_end),
                note=self.env._(
                    "The labor contract of %(employee)s ends on %(date)s: renew it or prepare the leave.",
                    employee=contract.employee_id.name,
                    date=contract.date_end,
                ),
                user_id=(contract.hr_responsible_id or self.env.user).id,
            )
        contracts.write({"sgz_ending_flagged": True})
        return contracts
