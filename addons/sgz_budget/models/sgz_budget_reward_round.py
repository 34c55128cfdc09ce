from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.sgz_base.models.sgz_lock_mixin import sgz_action

from .sgz_budget_entry import money


class SgzBudgetRewardRound(models.Model):
    """The province's reward subsidy round (奖励性补助) for a year: an amount per grade, applied to the annual
    evaluations of every county; confirming it allocates each county its reward."""

    _name = "sgz.budget.reward.round"
    _description = "Reward Subsidy Round"
    _inherit = ["mail.thread", "sgz.lock.mixin"]
    _order = "fiscal_year desc, id desc"
    _check_company_auto = True
    _sgz_locked_states = ("confirmed",)
    _sgz_action_fields = ("state",)
    _sgz_unlink_states = ("draft",)

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        string="Province",
        required=True,
        default=lambda self: self.env.company,
        domain=[("sgz_kind", "=", "province")],
    )
    fiscal_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
        aggregator=None,
        tracking=True,
    )
    evaluation_year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        aggregator=None,
        help="Evaluations recorded in this year are rewarded.",
    )
    fund_source_id = fields.Many2one(
        "sgz.fund.source",
        string="Fund Source",
        required=True,
        default=lambda self: self.env.ref("sgz_base.fund_source_reward_province", raise_if_not_found=False),
    )
    category_id = fields.Many2one(
        "sgz.budget.category",
        string="Expense Category",
        required=True,
        default=lambda self: self.env.ref("sgz_budget.budget_category_service", raise_if_not_found=False),
    )
    source_line_id = fields.Many2one("sgz.budget.line", string="Paid From", check_company=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    line_ids = fields.One2many(
        "sgz.budget.reward.round.line", "round_id", string="Amounts per Grade", copy=True
    )
    allocation_ids = fields.One2many("sgz.budget.allocation", "reward_round_id", string="Allocations")
    amount_total = fields.Monetary(compute="_compute_amount_total", string="Total Allocated")
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )

    @api.depends("allocation_ids.amount")
    def _compute_amount_total(self):
        for reward_round in self:
            reward_round.amount_total = sum(reward_round.allocation_ids.mapped("amount"))

    @api.constrains("company_id")
    def _check_company_kind(self):
        for reward_round in self:
            if reward_round.company_id.sgz_kind != "province":
                raise ValidationError(self.env._("Reward subsidy rounds are set by the province."))

    def _sgz_rewards(self):
        """{county: [(evaluation, grade, amount)]} for the evaluations of the round."""
        self.ensure_one()
        amounts = {line.grade_id: line.amount for line in self.line_ids}
        grades = self.env["sgz.budget.reward.grade"].search([])
        evaluations = (
            self.env["sgz.agreement.evaluation"]
            .sudo()
            .search(
                [
                    ("state", "=", "done"),
                    ("date", ">=", f"{self.evaluation_year}-01-01"),
                    ("date", "<=", f"{self.evaluation_year}-12-31"),
                    ("company_id", "child_of", self.company_id.id),
                    ("company_id.sgz_kind", "=", "county"),
                ]
            )
        )
        rewards = defaultdict(list)
        for evaluation in evaluations:
            grade = grades._sgz_grade_of(evaluation, grades)
            amount = money(amounts.get(grade, 0.0)) if grade else 0.0
            if amount:
                rewards[evaluation.company_id].append((evaluation, grade, amount))
        return rewards

    @sgz_action(lock_rows=True)
    def action_confirm(self):
        for reward_round in self:
            if reward_round.state != "draft":
                raise UserError(self.env._("%(round)s is already confirmed.", round=reward_round.name))
            if not reward_round.line_ids:
                raise UserError(self.env._("Give the amount of each grade first."))
            rewards = reward_round._sgz_rewards()
            if not rewards:
                raise UserError(
                    self.env._(
                        "No county has a rewarded evaluation recorded in %(year)s.",
                        year=reward_round.evaluation_year,
                    )
                )
            Allocation = self.env["sgz.budget.allocation"]
            with Allocation._sgz_unlocked():
                allocations = Allocation.sudo().create(
                    [
                        {
                            "company_id": reward_round.company_id.id,
                            "target_company_id": county.id,
                            "fiscal_year": reward_round.fiscal_year,
                            "fund_source_id": reward_round.fund_source_id.id,
                            "category_id": reward_round.category_id.id,
                            "source_line_id": reward_round.source_line_id.id,
                            "amount": sum(amount for _e, _g, amount in items),
                            "date": reward_round.date,
                            "reward_round_id": reward_round.id,
                            "evaluation_ids": [fields.Command.set([e.id for e, _g, _a in items])],
                            "note": "\n".join(
                                self.env._(
                                    "%(evaluation)s: %(grade)s, ¥%(amount)s",
                                    evaluation=e.display_name,
                                    grade=g.name,
                                    amount=f"{a:,.2f}",
                                )
                                for e, g, a in items
                            ),
                        }
                        for county, items in sorted(rewards.items(), key=lambda item: item[0].id)
                    ]
                )
                allocations._sgz_confirm()
            reward_round.write({"state": "confirmed"})
        return True


class SgzBudgetRewardRoundLine(models.Model):
    _name = "sgz.budget.reward.round.line"
    _description = "Reward Amount per Grade"
    _inherit = ["sgz.lock.mixin"]
    _order = "round_id, id"
    _sgz_lock_parent = "round_id"

    round_id = fields.Many2one("sgz.budget.reward.round", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="round_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="round_id.currency_id")
    grade_id = fields.Many2one("sgz.budget.reward.grade", string="Grade", required=True)
    amount = fields.Monetary(string="Amount per Evaluation")

    _sql_constraints = [("grade_unique", "unique(round_id, grade_id)", "One amount per grade.")]

    @api.constrains("amount")
    def _check_amount(self):
        for line in self:
            if money(line.amount) < 0:
                raise ValidationError(self.env._("A reward amount cannot be negative."))
