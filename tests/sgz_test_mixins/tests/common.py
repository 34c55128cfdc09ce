from odoo.addons.sgz_base.tests.common import SgzCase


class MixinCase(SgzCase):
    """SgzCase plus test documents of county A and B (sgz.test.document carries every shared mechanism)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer_a2 = cls._user("officer_a2", "county_officer", cls.county_a)
        cls.Document = cls.env["sgz.test.document"]

    @classmethod
    def _document(cls, user=None, company=None, **vals):
        env = cls.env(user=user) if user else cls.env
        company = company or cls.county_a
        return env["sgz.test.document"].create({"name": "测试文书", "company_id": company.id, **vals})

    @classmethod
    def _tiers(cls):
        model = cls.env["ir.model"]._get("sgz.test.document")
        return cls.env["sgz.approval.tier"].create(
            [
                {
                    "name": "科室审核",
                    "model_id": model.id,
                    "target_state": "confirmed",
                    "sequence": 10,
                    "group_id": cls.env.ref("sgz_base.sgz_base_group_county_officer").id,
                },
                {
                    "name": "局长审批",
                    "model_id": model.id,
                    "target_state": "confirmed",
                    "sequence": 20,
                    "group_id": cls.env.ref("sgz_base.sgz_base_group_county_approver").id,
                },
            ]
        )
