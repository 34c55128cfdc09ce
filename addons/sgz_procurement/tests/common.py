import datetime
from contextlib import contextmanager

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tools import SQL

from odoo.addons.sgz_base.lib import china_date
from odoo.addons.sgz_base.tests.common import SgzCase, uscc

# A 2025 calendar for the whole tender: announcement Monday 3 March; bid deadline Monday 24 March at 09:30
# Beijing time (21 days later; stored as 01:30 UTC), when the bids are opened (财政部令第87号第三十九条);
# ranking confirmed, result announced and award notice sent on Wednesday 26 March. The announcement period
# is 1 working day (27 March), then 7 working days for challenges: 28, 31 March, 1, 2, 3, 7, 8 April
# (Qingming 4–6 April off) → last day 8 April. Signing within 30 days of the notice: by 25 April.
ANNOUNCE = "2025-03-03"
BID_DAY = "2025-03-10"
DEADLINE = "2025-03-24 01:30:00"
OPENING = DEADLINE
AWARD = "2025-03-26"
CHALLENGE_END = "2025-04-08"
SIGN_BY = "2025-04-25"


def pass_bid_deadline(tender):
    """The bid period passes (for tests on the demo, which plays on the day it is installed): the tender's
    announcement, bid deadline and bids move back by the same number of days, so that the deadline was a
    second ago and the bid period stays as long as it was."""
    env = tender.env
    now = fields.Datetime.now()
    deadline = now - datetime.timedelta(seconds=1)
    shift = tender.bid_deadline - deadline
    env.flush_all()
    env.cr.execute(
        SQL(
            "UPDATE sgz_tender SET bid_deadline = %(deadline)s, announcement_date = announcement_date - %(days)s "
            "WHERE id = %(id)s",
            deadline=deadline,
            days=(china_date(tender.bid_deadline) - china_date(deadline)).days,
            id=tender.id,
        )
    )
    env.cr.execute(
        SQL(
            "UPDATE sgz_tender_bid SET submit_date = submit_date - %(shift)s WHERE tender_id = %(id)s",
            shift=shift,
            id=tender.id,
        )
    )
    env.invalidate_all()


class ProcurementCase(SgzCase):
    """SgzCase plus stations, provider disclosures, a second officer, an evaluator and tender helpers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.station_a1 = cls._station(cls.township_a1, cls.county_a, state="active")
        cls.station_a2 = cls._station(cls.township_a2, cls.county_a, state="active")
        cls.station_b1 = cls._station(cls.township_b1, cls.county_b, state="active")
        cls.provider_v = cls.env["res.company"].create(
            {
                "name": "攸县阳光社会工作服务中心",
                "sgz_kind": "provider",
                "sgz_uscc": uscc("52430223MJ0000004"),
                "currency_id": cls.env.ref("base.CNY").id,
            }
        )
        cls.provider_z = cls.env["res.company"].create(
            {
                "name": "攸县新起点社会工作服务中心",
                "sgz_kind": "provider",
                "sgz_uscc": uscc("52430223MJ0000003"),
                "currency_id": cls.env.ref("base.CNY").id,
            }
        )
        Disclosure = cls.env["sgz.provider.disclosure"]
        Disclosure.create(
            [
                {"name": name, "company_id": provider.id, "kind": kind, "year": 2024, "document": b"UEsD"}
                for provider in (cls.provider_x, cls.provider_y, cls.provider_v)
                for name, kind in (("基本情况", "basic"), ("2024年度财务报告", "financial"))
            ]
        )
        cls.officer_a2 = cls._user("officer_a2", "county_officer", cls.county_a)
        cls.manager_v = cls._user("manager_v", "provider_manager", cls.provider_v)
        # the experts drawn for the committees of county A (an open tender: 5 members, 4 of them experts)
        cls.experts = [cls._user(f"zz_expert{n}", "county_officer", cls.county_a) for n in range(1, 5)]
        cls.manager_z = cls._user("manager_z", "provider_manager", cls.provider_z)
        cls.fund_lottery = cls.env.ref("sgz_base.fund_source_lottery_county")
        cls.fund_relief = cls.env.ref("sgz_base.fund_source_relief_work")

    # ---- builders -------------------------------------------------------------------------------------------

    @classmethod
    def _tender_vals(cls, **vals):
        return {
            "name": "攸县2025年社工站服务项目",
            "company_id": cls.county_a.id,
            "user_id": cls.officer_a.id,
            "method": "open",
            "announcement_date": ANNOUNCE,
            "bid_deadline": DEADLINE,
            "price_weight": 30,
            "lot_ids": [
                Command.create(
                    {
                        "name": "第一包",
                        "ceiling_price": 400000,
                        "station_ids": [Command.set((cls.station_a1 | cls.station_a2).ids)],
                    }
                )
            ],
            "criterion_ids": [
                Command.create({"name": "服务方案", "weight": 60}),
                Command.create({"name": "项目团队", "weight": 40}),
            ],
            "committee_ids": [
                Command.create({"user_id": cls.officer_a2.id, "role": "buyer"}),
                Command.create({"user_id": cls.experts[0].id, "role": "chair"}),
                *(Command.create({"user_id": expert.id, "role": "expert"}) for expert in cls.experts[1:]),
            ],
            **vals,
        }

    def _tender(self, **vals):
        return self.env["sgz.tender"].with_user(self.officer_a).create(self._tender_vals(**vals))

    def _approve(self, tender, user=None):
        reviews = tender.sudo().sgz_review_ids.filtered(lambda r: r.state == "pending").sorted("sequence")
        self.assertTrue(reviews, "an approval request is pending")
        for review in reviews:
            self.env["sgz.approval.review"].browse(review.id).with_user(
                user or self.approver_a
            ).action_approve()

    def _published(self, **vals):
        tender = self._tender(**vals)
        with freeze_time(ANNOUNCE):
            tender.action_publish()
            self._approve(tender)
        self.assertEqual(tender.state, "published")
        return tender

    def _bid(self, tender, user, price, lot=None, day=BID_DAY):
        with freeze_time(day):
            bid = (
                self.env["sgz.tender.bid"]
                .with_user(user)
                .create(
                    {
                        "tender_id": tender.id,
                        "lot_id": (lot or tender.lot_ids[0]).id,
                        "company_id": user.company_id.id,
                        "price": price,
                    }
                )
            )
        return bid.with_env(self.env)

    def _open(self, tender):
        with freeze_time(OPENING):
            tender.with_user(self.officer_a).action_open_bids()

    def _score(self, tender, marks):
        """marks: {bid: score for every criterion and member}, or {bid: {criterion name: score}}."""
        for line in tender.sudo().bid_ids.score_ids:
            mark = marks[line.bid_id]
            value = mark[line.criterion_id.name] if isinstance(mark, dict) else mark
            line.with_user(line.member_user_id).write({"score": value})

    def _evaluated(self, prices=(380000, 360000, 370000), marks=(90, 80, 70)):
        """A published open tender with three bids (X, Y, V), opened and scored by the whole committee."""
        tender = self._published()
        bid_x = self._bid(tender, self.manager_x, prices[0])
        bid_y = self._bid(tender, self.manager_y, prices[1])
        bid_v = self._bid(tender, self.manager_v, prices[2])
        self._open(tender)
        self._score(tender, {bid_x: marks[0], bid_y: marks[1], bid_v: marks[2]})
        return tender, bid_x, bid_y

    def _awarded(self, **kwargs):
        tender, bid_x, bid_y = self._evaluated(**kwargs)
        with freeze_time(AWARD):
            tender.with_user(self.officer_a).action_award()
            self._approve(tender)
        self.assertEqual(tender.state, "awarded")
        # the tender has no plan here: the county says which fund pays the agreement before signing it
        tender.agreement_ids.with_user(self.officer_a).write({"fund_source_id": self.fund_lottery.id})
        return tender, bid_x, bid_y

    def _agreement(self, **vals):
        return (
            self.env["sgz.agreement"]
            .with_user(self.officer_a)
            .create(
                {
                    "name": "攸县社工站服务协议",
                    "company_id": self.county_a.id,
                    "provider_id": self.provider_x.id,
                    "user_id": self.officer_a.id,
                    "fund_source_id": self.fund_lottery.id,
                    "payment_schedule": "quarterly",
                    "station_line_ids": [
                        Command.create(
                            {"station_id": self.station_a1.id, "worker_quota": 2, "annual_amount": 200000}
                        ),
                        Command.create(
                            {"station_id": self.station_a2.id, "worker_quota": 2, "annual_amount": 160000}
                        ),
                    ],
                    **vals,
                }
            )
        )

    def _record_step(self, agreement, action, day, evidence="已在中国政府采购网公告", user=None):
        """The county records a step of ``agreement`` through its button's dialog (``action``): the day it happened
        (``day``, recorded on that day) and the evidence."""
        user = user or self.officer_a
        with freeze_time(day):
            dialog = getattr(agreement.with_user(user), action)()
            wizard = (
                self.env[dialog["res_model"]]
                .with_user(user)
                .with_context(dialog["context"])
                .create({"date_done": day, "evidence": evidence})
            )
            wizard.action_confirm()

    def _evaluate(self, year, result, day=None):
        """``year`` evaluated on ``day`` (its last day by default: a year is evaluated in its last month or after),
        60/40 marks scored 50 + 32 = 82 (qualified) or 30 + 20 = 50 (unqualified, below the pass mark of 60)."""
        with freeze_time(day or year.date_end):
            evaluation = (
                self.env["sgz.agreement.evaluation"]
                .with_user(self.evaluator)
                .create(
                    {
                        "year_id": year.id,
                        "result": result,
                        "line_ids": [
                            Command.create(
                                {
                                    "name": "服务成效",
                                    "max_score": 60,
                                    "score": 50 if result == "qualified" else 30,
                                }
                            ),
                            Command.create(
                                {
                                    "name": "项目管理",
                                    "max_score": 40,
                                    "score": 32 if result == "qualified" else 20,
                                }
                            ),
                        ],
                    }
                )
            )
            evaluation.action_record()
        return evaluation

    @contextmanager
    def frozen(self, day):
        with freeze_time(day):
            yield
