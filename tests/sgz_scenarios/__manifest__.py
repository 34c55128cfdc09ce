{
    "name": "SGZ cross-addon scenarios (tests only)",
    "summary": "End-to-end scenarios across the sgz addons; installed only by the test command.",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "sgz",
    "license": "LGPL-3",
    "depends": ["sgz_reporting"],
    "data": [],
    "installable": True,
}
