import re
import secrets

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.sgz_base.lib import IdCardError, age_on, parse_id_card
from odoo.addons.sgz_base.models.sgz_lock_mixin import lock_lifted

from .sgz_personnel_document import REQUIRED_KINDS as REQUIRED_DOCUMENT_KINDS

EDUCATION_LEVELS = [
    ("junior_high", "Junior High School"),
    ("senior_high", "Senior High School"),
    ("secondary_vocational", "Secondary Vocational"),
    ("college", "College (Dazhuan)"),
    ("bachelor", "Bachelor"),
    ("master", "Master"),
    ("doctor", "Doctor"),
]
# 大专 or higher (§五(三))
COLLEGE_OR_HIGHER = ("college", "bachelor", "master", "doctor")
CERTIFICATE_LEVELS = [
    ("assistant", "Assistant Social Worker"),
    ("social_worker", "Social Worker"),
    ("senior", "Senior Social Worker"),
]
RECRUITMENT_SOURCES = [
    ("open", "Open Recruitment"),
    ("transfer", "Transferred From Another Station"),
    ("graduate", "Graduate Program"),
    ("volunteer", "Former Volunteer"),
    ("other", "Other"),
]
MAX_AGE = 40
MIN_WORKING_AGE = 16
# a birth date on an ID card more than this many years ago is a typing mistake
MAX_ID_AGE = 120
# the personnel file and the override requests are the provider's (bureaus read the worker, not these)
PROVIDER_GROUPS = "sgz_base.sgz_base_group_provider_hr,base.group_system"
# written only by an approved eligibility override request (sgz.eligibility.override)
OVERRIDE_FIELDS = frozenset(
    {"sgz_override", "sgz_override_reason", "sgz_override_user_id", "sgz_override_date"}
)
# the initial password of a worker's account, shown once to the HR clerk who creates it
INITIAL_PASSWORD_LENGTH = 10
# a mainland mobile number (the login of a worker's account), once spaces, dashes and +86 are taken away
MOBILE_NUMBER = re.compile(r"1\d{10}")


def normalize_phone(phone):
    """``138 0731 0001`` and ``+86-13807310001`` → ``13807310001``; anything else as typed (stripped)."""
    digits = re.sub(r"[\s\-()]", "", phone or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    return digits


class HrEmployee(models.Model):
    _inherit = "hr.employee"
    _sgz_input_checked = True
    # ID numbers and bank accounts: in full on the worker's own form only, never aggregated (sgz_base's mask)
    _sgz_masked_fields = ("identification_id", "bank_account_id")

    sgz_is_worker = fields.Boolean(
        string="Stationed Worker",
        compute="_compute_sgz_is_worker",
        store=True,
        help="An employee of a service provider (承接机构).",
    )
    sgz_station_id = fields.Many2one("sgz.station", string="Station", index=True, tracking=True)
    sgz_training_hours_year = fields.Float(
        string="Training Hours This Year", compute="_compute_sgz_development_hours"
    )
    sgz_supervision_hours_year = fields.Float(
        string="Supervision Hours This Year", compute="_compute_sgz_development_hours"
    )
    sgz_hire_date = fields.Date(string="Hire Date", tracking=True)
    sgz_education = fields.Selection(EDUCATION_LEVELS, string="Education Level", tracking=True)
    sgz_major = fields.Char(string="Major")
    sgz_social_work_degree = fields.Boolean(string="Social Work Degree or Related Major", tracking=True)
    sgz_certificate_level = fields.Selection(
        CERTIFICATE_LEVELS, string="Social Worker Certificate", tracking=True
    )
    sgz_certificate_number = fields.Char(string="Certificate Number")
    sgz_local_household = fields.Boolean(string="Local Household Registration", tracking=True)
    sgz_household_county_id = fields.Many2one(
        "sgz.region", string="Household Registration County", domain=[("level", "=", "county")]
    )
    sgz_recruitment_source = fields.Selection(RECRUITMENT_SOURCES, string="Recruitment Source")
    sgz_age_at_hire = fields.Integer(string="Age at Hire", compute="_compute_sgz_eligibility", store=True)
    sgz_eligible = fields.Boolean(string="Meets Requirements", compute="_compute_sgz_eligibility", store=True)
    # computed as superuser: the birth date it reads is an HR field a county officer does not see
    sgz_eligibility_notes = fields.Text(
        string="Eligibility", compute="_compute_sgz_eligibility_notes", compute_sudo=True
    )
    sgz_priority_qualification = fields.Boolean(
        string="Priority: Qualification", compute="_compute_sgz_eligibility", store=True
    )
    sgz_priority_local = fields.Boolean(
        string="Priority: Local", compute="_compute_sgz_eligibility", store=True
    )
    sgz_override = fields.Boolean(string="Eligibility Overridden", readonly=True, copy=False, tracking=True)
    sgz_override_reason = fields.Text(string="Override Reason", readonly=True, copy=False)
    sgz_override_user_id = fields.Many2one("res.users", string="Overridden By", readonly=True, copy=False)
    sgz_override_date = fields.Datetime(string="Overridden On", readonly=True, copy=False)
    sgz_override_request_ids = fields.One2many(
        "sgz.eligibility.override", "employee_id", string="Override Requests", groups=PROVIDER_GROUPS
    )
    sgz_document_ids = fields.One2many(
        "sgz.personnel.document", "employee_id", string="Personnel File", groups=PROVIDER_GROUPS
    )
    sgz_user_active = fields.Boolean(
        string="Account Active",
        compute="_compute_sgz_user_active",
        compute_sudo=True,
        help="The worker logs in (an account archived when the contract ended does not count).",
    )
    sgz_missing_documents = fields.Char(
        string="Missing Documents", compute="_compute_sgz_missing_documents", compute_sudo=True
    )

    @api.depends("user_id.active")
    def _compute_sgz_user_active(self):
        for employee in self:
            employee.sgz_user_active = bool(employee.user_id.active)

    @api.depends("company_id.sgz_kind")
    def _compute_sgz_is_worker(self):
        for employee in self:
            employee.sgz_is_worker = employee.company_id.sgz_kind == "provider"

    @api.depends(
        "birthday",
        "sgz_hire_date",
        "sgz_education",
        "sgz_social_work_degree",
        "sgz_certificate_level",
        "sgz_local_household",
    )
    def _compute_sgz_eligibility(self):
        for employee in self:
            age = 0
            if employee.birthday and employee.sgz_hire_date:
                age = age_on(employee.birthday, employee.sgz_hire_date)
            employee.sgz_age_at_hire = age
            employee.sgz_eligible = bool(
                employee.birthday
                and employee.sgz_hire_date
                and age < MAX_AGE
                and employee.sgz_education in COLLEGE_OR_HIGHER
            )
            employee.sgz_priority_qualification = bool(
                employee.sgz_social_work_degree or employee.sgz_certificate_level
            )
            employee.sgz_priority_local = employee.sgz_local_household

    @api.depends(
        "birthday",
        "sgz_hire_date",
        "sgz_education",
        "sgz_age_at_hire",
        "sgz_priority_qualification",
        "sgz_local_household",
    )
    def _compute_sgz_eligibility_notes(self):
        """The reasons, in the reader's language (not stored)."""
        for employee in self:
            notes = []
            if employee.birthday and employee.sgz_hire_date:
                age = employee.sgz_age_at_hire
                if age >= MAX_AGE:
                    notes.append(self.env._("Aged %(age)s at hire: not under 40.", age=age))
                else:
                    notes.append(self.env._("Aged %(age)s at hire: under 40.", age=age))
            else:
                notes.append(
                    self.env._("Birth date (from the ID card) or hire date missing: age not checked.")
                )
            if employee.sgz_education in COLLEGE_OR_HIGHER:
                notes.append(self.env._("Education: college (dazhuan) or higher."))
            else:
                notes.append(self.env._("Education below college (dazhuan) or not given."))
            if employee.sgz_priority_qualification:
                notes.append(self.env._("Priority: social work qualification."))
            if employee.sgz_local_household:
                notes.append(self.env._("Priority: local household registration."))
            employee.sgz_eligibility_notes = "\n".join(notes)

    @api.depends("sgz_document_ids.kind", "sgz_certificate_level")
    def _compute_sgz_missing_documents(self):
        labels = dict(self.env["sgz.personnel.document"]._fields["kind"]._description_selection(self.env))
        for employee in self:
            wanted = list(REQUIRED_DOCUMENT_KINDS)
            if employee.sgz_certificate_level:
                wanted.append("certificate")
            present = set(employee.sgz_document_ids.mapped("kind"))
            employee.sgz_missing_documents = self.env._(", ").join(
                labels[kind] for kind in wanted if kind not in present
            )

    @api.constrains("identification_id", "company_id")
    def _sgz_check_id_card(self):
        today = fields.Date.context_today(self)
        for employee in self.sudo().filtered(lambda e: e.sgz_is_worker and e.identification_id):
            try:
                card = parse_id_card(employee.identification_id)
            except IdCardError as error:
                raise ValidationError(
                    self.env._(
                        "%(number)s is not a valid resident ID card number (%(reason)s) for %(name)s.",
                        number=employee.identification_id,
                        reason=self._sgz_id_card_reason(error.reason),
                        name=employee.name,
                    )
                ) from None
            if card.birth_date > today or card.birth_date < today - relativedelta(years=MAX_ID_AGE):
                raise ValidationError(
                    self.env._(
                        "The ID card number of %(name)s gives the birth date %(date)s, which is impossible: check "
                        "the number.",
                        name=employee.name,
                        date=card.birth_date,
                    )
                )
            twin = self.sudo().search_count(
                [
                    ("id", "!=", employee.id),
                    ("company_id", "=", employee.company_id.id),
                    ("identification_id", "=", employee.identification_id),
                ],
                limit=1,
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "Another worker of %(company)s already has the ID card number of %(name)s: a person is "
                        "recorded once per employer.",
                        company=employee.company_id.name,
                        name=employee.name,
                    )
                )

    @api.constrains("identification_id", "birthday", "gender", "company_id")
    def _sgz_check_id_card_identity(self):
        """The birth date and gender of a worker are those of the ID card (digits 7–14: the birth date; the 17th:
        odd for a man, even for a woman); writing the card number sets them, nothing may contradict it."""
        for employee in self.sudo().filtered(lambda e: e.sgz_is_worker and e.identification_id):
            try:
                card = parse_id_card(employee.identification_id)
            except IdCardError:
                continue  # _sgz_check_id_card refuses it
            if employee.birthday != card.birth_date or employee.gender != card.gender:
                raise ValidationError(
                    self.env._(
                        "The birth date and gender of %(name)s come from the ID card number: born %(date)s, "
                        "%(gender)s.",
                        name=employee.name,
                        date=card.birth_date,
                        gender=dict(self._fields["gender"]._description_selection(self.env))[card.gender],
                    )
                )

    @api.constrains("name")
    def _sgz_check_name(self):
        for employee in self.filtered("sgz_is_worker"):
            if not (employee.name or "").strip():
                raise ValidationError(self.env._("Give the worker's name."))

    @api.constrains("sgz_station_id", "company_id")
    def _sgz_check_station(self):
        for employee in self.sudo().filtered("sgz_station_id"):
            if employee.sgz_station_id.provider_id != employee.company_id:
                raise ValidationError(
                    self.env._(
                        "%(name)s can only be stationed at a station that %(company)s runs.",
                        name=employee.name,
                        company=employee.company_id.name,
                    )
                )

    @api.constrains("birthday", "sgz_hire_date")
    def _sgz_check_hire_age(self):
        for employee in self.sudo():
            if employee.birthday and employee.sgz_hire_date:
                if employee.sgz_hire_date < employee.birthday + relativedelta(years=MIN_WORKING_AGE):
                    raise ValidationError(
                        self.env._(
                            "%(name)s cannot be hired on %(date)s: a worker must be at least 16 years old "
                            "(born %(birthday)s).",
                            name=employee.name,
                            date=employee.sgz_hire_date,
                            birthday=employee.birthday,
                        )
                    )

    @api.model
    def _sgz_id_card_vals(self, vals):
        """Birth date and gender derived from the ID card number, when one is given."""
        number = vals.get("identification_id")
        if not number:
            return vals
        try:
            card = parse_id_card(number)
        except IdCardError:
            return vals  # the constraint refuses it with a sentence naming the worker
        return {**vals, "identification_id": card.number, "birthday": card.birth_date, "gender": card.gender}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._sgz_check_override_fields(vals)
        return super().create([self._sgz_id_card_vals(vals) for vals in vals_list])

    def write(self, vals):
        self._sgz_check_override_fields(vals)
        if "company_id" in vals and not self.env.su:
            self._sgz_check_company_move(vals["company_id"])
        return super().write(self._sgz_id_card_vals(vals))

    def _sgz_check_company_move(self, company_id):
        """A worker stays with the employer that hired them: contracts, payslips, the personnel file and the
        tax records are that employer's. Only an administrator moves a worker who has none of them yet."""
        moving = self.sudo().filtered(lambda e: e.company_id.id != company_id)
        if not moving:
            return
        history = not self.env.user.has_group("base.group_system")
        if not history:
            counts = [
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                .search_count([("employee_id", "in", moving.ids)], limit=1)
                for model in ("hr.contract", "sgz.payslip")
            ]
            history = any(counts)
        if history:
            raise UserError(
                self.env._(
                    "%(name)s stays with the employer that hired them: a worker is not moved to another "
                    "organization (end the contract and hire the person again at the new employer).",
                    name=moving[0].name,
                )
            )

    @api.model
    def get_view(self, view_id=None, view_type="form", **options):
        """Bureau officers read workers without HR rights: the core employee form, full of HR-only fields,
        breaks for them; they get the worker's form of the program instead."""
        if view_type == "form" and not self.env.su and not self.env.user.has_group("hr.group_hr_user"):
            bureau = self.env.ref("sgz_hr.hr_employee_view_form_sgz_bureau", raise_if_not_found=False)
            if bureau and self.browse().has_access("read"):
                view_id = bureau.id
        return super().get_view(view_id, view_type, **options)

    @api.model
    def _sgz_check_override_fields(self, vals):
        """The override is recorded only by an approved request, by the manager who approved it."""
        if OVERRIDE_FIELDS & set(vals) and not lock_lifted(self.env, self._name):
            raise UserError(
                self.env._(
                    "An eligibility override is granted only by approving an override request: request it from "
                    "the worker's form."
                )
            )

    def action_sgz_request_override(self):
        """Open a new override request for the worker (approved by a provider manager)."""
        self.ensure_one()
        self.check_access("write")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Eligibility Override Request"),
            "res_model": "sgz.eligibility.override",
            "view_mode": "form",
            "target": "current",
            "context": {"default_employee_id": self.id},
        }

    def _compute_sgz_development_hours(self):
        """Hours of training attended and of supervision received in the calendar year of today."""
        year = fields.Date.context_today(self).year
        start, end = f"{year}-01-01", f"{year}-12-31"
        for employee in self:
            domain = [("employee_id", "=", employee._origin.id), ("date", ">=", start), ("date", "<=", end)]
            attended = self.env["sgz.training.attendance"].sudo().search(domain)
            sessions = self.env["sgz.supervision"].sudo().search(domain)
            employee.sgz_training_hours_year = sum(attended.mapped("hours"))
            employee.sgz_supervision_hours_year = sum(sessions.mapped("hours"))

    # ---- the worker's own user account (驻站社工) ------------------------------------------------------------------

    def action_sgz_create_user(self):
        """Create the user accounts of the selected workers in one go (one button on the form, one action on the
        list, 50 workers at once): the stationed-worker role only, at their employer, logging in with their
        mobile phone number. Every worker is checked first; one refusal names the workers and creates nothing.
        Returns the one-time sheet of the initial passwords for HR to hand over. A worker hired again, whose
        account was archived when the former contract ended, gets it back with a new initial password."""
        self._sgz_check_account_rights()
        returning = self.browse(self.sudo().filtered(lambda e: e.user_id and not e.user_id.active).ids)
        returning._sgz_check_rehired()
        new = self - returning
        logins = new._sgz_account_logins() if new else {}
        logins.update({employee.id: employee.user_id.login for employee in returning.sudo()})
        passwords = {employee.id: self._sgz_initial_password() for employee in self}
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(no_reset_password=True, mail_create_nolog=True, mail_notrack=True)
            .create(
                [
                    employee._prepare_sgz_user_vals(logins[employee.id], passwords[employee.id])
                    for employee in new
                ]
            )
        )
        for employee, user in zip(new.sudo(), users, strict=True):
            employee.user_id = user
        for employee in returning.sudo():
            employee.user_id.write({"active": True, "password": passwords[employee.id]})
        return self.env["sgz.worker.account"]._sgz_open_sheet(self, logins, passwords)

    def _sgz_check_rehired(self):
        """An archived account comes back only with a contract in force (else the daily job archives it again)."""
        if not self:
            return
        today = fields.Date.context_today(self)
        current = self.env["hr.contract"].sudo().search(self._sgz_current_contract_domain(today)).employee_id
        left = self.sudo() - current
        if left:
            raise UserError(
                self.env._(
                    "%(names)s left: the account was archived when the contract ended. Record the new contract "
                    "first, then create the account again.",
                    names=self.env._("、").join(left.mapped("name")),
                )
            )

    def _sgz_check_account_rights(self):
        """Only the provider's HR staff (or its manager) of the worker's own employer create its accounts."""
        if self.env.su:
            return
        if not self.env.user.has_group("sgz_base.sgz_base_group_provider_hr"):
            raise AccessError(self.env._("Only the provider's HR staff create the accounts of its workers."))
        self.check_access("write")
        companies = self.env.user._sgz_own_companies()
        foreign = self.filtered(lambda e: e.company_id not in companies or not e.sgz_is_worker)
        if foreign:
            raise AccessError(
                self.env._(
                    "%(name)s is not a stationed worker of your organization: you create accounts for your own "
                    "workers only.",
                    name=foreign[0].name,
                )
            )

    def _sgz_account_logins(self):
        """``{employee id: login}``: the mobile phone number of each worker, refused with a sentence naming the
        workers without one, those who already have an account and the numbers another user logs in with."""
        no_phone, has_user, logins = [], [], {}
        for employee in self.sudo():
            if employee.user_id:
                has_user.append(employee.name)
            login = normalize_phone(employee.mobile_phone)
            if not login:
                no_phone.append(employee.name)
            elif not MOBILE_NUMBER.fullmatch(login):
                raise UserError(
                    self.env._(
                        "%(name)s's mobile phone number %(phone)s is not an 11-digit mobile number: correct it on "
                        "the worker's form.",
                        name=employee.name,
                        phone=employee.mobile_phone,
                    )
                )
            logins[employee.id] = login
        if has_user:
            raise UserError(
                self.env._("%(names)s already have a user account.", names=self.env._("、").join(has_user))
            )
        if no_phone:
            raise UserError(
                self.env._(
                    "%(names)s have no mobile phone number: enter it on the worker's form first, it is the login "
                    "of the account.",
                    names=self.env._("、").join(no_phone),
                )
            )
        self._sgz_check_logins_free(logins)
        return logins

    def _sgz_check_logins_free(self, logins):
        names = {employee.id: employee.name for employee in self.sudo()}
        seen = {}
        for employee_id, login in logins.items():
            if login in seen:
                raise UserError(
                    self.env._(
                        "%(name)s and %(other)s have the same mobile phone number %(login)s: a login belongs to "
                        "one person.",
                        name=names[seen[login]],
                        other=names[employee_id],
                        login=login,
                    )
                )
            seen[login] = employee_id
        taken = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("login", "in", list(seen))], limit=1)
        )
        if taken:
            raise UserError(
                self.env._(
                    "The login %(login)s (the mobile phone number of %(name)s) is already used by another user: "
                    "correct the number on the worker's form or ask the administrator.",
                    login=taken.login,
                    name=names[seen[taken.login]],
                )
            )

    @api.model
    def _sgz_initial_password(self):
        # no look-alike characters (0/O, 1/l/I): read aloud or copied from a sheet
        alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
        return "".join(secrets.choice(alphabet) for _index in range(INITIAL_PASSWORD_LENGTH))

    def _prepare_sgz_user_vals(self, login, password):
        self.ensure_one()
        worker_group = self.env.ref("sgz_base.sgz_base_group_station_worker")
        # the worker's contact (their bank account's holder) becomes the user's partner, not a second one
        contact = self.sudo().work_contact_id
        partner = (
            {"partner_id": contact.id}
            if contact and not contact.with_context(active_test=False).user_ids
            else {}
        )
        return {
            **partner,
            "name": self.name,
            "login": login,
            "password": password,
            "company_id": self.company_id.id,
            "company_ids": [Command.set(self.company_id.ids)],
            "groups_id": [Command.set(worker_group.ids)],
            "lang": "zh_CN",
            "tz": "Asia/Shanghai",
        }

    # ---- access ends with the contract -------------------------------------------------------------------------

    def _sgz_current_contract_domain(self, day):
        return [
            ("employee_id", "in", self.ids),
            ("state", "not in", ("close", "cancel")),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", day),
        ]

    def _sgz_end_worker_access(self, day=None):
        """Archive the user accounts of the stationed workers of ``self`` whose last contract ended before ``day``
        (today) with no later one: a worker who left no longer logs in. Workers without any contract keep theirs
        (an account made before the contract is signed)."""
        day = day or fields.Date.context_today(self)
        Contract = self.env["hr.contract"].sudo().with_context(active_test=False)
        workers = self.sudo().filtered(lambda e: e.sgz_is_worker and e.user_id.active)
        if not workers:
            return self.env["res.users"]
        current = Contract.search(workers._sgz_current_contract_domain(day)).employee_id
        contracted = Contract.search(
            [("employee_id", "in", workers.ids), ("state", "!=", "cancel")]
        ).employee_id
        leaving = (workers & contracted) - current
        users = leaving.user_id.filtered(lambda u: u.has_group("sgz_base.sgz_base_group_station_worker"))
        users.write({"active": False})
        for employee in leaving.filtered(lambda e: e.user_id in users):
            worker = employee.with_context(lang=employee.user_id.lang or self.env.lang)
            worker.message_post(
                body=worker.env._(
                    "The user account %(login)s is archived: the worker's contract has ended.",
                    login=employee.user_id.login,
                )
            )
        return users

    @api.model
    def _cron_sgz_end_worker_access(self):
        """Daily: the accounts of the workers whose contract ended yesterday or before are archived."""
        employees = self.sudo().search([("sgz_is_worker", "=", True), ("user_id.active", "=", True)])
        return employees._sgz_end_worker_access()

    def _fetch_field(self, field):
        """A user without access to the employees (a stationed worker) reads them through Odoo's public profile
        (hr.employee.public); reading one public field must not prefetch the program's fields of the worker,
        which the public profile does not have (the payslip's worker name, printed for the worker)."""
        if self.env.su or self.browse().has_access("read"):
            return super()._fetch_field(field)
        public = self.env["hr.employee.public"]._fields
        if field.name not in public or not field.prefetch:
            return super()._fetch_field(field)
        self.check_field_access_rights("read", [field.name])
        names = [
            name
            for name, other in self._fields.items()
            if name in public and other.prefetch == field.prefetch and other.is_accessible(self.env)
        ]
        self.fetch(names if field.name in names else [*names, field.name])
        return None
