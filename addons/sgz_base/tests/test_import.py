import datetime
from decimal import Decimal

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..lib import sheet_import
from ..lib.sheet_import import Column, FileInvalid, Invalid, read_rows
from .common import SgzCase, uscc
from .sheets import import_as, read_back, template_as, xlsx

STATION = "sgz.import.station"
STATION_HEADERS = ["乡镇（街道）", "承接机构", "地址", "状态", "开站日期", "示范站", "认定日期"]


@tagged("post_install", "-at_install")
class TestSheetImportLib(SgzCase):
    """The pure reader: headers by name, every parser's refusal with its row and column, the bounds."""

    COLUMNS = (
        Column("姓名", "name", sheet_import.text(10), required=True),
        Column("身份证号", "id", sheet_import.id_card, required=True, unique=True),
        Column("日期", "day", sheet_import.date),
        Column("金额", "amount", sheet_import.money()),
        Column("学历", "education", sheet_import.choice({"本科": "bachelor", "大专": "college"})),
        Column("人数", "count", sheet_import.integer(0, 50)),
        Column("示范", "flag", sheet_import.yes_no),
        Column("电话", "phone", sheet_import.phone),
    )
    GOOD_ID = "430121199503121022"  # a demo worker's number, valid

    def test_parsers(self):
        date = sheet_import.date
        for typed in (
            "2026-03-01",
            "2026/3/1",
            "2026年3月1日",
            "20260301",
            datetime.datetime(2026, 3, 1, 0, 0),
        ):
            self.assertEqual(date(typed), datetime.date(2026, 3, 1), typed)
        for typed in ("2026-13-01", "3月1日", "next week", "2026-02-30"):
            with self.assertRaises(Invalid) as caught:
                date(typed)
            self.assertEqual(caught.exception.code, "date", typed)
        money = sheet_import.money()
        self.assertEqual(money("1,234.565"), Decimal("1234.57"))  # half-up to the fen, not banker's
        self.assertEqual(money("¥5200"), Decimal("5200.00"))
        self.assertEqual(money(5200.005), Decimal("5200.01"))
        for typed, code in (("abc", "money"), ("-1", "negative"), ("1000000", "too_large"), ("NaN", "money")):
            with self.assertRaises(Invalid) as caught:
                money(typed)
            self.assertEqual(caught.exception.code, code, typed)
        self.assertEqual(sheet_import.id_card(" 430121199503121022 "), self.GOOD_ID)
        for typed, code in (
            ("430121199503121023", "checksum"),
            ("43012119950312102", "id_format"),
            ("430121199513121022", "id_birth_date"),
            (430121199503121022, "id_as_number"),
        ):
            with self.assertRaises(Invalid) as caught:
                sheet_import.id_card(typed)
            self.assertEqual(caught.exception.code, code, typed)
        with self.assertRaises(Invalid) as caught:
            sheet_import.choice({"本科": "bachelor"})("研究生")
        self.assertEqual(caught.exception.params["choices"], "本科")
        self.assertEqual(sheet_import.integer(0, 50)(3.0), 3)
        for typed in ("3.5", "51", "-1", "three"):
            with self.assertRaises(Invalid):
                sheet_import.integer(0, 50)(typed)
        with self.assertRaises(Invalid):
            sheet_import.text(3)("四个汉字")

    def test_headers_by_name_in_any_order(self):
        content = xlsx(["日期", "*身份证号", " 姓 名 "], [["2026-03-01", self.GOOD_ID, "张三"]])
        result = read_rows(content, self.COLUMNS)
        self.assertEqual(result.errors, [])
        self.assertEqual(result.rows[0].number, 2)
        self.assertEqual(result.rows[0].values["name"], "张三")
        self.assertEqual(result.rows[0].values["day"], datetime.date(2026, 3, 1))
        self.assertIsNone(result.rows[0].values["amount"])  # a column left out of the file

    def test_every_error_with_row_and_column(self):
        content = xlsx(
            ["姓名", "身份证号", "日期", "金额", "学历", "人数", "示范", "电话"],
            [
                ["张三", self.GOOD_ID, "2026-03-01", "5200", "本科", 3, "是", "13800000000"],
                [None, "430121199503121023", "明天", "五千", "研究生", 3.5, "也许", "abc"],
                [],  # an empty row is skipped, not an error
                ["李四", self.GOOD_ID, None, None, None, None, None, None],
            ],
        )
        result = read_rows(content, self.COLUMNS)
        found = {(error.row, error.header, error.code) for error in result.errors}
        self.assertEqual(
            found,
            {
                (3, "姓名", "required"),
                (3, "身份证号", "checksum"),
                (3, "日期", "date"),
                (3, "金额", "money"),
                (3, "学历", "choice"),
                (3, "人数", "integer"),
                (3, "示范", "choice"),
                (3, "电话", "phone"),
                (5, "身份证号", "duplicate"),
            },
        )
        duplicate = next(error for error in result.errors if error.code == "duplicate")
        self.assertEqual(duplicate.params, {"row": 2})

    def test_file_refusals(self):
        good = xlsx(["姓名", "身份证号"], [["张三", self.GOOD_ID]])
        cases = (
            (b"not a spreadsheet", {}, "not_xlsx"),
            (xlsx(["姓名"], [["张三"]]), {}, "missing_header"),
            (xlsx(["姓名", "身份证号", "籍贯"], [["张三", self.GOOD_ID, "湖南"]]), {}, "unknown_header"),
            (xlsx(["姓名", "身份证号", "姓名"], [["张三", self.GOOD_ID, "张三"]]), {}, "repeated_header"),
            (xlsx(["姓名", "身份证号"], []), {}, "empty"),
            (good, {"max_bytes": 100}, "file_too_large"),
            (xlsx(["姓名", "身份证号"], [["张三", self.GOOD_ID]] * 3), {"max_rows": 2}, "too_many_rows"),
        )
        for content, bounds, code in cases:
            with self.assertRaises(FileInvalid) as caught:
                read_rows(content, self.COLUMNS, **bounds)
            self.assertEqual(caught.exception.code, code)


@tagged("post_install", "-at_install")
class TestStationImport(SgzCase):
    """The wizard with the county's station import, as the county officer: template, good file, every error listed,
    all or nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.township_a3 = cls.env.ref("sgz_base.region_430223003")  # 春联街道 (攸县)
        cls.provider_x.sgz_uscc = uscc("52430223MJ0000009")

    def _stations(self):
        return self.env["sgz.station"].search([("company_id", "in", (self.county_a | self.county_b).ids)])

    def test_template_downloaded_and_read_back(self):
        name, content = template_as(self.env, self.officer_a, STATION)
        self.assertTrue(name.endswith(".xlsx"))
        sheets = read_back(content)
        self.assertEqual(list(sheets), ["站点", "填写说明"])
        self.assertEqual(sheets["站点"][0], ["*乡镇（街道）", *STATION_HEADERS[1:]])
        notes = sheets["填写说明"]
        self.assertEqual(notes[0], ["列名", "必填", "示例", "填写说明"])
        self.assertEqual([row[0] for row in notes[1:8]], STATION_HEADERS)
        self.assertIn("筹建中、运行中", [row[2] for row in notes])
        # the template's header row, filled in, imports as it is
        filled = xlsx(sheets["站点"][0], [["江桥街道"] + [None] * 6])
        import_as(self.env, self.officer_a, STATION, filled)
        self.assertEqual(self._stations().township_id, self.township_a1)

    def test_good_file(self):
        content = xlsx(
            STATION_HEADERS,
            [
                [
                    "江桥街道",
                    "攸县同心社会工作服务中心",
                    "江桥路1号",
                    "运行中",
                    "2026-03-01",
                    "是",
                    "2026-06-01",
                ],
                ["430223122", self.provider_x.sgz_uscc, None, None, None, "否", None],
            ],
        )
        action = import_as(self.env, self.officer_a, STATION, content)
        stations = self._stations()
        self.assertEqual(len(stations), 2)
        jiangqiao = stations.filtered(lambda s: s.township_id == self.township_a1)
        self.assertEqual(jiangqiao.state, "active")
        self.assertEqual(jiangqiao.provider_id, self.provider_x)
        self.assertEqual(jiangqiao.company_id, self.county_a)
        self.assertEqual(jiangqiao.opening_date, datetime.date(2026, 3, 1))
        self.assertTrue(jiangqiao.demonstration)
        other = stations - jiangqiao
        self.assertEqual((other.state, other.provider_id), ("planned", self.provider_x))
        self.assertEqual(action["params"]["next"]["domain"], [("id", "in", stations.ids)])
        self.assertIn("2", action["params"]["message"])

    def test_every_error_listed_nothing_saved(self):
        content = xlsx(
            STATION_HEADERS,
            [
                ["江桥街道", None, None, "运行中", "2026-03-01", None, None],
                ["不存在镇", None, None, None, None, None, None],
                ["云阳街道", None, None, None, None, None, None],  # 茶陵县: another county's township
                ["春联街道", "不存在的机构", None, "关闭", "2026-02-30", None, None],
                ["江桥街道", None, None, None, None, None, None],
                ["谭桥街道", None, None, None, None, "是", None],
            ],
        )
        with self.assertRaisesMsg(UserError, "未导入") as caught:
            import_as(self.env, self.officer_a, STATION, content)
        message = str(caught.exception)
        for line in (
            "第3行「乡镇（街道）」：未找到“不存在镇”",
            "第4行「乡镇（街道）」：该乡镇（街道）不在本县",
            "第5行「承接机构」：未找到“不存在的机构”",
            "第5行「状态」：应为以下之一：筹建中、运行中",
            "第5行「开站日期」：不是日期",
            "第6行「乡镇（街道）」：与第2行相同",
            "第7行「认定日期」：必填，但未填写",
        ):
            self.assertIn(line, message)
        self.assertIn("共7处错误", message)
        self.assertFalse(self._stations())

    def test_record_refusal_names_the_row_nothing_saved(self):
        """A refusal of the station's own checks (a second active station in a township) names its row, and the
        rows before it are not saved either."""
        self._station(self.township_a3, self.county_a).action_activate()
        content = xlsx(
            STATION_HEADERS,
            [
                ["江桥街道", None, None, "运行中", None, None, None],
                ["春联街道", None, None, "运行中", None, None, None],
            ],
        )
        with self.assertRaisesMsg(UserError, "第3行：.*春联街道.*") as caught:
            import_as(self.env, self.officer_a, STATION, content)
        self.assertNotIn("第2行", str(caught.exception))
        self.assertEqual(self._stations().township_id, self.township_a3)

    def test_who_may_import(self):
        content = xlsx(STATION_HEADERS, [["江桥街道"] + [None] * 6])
        for user in (self.hr_x, self.finance_a, self.evaluator):
            with self.assertRaisesMsg(AccessError, "社工站|站点|sgz.station"):
                import_as(self.env, user, STATION, content)
            with self.assertRaisesMsg(AccessError, "社工站|站点|sgz.station"):
                template_as(self.env, user, STATION)
        self.assertFalse(self._stations())
        # a kind the wizard does not offer is refused as a value, whatever a client sends
        with self.assertRaisesMsg(Exception, "sgz.station|不是|not one of"):
            self.env["sgz.import.wizard"].with_user(self.officer_a).create({"kind": "sgz.station"})

    def test_file_bounds_in_wizard(self):
        with self.assertRaisesMsg(UserError, "未导入.*不是 Excel"):
            import_as(self.env, self.officer_a, STATION, b"PK not really a zip")
        with self.assertRaisesMsg(UserError, "缺少必填列.*乡镇（街道）"):
            import_as(self.env, self.officer_a, STATION, xlsx(["地址"], [["江桥路1号"]]))


@tagged("post_install", "-at_install")
class TestImportTemplateRoute(HttpCase, SgzCase):
    """The template is streamed as the user who asks: 403 for who may not import the kind, 404 for no such kind."""

    def setUp(self):
        super().setUp()
        self.officer_a.password = "officer_a_pw"
        self.hr_x.password = "hr_x_pw"

    def test_download(self):
        wizard = self.env["sgz.import.wizard"].with_user(self.officer_a).create({"kind": STATION})
        action = wizard.action_download_template()
        self.assertEqual(action["url"], "/sgz_base/import/sgz.import.station/template")
        self.authenticate("officer_a", "officer_a_pw")
        response = self.url_open(action["url"], allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment;", response.headers["Content-Disposition"])
        self.assertEqual(read_back(response.content)["站点"][0][0], "*乡镇（街道）")
        for kind in ("sgz.station", "sgz.import.kind", "res.users"):
            self.assertEqual(self.url_open(f"/sgz_base/import/{kind}/template").status_code, 404, kind)
        self.authenticate("hr_x", "hr_x_pw")
        self.assertEqual(self.url_open(action["url"], allow_redirects=False).status_code, 403)
