/** Issue 17 §4: a stationed worker, on a phone, records a case visit in the field — subject, service area,
 * beneficiary, a photo — in Chinese, on their own screen (我的服务记录). */
import { registry } from "@web/core/registry";
import { inputFiles } from "@web/../tests/utils";

registry.category("web_tour.tours").add("sgz_reporting_worker_tour", {
    url: "/odoo/action-sgz_reporting.sgz_activity_action_worker",
    steps: () => [
        {
            content: "New service record",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Subject",
            trigger: ".o_form_view div[name='name'] input",
            run: "edit 探访黄奶奶",
        },
        {
            content: "Case work (个案服务), the default type",
            trigger: ".o_form_view div[name='activity_type'] select",
            run: 'select "case"',
        },
        {
            content: "Its service area (on a phone: a full-screen list to pick from)",
            trigger: ".o_form_view div[name='service_area_id'] input",
            run: "click",
        },
        {
            content: "Pick it",
            trigger: ".modal .o_kanban_record:contains('社会救助')",
            run: "click",
        },
        {
            content: "The beneficiary, registered at the station",
            trigger: ".o_form_view div[name='beneficiary_id'] input",
            run: "click",
        },
        {
            content: "Pick her",
            trigger: ".modal .o_kanban_record:contains('黄奶奶')",
            run: "click",
        },
        {
            content: "Both are chosen",
            trigger: ".o_form_view div[name='beneficiary_id'] input:value(黄奶奶)",
        },
        {
            content: "A photo of the visit",
            trigger: ".o_form_view div[name='attachment_ids'] .o_attach",
            async run() {
                const photo = new File(["photo of the visit"], "visit.png", { type: "image/png" });
                await inputFiles(".o_form_view div[name='attachment_ids'] .o_input_file", [photo]);
            },
        },
        {
            content: "The photo is uploaded",
            trigger: ".o_form_view div[name='attachment_ids'] .o_attachment[title='visit.png']:not(.o_attachment_uploading)",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Saved: the title reads the subject",
            trigger: ".o_breadcrumb:contains('探访黄奶奶')",
        },
    ],
});
