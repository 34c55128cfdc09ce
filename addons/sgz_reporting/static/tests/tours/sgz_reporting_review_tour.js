/** The county officer opens the provider's monthly brief waiting for review and returns it, in Chinese. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sgz_reporting_review_tour", {
    steps: () => [
        {
            content: "The list of reports to review shows the provider's monthly brief",
            trigger: ".o_data_row:contains('攸县同心社会工作服务中心') td[name='report_type_id']:contains('月度工作简报')",
            run: "click",
        },
        {
            content: "Its narrative is there to read",
            trigger: ".o_form_view:contains('人手不足')",
        },
        {
            content: "Return it",
            trigger: "button[name='action_open_return_wizard']:contains('退回')",
            run: "click",
        },
        {
            content: "Write why",
            trigger: ".modal div[name='reason'] textarea",
            run: "edit 请补充九月个案服务的签到表。",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name='action_return']:contains('退回给报告人')",
            run: "click",
        },
        {
            content: "The brief is returned, with the reason shown",
            trigger: ".o_form_view .alert-warning:contains('请补充九月个案服务的签到表')",
        },
        {
            content: "Its state reads 已退回",
            trigger: ".o_statusbar_status button.active:contains('已退回'), .o_statusbar_status .o_arrow_button_current:contains('已退回')",
        },
    ],
});
