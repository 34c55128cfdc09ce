from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.access_matrix import ROLES, check_matrix, row

from .common import ReportingCase

# Every model of sgz_reporting × every role: r(ead) w(rite) c(reate) d(elete). Record rules narrow the rows:
# service records to the provider and the county bureau; aggregates to the provider and the bureaus above.
MATRIX = {
    "sgz.beneficiary.category": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "r",
        "provider_manager": "r",
        "provider_hr": "r",
        "evaluator": "r",
    },
    "sgz.beneficiary": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "",
        "provider_manager": "rwcd",
        "provider_hr": "rwc",
        "evaluator": "",
        "station_worker": "r",
    },
    "sgz.activity": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "",
        "provider_manager": "rwcd",
        "provider_hr": "rwcd",
        "evaluator": "",
        "station_worker": "rwcd",
    },
    "sgz.activity.session": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "",
        "provider_manager": "rwcd",
        "provider_hr": "rwcd",
        "evaluator": "",
        "station_worker": "rwcd",
    },
    # volunteers (test_volunteers.py checks the record rules): the provider manages them, the bureaus and the
    # evaluators read their region's, the stationed worker reads their station's and records hours
    "sgz.volunteer": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "",
        "provider_manager": "rwcd",
        "provider_hr": "rwc",
        "evaluator": "r",
        "station_worker": "r",
    },
    "sgz.volunteer.hour": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "",
        "provider_manager": "rwcd",
        "provider_hr": "rwcd",
        "evaluator": "r",
        "station_worker": "rwcd",
    },
    "sgz.activity.stat": dict.fromkeys(ROLES, "r"),
    "sgz.activity.category.stat": dict.fromkeys(ROLES, "r"),
    "sgz.beneficiary.stat": dict.fromkeys(ROLES, "r"),
    "sgz.payroll.stat": dict.fromkeys(ROLES, "r"),
    "sgz.station.coverage": dict.fromkeys(ROLES, "r"),
    "sgz.coverage": dict.fromkeys(ROLES, "r"),
    "sgz.report.type": {
        "province_officer": "rwc",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "r",
        "provider_manager": "r",
        "provider_hr": "r",
        "evaluator": "r",
    },
    "sgz.report": {
        "province_officer": "rw",
        "city_officer": "rw",
        "county_officer": "rw",
        "county_approver": "rw",
        "county_finance": "",
        "provider_manager": "rw",
        "provider_hr": "r",
        "evaluator": "r",
    },
    "sgz.report.line": {
        "province_officer": "r",
        "city_officer": "r",
        "county_officer": "r",
        "county_approver": "r",
        "county_finance": "",
        "provider_manager": "r",
        "provider_hr": "r",
        "evaluator": "r",
    },
    # needs survey and service plan (issue 17 §1): the provider writes them, the bureaus and the evaluator read
    # them, a stationed worker reads their station's plan (record rules: test_service_plan.py)
    "sgz.needs.survey": row("r", "r", "r", "r", "", "rwcd", "rwcd", "r"),
    "sgz.needs.survey.line": row("r", "r", "r", "r", "", "rwcd", "rwcd", "r"),
    "sgz.service.plan": row("r", "r", "r", "r", "", "rwcd", "rwcd", "r", worker="r"),
    "sgz.service.plan.target": row("r", "r", "r", "r", "", "rwcd", "rwcd", "r", worker="r"),
    "sgz.service.plan.milestone": row("r", "r", "r", "r", "", "rwcd", "rwcd", "r", worker="r"),
    "sgz.service.plan.progress": dict.fromkeys(ROLES, "r"),
    "sgz.service.plan.rule": row("rwc", "r", "r", "r", "r", "r", "r", "r"),
}
MASKED = "430***********1020"


@tagged("post_install", "-at_install")
class TestAccess(ReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_a = cls._activity("2026-10-10", person_times=5)
        cls.activity_b = cls._activity("2026-10-11", station=cls.station_b1, user=cls.hr_y, person_times=8)

    def test_matrix(self):
        check_matrix(self, "sgz_reporting", MATRIX, self.role_users)

    def test_masking_per_role(self):
        """Full ID number only on the beneficiary's own form, for the provider running the station and the
        county bureau; masked in lists and exports; other roles do not see the records at all."""
        self.assertEqual(
            self.ben_a1.id_number_masked[:3] + self.ben_a1.id_number_masked[-4:],
            self.id_a1[:3] + self.id_a1[-4:],
        )
        self.assertRegex(self.ben_a1.id_number_masked, r"^430\*{11}\d{3}[\dX]$")
        full_readers = {"provider_manager", "provider_hr", "county_officer", "county_approver"}
        spec = {"name": {}, "id_number": {}, "id_number_masked": {}}
        for role, user in self.role_users.items():
            with self.subTest(role=role):
                Beneficiary = self.env["sgz.beneficiary"].with_user(user)
                if role in full_readers:
                    # the form (web_read) shows the number in full
                    form = self.ben_a1.with_user(user).web_read(spec)[0]
                    self.assertEqual(form["id_number"], self.id_a1)
                    # the list and kanban (web_search_read) never do, even if the column is added
                    rows = Beneficiary.web_search_read([("id", "=", self.ben_a1.id)], spec)["records"]
                    self.assertEqual(rows[0]["id_number"], self.ben_a1.id_number_masked)
                    self.assertNotIn(self.id_a1, str(rows))
                    user.groups_id += self.env.ref("base.group_allow_export")
                    exported = self.ben_a1.with_user(user).export_data(["name", "id_number"])["datas"]
                    self.assertEqual(exported[0][1], self.ben_a1.id_number_masked)
                    # the masked number on the activity's participants as well
                    self.assertNotIn(self.id_a1, str(self.ben_a1.with_user(user).read(["id_number_masked"])))
                else:
                    self.assertFalse(
                        Beneficiary.search([]) if Beneficiary.has_access("read") else False,
                        f"{role} must not see beneficiary records",
                    )
                    # the city and province officers hold the county officer's rights, the number's field
                    # among them: the record rules stop them; the other roles are refused the field first
                    if user.has_group("sgz_base.sgz_base_group_county_officer"):
                        refusal = "您不能打开此服务对象：它属于其他单位"
                    else:
                        refusal = "您的角色不能查看服务对象的身份证号码"
                    with self.assertRaisesMsg(AccessError, refusal):
                        self.ben_a1.with_user(user).read(["id_number"])
                    # but the counts
                    counts = (
                        self.env["sgz.beneficiary.stat"]
                        .with_user(user)
                        .search([("station_id", "=", self.station_a1.id)])
                    )
                    if role in ("city_officer", "province_officer", "evaluator", "county_finance"):
                        self.assertEqual(
                            sum(counts.mapped("beneficiaries")), 3
                        )  # 黄奶奶 twice (2 categories), 小明

    def test_provider_sees_its_stations_only(self):
        Beneficiary = self.env["sgz.beneficiary"]
        self.assertEqual(Beneficiary.with_user(self.hr_x).search([]), self.ben_a1 | self.ben_a2)
        self.assertEqual(Beneficiary.with_user(self.manager_y).search([]), self.ben_b)
        with self.assertRaisesMsg(AccessError, "您不能打开此服务对象：它属于其他单位"):
            self.ben_b.with_user(self.hr_x).read(["name"])
        with self.assertRaisesMsg(AccessError, "您不能打开此服务对象：它属于其他单位"):
            self.ben_b.with_user(self.hr_x).write({"phone": "1"})
        Activity = self.env["sgz.activity"]
        self.assertEqual(Activity.with_user(self.hr_x).search([]), self.activity_a)
        with self.assertRaisesMsg(AccessError, "您不能打开此服务活动：它属于其他单位"):
            self.activity_b.with_user(self.hr_x).read(["name"])

    def test_county_a_does_not_see_county_b(self):
        self.assertEqual(
            self.env["sgz.beneficiary"].with_user(self.officer_a).search([]), self.ben_a1 | self.ben_a2
        )
        self.assertEqual(self.env["sgz.activity"].with_user(self.officer_a).search([]), self.activity_a)
        self.assertEqual(self.env["sgz.activity"].with_user(self.officer_b).search([]), self.activity_b)
        with self.assertRaisesMsg(AccessError, "您不能打开此服务活动：它属于其他单位"):
            self.activity_b.with_user(self.officer_a).read(["name"])
        with self.assertRaisesMsg(AccessError, "您的角色不能修改服务活动"):
            self.activity_a.with_user(self.officer_a).write({"person_times": 1})  # the county reads only
        stats = self.env["sgz.activity.stat"].with_user(self.officer_a).search([])
        self.assertEqual(stats.station_id, self.station_a1)
        # the city sees the counts of both counties, not the records
        city_stats = self.env["sgz.activity.stat"].with_user(self.city_officer).search([])
        self.assertEqual(city_stats.station_id, self.station_a1 | self.station_b1)
        self.assertFalse(self.env["sgz.activity"].with_user(self.city_officer).search([]))

    def test_reports_per_role(self):
        brief = self._brief(self.activity_a.month)
        brief_b = self._brief(self.activity_a.month, agreement=self.agreement_b)
        Report = self.env["sgz.report"]
        self.assertIn(brief, Report.with_user(self.officer_a).search([]))
        self.assertNotIn(brief_b, Report.with_user(self.officer_a).search([]))
        self.assertNotIn(brief, Report.with_user(self.manager_y).search([]))
        self.assertIn(brief, Report.with_user(self.city_officer).search([]))
        self.assertIn(brief, Report.with_user(self.evaluator).search([]))
        with self.assertRaisesMsg(AccessError, "您不能修改此定期报告：它属于其他单位"):
            brief.with_user(self.officer_a).write({"highlights": "<p>县局代写</p>"})  # the author writes it
        with self.assertRaisesMsg(AccessError, "您的角色不能修改定期报告"):
            brief.with_user(self.evaluator).write({"highlights": "<p>x</p>"})
        with self.assertRaisesMsg(AccessError, "您的角色不能打开定期报告"):
            brief.with_user(self.finance_a).read(["state"])
