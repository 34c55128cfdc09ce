from dataclasses import dataclass

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import CALENDAR_DAYS, INSURANCE_KINDS, PAID_DAYS, ContributionRule, fraction, to_decimal

PRORATION_METHODS = [
    (CALENDAR_DAYS, "Calendar Days"),
    (PAID_DAYS, "21.75 Paid Days a Month (劳社部发〔2008〕3号)"),
]


class SgzInsuranceScheme(models.Model):
    """Rates and contribution base limits of the social insurances of a region, valid for a period."""

    _name = "sgz.insurance.scheme"
    _description = "Social Insurance Scheme"
    _inherit = ["mail.thread"]
    _order = "region_id, date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    region_id = fields.Many2one(
        "sgz.region",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        help="The scheme applies to this region and the regions below it, unless one of them has its own.",
    )
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid Until", tracking=True)
    contribution_year_start_month = fields.Integer(
        string="Contribution Year Starts In",
        default=1,
        required=True,
        tracking=True,
        help="Month (1–12) in which the contribution year starts, as set by the province: the declared base of "
        "each worker is renewed then.",
    )
    proration_method = fields.Selection(
        PRORATION_METHODS,
        string="Part-Month Pay",
        default=CALENDAR_DAYS,
        required=True,
        tracking=True,
        help="How the pay of a worker joining or leaving during the month is prorated.",
    )
    line_ids = fields.One2many("sgz.insurance.scheme.line", "scheme_id", string="Rates", copy=True)
    note = fields.Text()
    active = fields.Boolean(default=True)

    @api.constrains("date_from", "date_to", "region_id", "active", "contribution_year_start_month")
    def _check_period(self):
        for scheme in self:
            if not 1 <= scheme.contribution_year_start_month <= 12:
                raise ValidationError(self.env._("The contribution year starts in a month from 1 to 12."))
            if scheme.date_to and scheme.date_to < scheme.date_from:
                raise ValidationError(
                    self.env._("The scheme %(name)s ends before it starts.", name=scheme.name)
                )
            domain = [
                ("id", "!=", scheme.id),
                ("region_id", "=", scheme.region_id.id),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", scheme.date_from),
            ]
            if scheme.date_to:
                domain.append(("date_from", "<=", scheme.date_to))
            other = self.search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "The schemes %(name)s and %(other)s of %(region)s overlap: close the older one "
                        "(Valid Until) the day before the new one starts.",
                        name=scheme.name,
                        other=other.name,
                        region=scheme.region_id.complete_name,
                    )
                )

    @api.model
    def _sgz_lookup(self, pairs):
        """``{(region_id, date): ResolvedScheme}`` for each pair: per insurance, the line of the nearest region's
        scheme valid on the date that has it (a city's medical insurance, the province's pension), with the
        settings of the nearest scheme.

        A fixed number of queries whatever the number of pairs: every scheme and its lines are loaded once
        (the table holds a few rows per region and year) and matched in Python.
        """
        result = {}
        if not pairs:
            return result
        schemes = self.search([])
        schemes.line_ids.mapped("kind")  # prefetch the lines in one query
        by_region = {}
        for scheme in schemes:
            by_region.setdefault(scheme.region_id.id, []).append(scheme)
        regions = self.env["sgz.region"].browse({region_id for region_id, _date in pairs if region_id})
        ancestors = {region.id: region._sgz_ancestors().ids for region in regions}
        for region_id, day in pairs:
            valid = [
                scheme
                for ancestor in ancestors.get(region_id, [])
                for scheme in by_region.get(ancestor, [])
                if scheme.date_from <= day and (not scheme.date_to or scheme.date_to >= day)
            ]
            lines = {}
            for scheme in valid:
                for line in scheme.line_ids.sorted(lambda line: (line.sequence, line.id)):
                    lines.setdefault(line.kind, line)
            result[region_id, day] = ResolvedScheme(
                valid[0] if valid else self.browse(), tuple(lines.values()) if valid else ()
            )
        return result


@dataclass(frozen=True)
class ResolvedScheme:
    """The insurances of a region on a day (:meth:`SgzInsuranceScheme._sgz_lookup`): ``scheme`` the nearest
    region's scheme (its part-month method and contribution year), ``lines`` one scheme line per insurance,
    each from the nearest scheme that has it. Empty (false) when no scheme applies."""

    scheme: models.BaseModel
    lines: tuple = ()

    def __bool__(self):
        return bool(self.lines)

    @property
    def key(self):
        return tuple(line.id for line in self.lines)

    @property
    def proration_method(self):
        return self.scheme.proration_method if self.scheme else CALENDAR_DAYS

    @property
    def contribution_year_start_month(self):
        return self.scheme.contribution_year_start_month if self.scheme else 1

    def rules(self, housing_fund_rate=0.0):
        """The engine's rules: (insurance rules, housing fund rule or None)."""
        rules = []
        housing_line = None
        for line in sorted(self.lines, key=lambda line: (line.sequence, line.id)):
            if line.kind == "housing_fund":
                housing_line = line
                continue
            rules.append(line._sgz_rule())
        housing = None
        if housing_fund_rate:
            floor = housing_line.base_floor if housing_line else 0
            ceiling = housing_line.base_ceiling if housing_line else 0
            housing = ContributionRule(
                "housing_fund",
                fraction(housing_fund_rate),
                fraction(housing_fund_rate),
                to_decimal(floor) if floor else None,
                to_decimal(ceiling) if ceiling else None,
                "Housing fund",
            )
        return tuple(rules), housing


class SgzInsuranceSchemeLine(models.Model):
    _name = "sgz.insurance.scheme.line"
    _description = "Social Insurance Rate"
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one("sgz.insurance.scheme", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    kind = fields.Selection([(kind.code, kind.label) for kind in INSURANCE_KINDS], required=True)
    employer_rate = fields.Float(string="Employer Rate (%)", digits=(6, 4))
    employee_rate = fields.Float(string="Employee Rate (%)", digits=(6, 4))
    base_floor = fields.Float(
        string="Base Floor", digits=(16, 2), help="Lowest contribution base (缴费基数下限)."
    )
    base_ceiling = fields.Float(
        string="Base Ceiling", digits=(16, 2), help="Highest contribution base (缴费基数上限); 0 for none."
    )

    _sql_constraints = [
        ("kind_unique", "unique(scheme_id, kind)", "Each insurance appears once in a scheme."),
    ]

    @api.depends("scheme_id.name", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            line.display_name = self.env._(
                "%(scheme)s: %(kind)s", scheme=line.scheme_id.name or "", kind=kinds.get(line.kind, "")
            )

    @api.constrains("employer_rate", "employee_rate", "base_floor", "base_ceiling")
    def _check_values(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for line in self:
            if not (0 <= line.employer_rate < 100 and 0 <= line.employee_rate < 100):
                raise ValidationError(
                    self.env._(
                        "%(kind)s: a rate is a percentage between 0 and 100.", kind=kinds.get(line.kind, "")
                    )
                )
            if line.base_floor < 0 or line.base_ceiling < 0:
                raise ValidationError(
                    self.env._("%(kind)s: the base limits cannot be negative.", kind=kinds.get(line.kind, ""))
                )
            if line.base_ceiling and line.base_floor > line.base_ceiling:
                raise ValidationError(
                    self.env._(
                        "%(kind)s: the base floor is above the base ceiling.", kind=kinds.get(line.kind, "")
                    )
                )

    def _sgz_rule(self):
        self.ensure_one()
        return ContributionRule(
            self.kind,
            fraction(self.employer_rate),
            fraction(self.employee_rate),
            to_decimal(self.base_floor) if self.base_floor else None,
            to_decimal(self.base_ceiling) if self.base_ceiling else None,
            self.kind,
        )
