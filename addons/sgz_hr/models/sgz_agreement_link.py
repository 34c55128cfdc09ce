"""The one check of a document placed under a provider's service agreement (labor contracts, recruitment
plans): the agreement is the provider's own, and the stations are stations of the agreement."""

from odoo.exceptions import ValidationError


def check_agreement(env, agreement, company, stations):
    """Refuse, without naming another organization's records, an ``agreement`` that ``company`` did not sign
    or ``stations`` it does not cover."""
    agreement = agreement.sudo()
    if agreement.provider_id != company:
        raise ValidationError(
            env._("The service agreement must be one that %(company)s signed.", company=company.name)
        )
    outside = stations - agreement.station_line_ids.station_id
    if outside:
        raise ValidationError(
            env._(
                "%(stations)s are not stations of %(agreement)s.",
                stations="、".join(outside.mapped("name")),
                agreement=agreement.name,
            )
        )
