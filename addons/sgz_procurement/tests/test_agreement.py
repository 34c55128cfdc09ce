import datetime

from freezegun import freeze_time

from odoo import Command
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
        with self.assertRaisesMsg(UserError, "in force|履行中"):
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
        self._record_step(agreement, "action_confirm_publication", "2025-09-25")
        self._record_step(agreement, "action_confirm_finance_filing", "2025-09-25")
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
        self._record_step(agreement, "action_confirm_stationing", "2025-10-23")
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

    def _policy_change_vals(self, agreement):
        return {
            "agreement_id": agreement.id,
            "kind": "policy",
            "date": "2025-07-20",
            "reason": "县财政调增社工站经费",
            "description": "江桥街道社工站年度服务经费由20万元调整为22万元",
            "line_ids": [
                Command.create(
                    {
                        "station_id": self.station_a1.id,
                        "action": "update",
                        "annual_amount": 220000,
                        "worker_quota": 3,
                    }
                )
            ],
        }

    def test_change_for_policy_or_force_majeure(self):
        """A signed agreement changes only through a change record, which applies to the agreement and to the
        purchase order of the year in force from its date on (the periods already billed stay as they were)."""
        agreement = self._agreement()
        Change = self.env["sgz.agreement.change"].with_user(self.officer_a)
        vals = self._policy_change_vals(agreement)
        with self.assertRaisesMsg(UserError, "in force|有效"):
            Change.create(vals)  # not signed yet
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        year = agreement.year_ids
        order = year.purchase_order_id
        self.assertAlmostEqual(order.amount_total, 360000, places=2)
        with self.assertRaisesMsg(ValidationError, "reason|原因"):
            Change.create(dict(vals, reason="  "))
        with self.assertRaisesMsg(ValidationError, "2025-04-20"):
            Change.create(dict(vals, date="2025-04-01"))  # before the agreement was signed
        change = Change.create(vals)
        self.assertEqual(agreement.change_ids, change)
        self.assertIn("县财政调增", agreement.message_ids[0].body)
        # 江桥: 200,000 a year = 50,000 a quarter; from the quarter starting 20 July 2025 on, 220,000 a year =
        # 55,000 a quarter. Year 1: 50,000 + 3 × 55,000 = 215,000; 皇图岭 160,000; total 375,000.
        line_a1 = agreement.station_line_ids.filtered(lambda line: line.station_id == self.station_a1)
        self.assertEqual((line_a1.annual_amount, line_a1.worker_quota), (220000, 3))
        prices = (
            order.order_line.filtered(lambda line: line.sgz_station_id == self.station_a1)
            .sorted("sgz_period_start")
            .mapped("price_unit")
        )
        self.assertEqual(prices, [50000, 55000, 55000, 55000])
        self.assertAlmostEqual(order.amount_total, 375000, places=2)
        self.assertAlmostEqual(year.amount, 375000, places=2)

    def test_a_change_is_evidence_within_ten_percent(self):
        """Nobody edits or deletes a change; more than 10% above year 1's amount needs a new procurement
        (政府采购法第四十九条): 皇图岭 160,000 → 300,000 makes 500,000, above 360,000 × 1.10 = 396,000."""
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        Change = self.env["sgz.agreement.change"].with_user(self.officer_a)
        vals = self._policy_change_vals(agreement)
        change = Change.create(vals)
        with self.assertRaisesMsg(AccessError, "您的角色不能修改协议变更"):  # nobody edits a change
            change.with_user(self.officer_a).write({"reason": "x"})
        # the administrator has no write right either (Odoo's detailed refusal is the administrator's)
        with self.assertRaisesMsg(AccessError, r"不允许修改.*sgz\.agreement\.change"):
            change.with_user(self.admin).write({"reason": "x"})
        with self.assertRaisesMsg(AccessError, "您的角色不能删除协议变更"):
            change.with_user(self.manager_x).unlink()
        with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
            change.sudo().unlink()
        self.assertEqual(change.with_user(self.manager_x).reason, "县财政调增社工站经费")
        update = Command.create(
            {"station_id": self.station_a2.id, "action": "update", "annual_amount": 300000}
        )
        with self.assertRaisesMsg(UserError, "10%|四十九"):
            Change.create(dict(vals, line_ids=[update]))

    def test_signed_agreement_is_locked(self):
        """Issue reproductions: station amounts, a station removed, the provider changed, a year's amount set
        to 1 and its state to evaluated, the agreement to completed — all refused; the order keeps its lines."""
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        officer = self.officer_a
        line = agreement.station_line_ids[0].with_user(officer)
        year = agreement.year_ids.with_user(officer)
        for record, vals in (
            (line, {"annual_amount": 1}),
            (agreement.with_user(officer), {"station_line_ids": [(2, line.id)]}),
            (agreement.with_user(officer), {"provider_id": self.provider_y.id}),
            (agreement.with_user(officer), {"state": "completed"}),
            (agreement.with_user(officer), {"sign_date": "2025-01-01"}),
            (year, {"amount": 1}),
            (year, {"state": "evaluated"}),
            (year, {"evaluation_result": "qualified"}),
        ):
            with (
                self.subTest(model=record._name, vals=vals),
                self.assertRaisesMsg(UserError, "locked|已锁定|buttons|按钮"),
            ):
                record.write(vals)
        with self.assertRaisesMsg(UserError, "its lines cannot be deleted|明细行不能删除"):
            line.unlink()
        order = year.sudo().purchase_order_id.with_user(self.finance_a)
        with self.assertRaisesMsg(UserError, "purchase order of an agreement year follows|采购订单随协议"):
            order.order_line[0].write({"price_unit": 1})
        with self.assertRaisesMsg(UserError, "purchase order of an agreement year follows|采购订单随协议"):
            order.button_cancel()
        for user in (officer, self.admin):
            with self.assertRaisesMsg(UserError, "stays on record|存档备查"):
                agreement.with_user(user).unlink()
        self.assertEqual(agreement.annual_amount, 360000)

    def test_deadlines_after_signing(self):
        """Signed Thursday 25 September 2025: publish the contract within 2 working days (实施条例第五十条) →
        Sunday 28 September (a worked day); file it with the finance department within 7 working days
        (政府采购法第四十七条) → 26, 28, 29, 30 September, 9, 10, 11 October → Saturday 11 October (worked)."""
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.with_user(self.officer_a).action_sign()
        self.assertEqual(agreement._sgz_deadline_get("publication").date_deadline, datetime.date(2025, 9, 28))
        self.assertEqual(
            agreement._sgz_deadline_get("finance_filing").date_deadline, datetime.date(2025, 10, 11)
        )
        self._record_step(agreement, "action_confirm_publication", "2025-09-26")
        self._record_step(agreement, "action_confirm_finance_filing", "2025-09-26")
        self.assertEqual(str(agreement.publication_date), "2025-09-26")
        self.assertEqual(str(agreement.year_ids.publication_date), "2025-09-26")
        self.assertFalse(agreement._sgz_deadline_get("publication"))
        for record in (agreement, agreement.year_ids):
            with self.assertRaisesMsg(UserError, "buttons|按钮"):
                record.with_user(self.officer_a).write({"publication_date": "2025-09-25"})

    def test_renewal_within_10_percent_of_year_one(self):
        """政府采购法第四十九条: a renewal year above year 1's amount by more than 10% is refused."""
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        self._evaluate(agreement.year_ids, "qualified")
        agreement.with_user(self.officer_a).action_renew()
        year2 = agreement.year_ids.filtered(lambda y: y.sequence == 2).with_user(self.officer_a)
        year2.write({"amount": 396000.01})  # 360,000 × 1.10 = 396,000
        with freeze_time("2026-04-15"), self.assertRaisesMsg(UserError, "396000.00|四十九"):
            year2.action_confirm()
        year2.write({"amount": 396000})
        with freeze_time("2026-04-15"):
            year2.action_confirm()
        self.assertEqual(year2.state, "confirmed")

    def test_provider_cannot_sign_a_year(self):
        """A read-only provider user calling the action over RPC is refused before anything is written."""
        agreement = self._agreement()
        with freeze_time("2025-04-20"):
            agreement.action_sign()
        self._evaluate(agreement.year_ids, "qualified")
        agreement.action_renew()
        year2 = agreement.year_ids.filtered(lambda y: y.sequence == 2)
        provider_hr = self._user("hr_x_procurement", "provider_hr", self.provider_x)
        # the action's own check refuses the change of the year; with the budget addon installed, its
        # override reads the year's fund split before that check and is refused first (a role refusal too)
        with self.assertRaisesMsg(AccessError, "您的角色不能(修改协议年度|打开协议年度资金拆分)"):
            year2.with_user(provider_hr).action_confirm()
        self.assertEqual(year2.state, "draft")
        self.assertFalse(year2.purchase_order_id)
        for name in ("sgz_deadline_done", "sgz_deadline_cancel", "sgz_deadline_set"):
            self.assertFalse(hasattr(agreement, name), f"{name} must not be a public method")

    def test_unsigned_agreement_not_filed(self):
        agreement = self._agreement()
        with self.assertRaisesMsg(UserError, "signed|签订"):
            agreement.with_user(self.officer_a).action_sgz_file()

    def test_termination_for_policy_change(self):
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.action_sign()
        Change = self.env["sgz.agreement.change"].with_user(self.officer_a)
        vals = {
            "agreement_id": agreement.id,
            "change_type": "terminate",
            "kind": "policy",
            "date": "2025-12-31",
            "reason": "机构改革，项目调整",
            "description": "协议自2025年12月31日起终止",
        }
        with self.assertRaisesMsg(ValidationError, "reason|原因"):
            Change.create(dict(vals, reason=""))
        self.assertEqual(agreement.state, "active")
        Change.create(vals)
        self.assertEqual(agreement.state, "terminated")
        self.assertEqual(
            (agreement.termination_kind, str(agreement.termination_date)), ("policy", "2025-12-31")
        )
        self.assertFalse(agreement.sgz_deadline_ids.filtered(lambda d: d.state == "open"))
        self.assertEqual(agreement.year_ids.state, "closed")
        # quarters from 25 Sep, 25 Dec (before the end), then 25 March and 25 June 2026 are not bought
        lines = agreement.year_ids.purchase_order_id.order_line
        self.assertEqual(
            sorted(set(lines.filtered(lambda line: not line.product_qty).mapped("sgz_period_start"))),
            [datetime.date(2026, 3, 25), datetime.date(2026, 6, 25)],
        )
        self.assertAlmostEqual(agreement.year_ids.amount, 180000, places=2)

    def test_vendor_bill_carries_fund_source(self):
        root = self.county_a.root_id
        if not root.chart_template:  # a higher addon's demo may have loaded one (the Chinese chart)
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
