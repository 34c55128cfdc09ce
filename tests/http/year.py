"""One program year of 攸县 (株洲市) played over JSON-RPC, each step by the user whose job it is.

Calendar (Beijing time): the county prepares in November 2025 (budget, plan filed with the city), tenders in
December by competitive consultation in two lots, signs on 5 January 2026 for a year, the provider hires in
January, pays twelve months of 2026, the county bills each quarter, the stations record their activities and the provider
files its monthly briefs; the evaluator scores the year in December 2026, the province runs its reward round and
the county renews year 2 (2027).

Each role, at each step it acts in, also tries at least two things outside its rights; every refusal must be a
Chinese sentence naming the reason (``Year.refuse``)."""

import base64
import collections
import datetime

from client import Client
from stdnum.cn import ric
from stdnum.cn import uscc as std_uscc

PASSWORD = "Sgz-http-2026"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def uscc(body):
    return body + std_uscc.calc_check_digit(body)


def id_card(body):
    return body + ric.calc_check_digit(body + "0")


def months(year):
    return [datetime.date(year, m, 1) for m in range(1, 13)]


class Year:
    def __init__(self, server):
        self.server = server
        self.admin = Client(server, "admin", "admin").login()
        self.users = {}
        self.ids = {}
        self.step = None
        self.acted = collections.defaultdict(set)  # step -> roles that acted
        self.refused = collections.Counter()  # (step, role) -> refusals

    def resume(self, ids, logins):
        """(working on the tests) carry on from a copy of the database taken after a step."""
        self.ids = ids
        for login in logins:
            self.users[login] = Client(self.server, login, PASSWORD).login()

    # ---- plumbing ----------------------------------------------------------------------------------------------

    def at(self, moment):
        self.server.set_clock(moment)

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self.admin.search_read(
            "ir.model.data", [("module", "=", module), ("name", "=", name)], ["res_id"]
        )
        return rows[0]["res_id"]

    def as_(self, role):
        """The client of ``role`` (logged in on first use); the call counts as the role acting in this step."""
        self.acted[self.step].add(role)
        return self.users[role]

    def refuse(self, role, words, model, method, *args, **kwargs):
        self.users[role].expect_refusal(words, model, method, *args, **kwargs)
        self.refused[(self.step, role)] += 1

    def check_refusals(self, step):
        if step.startswith("collision"):
            return  # (the collisions test what happens at the same moment, not each role's rights)
        missing = {
            role: self.refused[(step, role)] for role in self.acted[step] if self.refused[(step, role)] < 2
        }
        assert not missing, f"{step}: roles that acted with fewer than two refused attempts: {missing}"

    # ---- 1. the administrator sets up the province -------------------------------------------------------------

    def setup(self):
        self.at("2025-11-03 09:00")
        admin = self.admin
        province = self.ref("sgz_base.company_hunan")
        cny = self.ref("base.CNY")
        region = lambda code: self.ref(f"sgz_base.region_{code}")  # noqa: E731
        city = admin.create(
            "res.company",
            {
                "name": "株洲市民政局",
                "parent_id": province,
                "sgz_kind": "city",
                "sgz_region_id": region("430200"),
                "sgz_uscc": uscc("11430200006000000"),
                "currency_id": cny,
            },
        )
        county_a = admin.create(
            "res.company",
            {
                "name": "攸县民政局",
                "parent_id": city,
                "sgz_kind": "county",
                "sgz_region_id": region("430223"),
                "sgz_uscc": uscc("11430223006000000"),
                "currency_id": cny,
            },
        )
        county_b = admin.create(
            "res.company",
            {
                "name": "茶陵县民政局",
                "parent_id": city,
                "sgz_kind": "county",
                "sgz_region_id": region("430224"),
                "sgz_uscc": uscc("11430224006000000"),
                "currency_id": cny,
            },
        )
        providers = {}
        for key, name, code, body in (
            ("x", "攸县同心社会工作服务中心", "430223", "52430223MJ0000001"),
            ("y", "茶陵县益民社会工作服务中心", "430224", "52430224MJ0000002"),
            ("v", "攸县阳光社会工作服务中心", "430223", "52430223MJ0000004"),
        ):
            providers[key] = admin.create(
                "res.company",
                {
                    "name": name,
                    "sgz_kind": "provider",
                    "sgz_region_id": region(code),
                    "sgz_uscc": uscc(body),
                    "currency_id": cny,
                },
            )
        self.ids.update(
            province=province,
            city=city,
            county_a=county_a,
            county_b=county_b,
            **{f"provider_{k}": v for k, v in providers.items()},
        )
        # the administrator works in every organization
        everyone = [province, city, county_a, county_b, *providers.values()]
        admin.write("res.users", [admin.uid], {"company_ids": [(4, company) for company in everyone]})
        admin.company_ids = [1, *everyone]
        # the bureaus keep their books in Odoo's China chart of accounts, on the root of the tree
        admin.call(
            "account.chart.template",
            "try_loading",
            [],
            "cn",
            province,
            False,
            context={"allowed_company_ids": [province]},
        )
        chart = admin.read("res.company", [province], ["chart_template"])[0]["chart_template"]
        assert chart == "cn", chart
        # the users of every role, each in Chinese and in China's time zone
        people = (
            ("province", "province_officer", province, "省民政厅 刘处长"),
            ("evaluator", "evaluator", province, "第三方评估 张评估"),
            ("city", "city_officer", city, "株洲市民政局 王科长"),
            ("officer_a", "county_officer", county_a, "攸县民政局 李股长"),
            ("expert_1", "county_officer", county_a, "评审专家 赵敏"),
            ("expert_2", "county_officer", county_a, "评审专家 钱进"),
            ("approver_a", "county_approver", county_a, "攸县民政局 周局长"),
            ("approver_a2", "county_approver", county_a, "攸县民政局 吴副局长"),
            ("finance_a", "county_finance", county_a, "攸县民政局 郑会计"),
            ("finance_a2", "county_finance", county_a, "攸县民政局 冯出纳"),
            ("officer_b", "county_officer", county_b, "茶陵县民政局 陈股长"),
            ("manager_x", "provider_manager", providers["x"], "同心社工中心 主任"),
            ("hr_x", "provider_hr", providers["x"], "同心社工中心 人事甲"),
            ("hr_x2", "provider_hr", providers["x"], "同心社工中心 人事乙"),
            ("manager_y", "provider_manager", providers["y"], "益民社工中心 主任"),
            ("manager_v", "provider_manager", providers["v"], "阳光社工中心 主任"),
            ("worker_x", "station_worker", providers["x"], "甲社工"),
        )
        for login, role, company, name in people:
            group = self.ref(f"sgz_base.sgz_base_group_{role}")
            uid = admin.create(
                "res.users",
                {
                    "name": name,
                    "login": login,
                    "password": PASSWORD,
                    "lang": "zh_CN",
                    "tz": "Asia/Shanghai",
                    "company_id": company,
                    "company_ids": [(6, 0, [company])],
                    "groups_id": [(6, 0, [group])],
                },
            )
            self.ids[f"user_{login}"] = uid
            self.users[login] = Client(self.server, login, PASSWORD).login()
        # the insurance scheme of 攸县 for 2026 (rates and bases are data with validity dates)
        admin.create(
            "sgz.insurance.scheme",
            {
                "name": "攸县2026年社会保险",
                "region_id": region("430223"),
                "date_from": "2026-01-01",
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "sequence": n,
                            "kind": kind,
                            "employer_rate": er,
                            "employee_rate": ee,
                            "base_floor": 4000,
                            "base_ceiling": 20000,
                        },
                    )
                    for n, (kind, er, ee) in enumerate(
                        (
                            ("pension", 16, 8),
                            ("medical", 8.7, 2),
                            ("unemployment", 0.7, 0.3),
                            ("injury", 0.2, 0),
                        )
                    )
                ],
            },
        )
        # refusals: nobody but the administrator manages users or companies
        self.step = "setup"
        self.refuse(
            "officer_a",
            "",
            "res.users",
            "write",
            [self.ids["user_officer_a"]],
            {"groups_id": [(4, self.ref("sgz_base.sgz_base_group_county_approver"))]},
        )
        self.refuse("manager_x", "", "res.company", "write", [providers["y"]], {"name": "改名"})

    def filing_of(self, role, model, res_id):
        rows = self.as_(role).search_read(
            "sgz.filing",
            [("res_model", "=", model), ("res_id", "=", res_id), ("state", "=", "submitted")],
            ["id"],
        )
        assert len(rows) == 1, f"one submitted filing of {model} {res_id}: {rows}"
        return rows[0]["id"]

    # ---- 2. money and plan: the county's budget, the province's lottery funds, the annual plan filed -----------

    def budget_and_plan(self):
        ids = self.ids
        lottery = ids["fund_lottery"] = self.ref("sgz_base.fund_source_lottery_county")
        ids["fund_lottery_province"] = self.ref("sgz_base.fund_source_lottery_province")
        ids["fund_reward"] = self.ref("sgz_base.fund_source_reward_province")
        service = ids["category_service"] = self.ref("sgz_budget.budget_category_service")
        # county officer: the stations of the two townships, in service
        self.at("2025-11-04 09:00")
        officer = self.as_("officer_a")
        for key, township in (
            ("station_a1", "430223002"),
            ("station_a2", "430223122"),
            ("station_a3", "430223106"),
        ):
            ids[key] = officer.create(
                "sgz.station",
                {
                    "township_id": self.ref(f"sgz_base.region_{township}"),
                    "company_id": ids["county_a"],
                    "opening_date": "2025-11-04",
                },
            )
            officer.button("sgz.station", ids[key], "action_activate")
        self.refuse(
            "officer_a",
            "",
            "sgz.station",
            "create",
            {"township_id": self.ref("sgz_base.region_430224005"), "company_id": ids["county_b"]},
        )
        self.refuse(
            "officer_a", "按钮|状态|只能", "sgz.station", "write", [ids["station_a1"]], {"state": "closed"}
        )
        # county finance: the 2026 budget; the approver approves it, not its author
        finance = self.as_("finance_a")
        budget = ids["budget"] = finance.create(
            "sgz.budget",
            {
                "company_id": ids["county_a"],
                "fiscal_year": 2026,
                "line_ids": [(0, 0, {"fund_source_id": lottery, "category_id": service, "amount": 600000})],
            },
        )
        finance.button("sgz.budget", budget, "action_submit")
        self.refuse("finance_a", "审批|审核", "sgz.budget", "action_sgz_approve", [budget])
        self.refuse("finance_a", "锁定|审批", "sgz.budget", "write", [budget], {"fiscal_year": 2027})
        self.as_("approver_a").button("sgz.budget", budget, "action_sgz_approve")
        self.refuse(
            "approver_a", "", "sgz.budget", "create", {"company_id": ids["county_b"], "fiscal_year": 2026}
        )
        self.refuse("approver_a", "不能|锁定", "sgz.budget", "write", [budget], {"state": "draft"})
        assert finance.one("sgz.budget", budget, ["state"])["state"] == "approved"
        # the province allocates provincial lottery funds to 攸县
        self.at("2025-11-05 10:00")
        province = self.as_("province")
        allocation = ids["allocation"] = province.create(
            "sgz.budget.allocation",
            {
                "company_id": ids["province"],
                "target_company_id": ids["county_a"],
                "fiscal_year": 2026,
                "fund_source_id": ids["fund_lottery_province"],
                "amount": 80000,
                "date": "2025-11-05",
            },
        )
        province.button("sgz.budget.allocation", allocation, "action_confirm")
        self.refuse("province", "已确认|already", "sgz.budget.allocation", "action_confirm", [allocation])
        self.refuse("province", "", "sgz.budget", "write", [budget], {"fiscal_year": 2027})
        # the annual plan, filed with the city, which acknowledges it
        plan = ids["plan"] = officer.create(
            "sgz.procurement.plan",
            {
                "company_id": ids["county_a"],
                "year": 2026,
                "purchase_method": "consultation",
                "background": "<p>落实湘民发〔2018〕16号，实现乡镇（街道）社工站全覆盖。</p>",
                "objectives": "<p>江桥、皇图岭社工站各配备2名驻站社工，网岭镇社工站1名。</p>",
                "budget_note": "<p>县级福彩公益金55万元，竞争性磋商，分两包。</p>",
                "content_schedule": "<p>12月磋商，次年1月签约，签约后1个月内驻站。</p>",
                "station_standards": "<p>每站独立办公室，制度上墙。</p>",
                "evaluation": "<p>第三方评估。</p>",
                "station_ids": [(6, 0, [ids["station_a1"], ids["station_a2"], ids["station_a3"]])],
                "line_ids": [(0, 0, {"fund_source_id": lottery, "amount": 550000})],
            },
        )
        officer.button("sgz.procurement.plan", plan, "action_submit")
        self.refuse("officer_a", "锁定|备案", "sgz.procurement.plan", "write", [plan], {"year": 2027})
        filing = self.filing_of("city", "sgz.procurement.plan", plan)
        self.refuse("officer_a", "", "sgz.filing", "action_acknowledge", [filing])
        city = self.as_("city")
        self.refuse("city", "", "sgz.procurement.plan", "write", [plan], {"year": 2027})
        self.refuse(
            "city",
            "",
            "sgz.budget.allocation",
            "create",
            {
                "company_id": ids["county_a"],
                "target_company_id": ids["county_b"],
                "fiscal_year": 2026,
                "fund_source_id": lottery,
                "amount": 1,
                "date": "2025-11-05",
            },
        )
        city.button("sgz.filing", filing, "action_acknowledge")
        assert officer.one("sgz.procurement.plan", plan, ["state"])["state"] == "filed"

    # ---- 3. procurement: two lots by competitive consultation, to the signed agreement -------------------------

    def _wizard_step(self, role, agreement, action, day, evidence):
        """A step the county records through its button's dialog: the day it happened and the evidence."""
        client = self.as_(role)
        dialog = client.button("sgz.agreement", agreement, action)
        wizard = client.create(
            dialog["res_model"], {"date_done": day, "evidence": evidence}, context=dialog.get("context") or {}
        )
        client.button(dialog["res_model"], wizard, "action_confirm", context=dialog.get("context") or {})

    def procurement(self):
        ids = self.ids
        officer, approver = self.as_("officer_a"), self.as_("approver_a")
        self.at("2025-12-08 09:00")
        tender = ids["tender"] = officer.create(
            "sgz.tender",
            {
                "name": "攸县2026年社工站服务项目（竞争性磋商）",
                "company_id": ids["county_a"],
                "plan_id": ids["plan"],
                "user_id": ids["user_officer_a"],
                "method": "consultation",
                "announcement_date": "2025-12-08",
                "bid_deadline": "2025-12-18 01:30:00",  # 09:30 Beijing time, 10 days later
                "price_weight": 30,
                "lot_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "第一包：江桥、皇图岭",
                            "ceiling_price": 400000,
                            "station_ids": [(6, 0, [ids["station_a1"], ids["station_a2"]])],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "第二包：网岭镇",
                            "ceiling_price": 150000,
                            "station_ids": [(6, 0, [ids["station_a3"]])],
                        },
                    ),
                ],
                "criterion_ids": [
                    (0, 0, {"name": "服务方案", "weight": 60}),
                    (0, 0, {"name": "项目团队", "weight": 40}),
                ],
                "committee_ids": [
                    (0, 0, {"user_id": ids["user_officer_a"], "role": "buyer"}),
                    (0, 0, {"user_id": ids["user_expert_1"], "role": "chair"}),
                    (0, 0, {"user_id": ids["user_expert_2"], "role": "expert"}),
                ],
            },
        )
        officer.button("sgz.tender", tender, "action_publish")
        self.refuse("officer_a", "审批|审核", "sgz.tender", "action_sgz_approve", [tender])
        self.refuse(
            "officer_a",
            "",
            "sgz.tender",
            "write",
            [tender],
            {"state": "published"},
            context={"sgz_rules_read_all": True, "tracking_disable": True},
        )
        self.refuse("approver_a", "", "sgz.tender", "write", [tender], {"price_weight": 10})
        self.refuse(
            "approver_a",
            "",
            "sgz.tender",
            "create",
            {"name": "x", "company_id": ids["county_b"], "method": "consultation"},
        )
        approver.button("sgz.tender", tender, "action_sgz_approve")
        assert officer.one("sgz.tender", tender, ["state"])["state"] == "published"
        # the providers publish their disclosures and bid
        self.at("2025-12-10 15:00")
        prices = {"manager_x": (350000, 148000), "manager_y": (380000, 140000), "manager_v": (390000, 130000)}
        lots = officer.one("sgz.tender", tender, ["lot_ids"])["lot_ids"]
        bids = {}
        for role, (price_1, price_2) in prices.items():
            client = self.as_(role)
            company = client.company_ids[0]
            for name, kind, year in (
                ("机构基本情况", "basic", False),
                ("2024年度财务报告", "financial", 2024),
            ):
                client.create(
                    "sgz.provider.disclosure",
                    {
                        "name": name,
                        "company_id": company,
                        "kind": kind,
                        "year": year,
                        "document": PNG,
                        "document_name": "d.png",
                    },
                )
            for lot, price in zip(lots, (price_1, price_2), strict=True):
                bids[(role, lot)] = client.create(
                    "sgz.tender.bid",
                    {"tender_id": tender, "lot_id": lot, "company_id": company, "price": price},
                )
        ids["bids"] = {f"{role}:{lot}": bid for (role, lot), bid in bids.items()}
        for role, other in (
            ("manager_x", "manager_y"),
            ("manager_y", "manager_v"),
            ("manager_v", "manager_x"),
        ):
            self.refuse(role, "", "sgz.tender.bid", "read", [bids[(other, lots[0])]], ["price"])
            self.refuse(role, "", "sgz.tender.bid", "write", [bids[(other, lots[0])]], {"price": 1})
        # the bids are opened at the deadline, not before; the committee scores
        self.at("2025-12-18 09:00")
        self.refuse("officer_a", "开标|截止", "sgz.tender", "action_open_bids", [tender])
        self.at("2025-12-18 09:31")
        officer.button("sgz.tender", tender, "action_open_bids")
        marks = {"manager_x": 90, "manager_y": 80, "manager_v": 70}
        for member in ("officer_a", "expert_1", "expert_2"):
            client = self.as_(member)
            lines = client.search_read(
                "sgz.tender.score",
                [("tender_id", "=", tender), ("member_user_id", "=", client.uid)],
                ["bid_id", "lot_id"],
            )
            assert len(lines) == 12, f"{member} scores 2 criteria of 6 bids: {len(lines)}"
            for line in lines:
                bidder = next(role for (role, lot), bid in bids.items() if bid == line["bid_id"][0])
                score = marks[bidder] if line["lot_id"][0] == lots[0] else 100 - marks[bidder]
                client.write("sgz.tender.score", line["id"], {"score": score})
        others = self.as_("expert_1").search(
            "sgz.tender.score", [("tender_id", "=", tender), ("member_user_id", "=", ids["user_expert_2"])]
        )
        if others:  # a member does not see the others' marks; if shown, they cannot be written
            self.refuse("expert_1", "", "sgz.tender.score", "write", others[:1], {"score": 1})
        else:
            self.refuse("expert_1", "", "sgz.tender.score", "write", [lines[0]["id"] - 1], {"score": 1})
        self.refuse("expert_1", "", "sgz.tender", "action_sgz_approve", [tender])
        self.refuse("expert_2", "", "sgz.tender", "write", [tender], {"price_weight": 10})
        self.refuse("expert_2", "", "sgz.tender.bid", "write", [bids[("manager_x", lots[0])]], {"price": 1})
        # award, approved; the result announced with the award notice
        self.at("2025-12-22 10:00")
        officer.button("sgz.tender", tender, "action_award")
        approver.button("sgz.tender", tender, "action_sgz_approve")
        tender_row = officer.one("sgz.tender", tender, ["state", "agreement_ids", "challenge_deadline"])
        assert tender_row["state"] == "awarded", tender_row
        agreements = officer.search_read(
            "sgz.agreement", [("tender_id", "=", tender)], ["provider_id", "lot_id", "annual_amount"]
        )
        winners = {row["lot_id"][0]: row for row in agreements}
        assert winners[lots[0]]["provider_id"][0] == ids["provider_x"], winners
        ids["agreement"] = winners[lots[0]]["id"]
        ids["agreement_2"] = winners[lots[1]]["id"]
        # a bidder challenges the result; signing waits for the answer
        self.at("2025-12-23 10:00")
        challenge = self.as_("manager_y").create(
            "sgz.tender.challenge",
            {"tender_id": tender, "company_id": ids["provider_y"], "description": "第一包评分不公，请复核。"},
        )
        self.refuse(
            "manager_y", "采购人|答复", "sgz.tender.challenge", "write", [challenge], {"answer": "自己回答"}
        )
        self.refuse("manager_y", "", "sgz.tender", "write", [tender], {"state": "opened"})
        self.refuse("officer_a", "质疑", "sgz.agreement", "action_sign", [ids["agreement"]])
        self.at("2025-12-25 10:00")
        officer.write("sgz.tender.challenge", challenge, {"answer": "经复核，评分程序和结果合规。"})
        officer.button("sgz.tender.challenge", challenge, "action_answer")
        # signed on Monday 5 January 2026, within 30 days of the award notice
        self.at("2026-01-05 10:00")
        for agreement in (ids["agreement"], ids["agreement_2"]):
            officer.write(
                "sgz.agreement",
                agreement,
                {"date_start": "2026-01-05", "sign_date": "2026-01-05", "payment_schedule": "quarterly"},
            )
            officer.button("sgz.agreement", agreement, "action_sign")
        self.refuse(
            "officer_a",
            "中标|锁定",
            "sgz.agreement",
            "write",
            [ids["agreement"]],
            {"provider_id": ids["provider_y"]},
        )
        self.refuse("manager_x", "", "sgz.agreement", "write", [ids["agreement"]], {"name": "改名"})
        self.refuse("manager_x", "", "sgz.tender.challenge", "action_answer", [challenge])
        # the deadlines of the signature are met: published in 2 working days, filed with finance in 7, filed
        # with the city in 15, the workers stationed within the month (stationing: see hiring)
        self.at("2026-01-06 16:00")
        for agreement in (ids["agreement"], ids["agreement_2"]):
            self._wizard_step(
                "officer_a",
                agreement,
                "action_confirm_publication",
                "2026-01-06",
                "中国政府采购网，2026年1月6日合同公告",
            )
        self.at("2026-01-09 16:00")
        for agreement in (ids["agreement"], ids["agreement_2"]):
            self._wizard_step(
                "officer_a",
                agreement,
                "action_confirm_finance_filing",
                "2026-01-09",
                "攸县财政局政府采购合同备案回执",
            )
            officer.button("sgz.agreement", agreement, "action_sgz_file")
        city = self.as_("city")
        self.refuse("city", "", "sgz.agreement", "write", [ids["agreement"]], {"name": "改名"})
        self.refuse("city", "", "sgz.tender", "action_award", [tender])
        for agreement in (ids["agreement"], ids["agreement_2"]):
            city.button(
                "sgz.filing", self.filing_of("city", "sgz.agreement", agreement), "action_acknowledge"
            )
        # the stations are the winners' from now on
        officer.write(
            "sgz.station", [ids["station_a1"], ids["station_a2"]], {"provider_id": ids["provider_x"]}
        )
        officer.write("sgz.station", [ids["station_a3"]], {"provider_id": ids["provider_v"]})

    # ---- 4. hiring: the recruitment plan filed with the county, four workers, one candidate refused ----------

    def hiring(self):
        ids = self.ids
        manager, hr = self.as_("manager_x"), self.as_("hr_x")
        self.at("2026-01-06 09:00")
        plan = manager.create(
            "sgz.recruitment.plan",
            {
                "name": "2026年攸县社工站招聘方案",
                "company_id": ids["provider_x"],
                "county_id": ids["county_a"],
                "agreement_id": ids["agreement"],
                "date_from": "2026-01-06",
                "date_to": "2026-01-16",
                "line_ids": [
                    (0, 0, {"station_id": ids["station_a1"], "positions": 2}),
                    (0, 0, {"station_id": ids["station_a2"], "positions": 2}),
                ],
            },
        )
        manager.button("sgz.recruitment.plan", plan, "action_sgz_file")
        self.refuse("manager_x", "锁定", "sgz.recruitment.plan", "write", [plan], {"date_to": "2026-03-31"})
        self.refuse(
            "manager_x",
            "",
            "sgz.filing",
            "action_acknowledge",
            [self.filing_of("officer_a", "sgz.recruitment.plan", plan)],
        )
        self.as_("officer_a").button(
            "sgz.filing", self.filing_of("officer_a", "sgz.recruitment.plan", plan), "action_acknowledge"
        )
        self.refuse(
            "officer_a", "", "hr.employee", "create", {"name": "县里指定", "company_id": ids["provider_x"]}
        )
        self.refuse("officer_a", "", "sgz.recruitment.plan", "write", [plan], {"name": "改"})
        # HR enters the candidates; the eligible ones are hired on 12 January
        self.at("2026-01-12 09:00")
        workers = {}
        for key, name, body, station, education in (
            ("w1", "甲社工", "43022319950315123", "station_a1", "bachelor"),
            ("w2", "乙社工", "43022319960416124", "station_a1", "college"),
            ("w3", "丙社工", "43022319970517125", "station_a2", "bachelor"),
            ("w4", "丁社工", "43022319840808333", "station_a2", "bachelor"),  # 41 years old: an exception
            ("c5", "戊某", "43022319800101456", "station_a2", "senior_high"),  # neither age nor education
        ):
            workers[key] = hr.create(
                "hr.employee",
                {
                    "name": name,
                    "company_id": ids["provider_x"],
                    "identification_id": id_card(body),
                    "sgz_station_id": ids[station],
                    "sgz_hire_date": "2026-01-12",
                    "sgz_education": education,
                },
            )
        ids.update({f"employee_{key}": value for key, value in workers.items()})
        rows = {row["id"]: row for row in hr.read("hr.employee", list(workers.values()), ["sgz_eligible"])}
        assert [rows[workers[k]]["sgz_eligible"] for k in ("w1", "w2", "w3", "w4", "c5")] == [
            True,
            True,
            True,
            False,
            False,
        ]
        # HR cannot grant the exception itself; it asks, the manager decides: one yes, one no
        self.refuse(
            "hr_x",
            "审批|批准",
            "hr.employee",
            "write",
            [workers["w4"]],
            {"sgz_override": True, "sgz_override_user_id": ids["user_manager_x"], "sgz_override_reason": "x"},
        )
        requests = {}
        for key, reason in (("w4", "偏远乡镇唯一报名者，有多年社区工作经验"), ("c5", "本地人，熟悉情况")):
            requests[key] = hr.create(
                "sgz.eligibility.override",
                {"employee_id": workers[key], "company_id": ids["provider_x"], "reason": reason},
            )
            hr.button("sgz.eligibility.override", requests[key], "action_request_approval")
        self.refuse("hr_x", "", "sgz.eligibility.override", "action_sgz_approve", [requests["w4"]])
        manager.button("sgz.eligibility.override", requests["w4"], "action_sgz_approve")
        review = manager.search_read(
            "sgz.approval.review",
            [
                ("res_model", "=", "sgz.eligibility.override"),
                ("res_id", "=", requests["c5"]),
                ("state", "=", "pending"),
            ],
            ["id"],
        )
        self.refuse("manager_x", "原因|理由", "sgz.approval.review", "action_reject", [review[0]["id"]], "")
        manager.button(
            "sgz.approval.review", review[0]["id"], "action_reject", "年龄和学历均不符合§五(三)的要求"
        )
        rows = {
            row["id"]: row for row in hr.read("hr.employee", [workers["w4"], workers["c5"]], ["sgz_override"])
        }
        assert rows[workers["w4"]]["sgz_override"] and not rows[workers["c5"]]["sgz_override"], rows
        # the labor contracts of the four workers, under the agreement, from 12 January
        contracts = {}
        for key, station, wage in (
            ("w1", "station_a1", 5200),
            ("w2", "station_a1", 4800),
            ("w3", "station_a2", 5000),
            ("w4", "station_a2", 5500),
        ):
            contracts[key] = hr.create(
                "hr.contract",
                {
                    "name": f"{key} 2026",
                    "employee_id": workers[key],
                    "company_id": ids["provider_x"],
                    "sgz_station_id": ids[station],
                    "sgz_agreement_id": ids["agreement"],
                    "wage": wage,
                    "date_start": "2026-01-12",
                    "date_end": "2028-01-11",
                    "state": "open",
                },
            )
        ids.update({f"contract_{key}": value for key, value in contracts.items()})
        self.refuse(
            "hr_x",
            "最低工资",
            "hr.contract",
            "create",
            {
                "name": "低于最低工资",
                "employee_id": workers["c5"],
                "company_id": ids["provider_x"],
                "sgz_station_id": ids["station_a2"],
                "sgz_agreement_id": ids["agreement"],
                "wage": 1000,
                "date_start": "2026-01-12",
                "state": "open",
            },
        )
        # the stationed worker's own account, linked by the administrator
        self.admin.write(
            "hr.employee",
            workers["w1"],
            {"user_id": ids["user_worker_x"]},
            context={"allowed_company_ids": [ids["provider_x"]]},
        )
        # the county records the stationing within the month of the signature
        self.at("2026-01-20 16:00")
        for agreement in (ids["agreement"], ids["agreement_2"]):
            self._wizard_step(
                "officer_a", agreement, "action_confirm_stationing", "2026-01-20", "驻站社工到岗签到表"
            )
        overdue = self.as_("officer_a").search_read(
            "sgz.deadline",
            [("res_model", "=", "sgz.agreement"), ("res_id", "in", [ids["agreement"], ids["agreement_2"]])],
            ["code", "state", "late"],
        )
        late = [row for row in overdue if row["late"] or row["state"] != "done"]
        assert not late, f"every deadline of the signature met: {late}"

    # ---- 5. the months of 2026: activities, bills, payroll, briefs, quarterly reports --------------------------

    def _report(self, role, type_xmlid, day, domain=()):
        """``role`` generates the expected report of ``type_xmlid`` whose period contains ``day``; its id."""
        client = self.as_(role)
        rtype = self.ref(type_xmlid)
        wizard = client.create("sgz.report.generate.wizard", {"report_type_id": rtype, "date": day})
        client.button("sgz.report.generate.wizard", wizard, "action_generate")
        rows = client.search_read(
            "sgz.report",
            [("report_type_id", "=", rtype), ("date_from", "<=", day), ("date_to", ">=", day), *domain],
            ["state"],
        )
        assert len(rows) == 1, f"one {type_xmlid} of {day}: {rows}"
        return rows[0]["id"]

    def _write_and_submit(self, role, report):
        client = self.as_(role)
        self.refuse(role, "", "sgz.report", "action_submit", [report])  # no narrative yet
        client.write(
            "sgz.report",
            report,
            {
                "highlights": "<p>按计划开展服务</p>",
                "problems": "<p>人手偏紧</p>",
                "next_steps": "<p>继续推进</p>",
            },
        )
        client.button("sgz.report", report, "action_submit")
        self.refuse(role, "锁定|已提交", "sgz.report", "write", [report], {"highlights": "<p>改写</p>"})

    def _brief(self, month):
        """The provider's brief of ``month``, submitted on the 3rd of the next month, acknowledged by the county."""
        ids = self.ids
        following = (month + datetime.timedelta(days=32)).replace(day=3)
        self.at(f"{following.isoformat()} 10:00")
        brief = self._report(
            "manager_x",
            "sgz_reporting.report_type_monthly_brief",
            month.isoformat(),
            [("company_id", "=", ids["provider_x"])],
        )
        self._write_and_submit("manager_x", brief)
        self.refuse("manager_x", "", "sgz.report", "action_acknowledge", [brief])
        self.as_("officer_a").button("sgz.report", brief, "action_acknowledge")
        ids.setdefault("briefs", []).append(brief)

    def _quarterly(self, quarter_start):
        ids = self.ids
        following = (quarter_start + datetime.timedelta(days=95)).replace(day=6)
        self.at(f"{following.isoformat()} 10:00")
        report = self._report(
            "officer_a",
            "sgz_reporting.report_type_county_quarterly",
            quarter_start.isoformat(),
            [("company_id", "=", ids["county_a"])],
        )
        self._write_and_submit("officer_a", report)
        city = self.as_("city")
        self.refuse("city", "", "sgz.report", "write", [report], {"highlights": "<p>市里改</p>"})
        self.refuse("city", "", "sgz.report", "action_submit", [report])
        city.button("sgz.report", report, "action_acknowledge")
        ids.setdefault("quarterlies", []).append(report)

    def _bill(self, day, paid_on):
        """County finance bills the next quarter of year 1, posts the bill and pays it."""
        ids = self.ids
        finance = self.as_("finance_a")
        self.at(f"{day} 10:00")
        year_1 = finance.search(
            "sgz.agreement.year", [("agreement_id", "=", ids["agreement"]), ("sequence", "=", 1)]
        )
        action = finance.button("sgz.agreement.year", year_1, "action_sgz_bill_next_period")
        bill = action["res_id"]
        finance.button("account.move", bill, "action_post")
        self.refuse("finance_a", "", "account.move", "write", [bill], {"invoice_date": "2026-12-31"})
        self.at(f"{paid_on} 10:00")
        context = {"active_model": "account.move", "active_ids": [bill]}
        wizard = finance.create("account.payment.register", {"payment_date": paid_on}, context=context)
        finance.button("account.payment.register", wizard, "action_create_payments", context=context)
        ids.setdefault("bills", []).append(bill)

    def _activities(self, month):
        ids = self.ids
        if month.month == 2:
            # January's activities are locked by January's brief; another provider's station is not this one's
            january = self.users["hr_x2"].search("sgz.activity", [("date", "<", "2026-02-01")], limit=1)
            self.refuse("hr_x2", "", "sgz.activity", "write", january, {"person_times": 300})
            self.refuse(
                "hr_x2",
                "",
                "sgz.activity",
                "create",
                {
                    "name": "越界",
                    "activity_type": "community",
                    "date": "2026-02-01",
                    "station_id": ids["station_a3"],
                    "service_area_id": self.ref("sgz_base.service_area_community"),
                    "duration": 1.0,
                    "person_times": 1,
                },
            )
        # (the station's records are entered by the provider's HR staff: the stationed-worker role reads them)
        worker = self.as_("hr_x2")
        self.at(f"{month.isoformat()[:8]}12 17:00")
        for day, kind, people in (("05", "community", 30), ("10", "home_visit", 6)):
            worker.create(
                "sgz.activity",
                {
                    "name": f"{month.month}月{'社区活动' if kind == 'community' else '入户走访'}",
                    "activity_type": kind,
                    "date": f"{month.isoformat()[:8]}{day}",
                    "station_id": ids["station_a1"],
                    "service_area_id": self.ref("sgz_base.service_area_community"),
                    "duration": 2.0,
                    "person_times": people,
                },
            )

    def year_months(self):
        ids = self.ids
        hr = self.as_("hr_x")
        runs = ids["runs"] = []
        for month in months(2026):
            if month.month > 1:
                self._brief(month.replace(month=month.month - 1))
            if month.month in (4, 7, 10):
                self._quarterly(month.replace(month=month.month - 3))
            self._activities(month)
            if month.month in (1, 4, 7, 10):
                self._bill(f"{month.isoformat()[:8]}15", f"{month.isoformat()[:8]}20")
            self.at(f"{month.isoformat()[:8]}25 10:00")
            run = hr.create(
                "sgz.payroll.run", {"company_id": ids["provider_x"], "date_from": month.isoformat()}
            )
            hr.button("sgz.payroll.run", run, "action_generate")
            hr.button("sgz.payroll.run", run, "action_compute")
            hr.button("sgz.payroll.run", run, "action_confirm")
            runs.append(run)
            if month.month == 1:
                slip = hr.search("sgz.payslip", [("run_id", "=", run)], limit=1)
                self.refuse("hr_x", "锁定|确认", "sgz.payslip", "write", slip, {"performance_pay": 99999})
                self.refuse(
                    "hr_x",
                    "",
                    "sgz.payroll.run",
                    "write",
                    [run],
                    {"state": "draft"},
                    context={"sgz_rules_read_all": True},
                )
                # another provider's payroll, even with the context key the record rules read, or with the other
                # provider ticked in the company switcher
                self.refuse(
                    "manager_y",
                    "",
                    "sgz.payroll.run",
                    "read",
                    [run],
                    ["name"],
                    context={"sgz_rules_read_all": True},
                )
                self.refuse(
                    "manager_y",
                    "",
                    "sgz.payroll.run",
                    "read",
                    [run],
                    ["name"],
                    context={"allowed_company_ids": [ids["provider_x"]]},
                )
                self.refuse("manager_y", "", "sgz.payslip", "read", slip, ["net"])
                self.refuse("worker_x", "", "sgz.payroll.run", "action_confirm", [run])
                self.refuse("worker_x", "", "hr.contract", "write", [ids["contract_w1"]], {"wage": 9000})
        slips = hr.search_read(
            "sgz.payslip",
            [("run_id", "in", runs), ("state", "=", "confirmed")],
            ["employee_id", "gross", "net"],
        )
        assert len(slips) == 48, f"4 workers × 12 months: {len(slips)}"

    # ---- 6. year end: evaluation, reward round, next year's budget, renewal ------------------------------------

    def year_end(self):
        ids = self.ids
        self.at("2026-12-28 10:00")
        # the State Council's 2027 schedule is out: the administrator enters it (元旦 1–3 January)
        self.admin.create(
            "sgz.calendar.year",
            {
                "name": 2027,
                "note": "国务院办公厅关于2027年部分节假日安排的通知",
                "day_ids": [
                    (0, 0, {"date": f"2027-01-0{d}", "kind": "holiday", "name": "元旦"}) for d in (1, 2, 3)
                ],
            },
        )
        evaluator = self.as_("evaluator")
        year_1 = evaluator.search(
            "sgz.agreement.year", [("agreement_id", "=", ids["agreement"]), ("sequence", "=", 1)]
        )
        ids["year_1"] = year_1[0]
        evaluation = evaluator.create(
            "sgz.agreement.evaluation",
            {
                "year_id": year_1[0],
                "result": "qualified",
                "line_ids": [
                    (0, 0, {"name": "服务成效", "max_score": 60, "score": 50}),
                    (0, 0, {"name": "项目管理", "max_score": 40, "score": 32}),
                ],
            },
        )
        evaluator.button("sgz.agreement.evaluation", evaluation, "action_record")
        self.refuse(
            "evaluator", "锁定", "sgz.agreement.evaluation", "write", [evaluation], {"result": "unqualified"}
        )
        self.refuse("evaluator", "", "sgz.budget", "write", [ids["budget"]], {"fiscal_year": 2030})
        self.refuse("officer_a", "", "sgz.agreement.evaluation", "write", [evaluation], {"note": "县里改"})
        # the province's reward round: 82 points is "good"
        self.at("2026-12-29 10:00")
        province = self.as_("province")
        grades = {
            row["code"]: row["id"] for row in province.search_read("sgz.budget.reward.grade", [], ["code"])
        }
        reward = province.create(
            "sgz.budget.reward.round",
            {
                "name": "2026年度社工站奖励性补助",
                "company_id": ids["province"],
                "fiscal_year": 2026,
                "evaluation_year": 2026,
                "date": "2026-12-29",
                "line_ids": [
                    (0, 0, {"grade_id": grades["excellent"], "amount": 100000}),
                    (0, 0, {"grade_id": grades["good"], "amount": 60000}),
                    (0, 0, {"grade_id": grades["qualified"], "amount": 30000}),
                ],
            },
        )
        province.button("sgz.budget.reward.round", reward, "action_confirm")
        self.refuse("province", "", "sgz.budget.reward.round", "action_confirm", [reward])
        self.refuse("province", "", "sgz.budget.allocation", "write", [ids["allocation"]], {"amount": 1})
        allocations = province.search_read(
            "sgz.budget.allocation", [("reward_round_id", "=", reward)], ["target_company_id", "amount"]
        )
        assert [(row["target_company_id"][0], row["amount"]) for row in allocations] == [
            (ids["county_a"], 60000.0)
        ], allocations
        # next year's budget, then year 2 signed on 4 January 2027 (year 1 ends that day)
        finance, approver = self.as_("finance_a"), self.as_("approver_a")
        budget_2027 = ids["budget_2027"] = finance.create(
            "sgz.budget",
            {
                "company_id": ids["county_a"],
                "fiscal_year": 2027,
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "fund_source_id": ids["fund_lottery"],
                            "category_id": ids["category_service"],
                            "amount": 600000,
                        },
                    )
                ],
            },
        )
        finance.button("sgz.budget", budget_2027, "action_submit")
        approver.button("sgz.budget", budget_2027, "action_sgz_approve")
        self.refuse("approver_a", "", "sgz.budget", "action_sgz_approve", [budget_2027])
        self.refuse("approver_a", "", "sgz.budget", "write", [budget_2027], {"fiscal_year": 2028})
        self.refuse("finance_a", "", "sgz.budget", "write", [budget_2027], {"fiscal_year": 2028})
        self.refuse("finance_a", "", "sgz.budget.reward.round", "write", [reward], {"name": "改"})
        # December's brief and the fourth quarter's report
        self._brief(datetime.date(2026, 12, 1))
        self._quarterly(datetime.date(2026, 10, 1))
        self.at("2027-01-04 10:00")
        officer = self.as_("officer_a")
        officer.button("sgz.agreement", ids["agreement"], "action_renew")
        self.refuse("officer_a", "", "sgz.agreement", "action_renew", [ids["agreement_2"]])
        year_2 = officer.search(
            "sgz.agreement.year", [("agreement_id", "=", ids["agreement"]), ("sequence", "=", 2)]
        )
        officer.write("sgz.agreement.year", year_2, {"sign_date": "2027-01-04"})
        officer.button("sgz.agreement.year", year_2, "action_confirm")
        ids["year_2"] = year_2[0]
        self.at("2027-01-05 16:00")
        self._wizard_step(
            "officer_a",
            ids["agreement"],
            "action_confirm_publication",
            "2027-01-05",
            "中国政府采购网，2027年1月5日合同公告",
        )

    # ---- 7. the figures agree across modules --------------------------------------------------------------------

    def figures(self):
        ids = self.ids
        self.at("2027-01-08 10:00")
        finance = self.as_("finance_a")
        bills = finance.read("account.move", ids["bills"], ["amount_total", "state", "payment_state"])
        assert all(b["state"] == "posted" and b["payment_state"] in ("paid", "in_payment") for b in bills), (
            bills
        )
        billed = round(sum(b["amount_total"] for b in bills), 2)
        line = finance.search_read(
            "sgz.budget.line",
            [("budget_id", "=", ids["budget"]), ("fund_source_id", "=", ids["fund_lottery"])],
            ["allocated", "committed", "actual", "paid", "available"],
        )[0]
        signed = finance.read("sgz.agreement", [ids["agreement"], ids["agreement_2"]], ["signed_amount"])
        signed_total = round(sum(row["signed_amount"] for row in signed), 2)
        assert round(line["actual"], 2) == billed, (line, billed)
        assert round(line["paid"], 2) == billed, (line, billed)
        assert round(line["committed"], 2) == round(signed_total - billed, 2), (line, signed_total, billed)
        self.refuse("finance_a", "", "sgz.budget.line", "write", [line["id"]], {"amount": 1})
        self.refuse("finance_a", "", "sgz.payslip", "search_read", [], ["net"])
        # the briefs' and the quarterly reports' payroll totals are the payslips'
        manager = self.as_("manager_x")
        slips = manager.search_read(
            "sgz.payslip",
            [("company_id", "=", ids["provider_x"]), ("state", "=", "confirmed")],
            ["date_from", "gross", "net", "tax"],
        )
        by_month = collections.defaultdict(lambda: collections.Counter())
        for slip in slips:
            for code in ("gross", "net", "tax"):
                by_month[slip["date_from"]][code] += slip[code]
        for brief in manager.read("sgz.report", ids["briefs"], ["date_from", "line_ids"]):
            lines = manager.search_read(
                "sgz.report.line",
                [
                    ("report_id", "=", brief["id"]),
                    ("code", "in", ("gross", "net", "tax", "staffed_stations")),
                ],
                ["code", "value", "withheld"],
            )
            values = {row["code"]: row for row in lines}
            for code in ("gross", "net", "tax"):
                assert not values[code]["withheld"], (brief, code)
                assert round(values[code]["value"], 2) == round(by_month[brief["date_from"]][code], 2), (
                    brief["date_from"],
                    code,
                    values[code],
                    by_month[brief["date_from"]][code],
                )
            assert values["staffed_stations"]["value"] == 2, values
        assert len(ids["briefs"]) == 12
        self.refuse("manager_x", "", "sgz.budget", "read", [ids["budget"]], ["fiscal_year"])
        self.refuse(
            "manager_x", "锁定|确认", "sgz.payslip", "write", [slips[0]["id"]], {"performance_pay": 1}
        )
        officer = self.as_("officer_a")
        for report in officer.read("sgz.report", ids["quarterlies"], ["date_from", "date_to"]):
            gross = officer.search_read(
                "sgz.report.line", [("report_id", "=", report["id"]), ("code", "=", "gross")], ["value"]
            )
            if gross:
                expected = sum(
                    v["gross"] for m, v in by_month.items() if report["date_from"] <= m <= report["date_to"]
                )
                assert round(gross[0]["value"], 2) == round(expected, 2), (report, gross, expected)
        # coverage: 攸县's stations in service and staffed are the stations with their workers
        coverage = officer.search_read(
            "sgz.coverage",
            [("company_id", "=", ids["county_a"])],
            ["stations", "workers", "quota", "staffed"],
        )
        assert coverage and coverage[0]["stations"] == 3 and coverage[0]["workers"] == 4, coverage
        self.refuse("officer_a", "", "sgz.coverage", "write", [1], {"stations": 99})
        self.refuse("officer_a", "", "sgz.payslip", "write", [slips[0]["id"]], {"performance_pay": 1})
        # the lottery disclosure of 2026 is the lottery ledger of 2026
        disclosure = finance.create(
            "sgz.lottery.disclosure", {"company_id": ids["county_a"], "fiscal_year": 2026}
        )
        finance.button("sgz.lottery.disclosure", disclosure, "action_compute")
        row = finance.one(
            "sgz.lottery.disclosure", disclosure, ["amount_actual", "amount_committed", "amount_scale"]
        )
        assert round(row["amount_actual"], 2) == billed, (row, billed)
