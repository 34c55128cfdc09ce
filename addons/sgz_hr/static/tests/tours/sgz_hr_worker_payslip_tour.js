/** Issue 17 §4: a stationed worker, on a phone, opens their payslip (我的工资条): net pay in figures and words. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sgz_hr_worker_payslip_tour", {
    url: "/odoo/action-sgz_hr.sgz_payslip_action_worker",
    steps: () => [
        {
            content: "Their payslip of the month",
            trigger: ".o_data_row .o_data_cell[name='month_label']",
            run: "click",
        },
        {
            content: "The net pay in words (大写)",
            trigger: ".o_form_view div[name='net_upper']:contains('元')",
        },
    ],
});
