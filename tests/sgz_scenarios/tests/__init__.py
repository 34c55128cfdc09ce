from . import test_architecture, test_i18n, test_users
