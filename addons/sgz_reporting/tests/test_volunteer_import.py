import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.sheets import import_as, read_back, sheet_row, template_as, xlsx
from odoo.addons.sgz_hr.tests.common import SgzHrCase, id_card, wrong_check_digit

VOLUNTEER = "sgz.import.volunteer"
HEADERS = [
    "姓名",
    "身份证号",
    "站点",
    "联系电话",
    "技能特长",
    "登记日期",
    "同意日期",
    "同意人",
    "监护人姓名",
    "监护人关系",
    "单独同意日期",
]


def row(name, number, station="江桥街道", consent="2026-03-01", **extra):
    return sheet_row(
        HEADERS, **{"姓名": name, "身份证号": number, "站点": station, "同意日期": consent, **extra}
    )


@tagged("post_install", "-at_install")
@freeze_time("2026-12-01")
class TestVolunteerImport(SgzHrCase):
    """Volunteers imported by the provider's staff with the beneficiaries' consents: a bad row is named with its
    row and column, a volunteer is registered once per station, nothing is saved on any error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adult = id_card("43022319850308102")  # born 1985
        cls.child = id_card("43022320140611203")  # born 2014: 11 on the consent date

    def _volunteers(self):
        return (
            self.env["sgz.volunteer"]
            .with_context(active_test=False)
            .search([("provider_id", "in", (self.provider_x | self.provider_y).ids)])
        )

    def test_template_and_good_file(self):
        _name, content = template_as(self.env, self.hr_x, VOLUNTEER)
        sheets = read_back(content)
        self.assertEqual([header.lstrip("*") for header in sheets["志愿者"][0]], HEADERS)
        content = xlsx(
            HEADERS,
            [
                row("周志愿", self.adult, **{"技能特长": "心理疏导", "登记日期": "2026-04-01"}),
                row(
                    "小志愿",
                    self.child,
                    station="攸县皇图岭镇社会工作服务站",
                    **{"监护人姓名": "志爸爸", "监护人关系": "父母", "单独同意日期": "2026-03-02"},
                ),
            ],
        )
        import_as(self.env, self.hr_x, VOLUNTEER, content)
        adult, child = self._volunteers().sorted("id")
        self.assertEqual((adult.skills, adult.registration_date), ("心理疏导", datetime.date(2026, 4, 1)))
        self.assertEqual((adult.consent_giver, child.consent_giver), ("self", "guardian"))
        self.assertEqual(child.station_id, self.station_a2)

    def test_bad_rows_named_nothing_saved(self):
        content = xlsx(
            HEADERS,
            [
                row("小志愿", self.child),  # a child under 14: the guardian consents, separately
                row("小小志愿", self.child, **{"同意人": "本人"}),  # a minor consenting alone
                row("李四", wrong_check_digit(self.adult)),
                row("王五", self.adult, station="云阳街道"),  # another provider's station
                row("周志愿", self.adult, consent="2027-01-01"),
            ],
        )
        with self.assertRaisesMsg(UserError, "未导入") as caught:
            import_as(self.env, self.hr_x, VOLUNTEER, content)
        message = str(caught.exception)
        for line in (
            "第2行「监护人姓名」：由监护人同意时必填",
            "第2行「单独同意日期」：",
            "第3行「同意人」：未成年人的同意由父母或其他监护人作出",
            "第4行「身份证号」：",
            "第5行「站点」：该站点不是本机构运营的站点",
            "第6行「同意日期」：不能晚于今天",
        ):
            self.assertIn(line, message)
        self.assertFalse(self._volunteers())

    def test_twice_in_one_station(self):
        content = xlsx(HEADERS, [row("周志愿", self.adult), row("周志愿", self.adult)])
        with self.assertRaisesMsg(UserError, "第3行「身份证号」：与第2行相同"):
            import_as(self.env, self.hr_x, VOLUNTEER, content)
        import_as(self.env, self.hr_x, VOLUNTEER, xlsx(HEADERS, [row("周志愿", self.adult)]))
        with self.assertRaisesMsg(UserError, "第2行：.*已在本站登记"):
            import_as(self.env, self.hr_x, VOLUNTEER, xlsx(HEADERS, [row("周志愿", self.adult)]))
        self.assertEqual(len(self._volunteers()), 1)

    def test_who_may_import(self):
        content = xlsx(HEADERS, [row("周志愿", self.adult)])
        for user in (self.officer_a, self.finance_a, self.evaluator):
            with self.assertRaisesMsg(AccessError, "志愿者|sgz.volunteer"):
                import_as(self.env, user, VOLUNTEER, content)
        self.assertFalse(self._volunteers())
