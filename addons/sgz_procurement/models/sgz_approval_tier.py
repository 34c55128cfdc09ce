from odoo import fields, models


class SgzApprovalTier(models.Model):
    _inherit = "sgz.approval.tier"

    sgz_reviewer_level = fields.Selection(
        [("document", "The Document's Organization"), ("parent", "The Organization Above It")],
        string="Decided At",
        default="document",
        required=True,
        help="Where the reviewers work: the document's own organization (a county bureau), or the one above it "
        "(its city), e.g. the city's finance department approving a purchase method other than open tender "
        "(政府采购法第二十七条).",
    )
