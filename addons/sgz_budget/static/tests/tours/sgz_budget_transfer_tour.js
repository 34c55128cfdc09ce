/** Issue 20: county finance's flow with its approval, clicked on the demo as installed — finance moves 1,000.00
 * from the training line to the lottery-funded service line and submits it; the approver decides it from 待审批. */
import { registry } from "@web/core/registry";
import { openApp } from "@sgz_base/../tests/tours/sgz_tour_steps";

registry.category("web_tour.tours").add("sgz_budget_transfer_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp("sgz_budget.sgz_budget_menu_root"),
        {
            content: "The app opens on its budgets",
            trigger: ".o_action_manager .o_list_view",
        },
        {
            content: "Movements (变动)",
            trigger: 'button[data-menu-xmlid="sgz_budget.sgz_budget_movement_menu"]',
            run: "click",
        },
        {
            content: "Transfers (调剂)",
            trigger: '[data-menu-xmlid="sgz_budget.sgz_budget_transfer_menu"]',
            run: "click",
        },
        {
            content: "The transfers' list (调剂)",
            trigger: ".o_breadcrumb:contains('调剂')",
        },
        {
            content: "New transfer",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The budget: 长沙县's",
            trigger: ".o_form_view div[name='budget_id'] input",
            run: "edit 长沙县",
        },
        {
            content: "of 2026",
            trigger: ".o-autocomplete--dropdown-menu a:contains('2026')",
            run: "click",
        },
        {
            content: "From the training and supervision line",
            trigger: ".o_form_view div[name='source_line_id'] input",
            run: "edit 培训督导",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-menu a:contains('培训督导')",
            run: "click",
        },
        {
            content: "To the county lottery-fund line",
            trigger: ".o_form_view div[name='target_line_id'] input",
            run: "edit 县级福彩",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-menu a:contains('县级福彩公益金')",
            run: "click",
        },
        {
            content: "Amount",
            trigger: ".o_form_view div[name='amount'] input",
            run: "edit 1000",
        },
        {
            content: "Reason",
            trigger: ".o_form_view div[name='reason'] textarea",
            run: "edit 培训经费结余调剂至购买服务",
        },
        {
            content: "The title names both lines",
            trigger: ".o_form_view div[name='name']:contains('培训督导'):contains('县级福彩公益金')",
        },
        {
            content: "Submit for approval (提交审批)",
            trigger: "button[name='action_submit']:contains('提交审批')",
            run: "click",
        },
        {
            content: "It waits for the approver",
            trigger: ".o_form_view .alert-info:contains('等待审批')",
        },
    ],
});

registry.category("web_tour.tours").add("sgz_budget_transfer_approve_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The top bar counts what waits for the approver",
            trigger: ".o_menu_systray .fa-clock-o",
            run: "click",
        },
        {
            content: "待审批 in the activities list",
            trigger: ".o-mail-ActivityGroup:contains('待审批')",
            run: "click",
        },
        {
            content: "The transfer among the approvals to decide",
            trigger: ".o_data_row:contains('培训督导') .o_data_cell",
            run: "click",
        },
        {
            content: "The review shows the amount",
            trigger: ".o_form_view:contains('1,000.00')",
        },
        {
            content: "Approve (批准)",
            trigger: "button[name='action_approve']",
            run: "click",
        },
        {
            content: "Approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('已批准')",
        },
    ],
});
