from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.sgz_base.lib import sheet_import
from odoo.addons.sgz_base.lib.sheet_import import CellError, Column, Lookup

from .hr_contract import MAX_MONTHLY_AMOUNT

START = "合同开始日期"
END = "合同结束日期"
BANK = "开户银行"
ACCOUNT = "银行账号"


class SgzImportRoster(models.AbstractModel):
    """The worker roster of a provider (花名册), imported by its HR staff: one row per worker with their labor
    contract. A worker already on record (same ID number at this provider) gets the row's contract only; their
    record is left as it is."""

    _name = "sgz.import.roster"
    _inherit = "sgz.import.kind"
    _description = "Worker Roster"
    _sgz_import_model = "hr.contract"

    def _sgz_import_check_access(self):
        if self.env.company.sgz_kind != "provider":
            raise UserError(
                self.env._(
                    "The roster is imported into a service provider: switch to your provider organization first."
                )
            )
        self.env["hr.employee"].check_access("create")
        return super()._sgz_import_check_access()

    def _sgz_import_columns(self):
        _ = self.env._
        education = self._sgz_choice("hr.employee", "sgz_education")
        certificate = self._sgz_choice("hr.employee", "sgz_certificate_level")
        return [
            Column(
                "姓名", "name", sheet_import.text(50), required=True, example="张晓燕", help=_("Full name.")
            ),
            Column(
                "身份证号",
                "identification_id",
                sheet_import.id_card,
                required=True,
                unique=True,
                example="430223199503151234",
                help=_("18-character resident ID number, checked; the birth date and gender come from it."),
            ),
            Column(
                "手机号码", "mobile_phone", sheet_import.phone, example="13800000000", help=_("Mobile phone.")
            ),
            Column(
                "学历",
                "sgz_education",
                sheet_import.choice(education),
                required=True,
                example="本科",
                help=_("One of %(choices)s.", choices="、".join(education)),
            ),
            Column("所学专业", "sgz_major", sheet_import.text(100), example="社会工作", help=_("Major.")),
            Column(
                "社会工作专业",
                "sgz_social_work_degree",
                sheet_import.yes_no,
                example="是",
                help=_("是 for a social work degree or a related major, else 否 or empty."),
            ),
            Column(
                "职业资格",
                "sgz_certificate_level",
                sheet_import.choice(certificate),
                example="助理社会工作师",
                help=_(
                    "National social worker qualification: one of %(choices)s, or empty.",
                    choices="、".join(certificate),
                ),
            ),
            Column(
                "证书编号", "sgz_certificate_number", sheet_import.text(50), help=_("Certificate number.")
            ),
            *self._sgz_placement_columns(),
            *self._sgz_contract_columns(),
        ]

    def _sgz_placement_columns(self):
        """Household registration, station, hire date and salary account."""
        _ = self.env._
        return [
            Column(
                "户籍所在县（市、区）",
                "sgz_household_county_id",
                lookup=Lookup("sgz.region", fields=("name", "code"), domain=(("level", "=", "county"),)),
                example="攸县",
                help=_(
                    "The county of the household registration, by name or 6-digit code; the same county as the "
                    "station's counts as local household registration."
                ),
            ),
            Column(
                "驻站站点",
                "sgz_station_id",
                required=True,
                lookup=Lookup(
                    "sgz.station",
                    fields=("name", "township_id.name"),
                    scope=(("provider_id", "=", self.env.company.id),),
                ),
                example="江桥街道",
                help=_(
                    "The station the worker is stationed at, by its township or its sign name: one you run."
                ),
            ),
            Column(
                "入职日期",
                "sgz_hire_date",
                sheet_import.date,
                example="2026-03-01",
                help=_("Empty: the contract's start."),
            ),
            Column(
                BANK,
                "bank_name",
                sheet_import.text(100),
                example="中国建设银行攸县支行",
                help=_("The bank and branch of the salary account."),
            ),
            Column(
                ACCOUNT,
                "acc_number",
                sheet_import.text(40),
                example="6217002920101234567",
                help=_("Salary account number."),
            ),
        ]

    def _sgz_contract_columns(self):
        """The labor contract: its period and the monthly wages."""
        _ = self.env._
        money = sheet_import.money(maximum=MAX_MONTHLY_AMOUNT)
        return [
            Column(
                START,
                "date_start",
                sheet_import.date,
                required=True,
                example="2026-03-01",
                help=_("Labor contract start."),
            ),
            Column(
                END,
                "date_end",
                sheet_import.date,
                example="2028-02-29",
                help=_("Labor contract end; empty: open-ended."),
            ),
            Column(
                "月基本工资",
                "wage",
                money,
                required=True,
                example="5200",
                help=_("Monthly base wage in yuan."),
            ),
            Column("津贴补贴", "sgz_allowance", money, example="600", help=_("Monthly allowances in yuan.")),
            Column(
                "绩效工资",
                "sgz_performance_pay",
                money,
                example="800",
                help=_("Monthly performance pay in yuan."),
            ),
        ]

    def _sgz_import_messages(self):
        return {
            "out_of_scope": lambda: self.env._("this station is not run by your organization"),
            "end_before_start": lambda: self.env._("the contract ends before it starts"),
            "bank_pair": lambda: self.env._("give both the bank and the account number, or neither"),
        }

    def _sgz_existing_workers(self, numbers):
        """{ID number: hr.employee} of the provider's workers already on record."""
        employees = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("company_id", "=", self.env.company.id), ("identification_id", "in", list(numbers))])
        )
        return {employee.identification_id: employee for employee in employees}

    def _sgz_import_check(self, rows):
        errors = []
        for row in rows:
            values = row.values
            if values["date_end"] and values["date_end"] < values["date_start"]:
                errors.append(CellError(row.number, END, "end_before_start"))
            if bool(values.get("bank_name")) != bool(values.get("acc_number")):
                errors.append(
                    CellError(row.number, BANK if not values.get("bank_name") else ACCOUNT, "bank_pair")
                )
        workers = self._sgz_existing_workers({row.values["identification_id"] for row in rows})
        if workers:
            errors += self._sgz_check_overlaps(rows, workers)
        return errors

    def _sgz_check_overlaps(self, rows, workers):
        """A contract overlapping one of the worker's contracts on record (drafts included, cancelled aside)."""
        employees = self.env["hr.employee"].union(*workers.values())
        contracts = self.env["hr.contract"].search(
            [("employee_id", "in", employees.ids), ("state", "!=", "cancel")]
        )
        errors = []
        for row in rows:
            employee = workers.get(row.values["identification_id"])
            if not employee:
                continue
            start, end = row.values["date_start"], row.values["date_end"]
            for contract in contracts.filtered(lambda c, e=employee: c.employee_id == e):
                if (not contract.date_end or contract.date_end >= start) and (
                    not end or contract.date_start <= end
                ):
                    message = self.env._(
                        "overlaps the contract %(name)s of %(worker)s (%(start)s – %(end)s): a worker has one contract "
                        "at a time",
                        name=contract.name,
                        worker=employee.name,
                        start=contract.date_start,
                        end=contract.date_end or "…",
                    )
                    errors.append(CellError(row.number, START, "record", {"message": message}))
                    break
        return errors

    def _sgz_import_rows(self, rows):
        company = self.env.company
        # the workers are new: their chatter would only say so, row by row (the import is one act of the user)
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        workers = quiet._sgz_existing_workers({row.values["identification_id"] for row in rows})
        new_rows = [row for row in rows if row.values["identification_id"] not in workers]
        stations = quiet.env["sgz.station"].browse({row.values["sgz_station_id"] for row in rows})
        county_of = {station.id: station.county_region_id.id for station in stations}
        contacts = quiet._sgz_create_work_contacts(new_rows, company)
        accounts = quiet._sgz_create_bank_accounts(new_rows, contacts)
        created = quiet.env["hr.employee"].create(
            [
                quiet._prepare_employee_vals(row, company, county_of, contact, account)
                for row, contact, account in zip(new_rows, contacts, accounts, strict=True)
            ]
        )
        workers.update(zip([row.values["identification_id"] for row in new_rows], created, strict=True))
        # a labor contract keeps its chatter (sgz's trace is not switched off for it)
        return self.env["hr.contract"].create(
            [
                quiet._prepare_contract_vals(row, company, workers[row.values["identification_id"]])
                for row in rows
            ]
        )

    def _sgz_create_work_contacts(self, rows, company):
        """The work contacts of the new workers, made in one batch as ``hr.employee`` makes them itself (as
        superuser: the HR staff keep contacts through their workers), so the salary accounts can hang on them
        before the workers are created (no write per worker afterwards)."""
        return (
            self.env["res.partner"]
            .sudo()
            .create(
                [
                    {
                        "name": row.values["name"],
                        "mobile": row.values.get("mobile_phone") or False,
                        "company_id": company.id,
                    }
                    for row in rows
                ]
            )
            .with_env(self.env)
        )

    def _prepare_employee_vals(self, row, company, county_of, contact, account):
        values = row.values
        household = values.get("sgz_household_county_id")
        return {
            "name": values["name"],
            "company_id": company.id,
            "work_contact_id": contact.id,
            "bank_account_id": account.id if account else False,
            "identification_id": values["identification_id"],
            "sgz_education": values["sgz_education"],
            "sgz_major": values.get("sgz_major") or False,
            "sgz_social_work_degree": bool(values.get("sgz_social_work_degree")),
            "sgz_certificate_level": values.get("sgz_certificate_level") or False,
            "sgz_certificate_number": values.get("sgz_certificate_number") or False,
            "sgz_household_county_id": household or False,
            "sgz_local_household": bool(household) and household == county_of[values["sgz_station_id"]],
            "sgz_station_id": values["sgz_station_id"],
            "sgz_hire_date": values.get("sgz_hire_date") or values["date_start"],
        }

    def _sgz_create_bank_accounts(self, rows, contacts):
        """The salary account of each new worker, on the worker's contact (as the employee form keeps it), as the
        user; ``[account or None]`` in the order of ``rows``."""
        with_account = [
            (row, contact)
            for row, contact in zip(rows, contacts, strict=True)
            if row.values.get("acc_number")
        ]
        if not with_account:
            return [None] * len(rows)
        Bank = self.env["res.bank"]
        names = {row.values["bank_name"] for row, _contact in with_account}
        banks = {bank.name: bank for bank in Bank.search([("name", "in", list(names))])}
        missing = sorted(names - set(banks))
        if missing:
            banks.update(zip(missing, Bank.create([{"name": name} for name in missing]), strict=True))
        accounts = self.env["res.partner.bank"].create(
            [
                {
                    "partner_id": contact.id,
                    "bank_id": banks[row.values["bank_name"]].id,
                    "acc_number": row.values["acc_number"],
                }
                for row, contact in with_account
            ]
        )
        by_contact = dict(zip([contact.id for _row, contact in with_account], accounts, strict=True))
        return [by_contact.get(contact.id) for contact in contacts]

    def _prepare_contract_vals(self, row, company, employee):
        values = row.values
        today = fields.Date.context_today(self)
        start, end = values["date_start"], values["date_end"]
        state = "draft" if start > today else ("close" if end and end < today else "open")
        return {
            "name": self.env._("%(name)s labor contract %(year)s", name=employee.name, year=start.year),
            "employee_id": employee.id,
            "company_id": company.id,
            "sgz_station_id": values["sgz_station_id"],
            "date_start": start,
            "date_end": end or False,
            "wage": float(values["wage"]),
            "sgz_allowance": float(values.get("sgz_allowance") or 0),
            "sgz_performance_pay": float(values.get("sgz_performance_pay") or 0),
            "state": state,
        }
