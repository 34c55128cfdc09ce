from . import sgz_deadline_done_wizard, sgz_import_wizard
