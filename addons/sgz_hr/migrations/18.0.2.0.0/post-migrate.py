"""From 18.0.1: payslips get their tax month, what they paid, and one period per contract.

Before 18.0.2 a payslip was taxed in its own month and paid its full figures; a payslip had one contract,
whose monthly amounts were its inputs. Those become the period of the payslip; the performance pay already
on a payslip counts as entered (kept as it is).
"""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE sgz_payslip
           SET tax_month = COALESCE(tax_month, date_from),
               paid_gross = COALESCE(paid_gross, gross),
               paid_contributions = COALESCE(paid_contributions,
                                             COALESCE(employee_insurance, 0) + COALESCE(housing_fund_employee, 0)),
               carried_owed = COALESCE(carried_owed, 0), recovered = COALESCE(recovered, 0),
               owed = COALESCE(owed, 0),
               performance_entered = COALESCE(performance_entered, TRUE)
        """
    )
    cr.execute(
        """
        INSERT INTO sgz_payslip_period
               (payslip_id, company_id, contract_id, date_from, date_to, base_wage, allowances, performance_pay,
                create_uid, create_date, write_uid, write_date)
        SELECT p.id, p.company_id, c.id, GREATEST(c.date_start, p.date_from),
               LEAST(COALESCE(c.date_end, p.date_to), p.date_to), c.wage, COALESCE(c.sgz_allowance, 0),
               COALESCE(c.sgz_performance_pay, 0), p.create_uid, p.create_date, p.write_uid, p.write_date
          FROM sgz_payslip p
          JOIN hr_contract c ON c.id = p.contract_id
         WHERE NOT EXISTS (SELECT 1 FROM sgz_payslip_period x WHERE x.payslip_id = p.id)
        """
    )
