import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.sgz_base.tests.sheets import import_as, read_back, sheet_row, template_as, xlsx
from odoo.addons.sgz_hr.tests.common import SgzHrCase, id_card, wrong_check_digit

BENEFICIARY = "sgz.import.beneficiary"
HEADERS = [
    "姓名",
    "身份证号",
    "站点",
    "类别",
    "联系电话",
    "户籍地址",
    "居住地址",
    "家庭人口",
    "家庭情况",
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
class TestBeneficiaryImport(SgzHrCase):
    """Beneficiaries imported with their consents by the provider's staff: the consent a row lacks is named with its
    row and column, nothing saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.adult = id_card("43022319520308102")  # born 1952
        cls.child = id_card("43022320140611203")  # born 2014: 11 on the consent date
        cls.teen = id_card("43022320100611204")  # born 2010: 15

    def _beneficiaries(self):
        return self.env["sgz.beneficiary"].search(
            [("provider_id", "in", (self.provider_x | self.provider_y).ids)]
        )

    def test_template_and_good_file(self):
        _name, content = template_as(self.env, self.hr_x, BENEFICIARY)
        sheets = read_back(content)
        self.assertEqual([header.lstrip("*") for header in sheets["服务对象"][0]], HEADERS)
        notes = {line[0]: line for line in sheets["填写说明"][1:] if line[0]}
        self.assertIn("低保对象", notes["类别"][3])
        content = xlsx(
            sheets["服务对象"][0],
            [
                row(
                    "黄奶奶", self.adult, **{"类别": "低保对象", "单独同意日期": "2026-03-01", "家庭人口": 2}
                ),
                row(
                    "小明",
                    self.child,
                    station="攸县皇图岭镇社会工作服务站",
                    **{
                        "类别": "留守儿童",
                        "监护人姓名": "明爸爸",
                        "监护人关系": "父母",
                        "单独同意日期": "2026-03-02",
                    },
                ),
            ],
        )
        import_as(self.env, self.hr_x, BENEFICIARY, content)
        grandma, child = self._beneficiaries().sorted("id")
        self.assertEqual(grandma.category_ids.mapped("code"), ["dibao"])
        self.assertEqual((grandma.consent_giver, grandma.household_size), ("self", 2))
        self.assertEqual(grandma.consent_date, datetime.date(2026, 3, 1))
        self.assertEqual((child.consent_giver, child.guardian_relation), ("guardian", "parent"))
        self.assertEqual(child.station_id, self.station_a2)
        self.assertEqual(child.create_uid, self.hr_x)

    def test_missing_consents_named_nothing_saved(self):
        content = xlsx(
            HEADERS,
            [
                row("黄奶奶", self.adult, **{"类别": "低保对象"}),  # sensitive: no separate consent
                row(
                    "小明", self.child, **{"同意人": "本人", "单独同意日期": "2026-03-01"}
                ),  # a minor consenting
                row("小红", self.teen, **{"监护人关系": "父母"}),  # guardian's name missing
                row("李四", wrong_check_digit(id_card("43022319800101301")), consent=None),
                row("王五", self.adult, station="云阳街道"),
                row("赵六", self.adult, consent="2027-01-01"),
            ],
        )
        with self.assertRaisesMsg(UserError, "未导入") as caught:
            import_as(self.env, self.hr_x, BENEFICIARY, content)
        message = str(caught.exception)
        for line in (
            "第2行「单独同意日期」：",
            "第3行「同意人」：未成年人的同意由父母或其他监护人作出",
            "第4行「监护人姓名」：",
            "第5行「身份证号」：",
            "第5行「同意日期」：必填，但未填写",
            "第6行「站点」：该站点不是本机构运营的站点",
            "第7行「同意日期」：不能晚于今天",
        ):
            self.assertIn(line, message)
        self.assertFalse(self._beneficiaries())

    def test_duplicates_named(self):
        content = xlsx(HEADERS, [row("黄奶奶", self.adult), row("黄奶奶", self.adult)])
        with self.assertRaisesMsg(UserError, "第3行「身份证号」：与第2行相同"):
            import_as(self.env, self.hr_x, BENEFICIARY, content)
        import_as(self.env, self.hr_x, BENEFICIARY, xlsx(HEADERS, [row("黄奶奶", self.adult)]))
        with self.assertRaisesMsg(UserError, "第2行：.*已在本站点登记"):
            import_as(self.env, self.hr_x, BENEFICIARY, xlsx(HEADERS, [row("黄奶奶", self.adult)]))
        self.assertEqual(len(self._beneficiaries()), 1)

    def test_who_may_import(self):
        content = xlsx(HEADERS, [row("黄奶奶", self.adult)])
        for user in (self.officer_a, self.finance_a, self.evaluator):
            with self.assertRaisesMsg(AccessError, "服务对象|sgz.beneficiary"):
                import_as(self.env, user, BENEFICIARY, content)
        self.assertFalse(self._beneficiaries())
