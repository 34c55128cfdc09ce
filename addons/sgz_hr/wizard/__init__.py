from . import sgz_eligibility_override
