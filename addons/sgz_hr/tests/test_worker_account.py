import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from .common import SgzHrCase, id_card, month

WORKER_GROUP = "sgz_base.sgz_base_group_station_worker"


def open_worker_menus(case, user):
    """Every action of the app 我的工作 opens for the worker: its views and its records as the web client
    reads them."""
    root = case.env.ref("sgz_hr.sgz_worker_menu_root")
    menus = (
        case.env["ir.ui.menu"].with_user(user).search([("id", "child_of", root.id), ("action", "!=", False)])
    )
    case.assertGreaterEqual(len(menus), 6)
    for menu in menus:
        action = menu.action.sudo()
        Model = case.env[action.res_model].with_user(user)
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids] or [
            (action.view_id.id, mode) for mode in action.view_mode.split(",")
        ]
        description = Model.get_views(views)
        records = Model.search(safe_eval(action.domain or "[]"))
        records.web_read({name: {} for name in description["models"][action.res_model]["fields"]})


@tagged("post_install", "-at_install", "sgz_hr")
class TestWorkerAccount(SgzHrCase):
    """驻站社工 (issue 17, §4): HR creates the workers' accounts in one click (or 50 in one action); a worker reads
    their own pay, contract, base and declarations, nothing of the others; access ends with the contract."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.li = cls._worker("李娜", body="43022319950315124", mobile_phone="138 0731 0001")
        cls.zhao = cls._worker("赵敏", body="43022319960620221", mobile_phone="13807310002")
        cls.contract_li = cls._contract(cls.li, 8000, "2024-01-01", "2024-06-30")
        cls.contract_zhao = cls._contract(cls.zhao, 7000, "2024-01-01")
        cls.run_jan = cls._run(month(2024, 1), confirm=True)
        cls.run_feb = cls._run(month(2024, 2))  # a draft: not yet the workers' to see
        cls.li.with_user(cls.hr_x).action_sgz_create_user()
        cls.zhao.with_user(cls.hr_x).action_sgz_create_user()
        cls.user_li, cls.user_zhao = cls.li.user_id, cls.zhao.user_id
        cls.slip_li = cls.run_jan.payslip_ids.filtered(lambda p: p.employee_id == cls.li)
        cls.slip_zhao = cls.run_jan.payslip_ids.filtered(lambda p: p.employee_id == cls.zhao)

    # ---- accounts ------------------------------------------------------------------------------------------------

    def test_one_click_account(self):
        worker = self._worker("王芳", body="43022319970101222", mobile_phone="+86 139-0731-0003")
        action = worker.with_user(self.hr_x).action_sgz_create_user()
        user = worker.user_id
        self.assertEqual(user.login, "13907310003")
        self.assertEqual((user.company_id, user.company_ids), (self.provider_x, self.provider_x))
        self.assertEqual((user.lang, user.tz), ("zh_CN", "Asia/Shanghai"))
        # the worker's role and what it implies, nothing else (no app administrator group from the template)
        group = self.env.ref(WORKER_GROUP)
        self.assertFalse(user.groups_id - group - group.trans_implied_ids)
        self.assertFalse(user.has_group("hr.group_hr_user"))
        self.assertEqual(user.partner_id, worker.work_contact_id)
        # the initial password, shown once on the sheet, logs in
        sheet = self.env["sgz.worker.account"].browse(action["res_id"]).with_user(self.hr_x)
        self.assertEqual(sheet.line_ids.login, "13907310003")
        password = sheet.line_ids.password
        self.assertEqual(len(password), 10)
        user.with_user(user)._check_credentials(
            {"type": "password", "login": user.login, "password": password}, {"interactive": False}
        )
        # the sheet is its creator's alone
        self.assertFalse(
            self.env["sgz.worker.account"].with_user(self.manager_x).search([("id", "=", sheet.id)])
        )

    def test_fifty_accounts_in_one_action(self):
        workers = self.env["hr.employee"].create(
            [
                {
                    "name": f"社工{index:02d}",
                    "company_id": self.provider_x.id,
                    "identification_id": id_card(f"43022319900101{index:03d}"),
                    "sgz_station_id": self.station_a2.id,
                    "mobile_phone": f"1370731{index:04d}",
                }
                for index in range(50)
            ]
        )
        action = self.env.ref("sgz_hr.hr_employee_action_sgz_create_user").with_user(self.hr_x)
        result = action.with_context(active_model="hr.employee", active_ids=workers.ids).run()
        self.assertEqual(len(workers.user_id), 50)
        self.assertEqual(self.env["sgz.worker.account"].browse(result["res_id"]).count, 50)
        self.assertEqual(sorted(workers.user_id.mapped("login")), sorted(workers.mapped("mobile_phone")))

    def test_refusals_with_sentences(self):
        hr = self.hr_x.with_context(lang="en_US")
        no_phone = self._worker("周平", body="43022319980202223")
        with self.assertRaisesMsg(UserError, "周平 have no mobile phone number"):
            no_phone.with_user(hr).action_sgz_create_user()
        with self.assertRaisesMsg(UserError, "李娜 already have a user account"):
            self.li.with_user(hr).action_sgz_create_user()
        same = self._worker("孙丽", body="43022319980303224", mobile_phone="13807310001")
        with self.assertRaisesMsg(UserError, "login 13807310001 .* already used"):
            same.with_user(hr).action_sgz_create_user()
        bad = self._worker("钱进", body="43022319980404225", mobile_phone="0731-1234")
        with self.assertRaisesMsg(UserError, "not an 11-digit mobile number"):
            bad.with_user(hr).action_sgz_create_user()
        # one refusal in a batch creates nothing
        fine = self._worker("吴桐", body="43022319980505226", mobile_phone="13807310009")
        with self.assertRaisesMsg(UserError, "周平 have no mobile phone number"):
            (fine | no_phone).with_user(hr).action_sgz_create_user()
        self.assertFalse(fine.user_id)
        # only the worker's own provider's HR, over RPC as much as in the form
        with self.assertRaisesMsg(AccessError, "其他单位|your own workers"):
            fine.with_user(self.hr_y).with_context(lang="zh_CN").action_sgz_create_user()
        for user in (self.user_li, self.officer_a):
            with self.assertRaisesMsg(AccessError, "Only the provider's HR staff"):
                fine.with_user(user).with_context(lang="en_US").action_sgz_create_user()
        self.assertFalse(fine.user_id)

    # ---- access ends with the contract -------------------------------------------------------------------------

    def test_access_ends_after_the_contract(self):
        Employee = self.env["hr.employee"]
        with freeze_time("2024-06-30"):
            Employee._cron_sgz_end_worker_access()
        self.assertTrue(self.user_li.active)  # the last day of the contract: still at work
        with freeze_time("2024-07-01"):
            Employee._cron_sgz_end_worker_access()
        self.assertFalse(self.user_li.active)
        self.assertTrue(self.user_zhao.active)  # an open-ended contract
        self.assertIn("已归档", self.li.message_ids[0].body)
        # hired again: the account comes back with the new contract, not before
        hr = self.hr_x.with_context(lang="en_US")
        with (
            freeze_time("2024-07-02"),
            self.assertRaisesMsg(UserError, "李娜 left: the account was archived"),
        ):
            self.li.with_user(hr).action_sgz_create_user()
        self._contract(self.li, 8500, "2024-07-02")
        with freeze_time("2024-07-02"):
            action = self.li.with_user(hr).action_sgz_create_user()
        self.assertEqual((self.li.user_id, self.user_li.active), (self.user_li, True))
        line = self.env["sgz.worker.account"].browse(action["res_id"]).line_ids
        self.assertEqual(line.login, "13807310001")
        self.user_li.with_user(self.user_li)._check_credentials(
            {"type": "password", "login": line.login, "password": line.password}, {"interactive": False}
        )

    def test_renewed_contract_keeps_access(self):
        self._contract(self.li, 8000, "2024-07-01", "2025-06-30", state="draft")
        with freeze_time("2024-07-01"):
            self.env["hr.employee"]._cron_sgz_end_worker_access()
        self.assertTrue(self.user_li.active)

    def test_closing_the_contract_ends_access(self):
        with freeze_time("2024-03-15"):
            self.contract_zhao.with_user(self.hr_x).write({"date_end": datetime.date(2024, 3, 31)})
            self.assertTrue(self.user_zhao.active)  # notice given: works until the end
            self.contract_zhao.with_user(self.hr_x).write({"state": "close"})
        self.assertFalse(self.user_zhao.active)

    # ---- what the worker sees ------------------------------------------------------------------------------------

    def test_own_payslip_and_pdf(self):
        Payslip = self.env["sgz.payslip"].with_user(self.user_li)
        self.assertEqual(Payslip.search([]), self.slip_li)  # February's draft is not shown
        values = self.slip_li.with_user(self.user_li).read(["net", "net_upper"])[0]
        self.assertEqual(values["net"], self.slip_li.net)
        self.assertTrue(values["net_upper"].endswith(("元整", "角", "分")))
        self.assertEqual(
            self.env["sgz.payslip.line"].with_user(self.user_li).search([]), self.slip_li.line_ids
        )
        report = self.env.ref("sgz_hr.action_report_sgz_payslip").with_user(self.user_li)
        html = report._render_qweb_html(report.report_name, self.slip_li.ids)[0].decode()
        self.assertIn(self.slip_li._sgz_net_upper(), html)
        self.assertIn("李娜", html)
        # the worker's menus open their own screens
        open_worker_menus(self, self.user_li)

    def test_other_workers_pay_refused(self):
        user = self.user_li.with_context(lang="zh_CN")
        Payslip = self.env["sgz.payslip"].with_user(user)
        with self.assertRaisesMsg(AccessError, "工资单"):
            self.slip_zhao.with_user(user).read(["net"])
        self.assertEqual(Payslip.search_read([("id", "=", self.slip_zhao.id)], ["net"]), [])
        totals = Payslip.read_group([], ["net:sum"], [])
        self.assertEqual(totals[0]["net"], self.slip_li.net)
        report = self.env.ref("sgz_hr.action_report_sgz_payslip").with_user(user)
        with self.assertRaisesMsg(AccessError, "工资单"):
            report._render_qweb_html(report.report_name, self.slip_zhao.ids)
        with self.assertRaisesMsg(AccessError, "工资单明细"):
            self.slip_zhao.line_ids.with_user(user).read(["amount"])
        # the contracts: their own, with the wage; not the colleague's
        Contract = self.env["hr.contract"].with_user(user)
        self.assertEqual(Contract.search([]), self.contract_li)
        self.assertEqual(self.contract_li.with_user(user).read(["wage"])[0]["wage"], 8000)
        with self.assertRaisesMsg(AccessError, "员工合同"):
            self.contract_zhao.with_user(user).read(["wage"])
        self.assertEqual(Contract.read_group([], ["wage:sum"], [])[0]["wage"], 8000)
        # the declared contribution bases: their own
        bases = self.env["sgz.contribution.base"].with_user(user).search([])
        self.assertEqual(bases.employee_id, self.li)
        # no writing anything of the pay
        with self.assertRaisesMsg(AccessError, "您的角色不能修改工资单"):
            self.slip_li.with_user(user).write({"performance_pay": 1})
        with self.assertRaisesMsg(AccessError, "您的角色不能修改员工合同"):
            self.contract_li.with_user(user).write({"wage": 9000})

    def test_worker_declares_a_deduction_hr_confirms(self):
        user = self.user_li.with_context(lang="en_US")
        Deduction = self.env["sgz.special.deduction"].with_user(user)
        values = {
            "kind": "housing_rent",
            "standard_id": self.env.ref("sgz_hr.sad_housing_rent_2_2019").id,
            "date_from": "2024-03-01",
            "declared_date": "2024-03-01",
        }
        declaration = Deduction.create(values)
        self.assertEqual((declaration.employee_id, declaration.state), (self.li, "draft"))
        # not confirmed by the worker, nor declared for a colleague
        with self.assertRaisesMsg(UserError, "change only through the buttons"):
            Deduction.create({**values, "state": "confirmed", "date_from": "2025-01-01"})
        with self.assertRaisesMsg(AccessError, "not allowed to do this"):
            declaration.action_confirm()
        with self.assertRaises(AccessError):
            Deduction.create({**values, "employee_id": self.zhao.id})
        # the worker posts in its chatter (a user without email)
        self.assertFalse(self.user_li.email)
        declaration.message_post(body="租房合同已上传")
        # payroll deducts confirmed declarations only
        self.run_feb.action_confirm()
        self.assertEqual(self._deducted(month(2024, 3)), 0)
        declaration.with_user(self.hr_x).action_confirm()
        self.assertEqual(declaration.state, "confirmed")
        self.assertGreater(self._deducted(month(2024, 3)), 0)
        # confirmed: no longer the worker's to change
        with self.assertRaises(AccessError):
            declaration.write({"monthly_amount": 1})

    def _deducted(self, day):
        run = self.env["sgz.payroll.run"].search(
            [("company_id", "=", self.provider_x.id), ("date_from", "=", day)]
        )
        run = run or self._run(day)
        run.action_compute()
        return run.payslip_ids.filtered(lambda p: p.employee_id == self.li).special_deductions


@tagged("post_install", "-at_install", "sgz_hr")
class TestWorkerDemo(SgzHrCase):
    def test_demo_worker(self):
        user = self.env.ref("sgz_hr.user_station_worker", raise_if_not_found=False)
        if not user:
            self.skipTest("no demo data")
        chen = self.env.ref("sgz_hr.worker_chen")
        self.assertEqual((user.login, chen.user_id), ("worker", user))
        self.assertEqual(chen.sgz_station_id, self.env.ref("sgz_base.station_xingsha"))
        group = self.env.ref(WORKER_GROUP)
        multi_company = self.env.ref("base.group_multi_company")
        self.assertFalse(user.groups_id - group - group.trans_implied_ids - multi_company)
        # her contract, not her colleagues'
        self.assertEqual(
            self.env["hr.contract"].with_user(user).search([]), self.env.ref("sgz_hr.contract_chen")
        )


@tagged("post_install", "-at_install", "sgz_tour")
class TestWorkerPayslipTour(HttpCase, SgzHrCase):
    """On a phone-sized screen (a worker in the field), the worker opens their payslip."""

    browser_size = "375x667"
    touch_enabled = True

    def test_worker_opens_payslip_on_phone(self):
        worker = self._worker("李娜", body="43022319950315124", mobile_phone="13807310001")
        self._contract(worker, 6000, "2024-01-01")
        self._run(month(2024, 1), confirm=True)
        worker.with_user(self.hr_x).action_sgz_create_user()
        worker.user_id.password = worker.user_id.login  # start_tour logs in with the login as password
        self.start_tour(
            "/odoo/action-sgz_hr.sgz_payslip_action_worker",
            "sgz_hr_worker_payslip_tour",
            login=worker.user_id.login,
            timeout=180,
        )
