import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .hr_employee import MIN_WORKING_AGE
from .sgz_agreement_link import check_agreement
from .sgz_payroll_compute import CONFIRMED_STATES

# a monthly amount above this is a typing mistake (an extra zero or two), not a social worker's wage
MAX_MONTHLY_AMOUNT = 1_000_000
LAST_START_DATE = datetime.date(2099, 12, 31)
# 住房公积金管理条例 and 建金〔2005〕5号: employer and employee rates of 5 % to 12 % (0: the provider pays none)
HOUSING_FUND_RATE_MIN, HOUSING_FUND_RATE_MAX = 5, 12
# what payroll computes a month's pay from: locked once payslips were confirmed under the contract
PAID_CONTRACT_FIELDS = frozenset(
    {
        "employee_id",
        "company_id",
        "wage",
        "sgz_allowance",
        "sgz_performance_pay",
        "sgz_scheme_region_id",
        "sgz_housing_fund_rate",
        "date_start",
    }
)


# A worker's pay is read by the provider's staff only (issue 15, point 3): bureaus supervise that a contract
# exists, its period and station, and that it pays at least the minimum wage (``sgz_meets_minimum_wage``), never
# the amounts. Field groups refuse the amounts in read, search_read, read_group, searches and exports alike.
# The stationed worker reads the amounts of their own contract (the record rule gives them no other).
PAY_GROUPS = (
    "sgz_base.sgz_base_group_provider_hr,sgz_base.sgz_base_group_station_worker,"
    "hr_contract.group_hr_contract_manager,base.group_system"
)


class HrContract(models.Model):
    _name = "hr.contract"
    _inherit = ["hr.contract", "sgz.lock.mixin"]
    _sgz_input_checked = True
    # locked once payslips were confirmed under it (``_sgz_locked_records``), for the pay fields only
    _sgz_lock_field = None

    wage = fields.Monetary(groups=PAY_GROUPS)
    contract_wage = fields.Monetary(groups=PAY_GROUPS)

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
    sgz_allowance = fields.Monetary(
        string="Allowances", tracking=True, groups=PAY_GROUPS, help="Monthly allowances (津贴补贴)."
    )
    sgz_performance_pay = fields.Monetary(
        string="Performance Pay",
        tracking=True,
        groups=PAY_GROUPS,
        help="Default monthly performance pay, changeable on each payslip.",
    )
    sgz_meets_minimum_wage = fields.Boolean(
        string="Pays at Least the Minimum Wage",
        compute="_compute_sgz_meets_minimum_wage",
        compute_sudo=True,
        search="_search_sgz_meets_minimum_wage",
        help="The base wage is at least the monthly minimum wage of the station's county in force today (at its "
        "start for a contract that has not started, at its end for one that has ended). What a bureau sees of a "
        "worker's pay.",
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

    @api.depends("wage", "date_start", "date_end", "sgz_station_id", "sgz_scheme_region_id")
    def _compute_sgz_meets_minimum_wage(self):
        minimums = {}
        today = fields.Date.context_today(self)
        MinimumWage = self.env["sgz.minimum.wage"].sudo()
        for contract in self:
            region = contract.sgz_station_id.county_region_id or contract.sgz_scheme_region_id
            if not (region and contract.date_start):
                contract.sgz_meets_minimum_wage = True
                continue
            day = max(contract.date_start, min(today, contract.date_end or today))
            if (region, day) not in minimums:
                minimums[region, day] = MinimumWage._sgz_applicable(region, day).amount
            contract.sgz_meets_minimum_wage = contract.wage >= minimums[region, day]

    def _search_sgz_meets_minimum_wage(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Search the minimum wage check with “is set” or “is not set”."))
        contracts = self.sudo().search([("company_id.sgz_kind", "=", "provider")])
        below = contracts.filtered(lambda c: not c.sgz_meets_minimum_wage)
        wanted_below = (operator == "=") != value
        return [("id", "in" if wanted_below else "not in", below.ids)]

    @api.constrains("sgz_agreement_id", "sgz_station_id", "company_id")
    def _sgz_check_agreement(self):
        for contract in self.filtered("sgz_agreement_id"):
            check_agreement(self.env, contract.sgz_agreement_id, contract.company_id, contract.sgz_station_id)

    @api.depends("sgz_station_id", "company_id")
    def _compute_sgz_scheme_region_id(self):
        for contract in self:
            if not contract.sgz_scheme_region_id:
                contract.sgz_scheme_region_id = (
                    contract.sgz_station_id.county_region_id or contract.company_id.sgz_region_id
                )

    @api.constrains("wage", "sgz_allowance", "sgz_performance_pay", "sgz_housing_fund_rate")
    def _sgz_check_amounts(self):
        for contract in self:
            amounts = (contract.wage, contract.sgz_allowance, contract.sgz_performance_pay)
            if min(amounts) < 0:
                raise ValidationError(
                    self.env._(
                        "The wage, allowances and performance pay of %(name)s cannot be negative.",
                        name=contract.name,
                    )
                )
            if max(amounts) > MAX_MONTHLY_AMOUNT:
                raise ValidationError(
                    self.env._(
                        "The wage, allowances and performance pay of %(name)s are monthly amounts: %(amount)s is "
                        "above ¥1,000,000 a month, check the figure.",
                        name=contract.name,
                        amount=max(amounts),
                    )
                )
            rate = contract.sgz_housing_fund_rate
            if rate and not HOUSING_FUND_RATE_MIN <= rate <= HOUSING_FUND_RATE_MAX:
                raise ValidationError(
                    self.env._(
                        "The housing fund rate of %(name)s is between 5 %% and 12 %%, or 0 when the provider pays "
                        "none (%(rate)s %% given).",
                        name=contract.name,
                        rate=rate,
                    )
                )

    @api.constrains("name", "date_start", "employee_id", "sgz_station_id", "company_id")
    def _sgz_check_contract(self):
        for contract in self.sudo().filtered(lambda c: c.company_id.sgz_kind == "provider"):
            if not (contract.name or "").strip():
                raise ValidationError(
                    self.env._("Give the labor contract a name (e.g. the worker's name and year).")
                )
            if contract.date_start and contract.date_start > LAST_START_DATE:
                raise ValidationError(
                    self.env._("The contract %(name)s cannot start after 2099.", name=contract.name)
                )
            birthday = contract.employee_id.birthday
            if birthday and contract.date_start < birthday + relativedelta(years=MIN_WORKING_AGE):
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s starts on %(date)s, before %(employee)s is 16 years old.",
                        name=contract.name,
                        date=contract.date_start,
                        employee=contract.employee_id.name,
                    )
                )
            station = contract.sgz_station_id
            if station and station.provider_id != contract.company_id:
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s stations the worker at a station that its employer does not run.",
                        name=contract.name,
                    )
                )

    @api.constrains("wage", "date_start", "sgz_scheme_region_id", "sgz_station_id")
    def _sgz_check_minimum_wage(self):
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
    def _sgz_check_overlap(self):
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
            if other and other.with_env(self.env).has_access("read"):
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
            if other:
                # a contract the user may not read (another employer's) is not described
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s overlaps another contract of the same worker: a worker has one "
                        "contract at a time.",
                        name=contract.name,
                    )
                )

    @api.constrains("employee_id", "company_id")
    def _sgz_check_employee_company(self):
        """A contract is signed by the worker's own employer (an employer never contracts another one's
        worker); the sentence names neither the worker nor the other organization."""
        for contract in self.sudo().filtered("employee_id"):
            if contract.employee_id.company_id != contract.company_id:
                raise ValidationError(
                    self.env._(
                        "The contract %(name)s is for a worker of another organization: %(company)s signs labor "
                        "contracts with its own workers only.",
                        name=contract.name,
                        company=contract.company_id.name,
                    )
                )

    def write(self, vals):
        if not self._sgz_lock_lifted() and ("date_end" in vals or vals.get("state") == "cancel"):
            self._sgz_check_paid_end(vals)
        result = super().write(vals)
        if "date_end" in vals or vals.get("state") in ("close", "cancel"):
            # a worker whose contract is closed (or ended in the past) with no later one no longer logs in
            self.employee_id._sgz_end_worker_access()
        return result

    def _sgz_paid_months(self):
        """``{contract id: last day paid}`` of the contracts of ``self`` that confirmed payslips were computed
        from (the payslip's own contract or one of its contract periods): one query."""
        if not self.ids:
            return {}
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT x.contract_id, max(x.date_to) FROM sgz_payslip_period x
                  JOIN sgz_payslip p ON p.id = x.payslip_id
                 WHERE x.contract_id = ANY(%(ids)s) AND p.state IN %(paid)s
              GROUP BY x.contract_id
                 UNION ALL
                SELECT p.contract_id, max(p.date_to) FROM sgz_payslip p
                 WHERE p.contract_id = ANY(%(ids)s) AND p.state IN %(paid)s
              GROUP BY p.contract_id
                """,
                ids=self.ids,
                paid=CONFIRMED_STATES,
            )
        )
        paid = {}
        for contract_id, last in self.env.cr.fetchall():
            paid[contract_id] = max(last, paid.get(contract_id, last))
        return paid

    # ---- the lock (sgz.lock.mixin): a contract payslips were confirmed under ------------------------------

    def _sgz_locked_records(self):
        """Contracts under which payslips were confirmed (one query): what their pay was computed from stays."""
        paid = self._sgz_paid_months()
        return self.filtered(lambda contract: contract.id in paid)

    def _sgz_lock_label(self):
        self.ensure_one()
        paid = self._sgz_paid_months().get(self.id)
        return (
            self.env._("payslips confirmed up to %(date)s", date=paid) if paid else super()._sgz_lock_label()
        )

    def _sgz_check_not_locked(self, changed):
        """A paid contract keeps the worker, employer, wage, allowances, performance pay, insurance region, housing
        fund rate and start it was paid on; the rest (its end, its documents, its notes) stays open. A new wage
        is a new contract (or an amendment from a later date, signed as a new contract)."""
        return super()._sgz_check_not_locked(set(changed) & PAID_CONTRACT_FIELDS)

    def _sgz_check_paid_end(self, vals):
        """A paid contract ends no earlier than the months paid under it, and is closed, never cancelled."""
        paid = self._sgz_paid_months()
        new_end = fields.Date.to_date(vals["date_end"]) if vals.get("date_end") else False
        for contract in self.sudo().filtered(lambda c: c.id in paid):
            shortened = "date_end" in vals and new_end and new_end < paid[contract.id]
            if shortened or (vals.get("state") == "cancel" and contract.state != "cancel"):
                raise UserError(
                    self.env._(
                        "Payslips were confirmed under the labor contract %(name)s up to %(date)s: it cannot end "
                        "before that day or be cancelled.",
                        name=contract.name,
                        date=paid[contract.id],
                    )
                )

    def _sgz_check_unlink(self):
        """Only a draft or cancelled contract that no payslip refers to may be deleted; a contract that payslips
        were computed under is evidence: it stays (also for the administrator)."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT c.name FROM hr_contract c
                 WHERE c.id = ANY(%s) AND (
                       c.state NOT IN ('draft', 'cancel')
                    OR EXISTS (SELECT 1 FROM sgz_payslip p WHERE p.contract_id = c.id)
                    OR EXISTS (SELECT 1 FROM sgz_payslip_period x WHERE x.contract_id = c.id))
                 LIMIT 1
                """,
                self.ids,
            )
        )
        row = self.env.cr.fetchone()
        if row:
            raise UserError(
                self.env._(
                    "The labor contract %(name)s is in force or has payslips: it stays on record and cannot be "
                    "deleted (cancel a contract signed by mistake).",
                    name=row[0],
                )
            )
        return super()._sgz_check_unlink()

    def _sgz_schedule_minimum_wage_review(self, minimum):
        """A to-do for the provider's HR: the base wage is below the minimum wage ``minimum`` from its date."""
        self.ensure_one()
        user = self.hr_responsible_id
        if not user or self.company_id not in user.company_ids:
            group = self.env.ref("sgz_base.sgz_base_group_provider_hr")
            user = group.users.filtered(lambda u: self.company_id in u.company_ids)[:1] or self.env.user
        self.with_context(lang=user.lang or self.env.lang).activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=minimum.date_from,
            summary=self.env._("Base wage below the new minimum wage"),
            note=self.env._(
                "The base wage %(wage)s of %(name)s is below the minimum monthly wage of %(minimum)s in force from "
                "%(date)s: raise it before the payroll of that month.",
                wage=self.wage,
                name=self.name,
                minimum=minimum.amount,
                date=minimum.date_from,
            ),
            user_id=user.id,
        )
