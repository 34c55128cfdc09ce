from . import sgz_test_document
