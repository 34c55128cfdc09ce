import { registry } from "@web/core/registry";
import { openApp } from "@sgz_base/../tests/tours/sgz_tour_steps";

// County finance, working in Chinese, opens the budget execution report of 2026 (its options in a dialog, its
// lines as a read-only list) and drills down from the actual of the county lottery funds to the bill rows that
// make it, then to the vendor bill.
registry.category("web_tour.tours").add("sgz_budget_execution_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp("sgz_budget.sgz_budget_menu_root"),
        {
            content: "Open the execution report",
            trigger: '.o_main_navbar a[data-menu-xmlid="sgz_budget.sgz_budget_report_menu"]',
            run: "click",
        },
        {
            content: "Choose the fiscal year 2026 in the options dialog",
            trigger: ".modal .o_form_view .o_field_widget[name=fiscal_year] input",
            run: "edit 2026",
        },
        {
            content: "Confirm (确定)",
            trigger: '.modal footer button[name=action_compute]:contains("确定")',
            run: "click",
        },
        {
            content: "The report is named after its year",
            trigger: '.o_breadcrumb:contains("预算执行情况表 2026年")',
        },
        {
            content: "A report, not a new record: no create button",
            trigger: ".o_control_panel:not(:has(.o_list_button_add)) button[name=action_export_xlsx]",
        },
        {
            content: "The same lines as a pivot",
            trigger: ".o_control_panel .o_switch_view.o_pivot",
            run: "click",
        },
        {
            content: "The pivot has the county lottery funds",
            trigger: '.o_pivot_view .o_pivot:contains("县级福彩公益金")',
        },
        {
            content: "Back to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The county lottery funds line shows its actual",
            trigger: '.o_list_view .o_data_row:contains("县级福彩公益金"):contains("65,000.00")',
        },
        {
            content: "Open the bill rows behind the actual",
            trigger: '.o_list_view .o_data_row:contains("县级福彩公益金") button[name=action_open_actual]',
            run: "click",
        },
        {
            content: "The rows sum to the actual, not to the whole bill",
            trigger: '.o_list_view tfoot:contains("65,000.00")',
        },
        {
            content: "Open the bill",
            trigger: ".o_list_view .o_data_row:first button[name=action_open_move]",
            run: "click",
        },
        {
            content: "The vendor bill of the provider, in Chinese",
            trigger: '.o_form_view .o_field_widget[name=partner_id]:contains("攸县同心社会工作服务中心")',
        },
        {
            content: "It is posted (已过账)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("已过账")',
        },
    ],
});
