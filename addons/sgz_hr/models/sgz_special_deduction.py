import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from ..engine import (
    SPECIAL_DEDUCTION_KINDS,
    Declaration,
    month_deductions,
    special_code,
    standard_dates,
    to_decimal,
)
from .sgz_payroll_compute import CONFIRMED_STATES
from .sgz_special_deduction_standard import SPECIAL_KINDS

# 国发〔2018〕41号第十七条: housing loan interest and housing rent are not deducted for the same months
EXCLUSIVE_KINDS = ("mortgage_interest", "housing_rent")
# 国发〔2018〕41号: one deduction per taxpayer and month, whatever the number of parents, homes or leases (child
# education and infant care are per child: several may run together); continuing education: one academic
# (monthly) programme at a time and one vocational certificate (once) per year
ONE_PER_TAXPAYER_KINDS = ("elderly_support", "mortgage_interest", "housing_rent", "continuing_education")


class SgzSpecialDeduction(models.Model):
    """A special additional deduction a worker declared to the employer (专项附加扣除信息采集)."""

    _name = "sgz.special.deduction"
    _description = "Special Additional Deduction"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "employee_id, kind, date_from"
    _check_company_auto = True
    # a declaration is the worker's: it never moves to another worker or employer (company_id is fixed too)
    _sgz_fixed_fields = ("employee_id",)
    # a worker declares (draft), the provider's HR confirms: payroll deducts confirmed declarations only
    _sgz_action_fields = ("state",)

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, check_company=True, tracking=True
    )
    kind = fields.Selection(SPECIAL_KINDS, required=True, tracking=True)
    standard_id = fields.Many2one(
        "sgz.special.deduction.standard",
        string="Standard",
        domain="[('kind', '=', kind)]",
        help="The published standard the amount follows (housing rent has three tiers).",
    )
    one_off = fields.Boolean(related="standard_id.one_off")
    shared = fields.Boolean(
        string="Shared With Siblings",
        tracking=True,
        help="Elderly support shared among siblings: at most the standard's shared maximum (1,500) a month.",
    )
    monthly_amount = fields.Float(
        digits=(16, 2),
        required=True,
        tracking=True,
        compute="_compute_monthly_amount",
        store=True,
        readonly=False,
        precompute=True,
    )
    date_from = fields.Date(
        string="Applies From", required=True, tracking=True, help="For a one-off deduction: the day obtained."
    )
    date_to = fields.Date(string="Applies Until", tracking=True)
    declared_date = fields.Date(
        string="Declared On",
        required=True,
        default=fields.Date.context_today,
        help="When the worker declared it to the employer; earlier months of the year (and a deduction that has "
        "already ended in this year) are caught up in the first payslip after this date.",
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("draft", "Declared by the Worker"), ("confirmed", "Confirmed")],
        default=lambda self: self._sgz_default_state(),
        required=True,
        index=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="A worker's own declaration waits for the provider's HR to check it against the evidence; payroll "
        "deducts confirmed declarations only. Entered by HR, a declaration is confirmed at once.",
    )

    @api.model
    def _sgz_default_state(self):
        hr = self.env.su or self.env.user.has_group("sgz_base.sgz_base_group_provider_hr")
        return "confirmed" if hr else "draft"

    @api.model
    def default_get(self, fields_list):
        """A stationed worker declares for themselves: the worker is theirs by default."""
        values = super().default_get(fields_list)
        if "employee_id" in fields_list and not values.get("employee_id") and not self.env.su:
            employee = (
                self.env["hr.employee"]
                .sudo()
                .search([("user_id", "=", self.env.uid), ("company_id", "=", self.env.company.id)], limit=1)
            )
            if employee:
                values["employee_id"] = employee.id
        return values

    @api.depends("standard_id", "shared")
    def _compute_monthly_amount(self):
        for deduction in self:
            standard = deduction.standard_id
            if standard:
                shared = deduction.shared and standard.shared_max_amount
                deduction.monthly_amount = standard.shared_max_amount if shared else standard.amount

    @api.constrains(
        "monthly_amount", "kind", "date_from", "date_to", "declared_date", "shared", "standard_id"
    )
    def _check_amount(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for deduction in self:
            if deduction.monthly_amount < 0:
                raise ValidationError(self.env._("A special additional deduction cannot be negative."))
            if deduction.date_to and deduction.date_to < deduction.date_from:
                raise ValidationError(self.env._("The deduction ends before it starts."))
            day = deduction._sgz_standard_date()
            if deduction.standard_id and not deduction.standard_id._sgz_covers(deduction.kind, day):
                raise ValidationError(
                    self.env._(
                        "%(kind)s: the standard %(standard)s does not apply to this kind of deduction on "
                        "%(date)s.",
                        kind=kinds[deduction.kind],
                        standard=deduction.standard_id.name,
                        date=day,
                    )
                )
            ceiling = deduction._sgz_ceiling()
            if ceiling is None:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: no published standard applies on %(date)s, so no amount can be deducted. "
                        "Check the dates, or add the standard under Configuration.",
                        kind=kinds[deduction.kind],
                        date=day,
                    )
                )
            if not deduction.monthly_amount:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: an amount of 0 deducts nothing: choose the standard or give the monthly amount.",
                        kind=kinds[deduction.kind],
                    )
                )
            if deduction.monthly_amount > ceiling + 0.001:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: %(amount).2f a month is above the standard of %(ceiling).2f.",
                        kind=kinds[deduction.kind],
                        amount=deduction.monthly_amount,
                        ceiling=ceiling,
                    )
                )

    def _sgz_standard_date(self):
        """The day whose standard the monthly amount follows: when it applies from, or when it was declared if
        later (a child at school since 2020 declared in 2024 is deducted at 2024's standard; payroll checks every
        month it deducts against the standard of that month)."""
        self.ensure_one()
        return max(self.date_from, self.declared_date or self.date_from)

    def _sgz_ceiling(self):
        """The most this deduction may take: the standard's amount, the shared maximum when shared, the
        highest standard of the kind when none is chosen (None: no standard known)."""
        day = self._sgz_standard_date()
        standards = self.standard_id or self.env["sgz.special.deduction.standard"].sudo().search(
            [
                ("kind", "=", self.kind),
                ("date_from", "<=", day),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", day),
            ]
        )
        if not self.standard_id:
            standards = standards.filtered(lambda s: not s.one_off)
        if not standards:
            return None
        shared = [s.shared_max_amount for s in standards if s.shared_max_amount]
        if self.shared and shared:
            return max(shared)
        return max(standards.mapped("amount"))

    @api.constrains("kind", "date_from", "date_to", "employee_id", "active")
    def _check_exclusive(self):
        for deduction in self.filtered(lambda d: d.kind in EXCLUSIVE_KINDS and d.active):
            other_kind = EXCLUSIVE_KINDS[1 - EXCLUSIVE_KINDS.index(deduction.kind)]
            domain = [
                ("employee_id", "=", deduction.employee_id.id),
                ("kind", "=", other_kind),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", deduction.date_from),
            ]
            if deduction.date_to:
                domain.append(("date_from", "<=", deduction.date_to))
            if self.search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(name)s: housing loan interest and housing rent cannot be deducted for the same months "
                        "(国发〔2018〕41号第十七条).",
                        name=deduction.employee_id.name,
                    )
                )

    @api.constrains("kind", "date_from", "date_to", "employee_id", "active", "standard_id")
    def _check_one_per_taxpayer(self):
        """Kinds a taxpayer deducts once per month (or, for a vocational certificate, once per year) are not
        declared twice for overlapping months."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for deduction in self.filtered(lambda d: d.kind in ONE_PER_TAXPAYER_KINDS and d.active):
            domain = [
                ("id", "!=", deduction.id),
                ("employee_id", "=", deduction.employee_id.id),
                ("kind", "=", deduction.kind),
            ]
            if deduction.one_off:
                year = deduction.date_from.year
                domain += [
                    ("standard_id.one_off", "=", True),
                    ("date_from", ">=", datetime.date(year, 1, 1)),
                    ("date_from", "<=", datetime.date(year, 12, 31)),
                ]
            else:
                domain += ["|", ("standard_id", "=", False), ("standard_id.one_off", "=", False)]
                domain += ["|", ("date_to", "=", False), ("date_to", ">=", deduction.date_from)]
                if deduction.date_to:
                    domain.append(("date_from", "<=", deduction.date_to))
            if self.sudo().search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "%(name)s already declared %(kind)s for some of these months: a taxpayer deducts it once "
                        "(国发〔2018〕41号).",
                        name=deduction.employee_id.name,
                        kind=kinds[deduction.kind],
                    )
                )

    @sgz_action(groups="sgz_base.sgz_base_group_provider_hr,base.group_system")
    def action_confirm(self):
        """HR confirms a worker's declaration once checked (the evidence seen): payroll deducts it from then on."""
        drafts = self.filtered(lambda d: d.state == "draft")
        if not drafts:
            raise UserError(self.env._("These declarations are already confirmed."))
        drafts.write({"state": "confirmed"})

    # ---- payroll -------------------------------------------------------------------------------------------

    @api.model
    def _sgz_month_deductions(self, group):
        """``{employee_id: {kind: Decimal}}`` deducted in the group's tax month (``engine/specials.py``): the
        declarations of its workers, checked against the published standards, and what their earlier payslips
        of the year deducted, per kind (two queries, whatever the number of workers)."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT d.employee_id, d.kind, d.monthly_amount, d.date_from, d.date_to, d.declared_date,
                       COALESCE(s.one_off, FALSE) AS one_off, d.standard_id, d.shared
                  FROM sgz_special_deduction d
             LEFT JOIN sgz_special_deduction_standard s ON s.id = d.standard_id
                 WHERE d.company_id = %s AND d.active AND d.state = 'confirmed' AND d.employee_id = ANY(%s)
                """,
                group.company_id,
                group.employee_ids,
            )
        )
        declarations = [
            Declaration(**{**row, "monthly_amount": to_decimal(row["monthly_amount"])})
            for row in cr.dictfetchall()
        ]
        if not declarations:
            return {}
        names = {row["employee_id"]: row["employee_name"] for row in group.rows}
        self._sgz_check_standards(declarations, group.tax_month, names)
        deducted = self._sgz_deducted_this_year(group)
        by_worker = {}
        for declaration in declarations:
            by_worker.setdefault(declaration.employee_id, []).append(declaration)
        result = {}
        for employee_id, worker_declarations in by_worker.items():
            amounts = month_deductions(
                worker_declarations,
                group.tax_month,
                group.employed.get(employee_id, ()),
                group.opening_months.get(employee_id, 0),
                deducted.get(employee_id),
            )
            if amounts:
                result[employee_id] = amounts
        return result

    @api.model
    def _sgz_deducted_this_year(self, group):
        """``{employee_id: {kind: Decimal}}`` deducted by the confirmed payslips of the tax year before the
        group's tax month (their ``SAD_*`` lines)."""
        kinds = {special_code(kind.code): kind.code for kind in SPECIAL_DEDUCTION_KINDS}
        self.env.cr.execute(
            SQL(
                """
                SELECT p.employee_id, l.code, sum(l.amount) AS amount
                  FROM sgz_payslip_line l JOIN sgz_payslip p ON p.id = l.payslip_id
                 WHERE p.company_id = %s AND p.state IN %s AND p.tax_month >= %s AND p.tax_month < %s
                   AND p.employee_id = ANY(%s) AND l.code = ANY(%s)
              GROUP BY p.employee_id, l.code
                """,
                group.company_id,
                CONFIRMED_STATES,
                group.tax_month.replace(month=1),
                group.tax_month,
                group.employee_ids,
                list(kinds),
            )
        )
        deducted = {}
        for row in self.env.cr.dictfetchall():
            deducted.setdefault(row["employee_id"], {})[kinds[row["code"]]] = to_decimal(row["amount"])
        return deducted

    @api.model
    def _sgz_check_standards(self, declarations, day, names):
        """Refuse, naming the worker, a deduction taken in the tax year of ``day`` (up to its month, catch-up
        included) for a month no published standard covers, or above the standard of that month: payroll never
        deducts an amount no standard stands for. ``declarations`` are :class:`~..engine.Declaration`;
        ``names`` maps employee ids to names. One query for the standards, whatever the number of rows."""
        standards = self.env["sgz.special.deduction.standard"].sudo().search([])
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        ceilings = {}

        def ceiling_of(declaration, when):
            key = (declaration.kind, declaration.standard_id, declaration.shared, when)
            if key not in ceilings:
                applicable = standards.filtered(
                    lambda s: (
                        (s.id == declaration.standard_id if declaration.standard_id else not s.one_off)
                        and s._sgz_covers(declaration.kind, when)
                    )
                )
                shared_max = [s.shared_max_amount for s in applicable if s.shared_max_amount]
                ceilings[key] = (
                    (
                        max(shared_max)
                        if declaration.shared and shared_max
                        else max(applicable.mapped("amount"))
                    )
                    if applicable
                    else None
                )
            return ceilings[key]

        for declaration in declarations:
            for when in standard_dates(declaration, day):
                ceiling = ceiling_of(declaration, when)
                if ceiling is None or declaration.monthly_amount > to_decimal(ceiling):
                    raise UserError(
                        self.env._(
                            "%(name)s: %(kind)s of %(amount).2f a month has no published standard for %(month)s "
                            "(or is above it). Update the deduction (or add the standard) before computing.",
                            name=names.get(declaration.employee_id, ""),
                            kind=kinds.get(declaration.kind, declaration.kind),
                            amount=float(declaration.monthly_amount),
                            month=when.strftime("%Y-%m"),
                        )
                    )
