from odoo import api, models


class ResPartnerBank(models.Model):
    """A worker's bank account number is personal: never aggregated or grouped by, masked outside its form for
    the suite's roles (an administrator's own bank screens keep it)."""

    _inherit = "res.partner.bank"
    _sgz_masked_fields = ("acc_number",)

    @api.model
    def _sgz_mask_applies(self, field_name):
        return super()._sgz_mask_applies(field_name) and not self.env.user._is_system()
