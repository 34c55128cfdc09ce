from . import sgz_tender_opening_wizard, sgz_tender_reprocure
