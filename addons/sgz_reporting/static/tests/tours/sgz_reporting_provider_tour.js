/** Issue 20: the provider manager's main flow clicked on the demo as installed — record a community activity of
 * the station, then write and submit this month's brief (with its confirmation), in Chinese. */
import { registry } from "@web/core/registry";
import { openApp } from "@sgz_base/../tests/tours/sgz_tour_steps";

registry.category("web_tour.tours").add("sgz_reporting_provider_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "Service records (服务记录)",
            trigger: 'button[data-menu-xmlid="sgz_reporting.sgz_service_record_menu"]:contains("服务记录")',
            run: "click",
        },
        {
            content: "Activities (服务活动)",
            trigger: '[data-menu-xmlid="sgz_reporting.sgz_activity_menu"]:contains("服务活动")',
            run: "click",
        },
        {
            content: "New activity",
            trigger: ".o_list_button_add, .o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_form_view div[name='name'] input",
            run: "edit 社区中秋邻里节",
        },
        {
            content: "A community activity (社区活动)",
            trigger: ".o_form_view div[name='activity_type'] select",
            run: 'select "community"',
        },
        {
            content: "The station: 星沙街道's",
            trigger: ".o_form_view div[name='station_id'] input",
            run: "edit 星沙",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-menu a:contains('星沙')",
            run: "click",
        },
        {
            content: "The worker: one of the station's own",
            trigger: ".o_form_view div[name='worker_id'] input",
            run: "edit 陈晓燕",
        },
        {
            content: "Pick her",
            trigger: ".o-autocomplete--dropdown-menu a:contains('陈晓燕')",
            run: "click",
        },
        {
            content: "Its service area",
            trigger: ".o_form_view div[name='service_area_id'] input",
            run: "edit 城乡社区建设",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-menu a:contains('城乡社区建设')",
            run: "click",
        },
        {
            content: "Person-times",
            trigger: ".o_form_view div[name='person_times'] input",
            run: "edit 60",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the breadcrumb reads the subject",
            trigger: ".o_breadcrumb:contains('社区中秋邻里节')",
        },
        {
            content: "Reports (报告)",
            trigger: 'button[data-menu-xmlid="sgz_reporting.sgz_report_menu"]:contains("报告")',
            run: "click",
        },
        {
            content: "Periodic reports (定期报告)",
            trigger: '[data-menu-xmlid="sgz_reporting.sgz_report_all_menu"]',
            run: "click",
        },
        {
            content: "A monthly brief waits to be written (the first of the list)",
            trigger: ".o_data_row:contains('月度工作简报') td[name='period_label']",
            run: "click",
        },
        {
            content: "Highlights",
            trigger: ".o_form_view div[name='highlights'] .odoo-editor-editable",
            run: "editor 开展社区中秋邻里节，服务60人次。",
        },
        {
            content: "Problems",
            trigger: ".o_form_view div[name='problems'] .odoo-editor-editable",
            run: "editor 志愿者人手不足。",
        },
        {
            content: "Next steps",
            trigger: ".o_form_view div[name='next_steps'] .odoo-editor-editable",
            run: "editor 招募社区志愿者。",
        },
        {
            content: "Submit (报送)",
            trigger: "button[name='action_submit']:contains('报送')",
            run: "click",
        },
        {
            content: "The confirmation says what submitting does; accept it",
            trigger: ".modal:contains('冻结') .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The brief is submitted (已报送)",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('已报送')",
        },
    ],
});
