"""The payroll computation of ``sgz.payslip``: one batch read, the pure engine, one batch write.

The number of queries depends on the number of (employer, tax month) groups, never on the number of
payslips: every figure a payslip needs (contract periods, year to date, amounts owed, declared bases,
deductions, schemes, minimum wages) is read for the whole group at once and matched in Python.
"""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..engine import (
    LINE_BY_CODE,
    LINE_SEQUENCE,
    ZERO,
    BatchError,
    PayrollError,
    PayslipInput,
    PriorPayment,
    YearToDate,
    compute_batch,
    employment_months,
    fen,
    full_year_basic_deduction,
    month_shares,
    months_employed,
    prorate_shares,
    special_code,
    to_decimal,
)

# the payslips that were paid: a replaced payslip was paid too (its adjustment pays the difference), so it stays
# in every year-to-date figure and counts as paid for the contracts and bases it was computed from
CONFIRMED_STATES = ("confirmed", "replaced")
# the figures computing writes (by SQL, in one statement for the whole batch)
RESULT_FIELDS = (
    "base_wage",
    "allowances",
    "gross",
    "contribution_base",
    "employee_insurance",
    "employer_insurance",
    "housing_fund_employee",
    "housing_fund_employer",
    "special_deductions",
    "cumulative_income",
    "cumulative_deductions",
    "cumulative_taxable",
    "cumulative_tax",
    "tax",
    "net",
    "employer_cost",
    "paid_gross",
    "paid_contributions",
    "carried_owed",
    "recovered",
    "owed",
)
# the year-to-date columns read from the confirmed payslips and the opening balances, in YearToDate's order
YTD_COLUMNS = ("gross", "contributions", "specials", "other", "tax")


def pg_array(values):
    """A PostgreSQL array literal of plain values (numbers, booleans, None, codes without commas or quotes).

    Passing one literal per column instead of a Python list spares psycopg2 adapting every element, which is
    most of the cost of sending the lines of thousands of payslips.
    """
    body = ",".join(
        "NULL" if value is None else ("t" if value else "f") if isinstance(value, bool) else str(value)
        for value in values
    )
    return "{" + body + "}"


class PayrollGroup:
    """Everything read once for the payslips of one employer and tax month."""

    def __init__(self, company_id, tax_month, rows):
        self.company_id = company_id
        self.tax_month = tax_month
        self.rows = rows
        self.employee_ids = list({row["employee_id"] for row in rows})
        self.periods = {}
        self.schemes = {}
        self.ytd = {}
        self.opening_months = {}  # worker: last tax month of this year covered by an opening balance
        self.employed = {}  # worker: months (1–12) of the tax year under contract here
        self.owed = {}
        self.full_year = {}
        self.specials = {}
        self.bases = {}
        self.priors = {}
        # approved adjustments: computed with their worker's payslips, never changed (see _sgz_check_frozen)
        self.frozen = set()


class SgzPayrollCompute(models.AbstractModel):
    _name = "sgz.payroll.compute"
    _description = "Payroll Computation"

    # ---- entry point ---------------------------------------------------------------------------------------

    @api.model
    def _sgz_compute(self, ids, whole_runs=False):
        """Compute draft payslips; callers check access rights first. ``whole_runs``: ``ids`` are every draft
        payslip of their runs (nothing to add)."""
        if not ids:
            return
        self.env.flush_all()
        if not whole_runs:
            ids = self._sgz_paid_together(ids)
        self.env.cr.execute(
            SQL(
                """
                SELECT p.id, p.employee_id, p.company_id, p.date_from, p.date_to, p.tax_month, p.state,
                       p.is_adjustment, p.origin_payslip_id, p.performance_pay, p.performance_entered,
                       p.unpaid_leave_deduction, p.scheme_region_id, p.housing_fund_rate, e.name AS employee_name
                  FROM sgz_payslip p
                  JOIN hr_employee e ON e.id = p.employee_id
                 WHERE p.id = ANY(%s)
              ORDER BY p.is_adjustment, p.id
                """,
                list(ids),
            )
        )
        groups = {}
        for row in self.env.cr.dictfetchall():
            row["performance_pay"] = to_decimal(row["performance_pay"])
            row["unpaid_leave_deduction"] = to_decimal(row["unpaid_leave_deduction"])
            if row["state"] != "draft":
                raise UserError(self.env._("Only draft payslips can be computed."))
            groups.setdefault((row["company_id"], row["tax_month"]), []).append(row)
        adjustments = self.env["sgz.payslip"].browse(
            [row["id"] for rows in groups.values() for row in rows if row["is_adjustment"]]
        )
        frozen = set(adjustments._sgz_approved_adjustments().ids)
        for (company_id, tax_month), rows in groups.items():
            group = PayrollGroup(company_id, tax_month, rows)
            group.frozen = frozen
            self._sgz_compute_group(group)
        for model in ("sgz.payslip", "sgz.payslip.line", "sgz.contribution.base"):
            self.env[model].invalidate_model()

    def _sgz_paid_together(self, ids):
        """``ids`` and the draft payslips paid with them: a worker's regular payslip and the adjustments paid
        in the same run are taxed together, so they are computed together."""
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT q.id FROM sgz_payslip p
                  JOIN sgz_payslip q ON q.run_id = p.run_id AND q.employee_id = p.employee_id AND q.state = 'draft'
                 WHERE p.id = ANY(%s)
                """,
                list(ids),
            )
        )
        return [row[0] for row in self.env.cr.fetchall()] or list(ids)

    def _sgz_compute_group(self, group):
        self._sgz_load(group)
        regular = [row for row in group.rows if not row["is_adjustment"]]
        adjustments = [row for row in group.rows if row["is_adjustment"]]
        self._sgz_check_gaps(group, regular)
        self._sgz_check_minimum_wages(group, regular)
        results = self._sgz_run_engine(group, regular, {})
        paid_with = {row["employee_id"]: result for row, result in zip(regular, results, strict=True)}
        results += self._sgz_run_engine(group, adjustments, paid_with)
        rows = regular + adjustments
        if group.frozen:
            self._sgz_check_frozen(group, rows, results)
            kept = [
                (row, result)
                for row, result in zip(rows, results, strict=True)
                if row["id"] not in group.frozen
            ]
            rows, results = [row for row, _result in kept], [result for _row, result in kept]
        if rows:
            self._sgz_store(group, rows, results)

    def _sgz_check_frozen(self, group, rows, results):
        """An approved adjustment is paid as approved: computing its worker's pay again must give the same
        figures (then it is left untouched), else the computation is refused, naming it (one query)."""
        frozen = [
            (row, result) for row, result in zip(rows, results, strict=True) if row["id"] in group.frozen
        ]
        if not frozen:
            return
        self.env.cr.execute(
            SQL(
                "SELECT id, %s FROM sgz_payslip WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in RESULT_FIELDS),
                [row["id"] for row, _result in frozen],
            )
        )
        stored = {row["id"]: row for row in self.env.cr.dictfetchall()}
        for row, result in frozen:
            values = self._sgz_result_values(group, row, result)
            changed = [
                name
                for name in RESULT_FIELDS
                if fen(stored[row["id"]][name] or ZERO) != fen(values[name] or ZERO)
            ]
            if changed:
                raise UserError(
                    self.env._(
                        "The adjustment of %(name)s is approved: its figures are those the manager approved and "
                        "computing again would change them (%(fields)s). Delete the adjustment and create a new one "
                        "to pay another amount.",
                        name=row["employee_name"],
                        fields=self.env["sgz.payslip"]._sgz_field_labels(changed),
                    )
                )

    # ---- reading -------------------------------------------------------------------------------------------

    def _sgz_load(self, group):
        self._sgz_load_periods(group)
        group.schemes = (
            self.env["sgz.insurance.scheme"]
            .sudo()
            ._sgz_lookup({(row["scheme_region_id"], row["date_from"]) for row in group.rows})
        )
        table = self.env["sgz.iit.table"].sudo()._sgz_for_date(group.tax_month)
        group.brackets = table._sgz_brackets()
        group.basic = to_decimal(table.monthly_basic_deduction)
        group.rules = {}
        self._sgz_load_employment(group)
        self._sgz_load_year_to_date(group)
        group.full_year = self._sgz_full_year_deduction(
            group.company_id, group.tax_month.year, group.employee_ids
        )
        group.specials = self.env["sgz.special.deduction"]._sgz_month_deductions(group)
        group.bases = self.env["sgz.contribution.base"]._sgz_bases(group)
        self._sgz_load_priors(group)

    def _sgz_load_periods(self, group):
        self.env.cr.execute(
            SQL(
                """
                SELECT payslip_id, date_from, date_to, base_wage, allowances, performance_pay
                  FROM sgz_payslip_period WHERE payslip_id = ANY(%s) ORDER BY payslip_id, date_from, id
                """,
                [row["id"] for row in group.rows],
            )
        )
        for period in self.env.cr.dictfetchall():
            for name in ("base_wage", "allowances", "performance_pay"):
                period[name] = to_decimal(period[name])
            group.periods.setdefault(period["payslip_id"], []).append(period)

    def _sgz_load_employment(self, group):
        """The months of the tax year each worker is under contract here (任职受雇月份, see
        ``engine/employment.py``): one query for the group."""
        year = group.tax_month.year
        self.env.cr.execute(
            SQL(
                """
                SELECT employee_id, date_start, date_end FROM hr_contract
                 WHERE company_id = %s AND employee_id = ANY(%s) AND active AND state IN ('open', 'close')
                   AND date_start <= %s AND (date_end IS NULL OR date_end >= %s)
                """,
                group.company_id,
                group.employee_ids,
                datetime.date(year, 12, 31),
                datetime.date(year, 1, 1),
            )
        )
        spans = {}
        for employee_id, start, end in self.env.cr.fetchall():
            spans.setdefault(employee_id, []).append((start, end))
        group.employed = {
            employee_id: employment_months(year, employee_spans)
            for employee_id, employee_spans in spans.items()
        }

    def _sgz_load_year_to_date(self, group):
        """What was paid and withheld in the earlier months of the tax year, and what each worker still owes."""
        cr = self.env.cr
        jan1 = group.tax_month.replace(month=1, day=1)
        cr.execute(
            SQL(
                """
                SELECT employee_id, sum(paid_gross) AS gross, sum(paid_contributions) AS contributions,
                       sum(special_deductions) AS specials, 0 AS other, sum(tax) AS tax
                  FROM sgz_payslip
                 WHERE company_id = %s AND state IN %s AND tax_month >= %s AND tax_month < %s
                   AND employee_id = ANY(%s)
              GROUP BY employee_id
                """,
                group.company_id,
                CONFIRMED_STATES,
                jan1,
                group.tax_month,
                group.employee_ids,
            )
        )
        rows = cr.dictfetchall()
        # plus the figures of the months before the payroll ran here (本年期初累计数), in the same columns
        openings = self.env["sgz.payroll.opening"]._sgz_for_group(group)
        group.opening_months = {row["employee_id"]: row["last_month"] for row in openings}
        opening_counts = {row["employee_id"]: row["months"] for row in openings}
        sums = {}
        for row in rows + openings:
            total = sums.setdefault(row["employee_id"], [ZERO] * len(YTD_COLUMNS))
            for index, name in enumerate(YTD_COLUMNS):
                total[index] += to_decimal(row[name] or 0)
        group.ytd = {}
        for employee_id in group.employee_ids:
            # the months before this one that count 5,000 each: months of employment, not months paid
            months = months_employed(
                group.tax_month,
                group.employed.get(employee_id, ()),
                group.opening_months.get(employee_id, 0),
                opening_counts.get(employee_id, 0),
            )
            figures = sums.get(employee_id, [ZERO] * len(YTD_COLUMNS))
            group.ytd[employee_id] = YearToDate(min(max(months - 1, 0), 11), *figures)
        cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (employee_id) employee_id, owed
                  FROM sgz_payslip
                 WHERE company_id = %s AND state IN %s AND tax_month < %s AND employee_id = ANY(%s)
              ORDER BY employee_id, tax_month DESC, is_adjustment DESC, id DESC
                """,
                group.company_id,
                CONFIRMED_STATES,
                group.tax_month,
                group.employee_ids,
            )
        )
        group.owed = {row["employee_id"]: to_decimal(row["owed"]) for row in cr.dictfetchall()}

    def _sgz_load_priors(self, group):
        origin_ids = [row["origin_payslip_id"] for row in group.rows if row["origin_payslip_id"]]
        if not origin_ids:
            return
        self.env.cr.execute(
            SQL(
                """
                SELECT id, gross, employee_insurance + housing_fund_employee AS contributions, state
                  FROM sgz_payslip WHERE id = ANY(%s)
                """,
                origin_ids,
            )
        )
        group.priors = {row["id"]: row for row in self.env.cr.dictfetchall()}

    @api.model
    def _sgz_full_year_deduction(self, company_id, year, employee_ids):
        """公告2020年第19号 per worker: a recorded decision, else last tax year's payslips and opening balance
        (one grouped query): wages paid by this employer in each of the 12 months, at most 60,000 in total."""
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT employee_id, sum(months) AS months, sum(gross) AS gross FROM (
                    SELECT employee_id, count(DISTINCT tax_month) FILTER (WHERE NOT is_adjustment) AS months,
                           sum(paid_gross) AS gross
                      FROM sgz_payslip
                     WHERE company_id = %(company)s AND state IN %(confirmed)s
                       AND tax_month >= %(jan1)s AND tax_month < %(next_jan1)s AND employee_id = ANY(%(employees)s)
                  GROUP BY employee_id
                 UNION ALL
                    SELECT employee_id, months_employed, gross
                      FROM sgz_payroll_opening
                     WHERE company_id = %(company)s AND state = 'confirmed' AND year = %(year)s
                       AND employee_id = ANY(%(employees)s)
                ) last_year
              GROUP BY employee_id
                """,
                company=company_id,
                confirmed=CONFIRMED_STATES,
                jan1=datetime.date(year - 1, 1, 1),
                next_jan1=datetime.date(year, 1, 1),
                year=year - 1,
                employees=employee_ids,
            )
        )
        result = {
            row["employee_id"]: full_year_basic_deduction(int(row["months"]), to_decimal(row["gross"]))
            for row in cr.dictfetchall()
        }
        cr.execute(
            SQL(
                """
                SELECT employee_id, apply FROM sgz_iit_full_year_deduction
                 WHERE company_id = %s AND year = %s AND employee_id = ANY(%s)
                """,
                company_id,
                year,
                employee_ids,
            )
        )
        result.update(dict(cr.fetchall()))
        return result

    # ---- checks --------------------------------------------------------------------------------------------

    def _sgz_check_gaps(self, group, rows):
        """Refuse a month while an earlier month of the same tax year under contract here is not confirmed (its
        figures would be missing from the year to date): a month with a draft payslip, or any month from the
        employer's first confirmed run on. The months are those whose wages are taxed in the tax year: with
        wages paid the following month, December's wages are January's income and open the year."""
        pay_months = 1 if self.env["res.company"].browse(group.company_id).sgz_pay_next_month else 0
        first = group.tax_month.replace(month=1) - relativedelta(months=pay_months)
        for month in sorted({row["date_from"] for row in rows}):
            if month <= first:
                continue
            employee_ids = [row["employee_id"] for row in rows if row["date_from"] == month]
            gap = self._sgz_first_gap(group.company_id, employee_ids, first, month, pay_months)
            if gap:
                raise UserError(
                    self.env._(
                        "%(name)s's payslip of %(open)s is not confirmed: confirm the payroll of %(open)s before "
                        "computing %(month)s (the year-to-date tax figures would be missing it).",
                        name=gap["employee_name"],
                        open=gap["month"].strftime("%Y-%m"),
                        month=month.strftime("%Y-%m"),
                    )
                )

    def _sgz_first_gap(self, company_id, employee_ids, first, month, pay_months):
        """The first work month from ``first`` to the one before ``month`` in which one of the workers was under
        contract here without a confirmed payslip or an opening balance covering it (one query)."""
        self.env.cr.execute(
            SQL(
                """
                WITH due AS (
                    SELECT DISTINCT c.employee_id, m::date AS month
                      FROM hr_contract c
                      CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 month') AS m
                     WHERE c.company_id = %(company)s AND c.employee_id = ANY(%(employees)s) AND c.active
                       AND c.state IN ('open', 'close') AND c.date_start <= (m + interval '1 month - 1 day')::date
                       AND (c.date_end IS NULL OR c.date_end >= m::date)
                )
                SELECT e.name AS employee_name, due.month
                  FROM due JOIN hr_employee e ON e.id = due.employee_id
                 WHERE NOT EXISTS (
                     SELECT 1 FROM sgz_payslip p
                      WHERE p.company_id = %(company)s AND p.employee_id = due.employee_id
                        AND p.date_from = due.month AND NOT p.is_adjustment AND p.state IN %(confirmed)s)
                   AND NOT EXISTS (
                     SELECT 1 FROM sgz_payroll_opening o
                      WHERE o.company_id = %(company)s AND o.employee_id = due.employee_id
                        AND o.state = 'confirmed'
                        AND (due.month + %(pay_months)s * interval '1 month')::date
                            BETWEEN make_date(o.year, 1, 1) AND make_date(o.year, o.last_month, 1))
                   AND (due.month >= (SELECT min(date_from) FROM sgz_payroll_run
                                       WHERE company_id = %(company)s AND state = 'confirmed')
                        OR EXISTS (SELECT 1 FROM sgz_payslip d
                                    WHERE d.company_id = %(company)s AND d.employee_id = due.employee_id
                                      AND d.date_from = due.month AND NOT d.is_adjustment AND d.state = 'draft'))
              ORDER BY due.month, e.name
                 LIMIT 1
                """,
                company=company_id,
                first=first,
                last=month - relativedelta(months=1),
                employees=employee_ids,
                confirmed=CONFIRMED_STATES,
                # an opening balance counts tax months: the work month paid the month after is its month + 1
                pay_months=pay_months,
            )
        )
        return self.env.cr.dictfetchone()

    def _sgz_check_minimum_wages(self, group, rows):
        """A month fully under contract pays at least the minimum wage of the insurance region."""
        MinimumWage = self.env["sgz.minimum.wage"].sudo()
        Region = self.env["sgz.region"]
        minimums = {}
        for row in rows:
            periods = group.periods.get(row["id"], [])
            if not periods or sum((p["date_to"] - p["date_from"]).days + 1 for p in periods) < (
                (row["date_to"] - row["date_from"]).days + 1
            ):
                continue
            last = periods[-1]
            pay = last["base_wage"] + last["allowances"] + last["performance_pay"]
            key = (row["scheme_region_id"], row["date_from"])
            if key not in minimums:
                minimums[key] = (
                    MinimumWage._sgz_applicable(Region.browse(key[0]), key[1]) if key[0] else MinimumWage
                )
            minimum = minimums[key]
            if minimum and pay < to_decimal(minimum.amount):
                raise UserError(
                    self.env._(
                        "%(name)s's pay for a full month, %(pay)s, is below the minimum monthly wage of %(minimum)s "
                        "in force from %(date)s: correct the labor contract before computing.",
                        name=row["employee_name"],
                        pay=pay,
                        minimum=to_decimal(minimum.amount),
                        date=minimum.date_from,
                    )
                )

    # ---- the engine ----------------------------------------------------------------------------------------

    def _sgz_run_engine(self, group, rows, paid_with):
        inputs = []
        for row in rows:
            try:
                inputs.append(self._sgz_input(group, row, paid_with))
            except PayrollError as error:
                raise UserError(self._sgz_engine_message(row["employee_name"], error)) from None
        try:
            return compute_batch(inputs)
        except BatchError as error:
            name = rows[error.index]["employee_name"]
            raise UserError(self._sgz_engine_message(name, error.error)) from None

    def _sgz_rules(self, group, scheme, hf_rate):
        key = (scheme.key, hf_rate)
        if key not in group.rules:
            group.rules[key] = scheme.rules(hf_rate) if scheme else ((), None)
        return group.rules[key]

    def _sgz_earnings(self, group, row, scheme):
        """Prorated base wage, allowances and performance pay, and the calendar days under contract: a month
        worked in full pays the monthly amounts whatever the contracts in it (``engine/proration.py``)."""
        method = scheme.proration_method
        periods = group.periods.get(row["id"], [])
        shares = month_shares(
            method, [(p["date_from"], p["date_to"]) for p in periods], row["date_from"], row["date_to"]
        )
        base, allowances, performance = (
            sum(prorate_shares([p[name] for p in periods], shares), ZERO)
            for name in ("base_wage", "allowances", "performance_pay")
        )
        days = sum((p["date_to"] - p["date_from"]).days + 1 for p in periods)
        if row["performance_entered"]:
            performance = row["performance_pay"]
        return base, allowances, performance, days

    def _sgz_input(self, group, row, paid_with):
        employee_id = row["employee_id"]
        scheme = group.schemes[row["scheme_region_id"], row["date_from"]]
        rules, housing = self._sgz_rules(group, scheme, row["housing_fund_rate"] or 0.0)
        base, allowances, performance, days = self._sgz_earnings(group, row, scheme)
        declared = group.bases.get((employee_id, row["date_from"]))
        regular = paid_with.get(employee_id)
        ytd = group.ytd.get(employee_id, YearToDate())
        prior = None
        if row["is_adjustment"]:
            origin = group.priors[row["origin_payslip_id"]]
            prior = PriorPayment(to_decimal(origin["gross"]), to_decimal(origin["contributions"]))
            if regular:
                ytd = ytd.after(regular)
        carried = regular.owed if regular else group.owed.get(employee_id, ZERO)
        row.update(
            prorated=(base, allowances, performance, days), scheme=scheme, declared=declared, carried=carried
        )
        return PayslipInput(
            base_wage=base,
            allowances=allowances,
            performance_pay=performance,
            unpaid_leave_deduction=row["unpaid_leave_deduction"],
            contribution_wage=declared[1] if declared else base + allowances,
            insurance_rules=rules,
            housing_fund_rule=housing,
            special_deductions=ZERO if prior else sum(group.specials.get(employee_id, {}).values(), ZERO),
            ytd=ytd,
            full_year_basic_deduction=group.full_year.get(employee_id, False),
            brackets=group.brackets,
            monthly_basic_deduction=group.basic,
            carried_owed=carried,
            prior=prior,
            same_month=bool(prior and regular),
        )

    def _sgz_engine_message(self, name, error):
        """The engine's refusal as a sentence in the reader's language."""
        _ = self.env._
        labels = {
            "base_wage": _("the base wage"),
            "allowances": _("the allowances"),
            "performance_pay": _("the performance pay"),
            "unpaid_leave_deduction": _("the unpaid leave deduction"),
            "monthly amount": _("a monthly amount"),
            "contribution_wage": _("the declared contribution base"),
            "special_deductions": _("the special additional deductions"),
        }
        params = {
            key: fen(value) if isinstance(value, Decimal) else value for key, value in error.params.items()
        }
        field = labels.get(params.get("field"), params.get("field", ""))
        reasons = {
            "negative": _(
                "%(field)s must not be negative (%(value)s)", field=field, value=params.get("value")
            ),
            "not_a_number": _("%(field)s is not a number", field=field),
            "unpaid_exceeds": _(
                "the unpaid leave deduction %(unpaid)s exceeds the pay it is deducted from (%(pay)s)",
                unpaid=params.get("unpaid"),
                pay=params.get("pay"),
            ),
        }
        reason = reasons.get(error.code, _("the payroll data is not valid (%(detail)s)", detail=str(error)))
        return _("The payslip of %(name)s cannot be computed: %(reason)s.", name=name, reason=reason)

    # ---- writing -------------------------------------------------------------------------------------------

    def _sgz_update_columns(self, table, columns):
        """``UPDATE table SET name = v.name, … FROM unnest(arrays) AS v(id, …)``: ``columns`` maps each column
        (``id`` first) to its PostgreSQL type and its values."""
        names = list(columns)
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s AS t SET %(sets)s, write_uid = %(uid)s, write_date = (now() AT TIME ZONE 'UTC')
                  FROM unnest(%(arrays)s) AS v(%(names)s)
                 WHERE t.id = v.id
                """,
                table=SQL.identifier(table),
                sets=SQL(", ").join(
                    SQL("%s = v.%s", SQL.identifier(n), SQL.identifier(n)) for n in names[1:]
                ),
                uid=self.env.uid,
                arrays=SQL(", ").join(
                    SQL(f"%s::{pgtype}[]", pg_array(values)) for pgtype, values in columns.values()
                ),
                names=SQL(", ").join(SQL.identifier(n) for n in names),
            )
        )

    def _sgz_store(self, group, rows, results):
        columns = {
            "id": ("int", []),
            "scheme_id": ("int", []),
            "no_scheme": ("bool", []),
            "full_year_deduction": ("bool", []),
            "ytd_months": ("int", []),
            "contribution_base_id": ("int", []),
            "worked_days": ("int", []),
            "calendar_days": ("int", []),
            "performance_pay": ("numeric", []),
            "is_computed": ("bool", []),
            **{name: ("numeric", []) for name in RESULT_FIELDS},
        }
        lines = {"payslip_id": [], "sequence": [], "code": [], "category": [], "amount": []}
        for row, result in zip(rows, results, strict=True):
            values = self._sgz_result_values(group, row, result)
            for name, (_type, column) in columns.items():
                column.append(values[name])
            for code, amount in self._sgz_result_lines(group, row, result):
                line = LINE_BY_CODE[code]
                if not amount and not line.keep_zero:
                    continue
                lines["payslip_id"].append(row["id"])
                lines["sequence"].append(LINE_SEQUENCE[code])
                lines["code"].append(code)
                lines["category"].append(line.category)
                lines["amount"].append(amount)
        self._sgz_update_columns("sgz_payslip", columns)
        self.env.cr.execute(SQL("DELETE FROM sgz_payslip_line WHERE payslip_id = ANY(%s)", columns["id"][1]))
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO sgz_payslip_line
                       (payslip_id, company_id, sequence, code, category, amount,
                        create_uid, create_date, write_uid, write_date)
                SELECT v.payslip_id, %(company)s, v.sequence, v.code, v.category, v.amount,
                       %(uid)s, (now() AT TIME ZONE 'UTC'), %(uid)s, (now() AT TIME ZONE 'UTC')
                  FROM unnest(%(ids)s::int[], %(sequences)s::int[], %(codes)s::varchar[], %(categories)s::varchar[],
                              %(amounts)s::numeric[]) AS v(payslip_id, sequence, code, category, amount)
                """,
                company=group.company_id,
                uid=self.env.uid,
                ids=pg_array(lines["payslip_id"]),
                sequences=pg_array(lines["sequence"]),
                codes=pg_array(lines["code"]),
                categories=pg_array(lines["category"]),
                amounts=pg_array(lines["amount"]),
            )
        )

    def _sgz_result_values(self, group, row, result):
        base, allowances, performance, days = row["prorated"]
        iit = result.iit
        scheme = row["scheme"]
        declared = row["declared"]
        return {
            "id": row["id"],
            "scheme_id": scheme.scheme.id or None,
            "no_scheme": not scheme,
            "full_year_deduction": group.full_year.get(row["employee_id"], False),
            "ytd_months": iit.months_employed,
            "contribution_base_id": declared[0] if declared else None,
            "worked_days": days,
            "calendar_days": (row["date_to"] - row["date_from"]).days + 1,
            "performance_pay": performance,
            "is_computed": True,
            "base_wage": result.base_wage,
            "allowances": result.allowances,
            "gross": result.gross,
            "contribution_base": result.insurance[0].base if result.insurance else ZERO,
            "employee_insurance": result.employee_contributions,
            "employer_insurance": result.employer_contributions,
            "housing_fund_employee": result.housing_fund_employee,
            "housing_fund_employer": result.housing_fund_employer,
            "special_deductions": result.special_deductions,
            "cumulative_income": iit.cumulative_income,
            "cumulative_deductions": iit.cumulative_deductions,
            "cumulative_taxable": iit.taxable,
            "cumulative_tax": iit.cumulative_tax,
            "tax": result.tax,
            "net": result.net,
            "employer_cost": result.employer_cost,
            "paid_gross": result.paid_gross,
            "paid_contributions": result.paid_contributions,
            "carried_owed": row["carried"],
            "recovered": result.recovered,
            "owed": result.owed,
        }

    def _sgz_result_lines(self, group, row, result):
        lines = [(line.code, line.amount) for line in result.lines]
        lines.append(("BASE", result.insurance[0].base if result.insurance else ZERO))
        if not row["is_adjustment"]:
            for kind, value in group.specials.get(row["employee_id"], {}).items():
                lines.append((special_code(kind), fen(value)))
        return lines
