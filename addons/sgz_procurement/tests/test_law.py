"""The procurement law, second pass (issue 16, points 1–7): each rule with dates and figures worked out by hand."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ANNOUNCE, DEADLINE, ProcurementCase


class LawCase(ProcurementCase):
    def _seal(self, bid, price):
        """A price that ended above the ceiling (entered before the ceiling was corrected): invalid at opening."""
        self.env["sgz.tender.bid.seal"].sudo().search([("bid_id", "=", bid.id)]).price = price

    def _reprocure(self, tender, method, reason="公开招标仅一家供应商投标", **vals):
        wizard = (
            self.env["sgz.tender.reprocure.wizard"]
            .with_user(self.officer_a)
            .with_context(active_id=tender.id)
            .create({"method": method, "reason": reason, **vals})
        )
        return self.env["sgz.tender"].browse(wizard.action_confirm()["res_id"])

    def _lots(self, ceiling):
        stations = self.station_a1 | self.station_a2
        return [
            Command.create(
                {"name": "第一包", "ceiling_price": ceiling, "station_ids": [Command.set(stations.ids)]}
            )
        ]

    def _failed_open_tender(self):
        """An open tender of 攸县 announced Monday 3 March 2025 with one bid: the lot fails at the opening."""
        tender = self._published()
        self._bid(tender, self.manager_x, 380000)
        self._open(tender)
        self.assertEqual(tender.state, "failed")
        return tender


@tagged("post_install", "-at_install")
class TestSupplierMinimums(LawCase):
    """Point 1: the least number of compliant suppliers is data per method, with validity; with fewer the lot's
    procurement is terminated (财政部令第74号第三十七条; 财库〔2014〕214号第三十四条; 财库〔2015〕124号;
    74号令第二十七条第二款)."""

    def test_consultation_with_one_valid_bid_is_terminated(self):
        """The issue's case: a consultation with one valid and one invalid bid. Compliant suppliers: X only
        (Y's 410,000.00 is above the 400,000.00 ceiling) → 1, fewer than the 2 a consultation for a
        government-purchased service needs → terminated, no ranking, no award."""
        tender = self._published(method="consultation")
        self._bid(tender, self.manager_x, 380000)
        bid_y = self._bid(tender, self.manager_y, 390000)
        self._seal(bid_y, 410000)
        self._open(tender)
        self.assertEqual(bid_y.state, "invalid")
        self.assertTrue(tender.lot_ids.failed)
        self.assertEqual(tender.state, "failed")
        self.assertRegex(tender.failed_reason, "1.*2.*124")
        self.assertFalse(tender.sudo().bid_ids.score_ids)
        with freeze_time("2025-03-26"), self.assertRaisesMsg(UserError, "Award a tender|开标"):
            tender.with_user(self.officer_a).action_award()

    def test_consultation_two_suppliers_only_for_purchased_services(self):
        """Two valid bids (X, V): a government-purchased service goes on (minimum 2, 财库〔2015〕124号); any
        other consultation needs 3 (财库〔2014〕214号第三十四条) and is terminated."""
        for purchased, state in ((True, "opened"), (False, "failed")):
            with self.subTest(purchased_service=purchased):
                tender = self._published(method="consultation", purchased_service=purchased)
                self._bid(tender, self.manager_x, 380000)
                self._bid(tender, self.manager_v, 370000)
                self._open(tender)
                self.assertEqual(tender.state, state)
                self.assertEqual(tender._sgz_supplier_minimum().minimum, 2 if purchased else 3)

    def test_rules_have_validity(self):
        """The two-supplier rule for services ends on Sunday 2 March 2025 (a province's hypothetical change):
        a consultation announced on Monday 3 March needs 3 again, one announced on 2 March still 2."""
        self.env.ref("sgz_procurement.supplier_minimum_consultation_service").date_to = "2025-03-02"
        tender = self._tender(method="consultation")
        self.assertEqual(tender._sgz_supplier_minimum().minimum, 3)
        tender.announcement_date = "2025-03-02"
        self.assertEqual(tender._sgz_supplier_minimum().minimum, 2)

    def test_negotiation_with_two_only_after_a_failed_open_tender(self):
        """A negotiation needs 3 compliant suppliers; with 2 it goes on only when it re-procures a failed
        open tender, its method change approved by the finance department (74号令第二十七条第二款)."""
        plain = self._published(method="negotiation", criterion_ids=[])
        self._bid(plain, self.manager_x, 380000)
        self._bid(plain, self.manager_y, 360000)
        self._open(plain)
        self.assertEqual(plain.state, "failed")
        self.assertRegex(plain.failed_reason, "2.*3.*74")

        failed = self._failed_open_tender()
        new = self._reprocure(failed, "negotiation")
        self.assertEqual(
            new._sgz_supplier_conditions(), ["general", "purchased_service", "after_failed_open"]
        )
        new.with_user(self.officer_a).write(
            {
                "announcement_date": "2025-04-01",
                "bid_deadline": "2025-04-07 01:30:00",
            }
        )
        with freeze_time("2025-04-01"):
            new.with_user(self.officer_a).action_publish()
            finance, approver = new.sgz_review_ids.sorted("sequence")
            self.assertEqual(finance.group_id, self.env.ref("sgz_base.sgz_base_group_county_finance"))
            finance.with_user(self.finance_a).action_approve(comment="同意两家供应商继续竞争性谈判")
            approver.with_user(self.approver_a).action_approve()
        self._bid(new, self.manager_x, 380000, lot=new.lot_ids, day="2025-04-02")
        self._bid(new, self.manager_y, 360000, lot=new.lot_ids, day="2025-04-02")
        with freeze_time("2025-04-07 01:30:00"):
            new.with_user(self.officer_a).action_open_bids()
        self.assertEqual(new.state, "opened")
        self.assertFalse(new.lot_ids.failed)

    def test_open_tender_keeps_three(self):
        """An open tender with two valid bids fails (政府采购法第三十六条), whatever the kind of project."""
        tender = self._published(purchased_service=True)
        self._bid(tender, self.manager_x, 380000)
        self._bid(tender, self.manager_y, 360000)
        with freeze_time(DEADLINE):
            tender.with_user(self.officer_a).action_open_bids()
        self.assertEqual(tender.state, "failed")
        self.assertRegex(tender.failed_reason, "2.*3")


@tagged("post_install", "-at_install")
class TestCityApproval(LawCase):
    """Point 2: a method other than open tender, for a project reaching the open-tender threshold, is approved
    by the finance department of the city above the county before the procurement starts (政府采购法第二十七条;
    财政部令第74号第四条). The threshold is dated data: Hunan's ¥4,000,000.00 for services."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the finance department of 株洲市 (a city user works in the counties below it too)
        cls.finance_city = cls._user("finance_city", "county_finance", cls.city)

    def test_consultation_at_the_threshold_needs_the_city(self):
        """A consultation with one lot of 4,000,000.00 reaches the threshold (达到: 4,000,000.00 ≥
        4,000,000.00). Publishing asks the city's finance department (tier 15), then the county approver (20);
        攸县's own finance user cannot decide the city's tier."""
        tender = self._tender(method="consultation", lot_ids=self._lots(4000000))
        self.assertEqual(tender.budget_amount, 4000000)
        self.assertTrue(tender.needs_city_approval)
        with freeze_time(ANNOUNCE):
            tender.with_user(self.officer_a).action_publish()
        city, approver = tender.sgz_review_ids.sorted("sequence")
        self.assertEqual(
            (city.group_id, city.company_id), (self.finance_a.groups_id & city.group_id, self.city)
        )
        Review = self.env["sgz.approval.review"]
        self.assertEqual(Review.with_user(self.finance_city).search([("can_review", "=", True)]), city)
        self.assertFalse(Review.with_user(self.finance_a).search([("can_review", "=", True)]))
        # the review belongs to the city: 攸县's finance user neither sees it nor decides it from the tender
        with self.assertRaisesMsg(AccessError, "您不能打开此审批记录：它属于其他单位"):
            city.with_user(self.finance_a).action_approve()
        with self.assertRaisesMsg(UserError, "株洲市民政局"):
            tender.with_user(self.finance_a).action_sgz_approve()
        with freeze_time(ANNOUNCE), self.assertRaisesMsg(UserError, "must decide first|先"):
            approver.with_user(self.approver_a).action_approve()
        city.with_user(self.finance_city).action_approve(comment="同意采用竞争性磋商方式")
        self.assertEqual(tender.state, "draft")
        with freeze_time(ANNOUNCE):
            approver.with_user(self.approver_a).action_approve()
        self.assertEqual(tender.state, "published")
        self.assertIn("同意采用竞争性磋商方式", " ".join(tender.message_ids.mapped("body")))

    def test_below_the_threshold_or_by_open_tender(self):
        """3,999,999.99 < 4,000,000.00: the county decides alone; an open tender of 5,000,000.00 needs no
        approval of its method; a single source of 4,000,000.00 needs the county's finance, then the city's."""
        approver_group = self.env.ref("sgz_base.sgz_base_group_county_approver")
        finance_group = self.env.ref("sgz_base.sgz_base_group_county_finance")
        single = {"single_source_ground": "unique", "single_source_justification": "唯一具备资质的机构"}
        cases = (
            ("consultation", 3999999.99, {}, [(approver_group, self.county_a)]),
            ("open", 5000000, {}, [(approver_group, self.county_a)]),
            (
                "single_source",
                4000000,
                dict(single, bid_deadline="2025-03-11 01:30:00", criterion_ids=[], committee_ids=[]),
                [(finance_group, self.county_a), (finance_group, self.city), (approver_group, self.county_a)],
            ),
        )
        for method, ceiling, vals, tiers in cases:
            with self.subTest(method=method, ceiling=ceiling):
                tender = self._tender(method=method, lot_ids=self._lots(ceiling), **vals)
                with freeze_time(ANNOUNCE):
                    tender.with_user(self.officer_a).action_publish()
                reviews = tender.sgz_review_ids.sorted("sequence")
                self.assertEqual([(r.group_id, r.company_id) for r in reviews], tiers)

    def test_the_threshold_is_dated(self):
        """A province raises the threshold to 5,000,000.00 from 1 January 2027 (a hypothetical new notice): a
        consultation of 4,500,000.00 announced on 31 December 2026 needs the city, one announced on 1 March 2027
        does not."""
        self.env.ref("sgz_procurement.threshold_hunan_2021").date_to = "2026-12-31"
        self.env["sgz.procurement.threshold"].create({"amount": 5000000, "date_from": "2027-01-01"})
        tender = self._tender(
            method="consultation",
            lot_ids=self._lots(4500000),
            announcement_date="2026-12-31",
            bid_deadline="2027-01-15 01:30:00",
        )
        self.assertTrue(tender.needs_city_approval)
        self.assertIn(tender, self.env["sgz.tender"].search([("needs_city_approval", "=", True)]))
        tender.write({"announcement_date": "2027-03-01", "bid_deadline": "2027-03-15 01:30:00"})
        self.assertFalse(tender.needs_city_approval)


@tagged("post_install", "-at_install")
class TestOpeningAtTheDeadline(LawCase):
    """Point 3: bids are opened at the bid deadline itself (财政部令第87号第三十九条). The opening is recorded at
    the deadline; an opening on a later day needs its reason, posted in the chatter."""

    def _three_bids(self):
        tender = self._published()
        for manager, price in ((self.manager_x, 380000), (self.manager_y, 360000), (self.manager_v, 370000)):
            self._bid(tender, manager, price)
        return tender

    def test_opening_the_same_day_is_recorded_at_the_deadline(self):
        """Deadline Monday 24 March 2025 09:30 Beijing time (01:30 UTC). Clicked at 23:59 Beijing time the same
        day (15:59 UTC): the opening is recorded at 09:30, no reason asked."""
        tender = self._three_bids()
        with freeze_time("2025-03-24 15:59:00"):
            self.assertTrue(tender.with_user(self.officer_a).action_open_bids())
        self.assertEqual(tender.state, "opened")
        self.assertEqual(str(tender.opening_date), DEADLINE)
        self.assertFalse(tender.opening_delay_reason)

    def test_a_later_day_needs_the_reason(self):
        """Clicked at 00:00 Beijing time on Tuesday 25 March (16:00 UTC on the 24th): the deadline's day has
        passed. Without a reason nothing is opened (the button asks for it); with it, the opening is recorded at
        24 March 09:30 and the reason is in the chatter. Nobody writes the reason by hand."""
        tender = self._three_bids()
        officer = tender.with_user(self.officer_a)
        with freeze_time("2025-03-24 16:00:00"):
            action = officer.action_open_bids()
            self.assertEqual(action["res_model"], "sgz.tender.opening.wizard")
            self.assertEqual(action["context"], {"default_tender_id": tender.id})
            self.assertEqual(tender.state, "published")
            with self.assertRaisesMsg(UserError, "buttons|按钮"):
                officer.write({"opening_delay_reason": "补记"})
            Wizard = self.env["sgz.tender.opening.wizard"].with_user(self.officer_a)
            with self.assertRaisesMsg(UserError, "after the deadline|截止|Late Opening.*blank|不能为空"):
                Wizard.create({"tender_id": tender.id, "reason": "   "}).action_confirm()
            reason = "评标委员会成员因暴雨延误，次日开标"
            Wizard.create({"tender_id": tender.id, "reason": reason}).action_confirm()
        self.assertEqual(tender.state, "opened")
        self.assertEqual(str(tender.opening_date), DEADLINE)
        self.assertEqual(tender.opening_delay_reason, reason)
        self.assertIn(reason, tender.message_ids[0].body)
        self.assertIn("2025-03-25", tender.message_ids[0].body)


@tagged("post_install", "-at_install")
class TestChallengeKinds(LawCase):
    """Point 4: a supplier challenges the procurement documents (within 7 working days of obtaining them or of
    the end of their announcement period) and each step of the process (within 7 working days of the step), not
    only the result (政府采购法第五十二条; 财政部令第94号第十条(一)(二))."""

    def _challenge(self, tender, user, day, **vals):
        with freeze_time(day):
            return (
                self.env["sgz.tender.challenge"]
                .with_user(user)
                .create(
                    {
                        "tender_id": tender.id,
                        "company_id": user.company_id.id,
                        "description": "评分标准设置不合理",
                        **vals,
                    }
                )
            )

    def test_documents_from_the_end_of_the_announcement_period(self):
        """Announced Monday 3 March 2025; the documents' announcement period is 5 working days: 4, 5, 6, 7,
        10 March; then 7 working days: 11, 12, 13, 14, 17, 18, 19 March → until Wednesday 19 March. Any
        supplier may challenge the documents, a bidder or not (攸县新起点 has not bid). The buyer answers within 7
        working days of receipt: 20, 21, 24, 25, 26, 27, 28 March → by Friday 28 March (财政部令第94号第十三条)."""
        tender = self._published()
        challenge = self._challenge(tender, self.manager_z, "2025-03-19", kind="documents")
        self.assertEqual(str(challenge.challenge_deadline), "2025-03-19")
        self.assertEqual(challenge._sgz_deadline_get("answer").date_deadline.isoformat(), "2025-03-28")
        with self.assertRaisesMsg(ValidationError, "7.*2025-03-19"):
            self._challenge(tender, self.manager_y, "2025-03-20", kind="documents")

    def test_documents_from_the_day_they_were_obtained(self):
        """Documents obtained on Wednesday 12 March 2025: 7 working days 13, 14, 17, 18, 19, 20, 21 March → until
        Friday 21 March. A day before the announcement or after the challenge is not a day of the procurement."""
        tender = self._published()
        challenge = self._challenge(
            tender, self.manager_y, "2025-03-21", kind="documents", documents_date="2025-03-12"
        )
        self.assertEqual(str(challenge.challenge_deadline), "2025-03-21")
        with self.assertRaisesMsg(ValidationError, "2025-03-21"):
            self._challenge(
                tender, self.manager_v, "2025-03-24", kind="documents", documents_date="2025-03-12"
            )
        for day in ("2025-03-01", "2025-03-25"):
            with self.assertRaisesMsg(ValidationError, day):
                self._challenge(tender, self.manager_v, "2025-03-24", kind="documents", documents_date=day)

    def test_a_step_of_the_process(self):
        """The bids are opened on Monday 24 March 2025: 7 working days 25, 26, 27, 28, 31 March, 1, 2 April →
        a bidder challenges the opening until Wednesday 2 April; a supplier that did not bid cannot."""
        tender, _bid_x, _bid_y = self._evaluated()
        challenge = self._challenge(
            tender, self.manager_y, "2025-04-02", kind="process", step_date="2025-03-24"
        )
        self.assertEqual(str(challenge.challenge_deadline), "2025-04-02")
        self.assertEqual(tender.open_challenge_count, 1)
        with self.assertRaisesMsg(ValidationError, "2025-04-02"):
            self._challenge(tender, self.manager_v, "2025-04-03", kind="process", step_date="2025-03-24")
        with self.assertRaisesMsg(ValidationError, "bidder|投标"):
            self._challenge(tender, self.manager_z, "2025-03-25", kind="process", step_date="2025-03-24")
        with self.assertRaisesMsg(ValidationError, "date of the step|日期"):
            self._challenge(tender, self.manager_v, "2025-03-25", kind="process")
        with self.assertRaisesMsg(UserError, "were set when|不能更改|不可更改"):
            challenge.with_user(self.manager_y).write({"step_date": "2025-03-31"})

    def test_nothing_to_challenge_before_publication(self):
        tender = self._tender()
        with self.assertRaisesMsg(ValidationError, "published|已发布"):
            self._challenge(tender, self.manager_y, "2025-03-04", kind="documents")
        published = self._published()
        with self.assertRaisesMsg(ValidationError, "announced result|结果"):
            self._challenge(published, self.manager_y, "2025-03-04", kind="result")


@tagged("post_install", "-at_install")
class TestCommitteeSize(LawCase):
    """Point 5: a negotiation reaching the open-tender threshold has at least 5 members (财政部令第74号第七条);
    an open tender of ¥10 million or more at least 7 (财政部令第87号第四十七条). Checked when the publication is
    requested."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.experts += [cls._user(f"zz_expert{n}", "county_officer", cls.county_a) for n in (5, 6)]

    def _committee(self, experts, buyers=1):
        members = [Command.create({"user_id": self.officer_a2.id, "role": "buyer"})]
        if buyers == 2:
            members.append(Command.create({"user_id": self.finance_a.id, "role": "buyer"}))
        members.append(Command.create({"user_id": self.experts[0].id, "role": "chair"}))
        members += [Command.create({"user_id": e.id, "role": "expert"}) for e in self.experts[1:experts]]
        return members

    def _request(self, **vals):
        tender = self._tender(**vals)
        with freeze_time("2025-03-03"):
            tender.with_user(self.officer_a).action_publish()
        return tender

    def test_negotiation_at_the_threshold_needs_five(self):
        """A negotiation of 4,000,000.00 reaches Hunan's threshold (4,000,000.00): 3 members (1 buyer, 2 experts)
        are refused, 5 (1 buyer, 4 experts) accepted; at 3,999,999.99, 3 members are enough."""
        negotiation = {"method": "negotiation", "criterion_ids": [], "bid_deadline": "2025-03-06 01:30:00"}
        with self.assertRaisesMsg(UserError, "at least 5|至少 ?5"):
            self._request(**negotiation, lot_ids=self._lots(4000000), committee_ids=self._committee(2))
        tender = self._request(**negotiation, lot_ids=self._lots(4000000), committee_ids=self._committee(4))
        self.assertEqual(tender.sgz_approval_status, "pending")
        small = self._request(**negotiation, lot_ids=self._lots(3999999.99), committee_ids=self._committee(2))
        self.assertEqual(small._sgz_committee_minimum(), 3)

    def test_open_tender_of_ten_million_needs_seven(self):
        """An open tender of 10,000,000.00: 5 members are refused, 7 (2 buyers, 5 experts: 5 × 3 = 15 ≥ 7 × 2 =
        14) accepted; at 9,999,999.99, 5 are enough."""
        with self.assertRaisesMsg(UserError, "at least 7|至少 ?7"):
            self._request(lot_ids=self._lots(10000000), committee_ids=self._committee(4))
        tender = self._request(lot_ids=self._lots(10000000), committee_ids=self._committee(5, buyers=2))
        self.assertEqual(tender._sgz_committee_minimum(), 7)
        self.assertEqual(tender.sgz_approval_status, "pending")
        small = self._request(lot_ids=self._lots(9999999.99), committee_ids=self._committee(4))
        self.assertEqual(small._sgz_committee_minimum(), 5)


@tagged("post_install", "-at_install")
class TestYearlySignings(LawCase):
    """Point 6: years 2 and 3 are contracts too: each yearly signing opens its own 2-working-day publication
    (实施条例第五十条) and 7-working-day finance filing (政府采购法第四十七条) deadlines, as year 1 does."""

    def test_each_signing_opens_its_deadlines(self):
        """Year 1 signed on Monday 2 June 2025 (Dragon Boat holiday; 2025-06-02 – 2026-06-01): publish within
        3, 4 June → Wednesday 4 June 2025; file with finance within 3, 4, 5, 6, 9, 10, 11 June → Wednesday
        11 June 2025. Evaluated qualified on 1 June 2026, year 2 signed on Tuesday 2 June 2026: publish within
        3, 4 June → Thursday 4 June 2026; finance within 3, 4, 5, 8, 9, 10, 11 June → Thursday 11 June 2026."""
        agreement = self._agreement(date_start="2025-06-02")
        officer = agreement.with_user(self.officer_a)
        with freeze_time("2025-06-02"):
            officer.action_sign()
        year1 = agreement.year_ids
        self.assertEqual(str(agreement._sgz_deadline_get("publication").date_deadline), "2025-06-04")
        self.assertEqual(str(agreement._sgz_deadline_get("finance_filing").date_deadline), "2025-06-11")
        self._record_step(agreement, "action_confirm_publication", "2025-06-03")
        self._record_step(agreement, "action_confirm_finance_filing", "2025-06-10")
        self._record_step(agreement, "action_confirm_stationing", "2025-06-10")
        self.assertEqual(
            (str(year1.publication_date), str(year1.finance_filing_date)), ("2025-06-03", "2025-06-10")
        )
        self.assertFalse(agreement.publication_pending or agreement.finance_filing_pending)

        self._evaluate(year1, "qualified", day="2026-06-01")
        officer.action_renew()
        year2 = agreement.year_ids.filtered(lambda y: y.sequence == 2)
        with freeze_time("2026-06-02"):
            year2.with_user(self.officer_a).action_confirm()
        publication = agreement._sgz_deadline_get("publication_2")
        finance = agreement._sgz_deadline_get("finance_filing_2")
        self.assertEqual(
            (str(publication.date_deadline), str(finance.date_deadline)), ("2026-06-04", "2026-06-11")
        )
        self.assertIn("2", publication.name)
        self.assertTrue(agreement.publication_pending and agreement.finance_filing_pending)
        self._record_step(agreement, "action_confirm_publication", "2026-06-05")  # one day late
        self.assertEqual(str(year2.publication_date), "2026-06-05")
        self.assertEqual((publication.state, publication.late), ("done", True))
        self.assertEqual(str(year1.publication_date), "2025-06-03")  # year 1's record is untouched
        with freeze_time("2026-06-12"):
            self.env["sgz.deadline"]._cron_refresh_overdue()
            self.assertTrue(finance.overdue)
            self.assertTrue(agreement.sgz_overdue)
        self._record_step(agreement, "action_confirm_finance_filing", "2026-06-12")
        self.assertFalse(agreement.sgz_overdue)
        with self.assertRaisesMsg(UserError, "every signing|均已登记"):
            officer.action_confirm_finance_filing()


@tagged("post_install", "-at_install")
class TestReprocurement(LawCase):
    """Point 7: the re-procurement wizard records the single-source ground the user chooses (政府采购法第三十一条),
    and the new tender starts with the failed one's committee and lots."""

    def test_the_chosen_ground_is_recorded(self):
        failed = self._failed_open_tender()
        reason = "汛期紧急救助服务，不能从其他供应商处采购"
        with self.assertRaisesMsg(UserError, "三十一条"):
            self._reprocure(failed, "single_source", reason=reason)
        new = self._reprocure(failed, "single_source", reason=reason, single_source_ground="emergency")
        self.assertEqual((new.single_source_ground, new.single_source_justification), ("emergency", reason))
        self.assertEqual(new.switched_from_id, failed)
        members = [(m.user_id, m.role) for m in failed.committee_ids]
        self.assertEqual([(m.user_id, m.role) for m in new.committee_ids], members)
        lots = [(lot.name, lot.ceiling_price, lot.station_ids) for lot in failed.lot_ids]
        self.assertEqual([(lot.name, lot.ceiling_price, lot.station_ids) for lot in new.lot_ids], lots)


@tagged("post_install", "-at_install")
class TestStepsRecordedWithTheirDay(LawCase):
    """Issue 20, point 7: recording a deadline as met (e.g. 合同已公告) takes the day it happened, not in the
    future, with the evidence, instead of stamping today."""

    def test_the_day_it_happened_and_the_evidence(self):
        """Signed Thursday 25 September 2025: publish within 2 working days → Sunday 28 September (a worked
        day). Published on Friday 26 September but recorded only on Friday 10 October: the deadline is done on
        26 September, on time, with the evidence in the deadline and the chatter."""
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.with_user(self.officer_a).action_sign()
        deadline = agreement._sgz_deadline_get("publication")
        Wizard = self.env["sgz.deadline.done.wizard"].with_user(self.officer_a)
        with freeze_time("2025-10-10"):
            dialog = agreement.with_user(self.officer_a).action_confirm_publication()
            self.assertEqual(dialog["context"], {"default_deadline_id": deadline.id})
            wizard = Wizard.create({"deadline_id": deadline.id})
            self.assertEqual(str(wizard.date_done), "2025-10-10")  # today, until the clerk gives the real day
            refusals = (
                ("2025-10-11", "today at the latest|最迟"),  # a day in the future
                ("2025-09-24", "2025-09-25"),  # before the signature it counts from
            )
            for day, words in refusals:
                with self.assertRaisesMsg(UserError, words):
                    Wizard.create(
                        {"deadline_id": deadline.id, "date_done": day, "evidence": "x"}
                    ).action_confirm()
            with self.assertRaisesMsg(UserError, "evidence|证明"):
                Wizard.create({"deadline_id": deadline.id, "date_done": "2025-09-26"}).action_confirm()
            evidence = "中国政府采购网，2025年9月26日合同公告"
            Wizard.create(
                {"deadline_id": deadline.id, "date_done": "2025-09-26", "evidence": evidence}
            ).action_confirm()
        self.assertEqual(str(agreement.year_ids.publication_date), "2025-09-26")
        self.assertEqual(
            (deadline.state, str(deadline.date_done), deadline.late), ("done", "2025-09-26", False)
        )
        self.assertEqual((deadline.evidence, deadline.done_by_id), (evidence, self.officer_a))
        self.assertIn(evidence, agreement.message_ids[0].body)

    def test_only_the_documents_steps_and_rights(self):
        """The dialog records what the document lets a user record, for whoever may change the document: not
        the filing with the city (its filing is the evidence), not by the provider."""
        agreement = self._agreement()
        with freeze_time("2025-09-25"):
            agreement.with_user(self.officer_a).action_sign()
        Wizard = self.env["sgz.deadline.done.wizard"]
        filing = agreement._sgz_deadline_get("filing")
        with freeze_time("2025-09-26"), self.assertRaisesMsg(UserError, "already recorded|已记录"):
            Wizard.with_user(self.officer_a).create(
                {"deadline_id": filing.id, "date_done": "2025-09-26", "evidence": "x"}
            ).action_confirm()
        publication = agreement._sgz_deadline_get("publication")
        with freeze_time("2025-09-26"), self.assertRaisesMsg(AccessError, "您不能打开此期限：它属于其他单位"):
            Wizard.with_user(self.manager_x).create(
                {"deadline_id": publication.id, "date_done": "2025-09-26", "evidence": "x"}
            ).action_confirm()
        self.assertEqual(publication.state, "open")
