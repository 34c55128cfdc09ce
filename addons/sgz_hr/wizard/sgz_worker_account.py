from odoo import Command, api, fields, models


class SgzWorkerAccount(models.TransientModel):
    """The sheet of the accounts just created for stationed workers: login and initial password of each, shown
    once to the HR clerk who created them (to hand over in person; the worker changes the password in their
    preferences). Odoo's invitation by email does not fit: most workers have no email address."""

    _name = "sgz.worker.account"
    _description = "Worker Accounts Created"

    line_ids = fields.One2many("sgz.worker.account.line", "wizard_id", string="Accounts", readonly=True)
    count = fields.Integer(string="Accounts Created", readonly=True)

    @api.model
    def _sgz_open_sheet(self, employees, logins, passwords):
        sheet = self.create(
            {
                "count": len(employees),
                "line_ids": [
                    Command.create(
                        {
                            "employee_name": employee.name,
                            "login": logins[employee.id],
                            "password": passwords[employee.id],
                        }
                    )
                    for employee in employees
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Worker Accounts Created"),
            "res_model": self._name,
            "res_id": sheet.id,
            "view_mode": "form",
            "target": "new",
        }


class SgzWorkerAccountLine(models.TransientModel):
    _name = "sgz.worker.account.line"
    _description = "Worker Account Created"
    _order = "id"

    wizard_id = fields.Many2one("sgz.worker.account", required=True, ondelete="cascade")
    employee_name = fields.Char(string="Worker", readonly=True)
    login = fields.Char(readonly=True)
    password = fields.Char(string="Initial Password", readonly=True)
