from . import sgz_deadline_done_wizard
