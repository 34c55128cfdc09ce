from . import sgz_tender_reprocure
