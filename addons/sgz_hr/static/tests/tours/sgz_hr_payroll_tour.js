import { registry } from "@web/core/registry";
import { openApp } from "@sgz_base/../tests/tours/sgz_tour_steps";

// Provider HR staff, working in Chinese, run this month's payroll: create, generate, compute, confirm, print.
registry.category("web_tour.tours").add("sgz_hr_payroll_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "Open the Payroll menu (薪酬)",
            trigger: 'button[data-menu-xmlid="sgz_hr.sgz_payroll_menu"]:contains("薪酬")',
            run: "click",
        },
        {
            content: "Payroll runs (工资核算)",
            trigger: '[data-menu-xmlid="sgz_hr.sgz_payroll_run_menu"]:contains("工资核算")',
            run: "click",
        },
        {
            content: "New run",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Save the run for this month",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Generate the payslips (生成工资单)",
            trigger: 'button[name=action_generate]:contains("生成工资单")',
            run: "click",
        },
        {
            content: "Compute (计算)",
            trigger: 'button[name=action_compute]:contains("计算")',
            run: "click",
        },
        {
            content: "The chatter says how many payslips were computed",
            trigger: '.o-mail-Message:contains("已计算"):contains("份工资单")',
        },
        {
            content: "The totals are filled in",
            trigger: '.o_field_widget[name=total_net]:not(:contains("0.00"))',
        },
        {
            content: "Confirm (确认)",
            trigger: 'button[name=action_confirm]:contains("确认")',
            run: "click",
        },
        {
            content: "Accept the confirmation dialog",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The run is confirmed (已确认)",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("已确认")',
        },
        {
            content: "Print the payslips (打印工资单)",
            trigger: 'button[name=action_print_payslips]:contains("打印工资单")',
            run: "click",
        },
        {
            content: "Still on the confirmed run",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("已确认")',
        },
    ],
});
