from decimal import Decimal

from odoo import api, fields, models

from .sgz_activity import ACTIVITY_TYPES
from .sgz_reporting_figures import MEASURES, SECTIONS


class SgzReportLine(models.Model):
    """One indicator of a report, in the shape of the Ministry's statistics forms: indicator, this period,
    previous period, change. Written by the report's actions only; frozen when the report is submitted."""

    _name = "sgz.report.line"
    _description = "Report Indicator"
    _inherit = ["sgz.lock.mixin"]
    _order = "report_id, sequence, id"

    _sgz_lock_parent = "report_id"
    _sgz_create_by_action = True

    report_id = fields.Many2one("sgz.report", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    section = fields.Selection(SECTIONS, required=True)
    code = fields.Char(required=True)
    measure = fields.Selection(MEASURES, required=True, default="number")
    activity_type = fields.Selection(ACTIVITY_TYPES, string="Activity Type")
    service_area_id = fields.Many2one("sgz.service.area", string="Service Area")
    category_id = fields.Many2one("sgz.beneficiary.category", string="Beneficiary Category")
    company_ref_id = fields.Many2one("res.company", string="Organization")
    label = fields.Char(
        string="Given Name", help="The indicator's name when it comes from another addon (budget)."
    )
    name = fields.Char(string="Indicator", compute="_compute_name")
    value = fields.Float(string="Value This Period", digits=(16, 2))
    withheld = fields.Boolean(
        readonly=True,
        help="A pay figure summing fewer than 3 workers is not given: it would be one or two people's pay "
        "(the rule of the payroll statistics, for every reader of a report).",
    )
    previous_value = fields.Float(string="Value Previous Period", digits=(16, 2))
    change = fields.Float(string="Change in Value", compute="_compute_change", digits=(16, 2))
    change_percent = fields.Float(string="Change (%)", compute="_compute_change", digits=(16, 1))
    value_text = fields.Char(string="This Period", compute="_compute_texts")
    previous_text = fields.Char(string="Previous Period", compute="_compute_texts")
    change_text = fields.Char(string="Change", compute="_compute_texts")

    @api.model
    def _sgz_code_labels(self):
        _ = self.env._
        return {
            "stations_active": _("Stations in service"),
            "townships": _("Townships and streets"),
            "coverage": _("Coverage of townships (%)"),
            "stations_demonstration": _("Demonstration stations"),
            "workers": _("Workers stationed"),
            "quota": _("Workers agreed (quota)"),
            "vacancies": _("Vacancies"),
            "staffed_stations": _("Stations fully staffed"),
            "qualified": _("Workers with a social work qualification"),
            "beneficiaries": _("Beneficiaries registered"),
            "volunteers_registered": _("Volunteers registered"),
            "volunteers_active": _("Volunteers who served (confirmed hours)"),
            "volunteer_hours": _("Volunteer service hours confirmed"),
            "activities": _("Activities, all types"),
            "person_times": _("Person-times, all types"),
            "hours": _("Service hours"),
            "payslips": _("Payslips confirmed"),
            "gross": _("Gross pay"),
            "employee_insurance": _("Social insurance, employee part"),
            "employer_insurance": _("Social insurance, employer part"),
            "tax": _("Individual income tax withheld"),
            "net": _("Net pay"),
            "years_signed": _("Agreement years signed"),
            "years_qualified": _("Agreement years evaluated qualified"),
            "years_unqualified": _("Agreement years evaluated unqualified"),
            "years_pending": _("Agreement years ended and awaiting evaluation"),
        }

    @api.depends("code", "label", "activity_type", "service_area_id", "category_id", "company_ref_id")
    @api.depends_context("lang")
    def _compute_name(self):
        labels = self._sgz_code_labels()
        types = dict(self._fields["activity_type"]._description_selection(self.env))
        _ = self.env._
        child = {
            "child_stations": _("%(name)s: stations in service"),
            "child_workers": _("%(name)s: workers stationed"),
            "child_activities": _("%(name)s: activities"),
            "child_person_times": _("%(name)s: person-times"),
        }
        for line in self:
            code = line.code or ""
            if line.label:
                name = line.label
            elif code in labels:
                name = labels[code]
            elif code.startswith("type_"):
                what = types.get(line.activity_type, "")
                name = (
                    _("%(type)s: activities", type=what)
                    if code.endswith("count")
                    else _("%(type)s: person-times", type=what)
                )
            elif code.startswith("area_"):
                what = line.service_area_id.sudo().name
                name = (
                    _("%(area)s: activities", area=what)
                    if code.endswith("count")
                    else _("%(area)s: person-times", area=what)
                )
            elif code.startswith("category_"):
                what = line.category_id.sudo().name
                name = (
                    _("%(category)s: activities", category=what)
                    if code.endswith("count")
                    else _("%(category)s: person-times", category=what)
                )
            elif code in child:
                name = child[code] % {"name": line.company_ref_id.sudo().name or ""}
            else:
                name = code
            line.name = name

    @api.depends("value", "previous_value")
    def _compute_change(self):
        for line in self:
            change = Decimal(str(line.value)) - Decimal(str(line.previous_value))
            line.change = float(change.quantize(Decimal("0.01")))
            line.change_percent = (
                float((100 * change / Decimal(str(line.previous_value))).quantize(Decimal("0.1")))
                if line.previous_value
                else 0.0
            )

    @api.model
    def _sgz_format(self, measure, value, signed=False):
        """A figure as it is printed: money with two decimals and thousands separators, percent with one
        decimal, counts as whole numbers."""
        sign = "+" if signed and value > 0 else ""
        if measure == "amount":
            return f"{sign}{value:,.2f}"
        if measure in ("percent", "hours"):
            return f"{sign}{value:,.1f}"
        return f"{sign}{int(round(value)):,}"

    @api.depends("value", "previous_value", "measure", "withheld")
    @api.depends_context("lang")
    def _compute_texts(self):
        for line in self:
            if line.withheld:
                line.value_text = self.env._("— (fewer than 3 workers)")
                line.previous_text = line.change_text = "—"
                continue
            line.value_text = self._sgz_format(line.measure, line.value)
            line.previous_text = self._sgz_format(line.measure, line.previous_value)
            line.change_text = self._sgz_format(line.measure, line.change, signed=True)
