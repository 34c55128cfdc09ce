from . import download, sheet_import
