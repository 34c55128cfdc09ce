{
    "name": "SGZ shared mechanisms (tests only)",
    "summary": "A test document that carries sgz_base's lock, approval, filing and deadline mixins, and their "
    "tests; installed only by the test command.",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "sgz",
    "license": "LGPL-3",
    "depends": ["sgz_base"],
    "data": [
        "security/ir.model.access.csv",
        "security/sgz_test_document_security.xml",
        "views/sgz_test_document_views.xml",
    ],
    "installable": True,
}
