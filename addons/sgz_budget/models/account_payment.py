from odoo import models


class AccountPayment(models.Model):
    _inherit = "account.payment"

    def _get_outstanding_account(self, payment_type):
        """The bureaus are branches of the province, which holds the chart of accounts: Odoo reads the outstanding
        account in the root company, which a county user may not open. Read it as superuser (the payment itself
        stays the user's, with its rights checked)."""
        account = super(AccountPayment, self.sudo())._get_outstanding_account(payment_type)
        return account.with_env(self.env)
