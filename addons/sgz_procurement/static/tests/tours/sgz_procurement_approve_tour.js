import { registry } from "@web/core/registry";

// A county approver, working in Chinese, opens "To Approve" and approves the publication of a tender.
registry.category("web_tour.tours").add("sgz_procurement_approve_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: "Open the Social Work Stations app",
            trigger: '.o_app[data-menu-xmlid="sgz_base.sgz_menu_root"]',
            run: "click",
        },
        {
            content: "Open the To Approve list",
            trigger: '.o_main_navbar a[data-menu-xmlid="sgz_base.sgz_approval_review_menu"]',
            run: "click",
        },
        {
            content: "The tender waits for approval",
            trigger: '.o_data_row td:contains("攸县社工站服务项目（待审批）")',
            run: "click",
        },
        {
            content: "Approve",
            trigger: ".o_form_view button[name=action_approve]",
            run: "click",
        },
        {
            content: "The review is approved",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value=approved]",
        },
        {
            content: "Open the tender",
            trigger: ".o_form_view button[name=action_open_document]",
            run: "click",
        },
        {
            content: "The tender is published (已发布)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("已发布")',
        },
    ],
});
