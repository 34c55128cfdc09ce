"""What consent a beneficiary's record needs, by the Personal Information Protection Law (个人信息保护法).

- §13, §14: personal information is processed with the person's informed, freely given consent — a record
  of the beneficiary database (§五(二) of the policy) is kept only from the day of a written consent;
- §28: sensitive personal information includes a specific identity (低保, 特困 and other assistance
  categories, disability, a child left behind or in difficulty) and all information of a minor under 14;
- §29: sensitive personal information is processed only with the person's separate consent (单独同意), a
  consent of its own beside the general one;
- §31: a minor under 14's information is processed with the consent of a parent or other guardian.

The programme asks the guardian for every minor (民法典第十七条: a minor is under 18; 第二十七条 names the
guardians): a 15-year-old's record is signed by the guardian too. The ages are the law's, not settings.
"""

from typing import NamedTuple

ADULT_AGE = 18  # 民法典第十七条
SENSITIVE_CHILD_AGE = 14  # 个人信息保护法第二十八条、第三十一条


class ConsentNeeds(NamedTuple):
    guardian: bool  # the consent is given by the guardian
    separate: bool  # a separate consent for sensitive information is needed
    young_child: bool  # under 14: the person's information is itself sensitive


def consent_needs(age, sensitive_category):
    """The consents a record needs for a person of ``age`` (full years on the consent date; ``None`` when
    unknown, taken as an adult) who is or is not in a sensitive category."""
    young_child = age is not None and age < SENSITIVE_CHILD_AGE
    return ConsentNeeds(
        guardian=age is not None and age < ADULT_AGE,
        separate=bool(sensitive_category) or young_child,
        young_child=young_child,
    )
