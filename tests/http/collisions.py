"""Two clients at the same moment (issue 19 §2), against the server of the year: each pair of calls is released by
a barrier, each client with its own session; exactly one succeeds, the other reads a Chinese sentence (never a
traceback or a serialization error), and nothing is duplicated or half-written."""

import threading

from client import RpcError, check_sentence


def collide(first, second):
    """Runs the two calls at the same moment; [(result, error)] in their order."""
    barrier = threading.Barrier(2)
    outcome = [None, None]

    def run(index, call):
        barrier.wait()
        try:
            outcome[index] = (call(), None)
        except RpcError as error:
            outcome[index] = (None, error)

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate((first, second))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return outcome


def one_wins(outcome, words, what):
    """Exactly one call succeeded, the other was refused with a Chinese sentence; the index of the winner."""
    errors = [error for _result, error in outcome if error]
    assert len(errors) == 1, f"{what}: exactly one of the two succeeds: {outcome}"
    check_sentence(errors[0], words, what)
    print(f"   {what}: the other reads 「{errors[0].message}」")
    return 0 if outcome[0][1] is None else 1


class Collisions:
    def __init__(self, year):
        self.year = year

    @property
    def ids(self):
        return self.year.ids

    def payroll_run(self):
        """Two HR users confirm the same payroll run."""
        year, ids = self.year, self.ids
        year.at("2027-01-25 10:00")
        hr, hr2 = year.users["hr_x"], year.users["hr_x2"]
        run = hr.create("sgz.payroll.run", {"company_id": ids["provider_x"], "date_from": "2027-01-01"})
        hr.button("sgz.payroll.run", run, "action_generate")
        hr.button("sgz.payroll.run", run, "action_compute")
        slips = hr.search("sgz.payslip", [("run_id", "=", run)])
        outcome = collide(
            lambda: hr.button("sgz.payroll.run", run, "action_confirm"),
            lambda: hr2.button("sgz.payroll.run", run, "action_confirm"),
        )
        one_wins(outcome, "", "two HR users confirm one payroll run")
        row = hr.one("sgz.payroll.run", run, ["state", "payslip_ids"])
        assert row["state"] == "confirmed" and sorted(row["payslip_ids"]) == sorted(slips), row
        states = {s["state"] for s in hr.read("sgz.payslip", slips, ["state"])}
        assert states == {"confirmed"}, states
        runs = hr.search(
            "sgz.payroll.run", [("company_id", "=", ids["provider_x"]), ("date_from", "=", "2027-01-01")]
        )
        assert runs == [run], runs

    def tender_approval(self):
        """Two approvers approve the last tier of the same tender."""
        year, ids = self.year, self.ids
        year.at("2027-01-11 09:00")
        officer = year.users["officer_a"]
        tender = officer.create(
            "sgz.tender",
            {
                "name": "攸县社工站督导服务项目（竞争性磋商）",
                "company_id": ids["county_a"],
                "user_id": ids["user_officer_a"],
                "method": "consultation",
                "announcement_date": "2027-01-11",
                "bid_deadline": "2027-01-21 01:30:00",
                "price_weight": 30,
                "lot_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "督导服务",
                            "ceiling_price": 50000,
                            "station_ids": [(6, 0, [ids["station_a3"]])],
                        },
                    )
                ],
                "criterion_ids": [(0, 0, {"name": "服务方案", "weight": 100})],
                "committee_ids": [
                    (0, 0, {"user_id": ids["user_officer_a"], "role": "buyer"}),
                    (0, 0, {"user_id": ids["user_expert_1"], "role": "chair"}),
                    (0, 0, {"user_id": ids["user_expert_2"], "role": "expert"}),
                ],
            },
        )
        officer.button("sgz.tender", tender, "action_publish")
        first, second = year.users["approver_a"], year.users["approver_a2"]
        outcome = collide(
            lambda: first.button("sgz.tender", tender, "action_sgz_approve"),
            lambda: second.button("sgz.tender", tender, "action_sgz_approve"),
        )
        one_wins(outcome, "", "two approvers approve the last tier of one tender")
        assert officer.one("sgz.tender", tender, ["state"])["state"] == "published"
        reviews = first.search_read(
            "sgz.approval.review",
            [("res_model", "=", "sgz.tender"), ("res_id", "=", tender)],
            ["state", "user_id"],
        )
        assert [r["state"] for r in reviews] == ["approved"], reviews

    def bills_over_line(self):
        """Two finance users post bills that together exceed the budget line."""
        year, ids = self.year, self.ids
        year.at("2027-01-20 10:00")
        finance, finance2 = year.users["finance_a"], year.users["finance_a2"]
        line = finance.search_read(
            "sgz.budget.line",
            [("budget_id", "=", ids["budget_2027"]), ("fund_source_id", "=", ids["fund_lottery"])],
            ["available", "actual"],
        )[0]
        amount = round(line["available"] * 0.6, 2)
        partner = year.admin.one("res.company", ids["provider_x"], ["partner_id"])["partner_id"][0]
        bills = []
        for client in (finance, finance2):
            bills.append(
                client.create(
                    "account.move",
                    {
                        "move_type": "in_invoice",
                        "company_id": ids["county_a"],
                        "partner_id": partner,
                        "invoice_date": "2027-01-20",
                        "invoice_line_ids": [
                            (
                                0,
                                0,
                                {
                                    "name": "督导培训服务",
                                    "quantity": 1,
                                    "price_unit": amount,
                                    "tax_ids": [(5,)],
                                    "sgz_fund_source_id": ids["fund_lottery"],
                                    "sgz_budget_category_id": ids["category_service"],
                                },
                            )
                        ],
                    },
                )
            )
        outcome = collide(
            lambda: finance.button("account.move", bills[0], "action_post"),
            lambda: finance2.button("account.move", bills[1], "action_post"),
        )
        winner = one_wins(outcome, "预算|可用|超出", "two finance users post bills over one line")
        states = [row["state"] for row in finance.read("account.move", bills, ["state"])]
        assert states[winner] == "posted" and states[1 - winner] == "draft", states
        after = finance.one("sgz.budget.line", line["id"], ["actual"])
        assert round(after["actual"] - line["actual"], 2) == amount, (line, after, amount)

    def brief_and_activity(self):
        """The provider submits a brief while its station saves an activity of that month."""
        year, ids = self.year, self.ids
        year.at("2027-02-03 10:00")
        brief = year._report(
            "manager_x",
            "sgz_reporting.report_type_monthly_brief",
            "2027-01-01",
            [("company_id", "=", ids["provider_x"])],
        )
        manager, station = year.users["manager_x"], year.users["hr_x2"]
        manager.write(
            "sgz.report",
            brief,
            {"highlights": "<p>一月服务</p>", "problems": "<p>无</p>", "next_steps": "<p>继续</p>"},
        )
        activity = {
            "name": "迟到的记录",
            "activity_type": "community",
            "date": "2027-01-28",
            "station_id": ids["station_a1"],
            "service_area_id": year.ref("sgz_base.service_area_community"),
            "duration": 1.0,
            "person_times": 5,
        }
        outcome = collide(
            lambda: manager.button("sgz.report", brief, "action_submit"),
            lambda: station.create("sgz.activity", activity),
        )
        (submitted, submit_error), (created, create_error) = outcome
        assert not submit_error, f"the brief is submitted: {submit_error}"
        saved = station.search_read("sgz.activity", [("name", "=", "迟到的记录")], ["brief_id", "lock_state"])
        counted = manager.search_read(
            "sgz.report.line", [("report_id", "=", brief), ("code", "=", "activities")], ["value"]
        )
        january = len(
            station.search("sgz.activity", [("date", ">=", "2027-01-01"), ("date", "<", "2027-02-01")])
        )
        if create_error:
            # the brief locked the month first: the activity is refused and nothing of it is saved
            check_sentence(create_error, "", "an activity of a month whose brief was submitted")
            print(f"   the activity is refused: 「{create_error.message}」")
            assert not saved, saved
        else:
            # the activity was saved first: the brief counts it and it is locked with the brief's month
            assert saved and saved[0]["brief_id"] and saved[0]["brief_id"][0] == brief, saved
            print("   the activity was saved first and the brief counts it")
        assert counted and counted[0]["value"] == january, (counted, january)
