// Screenshots of the main screens, in Chinese, from a running demo database (scripts/run, then this):
//   npm install --no-save playwright-core@1     (once, in this checkout)
//   node scripts/screenshots.mjs [BASE_URL] [OUT_DIR]     (defaults http://localhost:8069, docs/screenshots)
// Chromium: CHROMIUM=/path/to/chromium (default /usr/bin/chromium). Each screen logs in as the demo user whose
// work it is (password = login), at 1440×900, or at 390×844 for the worker's phone.
import { chromium } from "playwright-core";
import fs from "node:fs";
import { execFileSync } from "node:child_process";

const base = process.argv[2] || "http://localhost:8069";
const out = process.argv[3] || "docs/screenshots";
fs.mkdirSync(out, { recursive: true });

// [file, login, model for the record (first matching the domain) or null, route (with ID for the record),
//  optionally a button to click first (the execution report's options dialog: 确定)]
const SCREENS = [
    ["1-station.png", "county", ["sgz.station", [["state", "=", "active"]]], "/odoo/action-sgz_base.sgz_station_action/ID"],
    ["2-tender.png", "county", ["sgz.tender", []], "/odoo/action-sgz_procurement.sgz_tender_action/ID"],
    ["3-agreement.png", "county", ["sgz.agreement", [["state", "=", "active"]]], "/odoo/action-sgz_procurement.sgz_agreement_action/ID"],
    ["4-payroll-run.png", "hr", ["sgz.payroll.run", []], "/odoo/action-sgz_hr.sgz_payroll_run_action/ID"],
    ["5-payslip.pdf", "hr", ["sgz.payslip", []], "/report/pdf/sgz_hr.report_sgz_payslip/ID"],
    ["6-budget-execution.png", "finance", null, "/odoo/action-sgz_budget.sgz_budget_report_action", ".modal-footer .btn-primary"],
    ["7-province-overview.png", "province", null, "/odoo/action-sgz_reporting.sgz_coverage_action_overview"],
    ["8-activity-phone.png", "hr", null, "/odoo/action-sgz_reporting.sgz_activity_action/new"],
];

const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
const errors = [];
for (const [file, login, record, route, click] of SCREENS) {
    const phone = file.includes("phone");
    const context = await browser.newContext({
        viewport: phone ? { width: 390, height: 844 } : { width: 1440, height: 900 },
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai", // a Hunan user's browser: "today" is China's date
        isMobile: phone,
    });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`${file}: ${e}`));
    await page.goto(base + "/web/login");
    await page.fill("input[name=login]", login);
    await page.fill("input[name=password]", login);
    await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
    let path = route;
    if (record) {
        const [model, domain] = record;
        const ids = await page.evaluate(
            async ([model, domain]) => {
                const response = await fetch("/web/dataset/call_kw", {
                    method: "POST",
                    headers: { "Content-Type": "application/json" },
                    body: JSON.stringify({
                        jsonrpc: "2.0",
                        method: "call",
                        params: { model, method: "search", args: [domain], kwargs: { limit: 1 } },
                    }),
                });
                return (await response.json()).result;
            },
            [model, domain]
        );
        if (!ids || !ids.length) {
            errors.push(`${file}: no ${model} in the demo`);
            await context.close();
            continue;
        }
        path = route.replace("ID", ids[0]);
    }
    if (file.endsWith(".pdf")) {
        const response = await page.request.get(base + path);
        fs.writeFileSync(`${out}/${file}`, await response.body());
        // the first page as a picture, for the README
        execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", `${out}/${file}`, `${out}/${file.replace(".pdf", "")}`]);
        fs.unlinkSync(`${out}/${file}`);
    } else {
        await page.goto(base + path);
        await page.waitForSelector(".o_action_manager .o_view_controller, .o_form_view", { timeout: 20000 });
        if (click) {
            await page.click(click);
            await page.waitForSelector(".modal", { state: "detached", timeout: 20000 });
        }
        await page.waitForTimeout(1500);
        await page.screenshot({ path: `${out}/${file}` });
    }
    console.log(`${out}/${file.replace(".pdf", ".png")}`);
    await context.close();
}
await browser.close();
if (errors.length) {
    console.error(errors.join("\n"));
    process.exit(1);
}
