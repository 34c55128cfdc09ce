from odoo.tests import tagged

from .access_matrix import check_matrix, row
from .common import SgzCase

EVERYONE_READS = row("r", "r", "r", "r", "r", "r", "r", "r")
# reviews and filings: every internal user writes the comment / return reason of what it may see; the lock
# mixin lets nothing else be written, and neither is ever created by hand nor deleted
DECIDED_BY_BUTTONS = row("rw", "rw", "rw", "rw", "rw", "rw", "rw", "rw")

MATRIX = {
    "sgz.approval.review": DECIDED_BY_BUTTONS,
    "sgz.approval.tier": EVERYONE_READS,
    "sgz.calendar.day": EVERYONE_READS,
    "sgz.calendar.year": EVERYONE_READS,
    "sgz.deadline": EVERYONE_READS,
    "sgz.filing": DECIDED_BY_BUTTONS,
    "sgz.fund.source": EVERYONE_READS,
    "sgz.input.limit": EVERYONE_READS,
    "sgz.provider.disclosure": row("r", "r", "r", "r", "r", "rwcd", "r", "r"),
    "sgz.region": row("rwcd", "rwc", "rwc", "rwc", "r", "r", "r", "r"),
    "sgz.service.area": EVERYONE_READS,
    "sgz.station": row("rwcd", "rwcd", "rwcd", "rwcd", "r", "r", "r", "r"),
    "sgz.station.check.item": EVERYONE_READS,
    "sgz.station.check.line": row("rwcd", "rwcd", "rwcd", "rwcd", "r", "r", "r", "r"),
}


@tagged("post_install", "-at_install")
class TestAccessMatrix(SgzCase):
    """Every sgz_base model × every role × read/write/create/unlink, against the table above."""

    def test_matrix(self):
        check_matrix(self, "sgz_base", MATRIX, self.role_users)
