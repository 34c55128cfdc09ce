import datetime
from decimal import Decimal

import chinese_calendar

from odoo.tests import BaseCase, tagged

from ..lib import (
    Book,
    CalendarRangeError,
    IdCardError,
    UsccError,
    WorkCalendar,
    add_working_days,
    age_on,
    display_width,
    format_day,
    format_month,
    parse_id_card,
    rmb_upper,
    validate_uscc,
    working_days_between,
)

D = datetime.date


def brute_force_add(day, n):
    """Reference implementation straight on chinese_calendar.is_workday."""
    while n:
        day += datetime.timedelta(days=1)
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


@tagged("post_install", "-at_install", "sgz_lib")
class TestWorkingDays(BaseCase):
    def test_national_day_2025(self):
        # 2025: 1–8 October off; Sunday 28 September and Saturday 11 October are worked (国办发明电〔2024〕12号).
        self.assertEqual(add_working_days(D(2025, 9, 26), 1), D(2025, 9, 28))  # Fri → the adjusted Sunday
        self.assertEqual(add_working_days(D(2025, 9, 30), 1), D(2025, 10, 9))
        self.assertEqual(add_working_days(D(2025, 10, 9), 2), D(2025, 10, 11))  # the adjusted Saturday counts
        # 15 working days after signing on 25 September 2025 (the §七(三) filing deadline).
        self.assertEqual(add_working_days(D(2025, 9, 25), 15), D(2025, 10, 22))
        self.assertEqual(working_days_between(D(2025, 9, 25), D(2025, 10, 22)), 15)

    def test_spring_festival_2026(self):
        # 2026: 15–23 February off; Saturdays 14 and 28 February are worked.
        self.assertEqual(add_working_days(D(2026, 2, 13), 1), D(2026, 2, 14))
        self.assertEqual(add_working_days(D(2026, 2, 14), 1), D(2026, 2, 24))
        self.assertEqual(
            working_days_between(D(2026, 2, 13), D(2026, 3, 2)), 7
        )  # 14, 24, 25, 26, 27, 28, 2 Mar

    def test_against_package(self):
        for start in (D(2024, 9, 20), D(2025, 1, 20), D(2025, 4, 28), D(2026, 9, 25), D(2026, 12, 1)):
            for n in (1, 3, 5, 10, 15, 22):
                if (start + datetime.timedelta(days=n * 2 + 15)).year > 2026:
                    continue
                with self.subTest(start=start, n=n):
                    self.assertEqual(add_working_days(start, n), brute_force_add(start, n))

    def test_zero_and_negative(self):
        self.assertEqual(add_working_days(D(2025, 10, 3), 0), D(2025, 10, 3))
        self.assertEqual(add_working_days(D(2025, 10, 9), -1), D(2025, 9, 30))
        self.assertEqual(working_days_between(D(2025, 10, 9), D(2025, 9, 30)), -1)

    def test_outside_known_years(self):
        last = max(chinese_calendar.holidays).year
        with self.assertRaises(CalendarRangeError) as caught:
            add_working_days(D(last, 12, 20), 15)  # runs into the unknown next year
        self.assertIn(str(last + 1), str(caught.exception))
        with self.assertRaises(CalendarRangeError):
            working_days_between(D(2003, 12, 1), D(2004, 1, 5))

    def test_custom_calendar(self):
        calendar = WorkCalendar(holidays=[D(2030, 1, 1)], workdays=[D(2030, 1, 5)], years=[2030])
        # 1 January 2030 is a holiday (Tuesday); Saturday 5 January is an adjusted working day.
        self.assertEqual(add_working_days(D(2030, 1, 1), 3, calendar), D(2030, 1, 4))
        self.assertEqual(add_working_days(D(2030, 1, 1), 4, calendar), D(2030, 1, 5))
        self.assertFalse(calendar.is_working_day(D(2030, 1, 1)))


@tagged("post_install", "-at_install", "sgz_lib")
class TestIdCard(BaseCase):
    # GB 11643-1999's own example number.
    VALID = "11010519491231002X"

    def test_valid(self):
        card = parse_id_card(self.VALID)
        self.assertEqual(card.birth_date, D(1949, 12, 31))
        self.assertEqual(card.gender, "female")
        self.assertEqual(card.region_code, "110105")
        self.assertEqual(parse_id_card(" 11010519491231002x ").number, self.VALID)

    def test_male(self):
        body = "43012119900101001"  # 17th digit 1: male
        from stdnum.cn import ric

        card = parse_id_card(body + ric.calc_check_digit(body + "0"))
        self.assertEqual(card.gender, "male")
        self.assertEqual(card.birth_date, D(1990, 1, 1))

    def test_wrong_checksum(self):
        with self.assertRaises(IdCardError) as caught:
            parse_id_card("110105194912310021")
        self.assertEqual(caught.exception.reason, "checksum")

    def test_impossible_date(self):
        with self.assertRaises(IdCardError) as caught:
            parse_id_card("110105194902300025")  # 30 February
        self.assertEqual(caught.exception.reason, "birth_date")

    def test_format(self):
        for bad in ("", "12345", "11010519491231002Y", "1101051949123100211"):
            with self.subTest(bad=bad), self.assertRaises(IdCardError):
                parse_id_card(bad)

    def test_age(self):
        birth = D(1986, 3, 15)
        self.assertEqual(age_on(birth, D(2026, 3, 14)), 39)
        self.assertEqual(age_on(birth, D(2026, 3, 15)), 40)  # turns 40 on the 40th birthday
        self.assertEqual(age_on(D(2000, 2, 29), D(2040, 2, 28)), 39)
        self.assertEqual(age_on(D(2000, 2, 29), D(2040, 2, 29)), 40)


@tagged("post_install", "-at_install", "sgz_lib")
class TestUsccAndRmb(BaseCase):
    def test_uscc(self):
        self.assertEqual(validate_uscc("91110000600037341L"), "91110000600037341L")
        for bad, reason in (("91110000600037341M", "checksum"), ("9111000060003734", "length")):
            with self.subTest(bad=bad), self.assertRaises(UsccError) as caught:
                validate_uscc(bad)
            self.assertEqual(caught.exception.reason, reason)

    def test_rmb_upper(self):
        self.assertEqual(rmb_upper(Decimal("12345.67")), "壹万贰仟叁佰肆拾伍元陆角柒分")
        self.assertEqual(rmb_upper(10000), "壹万元整")
        self.assertEqual(rmb_upper("1005"), "壹仟零伍元整")
        self.assertEqual(rmb_upper("0.05"), "伍分")
        self.assertEqual(rmb_upper("0"), "零元整")
        self.assertEqual(rmb_upper("-3.5"), "负叁元伍角")
        self.assertEqual(rmb_upper("1.005"), "壹元零壹分")  # half-up to the fen first


@tagged("post_install", "-at_install", "sgz_lib")
class TestMonth(BaseCase):
    def test_a_month_reads_as_a_month(self):
        """Issue 20 §12: a payroll month is 2026年10月, not 2026年10月01日."""
        self.assertEqual(format_month(D(2026, 10, 1), "zh_CN"), "2026年10月")
        self.assertEqual(format_month(D(2026, 9, 30), "zh_CN"), "2026年9月")
        self.assertEqual(format_month(D(2026, 10, 1), "en_US"), "Oct 2026")
        self.assertEqual(format_month(False, "zh_CN"), "")
        self.assertEqual(format_month(D(2026, 10, 1), "xx_YY"), "Oct 2026")
        self.assertEqual(format_day(D(2026, 3, 1), "zh_CN"), "2026年3月1日")
        self.assertEqual(format_day(D(2026, 3, 1), "en_US"), "Mar 1, 2026")
        self.assertEqual(format_day(False, "zh_CN"), "")


@tagged("post_install", "-at_install")
class TestSheet(BaseCase):
    """Issue 20 §8: spreadsheets a clerk can read — widths that fit, money formatted, headers frozen, numbers
    that are identifiers kept as text."""

    def _read(self, data):
        import io

        import openpyxl

        return openpyxl.load_workbook(io.BytesIO(data)).active

    def test_a_table_a_clerk_can_read(self):
        book = Book()
        sheet = book.sheet("工资表")
        sheet.title("2026年10月工资表")
        sheet.header(["姓名", "身份证号码", "开户行", "银行账号", "实发工资", "人数"])
        sheet.row(
            [
                "张三",
                "43010219900101123X",
                "中国农业银行长沙芙蓉支行营业部",
                "6228480010001234567",
                Decimal("1234567.125"),
                3,
            ]
        )
        sheet.row(["合计", None, None, None, Decimal("1234567.13"), 3], total=True)
        ws = self._read(book.close())
        self.assertEqual(ws["A1"].value, "2026年10月工资表")
        # the header is row 3; rows above it and it stay in view, and it filters
        self.assertEqual(ws.freeze_panes, "A4")
        self.assertEqual(ws.auto_filter.ref, "A3:F5")
        # 18-digit ID and 19-digit account numbers are text, exactly as given
        self.assertEqual(ws["B4"].value, "43010219900101123X")
        self.assertEqual(ws["D4"].value, "6228480010001234567")
        # money half-up to the fen: 1,234,567.125 → 1,234,567.13, shown with thousands separators
        self.assertEqual(ws["E4"].value, 1234567.13)
        self.assertEqual(ws["E4"].number_format, "#,##0.00")
        self.assertEqual(ws["F4"].number_format, "#,##0")
        self.assertTrue(ws["A5"].font.b)
        # widths: a 19-digit account takes 19 columns + 2 of margin; the branch name 15 Chinese characters
        # = 30 + 2; the ID 18 + 2; money "1,234,567.13" is 12 + 2; a short column keeps the minimum of 8
        self.assertAlmostEqual(ws.column_dimensions["D"].width, 21, delta=1)
        self.assertAlmostEqual(ws.column_dimensions["C"].width, 32, delta=1)
        self.assertAlmostEqual(ws.column_dimensions["B"].width, 20, delta=1)
        self.assertAlmostEqual(ws.column_dimensions["E"].width, 14, delta=1)

    def test_display_width(self):
        self.assertEqual(display_width("社工站A1"), 8)  # 3 Chinese × 2 + 2 Latin
