from . import sgz_worker_account
