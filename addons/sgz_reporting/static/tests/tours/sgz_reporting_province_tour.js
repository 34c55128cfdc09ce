/** Issue 20: the province officer drills down from the province overview to a station in four clicks:
 * 全省概览 → 长沙市 → 长沙县 → 星沙街道's station. */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("sgz_reporting_province_drilldown_tour", {
    steps: () => [
        {
            content: "The overview shows the province and its cities, with the coverage of the real townships",
            trigger: ".o_kanban_record:contains('湖南省'):contains('2,008')",
        },
        {
            content: "Open 长沙市",
            trigger: ".o_kanban_record:contains('湖南省长沙市') .fw-bold:contains('长沙市')",
            run: "click",
        },
        {
            content: "Its counties, 长沙县 among them",
            trigger: ".o_breadcrumb:contains('长沙市')",
        },
        {
            content: "Open 长沙县",
            trigger: ".o_kanban_record:contains('长沙县') .fw-bold:contains('长沙县'), .o_data_row:contains('长沙县') td[name='region_id']",
            run: "click",
        },
        {
            content: "The county's stations",
            trigger: ".o_breadcrumb:contains('长沙县')",
        },
        {
            content: "Open 星沙's station",
            trigger: ".o_data_row:contains('星沙街道') td[name='station_id'], .o_kanban_record:contains('星沙') .fw-bold",
            run: "click",
        },
        {
            content: "The station's form, named after its township",
            trigger: ".o_breadcrumb:contains('星沙')",
        },
        {
            content: "with its township",
            trigger: ".o_form_view .o_field_widget[name='township_id']",
        },
    ],
});
