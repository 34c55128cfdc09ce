from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [
    ("province", "Province"),
    ("city", "City / Prefecture"),
    ("county", "County / District"),
    ("township", "Township / Street"),
]
PARENT_LEVEL = {"city": "province", "county": "city", "township": "county"}
CODE_LENGTHS = {"province": (6,), "city": (6,), "county": (6,), "township": (9, 12)}
# Digits of the code shared with the parent (GB/T 2260: 2 for the province, 4 for the city, 6 for the county).
PARENT_PREFIX = {"city": 2, "county": 4, "township": 6}


class SgzRegion(models.Model):
    _name = "sgz.region"
    _description = "Administrative Region"
    _parent_store = True
    _rec_name = "complete_name"
    _order = "code"

    name = fields.Char(required=True, translate=False)
    code = fields.Char(required=True, index=True, help="GB/T 2260 code: 6 digits; townships 9 or 12 digits.")
    level = fields.Selection(LEVELS, required=True, index=True)
    parent_id = fields.Many2one("sgz.region", string="Parent Region", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("sgz.region", "parent_id", string="Subregions")
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    active = fields.Boolean(
        default=True,
        help="Archive a unit that will never have a station (a farm, a prison, a development zone's office).",
    )
    functional_zone = fields.Boolean(
        string="Functional Zone",
        help="A county-level development or administration zone of a city (开发区、管理区): not in GB/T 2260, but its "
        "townships are in the statistics codes and some have stations.",
    )

    _sql_constraints = [
        ("code_unique", "unique(code)", "A region with this code already exists."),
    ]

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for region in self:
            region.complete_name = f"{region.parent_id.complete_name or ''}{region.name}"

    @api.constrains("code", "level", "parent_id")
    def _check_code(self):
        for region in self:
            code = region.code or ""
            if not code.isdigit() or len(code) not in CODE_LENGTHS[region.level]:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s of %(name)s must have %(lengths)s digits for this level.",
                        code=code,
                        name=region.name,
                        lengths=self.env._(" or ").join(str(n) for n in CODE_LENGTHS[region.level]),
                    )
                )
            wanted_parent = PARENT_LEVEL.get(region.level)
            if not wanted_parent:
                if region.parent_id:
                    raise ValidationError(self.env._("A province cannot have a parent region."))
                continue
            parent = region.parent_id
            if not parent or parent.level != wanted_parent:
                raise ValidationError(
                    self.env._(
                        "%(name)s must be placed under a region of level “%(level)s”.",
                        name=region.name,
                        level=dict(self._fields["level"]._description_selection(self.env))[wanted_parent],
                    )
                )
            digits = PARENT_PREFIX[region.level]
            if code[:digits] != parent.code[:digits]:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s does not belong under %(parent)s (%(parent_code)s): "
                        "its first %(digits)s digits must be %(prefix)s.",
                        code=code,
                        parent=parent.name,
                        parent_code=parent.code,
                        digits=digits,
                        prefix=parent.code[:digits],
                    )
                )

    @api.constrains("parent_id", "level", "name", "code", "active")
    def _check_user_region(self):
        """A county or city officer adds townships only under the counties of its own bureaus (a province
        officer or an administrator anywhere)."""
        user = self.env.user
        if (
            self.env.su
            or user.has_group("sgz_base.sgz_base_group_province_officer")
            or user.has_group("base.group_system")
        ):
            return
        own = user.company_ids.sgz_region_id
        for region in self:
            if region.level != "township" or region.parent_id not in own:
                raise ValidationError(
                    self.env._(
                        "%(name)s can only be added under a county of your own bureau, not under %(parent)s.",
                        name=region.name,
                        parent=region.parent_id.complete_name or "—",
                    )
                )

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Townships and Streets"),
                "template": "/sgz_base/static/xls/sgz_region_township_import.xlsx",
            }
        ]
