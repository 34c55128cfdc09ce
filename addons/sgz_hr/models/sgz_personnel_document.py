from odoo import fields, models

DOCUMENT_KINDS = [
    ("labor_contract", "Signed Labor Contract"),
    ("diploma", "Diploma"),
    ("certificate", "Qualification Certificate"),
    ("id_copy", "ID Card Copy"),
    ("other", "Other"),
]
# what every worker's personnel file holds (the certificate only when the worker has one)
REQUIRED_KINDS = ("labor_contract", "diploma", "id_copy")


class SgzPersonnelDocument(models.Model):
    """A document of a worker's personnel file (人事档案): contract, diploma, certificates, ID copy."""

    _name = "sgz.personnel.document"
    _description = "Personnel File Document"
    _inherit = ["sgz.lock.mixin"]
    _order = "employee_id, kind, id"
    _check_company_auto = True
    # a document of one worker's file never moves to another worker's (nor, with the worker, to another employer)
    _sgz_fixed_fields = ("employee_id",)

    employee_id = fields.Many2one(
        "hr.employee", string="Worker", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    kind = fields.Selection(DOCUMENT_KINDS, required=True)
    file = fields.Binary(attachment=True, required=True)
    file_name = fields.Char()
    date = fields.Date(default=fields.Date.context_today)
    note = fields.Char()
