import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ProcurementCase


@tagged("post_install", "-at_install")
class TestAgreement(ProcurementCase):
    def test_full_path_to_renewal(self):
        tender, bid_x, _bid_y = self._awarded()
        agreement = tender.agreement_ids
        self.assertEqual(agreement.state, "draft")
        with freeze_time("2025-04-20"):
            agreement.with_user(self.officer_a).write({"fund_source_id": self.fund_lottery.id})
            agreement.with_user(self.officer_a).action_sign()
        self.assertEqual(agreement.state, "active")
        self.assertEqual(agreement._sgz_deadline_get("signing"), self.env["sgz.deadline"])
        signing = agreement.sgz_deadline_ids.filtered(lambda d: d.code == "signing")
        self.assertEqual((signing.state, signing.late), ("done", False))
        year1 = agreement.year_ids
        self.assertEqual((year1.sequence, year1.state), (1, "confirmed"))
        self.assertEqual((str(year1.date_start), str(year1.date_end)), ("2025-04-20", "2026-04-19"))
        # Purchase order: 2 stations × 4 quarters, fund source on each line.
        order = year1.purchase_order_id
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.partner_id, self.provider_x.partner_id)
        self.assertEqual(order.company_id, self.county_a)
        self.assertEqual(len(order.order_line), 8)
        self.assertEqual(set(order.order_line.mapped("sgz_fund_source_id")), {self.fund_lottery})
        self.assertEqual(order.order_line.sgz_station_id, self.station_a1 | self.station_a2)
        self.assertAlmostEqual(order.amount_total, 380000, places=2)
        first = order.order_line.filtered(lambda line: line.sgz_station_id == self.station_a1).sorted(
            "date_planned"
        )
        self.assertEqual(
            [str(line.sgz_period_start) for line in first],
            ["2025-04-20", "2025-07-20", "2025-10-20", "2026-01-20"],
        )
        # Renewal is refused before the evaluation.
        with self.assertRaisesMsg(UserError, "qualified|合格"):
            agreement.with_user(self.officer_a).action_renew()
        evaluation = self._evaluate(year1, "qualified")
        self.assertEqual(evaluation.total_score, 82)
        self.assertEqual(year1.evaluation_result, "qualified")
        agreement.with_user(self.officer_a).action_renew()
        year2 = agreement.year_ids.filtered(lambda y: y.sequence == 2)
        self.assertEqual((str(year2.date_start), str(year2.date_end)), ("2026-04-20", "2027-04-19"))
        with freeze_time("2026-04-15"):
            year2.with_user(self.officer_a).action_confirm()
        self.assertEqual(year2.state, "confirmed")
        self.assertEqual(str(year2.sign_date), "2026-04-15")
        self.assertEqual(len(year2.sudo().purchase_order_id.order_line), 8)
        self.assertEqual(agreement.purchase_order_count, 2)

    def test_unqualified_ends_and_proposes_new_tender(self):
        tender, _bid_x, _bid_y = self._awarded()
        agreement = tender.agreement_ids
        with freeze_time("2025-04-20"):
            agreement.with_user(self.officer_a).action_sign()
        self._evaluate(agreement.year_ids, "unqualified")
        self.assertEqual(agreement.state, "ended")
        new = agreement.new_tender_id
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.company_id, self.county_a)
        self.assertEqual(new.lot_ids.station_ids, self.station_a1 | self.station_a2)
        with self.assertRaises(UserError):
            agreement.with_user(self.officer_a).action_renew()
        with self.assertRaisesMsg(ValidationError, "qualified|合格"):
            self.env["sgz.agreement.year"].create(agreement._prepare_year_vals(2, datetime.date(2026, 4, 20)))

    def test_cycle_is_three_years(self):
        agreement = self._agreement()
        with freeze_time("2025-01-01"):
            agreement.action_sign()
        for _year in (1, 2):
            self._evaluate(agreement.year_ids.sorted("sequence")[-1], "qualified")
            agreement.action_renew()
            agreement.year_ids.sorted("sequence")[-1].action_confirm()
        self.assertEqual(len(agreement.year_ids), 3)
        with self.assertRaisesMsg(UserError, "qualified|合格"):
            agreement.action_renew()
        self._evaluate(agreement.year_ids.sorted("sequence")[-1], "qualified")
        self.assertEqual(agreement.state, "completed")

    def test_years_cannot_overlap(self):
        agreement = self._agreement()
        with freeze_time("2025-01-01"):
            agreement.action_sign()
        self._evaluate(agreement.year_ids, "qualified")
        with self.assertRaisesMsg(ValidationError, "overlaps|重叠"):
            self.env["sgz.agreement.year"].create(agreement._prepare_year_vals(2, datetime.date(2025, 12, 1)))

    def test_filing_deadline_across_national_day(self):
        # Signed Thursday 25 September 2025. 1–8 October are off, Sunday 28 September and Saturday
        # 11 October are worked: the 15th working day is Wednesday 22 October.
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.with_user(self.officer_a).action_sign()
        filing = agreement._sgz_deadline_get("filing")
        self.assertEqual(filing.date_deadline, datetime.date(2025, 10, 22))
        self.assertEqual(filing.user_id, self.officer_a)
        activity = filing.activity_id
        self.assertEqual((activity.res_id, activity.res_model), (agreement.id, "sgz.agreement"))
        self.assertEqual(activity.date_deadline, datetime.date(2025, 10, 22))
        self.assertEqual(activity.user_id, self.officer_a)
        stationing = agreement._sgz_deadline_get("stationing")
        self.assertEqual(stationing.date_deadline, datetime.date(2025, 10, 25))
        with freeze_time("2025-10-22"):
            self.env["sgz.deadline"]._cron_refresh_overdue()
            self.assertFalse(agreement.sgz_overdue)
        with freeze_time("2025-10-23"):
            self.env["sgz.deadline"]._cron_refresh_overdue()
            self.assertTrue(filing.overdue)
            self.assertTrue(agreement.sgz_overdue)
            self.assertEqual(
                self.env["sgz.agreement"]
                .with_user(self.officer_a)
                .search([("sgz_overdue", "=", True), ("id", "=", agreement.id)]),
                agreement,
            )
            agreement.with_user(self.officer_a).action_sgz_file()
            agreement.with_user(self.officer_a).action_confirm_stationing()
        self.assertEqual(filing.state, "done")
        self.assertTrue(filing.late)
        self.assertFalse(filing.activity_id.exists())
        self.assertFalse(agreement.sgz_overdue)
        record = agreement.sgz_filing_ids
        self.assertEqual(record.due_date, datetime.date(2025, 10, 22))
        self.assertTrue(record.late)
        self.assertEqual(record.target_company_id, self.city)
        record.with_user(self.city_officer).action_acknowledge()
        self.assertEqual(agreement.sgz_filing_state, "acknowledged")

    def test_filing_on_time(self):
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.action_sign()
        with freeze_time("2025-10-09"):
            agreement.with_user(self.officer_a).action_sgz_file()
        self.assertFalse(agreement.sgz_filing_ids.late)
        with self.assertRaisesMsg(UserError, "already filed|已"):
            agreement.with_user(self.officer_a).action_sgz_file()

    def test_each_yearly_signing_is_filed(self):
        """§六(三) signed year by year, §七(三) each signed copy filed within 15 working days."""
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        with freeze_time("2025-04-25"):
            first = agreement.with_user(self.officer_a)._sgz_file()
        first.with_user(self.city_officer).action_acknowledge()
        self.assertEqual(agreement.sgz_filing_state, "acknowledged")
        self.assertEqual(first.period, "2025-04-20")
        self._evaluate(agreement.year_ids, "qualified")
        agreement.action_renew()
        year2 = agreement.year_ids.filtered(lambda y: y.sequence == 2)
        with freeze_time("2026-04-15"):
            year2.with_user(self.officer_a).action_confirm()
        # Year 2's copy is not filed yet: a new deadline, 15 working days after 15 April 2026 across the
        # Labour Day holiday (1–5 May off, Saturday 9 May worked) = 9 May 2026.
        self.assertEqual(agreement.last_sign_date, datetime.date(2026, 4, 15))
        self.assertEqual(agreement.sgz_filing_state, "none")
        deadline = agreement._sgz_deadline_get("filing")
        self.assertEqual(deadline.date_deadline, datetime.date(2026, 5, 9))
        with freeze_time("2026-05-08"):
            second = agreement.with_user(self.officer_a)._sgz_file()
        self.assertEqual((second.period, second.due_date), ("2026-04-15", datetime.date(2026, 5, 9)))
        self.assertEqual(agreement.sgz_filing_state, "submitted")
        self.assertEqual(deadline.state, "done")
        self.assertEqual(first.state, "acknowledged")  # year 1's filing stays on record
        with self.assertRaisesMsg(UserError, "already filed|已"):
            agreement.with_user(self.officer_a).action_sgz_file()

    def test_change_for_policy_or_force_majeure(self):
        agreement = self._agreement()
        Change = self.env["sgz.agreement.change"].with_user(self.officer_a)
        vals = {
            "agreement_id": agreement.id,
            "kind": "force_majeure",
            "date": "2025-07-01",
            "reason": "洪涝灾害，站点办公用房受损",
            "description": "黄兴镇站点临时迁至镇政府办公",
        }
        with self.assertRaisesMsg(UserError, "in force|有效"):
            Change.create(vals)  # not signed yet
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        with self.assertRaisesMsg(ValidationError, "reason|原因"):
            Change.create(dict(vals, reason="  "))
        change = Change.create(vals)
        self.assertEqual(agreement.change_ids, change)
        self.assertIn("洪涝灾害", agreement.message_ids[0].body)
        with self.assertRaisesMsg(UserError, "cannot be edited|不能"):
            change.write({"reason": "x"})
        with self.assertRaises(AccessError):
            change.with_user(self.manager_x).unlink()
        self.assertEqual(change.with_user(self.manager_x).reason, "洪涝灾害，站点办公用房受损")

    def test_unsigned_agreement_not_filed(self):
        agreement = self._agreement()
        with self.assertRaisesMsg(UserError, "signed|签订"):
            agreement.with_user(self.officer_a).action_sgz_file()

    def test_termination_for_policy_change(self):
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.action_sign()
        with self.assertRaisesMsg(UserError, "reason|原因"):
            agreement.with_user(self.officer_a).action_terminate()
        self.assertEqual(agreement.state, "active")
        agreement.with_user(self.officer_a).write(
            {
                "termination_kind": "policy",
                "termination_reason": "机构改革，项目调整",
                "termination_date": "2025-12-31",
            }
        )
        agreement.with_user(self.officer_a).action_terminate()
        self.assertEqual(agreement.state, "terminated")
        self.assertFalse(agreement.sgz_deadline_ids.filtered(lambda d: d.state == "open"))
        self.assertEqual(agreement.year_ids.state, "closed")

    def test_vendor_bill_carries_fund_source(self):
        root = self.county_a.root_id
        self.env["account.chart.template"].try_loading("generic_coa", root, install_demo=False)
        agreement = self._agreement(fund_source_id=self.fund_relief.id)
        with freeze_time("2025-09-25"):
            agreement.action_sign()
        order = agreement.year_ids.purchase_order_id.with_user(self.finance_a)
        order.action_create_invoice()  # county finance bills the order
        bill = order.invoice_ids
        self.assertEqual(bill.move_type, "in_invoice")
        lines = bill.invoice_line_ids
        self.assertEqual(len(lines), 8)
        self.assertEqual(set(lines.mapped("sgz_fund_source_id")), {self.fund_relief})
        self.assertEqual(lines.sgz_station_id, self.station_a1 | self.station_a2)
        self.assertAlmostEqual(bill.amount_total, 360000, places=2)
