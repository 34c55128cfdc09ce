import { registry } from "@web/core/registry";
import { openApp } from "@sgz_base/../tests/tours/sgz_tour_steps";

// A county officer, working in Chinese, opens the app, creates a station and puts it into service.
registry.category("web_tour.tours").add("sgz_base_station_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        {
            content: "The station list is shown in Chinese",
            trigger: '.o_breadcrumb:contains("站点")',
        },
        {
            content: "New station",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Pick the township",
            trigger: ".o_field_widget[name=township_id] input",
            run: "edit 易俗河",
        },
        {
            trigger: '.o-autocomplete--dropdown-item:contains("易俗河镇")',
            run: "click",
        },
        {
            content: "The sign name is computed from the region names",
            trigger: '.o_field_widget[name=name]:contains("湘潭县易俗河镇社会工作服务站")',
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Put the station into service (投入运行)",
            trigger: 'button[name=action_activate]:contains("投入运行")',
            run: "click",
        },
        {
            content: "The status bar shows it active",
            trigger: '.o_statusbar_status button.o_arrow_button_current:contains("运行中")',
        },
    ],
});
