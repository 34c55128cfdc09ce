from odoo.tests import tagged

from odoo.addons.sgz_base.tests.access_matrix import check_matrix, row

from .common import ProcurementCase

COUNTY_DOCUMENT = row("rwcd", "rwcd", "rwcd", "rwcd", "r", "r", "r", "r")  # providers: own ones (rules)
COUNTY_ONLY = row("rwcd", "rwcd", "rwcd", "rwcd", "r", "", "", "r")
EVIDENCE_ADDED = row("rc", "rc", "rc", "rc", "r", "r", "r", "r")  # changes: recorded, never edited or deleted
PROVINCE_DATA = row("rwcd", "r", "r", "r", "r", "r", "r", "r")
EVALUATOR_DOCUMENT = row("r", "r", "r", "r", "r", "r", "r", "rwcd")

MATRIX = {
    "sgz.procurement.plan": COUNTY_ONLY,
    "sgz.procurement.plan.line": COUNTY_ONLY,
    "sgz.tender": COUNTY_DOCUMENT,
    "sgz.tender.lot": COUNTY_DOCUMENT,
    "sgz.tender.criterion": COUNTY_DOCUMENT,
    "sgz.tender.committee": COUNTY_ONLY,
    # bids: the provider manager submits and withdraws; nobody deletes one
    "sgz.tender.bid": row("r", "r", "r", "r", "r", "rwc", "r", "r"),
    # the sealed price: no user at all
    "sgz.tender.bid.seal": row("", "", "", "", "", "", "", ""),
    # scores: prepared at the opening, written by each member (finance users sit on committees too)
    "sgz.tender.score": row("rw", "rw", "rw", "rw", "rw", "", "", "r"),
    # challenges: filed by a provider manager, answered by the county
    "sgz.tender.challenge": row("rw", "rw", "rw", "rw", "r", "rwc", "r", "r"),
    "sgz.agreement": COUNTY_DOCUMENT,
    "sgz.agreement.station": COUNTY_DOCUMENT,
    "sgz.agreement.year": COUNTY_DOCUMENT,
    "sgz.agreement.change": EVIDENCE_ADDED,
    "sgz.agreement.change.line": EVIDENCE_ADDED,
    "sgz.agreement.evaluation": EVALUATOR_DOCUMENT,
    "sgz.agreement.evaluation.line": EVALUATOR_DOCUMENT,
    # rules of the law as data: the province keeps them
    "sgz.procurement.supplier.minimum": PROVINCE_DATA,
    "sgz.procurement.threshold": PROVINCE_DATA,
    "sgz.agreement.evaluation.type": PROVINCE_DATA,
    "sgz.agreement.evaluation.type.line": PROVINCE_DATA,
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(ProcurementCase):
    """Every sgz_procurement model × every role × read/write/create/unlink, against the table above."""

    def test_matrix(self):
        check_matrix(self, "sgz_procurement", MATRIX, self.role_users)
