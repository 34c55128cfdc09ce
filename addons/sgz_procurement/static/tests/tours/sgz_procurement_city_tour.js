/** Issue 20 §1: the city officer (陈静, 长沙市民政局, only its own company active) opens what 长沙县 filed with it
 * — the annual plan — reads its summary, opens the plan itself, comes back and acknowledges the filing. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sgz_procurement_city_filing_tour", {
    steps: () => [
        {
            content: "跟踪督办",
            trigger: ".o_main_navbar button:contains('跟踪督办'), .o_main_navbar a:contains('跟踪督办')",
            run: "click",
        },
        {
            content: "备案",
            trigger: ".o-dropdown--menu .dropdown-item:contains('备案')",
            run: "click",
        },
        {
            content: "The county's annual plan waits for the city's acknowledgement",
            trigger: ".o_data_row td:contains('长沙县民政局2026年度实施计划')",
            run: "click",
        },
        {
            content: "The filing shows the plan's figures without opening it",
            trigger: ".o_form_view:contains('计划金额'):contains('500,000.00')",
        },
        {
            content: "Open the filed plan itself",
            trigger: "button[name='action_open_document']",
            run: "click",
        },
        {
            content: "The plan opens for the city, with no access error",
            trigger: ".o_form_view .o_field_widget[name='year'], .o_form_view:contains('年度实施计划')",
        },
        {
            content: "Back to the filing",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('长沙县民政局2026年度实施计划')",
            run: "click",
        },
        {
            content: "Acknowledge it",
            trigger: "button[name='action_acknowledge']",
            run: "click",
        },
        {
            content: "The filing is acknowledged",
            trigger: ".o_statusbar_status button.active:contains('已备案'), .o_statusbar_status .o_arrow_button_current:contains('已备案')",
        },
    ],
});
