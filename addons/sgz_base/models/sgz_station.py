from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .sgz_lock_mixin import sgz_action

SIGN_SUFFIX = "社会工作服务站"


class SgzStation(models.Model):
    """A township (street) social work station (乡镇（街道）社会工作服务站, §五)."""

    _name = "sgz.station"
    _description = "Social Work Station"
    _inherit = ["mail.thread", "mail.activity.mixin", "sgz.lock.mixin"]
    _order = "county_region_id, township_id, id"
    _check_company_auto = True

    _sgz_action_fields = ("state",)
    # only a station that never opened can be deleted; close or archive the others
    _sgz_unlink_states = ("planned",)

    name = fields.Char(
        string="Sign Name",
        compute="_compute_name",
        store=True,
        help="The sign of §五(四): ××县(市、区)××乡镇（街道）社会工作服务站.",
    )
    township_id = fields.Many2one(
        "sgz.region",
        string="Township / Street",
        required=True,
        index=True,
        tracking=True,
        domain=[("level", "=", "township")],
        ondelete="restrict",
    )
    county_region_id = fields.Many2one(
        "sgz.region", related="township_id.parent_id", store=True, string="County", index=True
    )
    company_id = fields.Many2one(
        "res.company",
        string="County Bureau",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "county")],
    )
    company_region_id = fields.Many2one(related="company_id.sgz_region_id", string="Bureau Region")
    provider_id = fields.Many2one(
        "res.company",
        string="Current Provider",
        index=True,
        tracking=True,
        domain=[("sgz_kind", "=", "provider")],
        ondelete="restrict",
    )
    state = fields.Selection(
        [("planned", "Planned"), ("active", "In Service"), ("suspended", "Suspended"), ("closed", "Closed")],
        default="planned",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    opening_date = fields.Date(tracking=True, copy=False)
    address = fields.Char()
    demonstration = fields.Boolean(string="Demonstration Station", tracking=True, copy=False)
    demonstration_date = fields.Date(string="Recognized On", tracking=True, copy=False)
    demonstration_document = fields.Binary(string="Decision Document", attachment=True, copy=False)
    demonstration_document_name = fields.Char()
    service_area_ids = fields.Many2many(
        "sgz.service.area", string="Service Areas", domain=[("parent_id", "=", False)]
    )
    check_line_ids = fields.One2many(
        "sgz.station.check.line",
        "station_id",
        string="Checklist",
        default=lambda self: self._default_check_lines(),
    )
    hardware_line_ids = fields.One2many(
        "sgz.station.check.line", "station_id", domain=[("category", "=", "hardware")], string="Hardware"
    )
    institution_line_ids = fields.One2many(
        "sgz.station.check.line",
        "station_id",
        domain=[("category", "=", "institution")],
        string="Institutions",
    )
    completeness = fields.Float(
        compute="_compute_completeness",
        store=True,
        aggregator="avg",
        help="Share of the required checklist items that are met, in percent.",
    )
    note = fields.Html()
    active = fields.Boolean(default=True)

    def init(self):
        self.env.cr.execute(
            "CREATE UNIQUE INDEX IF NOT EXISTS sgz_station_one_active_per_township "
            "ON sgz_station (township_id) WHERE state = 'active'"
        )

    def _default_check_lines(self):
        items = self.env["sgz.station.check.item"].search([])
        return [Command.create({"item_id": item.id}) for item in items]

    @api.depends("township_id.name", "township_id.parent_id.name")
    def _compute_name(self):
        for station in self:
            township = station.township_id
            station.name = f"{township.parent_id.name}{township.name}{SIGN_SUFFIX}" if township else False

    @api.depends("check_line_ids.done", "check_line_ids.required")
    def _compute_completeness(self):
        for station in self:
            required = station.check_line_ids.filtered("required")
            station.completeness = 100.0 * len(required.filtered("done")) / len(required) if required else 0.0

    @api.constrains("township_id", "company_id")
    def _check_county(self):
        for station in self:
            if station.township_id.level != "township":
                raise ValidationError(
                    self.env._(
                        "%(region)s is not a township or street.", region=station.township_id.complete_name
                    )
                )
            county = station.township_id.parent_id
            if station.company_id.sgz_region_id != county:
                raise ValidationError(
                    self.env._(
                        "%(township)s lies in %(county)s, but %(bureau)s is not that county's civil-affairs "
                        "bureau.",
                        township=station.township_id.name,
                        county=county.name,
                        bureau=station.company_id.name,
                    )
                )

    def _check_townships_free(self, township_ids):
        """Refuse a second active station in a township, before the database index does so bluntly."""
        taken = self.sudo().search(
            [("township_id", "in", list(township_ids)), ("state", "=", "active"), ("id", "not in", self.ids)],
            limit=1,
        )
        if taken or len(township_ids) < len(self):
            township = taken.township_id or self.township_id[:1]
            raise ValidationError(
                self.env._("%(township)s already has an active station.", township=township.complete_name)
            )

    @api.constrains("provider_id")
    def _check_provider(self):
        for station in self.filtered("provider_id"):
            if station.provider_id.sgz_kind != "provider":
                raise ValidationError(
                    self.env._("%(name)s is not a service provider.", name=station.provider_id.name)
                )

    @api.constrains("demonstration", "demonstration_date")
    def _check_demonstration(self):
        for station in self:
            if station.demonstration and not station.demonstration_date:
                raise ValidationError(
                    self.env._(
                        "Give the date on which %(name)s was recognized as a demonstration station.",
                        name=station.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        active = [
            vals["township_id"]
            for vals in vals_list
            if vals.get("state") == "active" and vals.get("township_id")
        ]
        if active:
            if len(set(active)) < len(active):
                raise ValidationError(self.env._("Two active stations cannot share one township."))
            self.browse()._check_townships_free(set(active))
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("state") == "active" or ("township_id" in vals and "active" in self.mapped("state")):
            for station in self:
                if vals.get("state", station.state) == "active":
                    station._check_townships_free({vals.get("township_id", station.township_id.id)})
        return super().write(vals)

    def _sgz_check_run_by_user(self, sentence, county_too=False):
        """Refuse with ``sentence`` a station that none of the user's organizations runs as its provider (checked
        before saving, so that the sentence comes before the record rules' refusal; code running as superuser is
        not held). ``county_too``: the station's county bureau is let through as well."""
        if self.env.su:
            return
        companies = self.env.user.company_ids
        for station in self.sudo():
            if station.provider_id and station.provider_id in companies:
                continue
            if county_too and station.company_id in companies:
                continue
            raise UserError(sentence)

    @sgz_action
    def action_activate(self):
        for station in self:
            if station.state not in ("planned", "suspended"):
                raise UserError(self.env._("Only a planned or suspended station can be put into service."))
            vals = {"state": "active"}
            if not station.opening_date:
                vals["opening_date"] = fields.Date.context_today(self)
            station.write(vals)

    @sgz_action
    def action_suspend(self):
        if any(station.state != "active" for station in self):
            raise UserError(self.env._("Only an active station can be suspended."))
        self.write({"state": "suspended"})

    @sgz_action
    def action_close(self):
        if any(station.state == "closed" for station in self):
            raise UserError(self.env._("This station is already closed."))
        self.write({"state": "closed"})
