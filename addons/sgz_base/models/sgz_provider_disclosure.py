from odoo import api, fields, models
from odoo.exceptions import ValidationError


class SgzProviderDisclosure(models.Model):
    """Information a provider must make public (§三(四)): basic info, qualifications, annual financial
    reports and project experience, each as a dated document."""

    _name = "sgz.provider.disclosure"
    _description = "Provider Disclosure"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Provider",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "provider")],
    )
    kind = fields.Selection(
        [
            ("basic", "Basic Information"),
            ("qualification", "Professional Qualification"),
            ("financial", "Annual Financial Report"),
            ("experience", "Project Experience"),
        ],
        required=True,
        tracking=True,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    year = fields.Integer(help="The year an annual financial report covers.")
    valid_until = fields.Date(help="Expiry of a qualification, if any.")
    document = fields.Binary(attachment=True, required=True)
    document_name = fields.Char()
    description = fields.Text()

    @api.constrains("company_id", "kind", "year")
    def _check_provider(self):
        for disclosure in self:
            if disclosure.company_id.sgz_kind != "provider":
                raise ValidationError(
                    self.env._(
                        "Only a service provider files disclosures; %(name)s is not one.",
                        name=disclosure.company_id.name,
                    )
                )
            if disclosure.kind == "financial" and not disclosure.year:
                raise ValidationError(self.env._("An annual financial report needs the year it covers."))
            if disclosure.year and not 2000 <= disclosure.year <= 2100:
                raise ValidationError(
                    self.env._(
                        "The year of a disclosure lies between 2000 and 2100, not %(year)s.",
                        year=disclosure.year,
                    )
                )
