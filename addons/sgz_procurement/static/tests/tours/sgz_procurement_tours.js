import { registry } from "@web/core/registry";
import { openApp, openMenu } from "@sgz_base/../tests/tours/sgz_tour_steps";

// The procurement tours: each role's main flow, clicking through the menus in Chinese. The demo tender of 长沙县
// is taken from its approval to the agreement's signature, one tour per role and step, run in order by
// sgz_procurement/tests/test_tour.py.
const TENDER = "长沙县黄兴镇社工站服务项目";
const tours = registry.category("web_tour.tours");

function openTender() {
    return [
        ...openApp(),
        ...openMenu("sgz_procurement.sgz_procurement_menu", "sgz_procurement.sgz_tender_menu", "the tenders (招标项目)"),
        {
            content: "Open the demo tender",
            trigger: `.o_list_view .o_data_row td:contains("${TENDER}")`,
            run: "click",
        },
    ];
}

function scoreMyLines(count, mark) {
    const steps = [
        ...openMenu("sgz_procurement.sgz_procurement_menu", "sgz_procurement.sgz_tender_score_menu", "my scores (评委评分)"),
        {
            content: `My ${count} score lines are listed`,
            trigger: `.o_list_view .o_data_row:eq(${count - 1}) td:contains("${TENDER}")`,
        },
    ];
    for (let row = 0; row < count; row++) {
        steps.push(
            {
                content: `Edit the score of line ${row + 1}`,
                trigger: `.o_list_view tbody tr.o_data_row:nth-child(${row + 1}) .o_data_cell[name=score]`,
                run: "click",
            },
            {
                content: `Give ${mark} on line ${row + 1}`,
                trigger: `.o_list_view tbody tr.o_data_row.o_selected_row:nth-child(${row + 1}) .o_field_widget[name=score] input`,
                run: `edit ${mark}`,
            }
        );
    }
    steps.push(
        {
            content: "Save the scores",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Every line is saved with its score",
            trigger: `.o_list_view:not(:has(.o_selected_row)) .o_data_row:eq(${count - 1}) .o_data_cell[name=score]:contains("${mark}")`,
        }
    );
    return steps;
}

function approveSteps(documentName) {
    return [
        ...openApp(),
        {
            content: "Open the To Approve list (待审批)",
            trigger: '.o_main_navbar [data-menu-xmlid="sgz_base.sgz_approval_review_menu"]',
            run: "click",
        },
        {
            content: "The tender waits for approval",
            trigger: `.o_list_view .o_data_row td:contains("${documentName}")`,
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
    ];
}

// A county approver, working in Chinese, opens "To Approve" and approves the publication of a tender.
tours.add("sgz_procurement_approve_tour", {
    url: "/odoo",
    steps: () => [
        ...approveSteps("攸县社工站服务项目（待审批）"),
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

// The approver (李强) approves what waits for him on the demo tender: its publication, later its award.
tours.add("sgz_procurement_demo_approve_tour", {
    url: "/odoo",
    steps: () => approveSteps(TENDER),
});

// A provider manager (刘洋, 星沙) submits its bid on the published demo tender.
tours.add("sgz_procurement_bid_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("sgz_procurement.sgz_procurement_menu", "sgz_procurement.sgz_tender_bid_menu", "the bids (投标)"),
        {
            content: "New bid",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the demo tender",
            trigger: ".o_form_view .o_field_widget[name=tender_id] input",
            run: "edit 黄兴镇",
        },
        {
            content: "Pick it in the list",
            trigger: `.o-autocomplete--dropdown-item:contains("${TENDER}")`,
            run: "click",
        },
        {
            content: "Choose the lot",
            trigger: ".o_form_view .o_field_widget[name=lot_id] input",
            run: "edit 第一包",
        },
        {
            content: "Pick the lot",
            trigger: '.o-autocomplete--dropdown-item:contains("第一包")',
            run: "click",
        },
        {
            content: "Enter the annual price",
            trigger: ".o_form_view .o_field_widget[name=price] input",
            run: "edit 115000",
        },
        {
            content: "Submit (save)",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The bid is saved, its price sealed (密封)",
            trigger: '.o_form_view .ribbon:contains("密封")',
        },
        {
            content: "It is submitted (已报送)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("已报送")',
        },
    ],
});

// The county officer (张敏) opens the bids at the deadline, then scores as the buyer's representative.
tours.add("sgz_procurement_open_tour", {
    url: "/odoo",
    steps: () => [
        ...openTender(),
        {
            content: "Open the bids (开标)",
            trigger: ".o_form_view button[name=action_open_bids]",
            run: "click",
        },
        {
            content: "Confirm the opening",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The bids are opened (已开标)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("已开标")',
        },
        ...scoreMyLines(9, 80),
    ],
});

// An expert of the committee (赵敏) scores the three bids on the three criteria.
tours.add("sgz_procurement_score_tour", {
    url: "/odoo",
    steps: () => [...openApp(), ...scoreMyLines(9, 80)],
});

// The county officer confirms the ranking and asks for the award's approval.
tours.add("sgz_procurement_award_tour", {
    url: "/odoo",
    steps: () => [
        ...openTender(),
        {
            content: "Compute the ranking",
            trigger: ".o_form_view button[name=action_compute_ranking]",
            run: "click",
        },
        {
            content: "Confirm the ranking and award (确认排名并确定中标)",
            trigger: ".o_form_view button[name=action_award]",
            run: "click",
        },
        {
            content: "The award waits for approval",
            trigger: '.o_form_view .alert-info:contains("等待审批")',
        },
    ],
});

// The county officer opens the agreement the award prepared and signs it.
tours.add("sgz_procurement_sign_tour", {
    url: "/odoo",
    steps: () => [
        ...openTender(),
        {
            content: "The result is announced (已公告中标)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("已公告中标")',
        },
        {
            content: "Open its agreement",
            trigger: ".o_form_view button[name=action_open_agreements]",
            run: "click",
        },
        {
            content: "The agreement with the winner",
            trigger: '.o_list_view .o_data_row td:contains("长沙县星沙社会工作服务中心")',
            run: "click",
        },
        {
            content: "Sign (签订)",
            trigger: ".o_form_view button[name=action_sign]",
            run: "click",
        },
        {
            content: "The agreement is in force (履行中)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("履行中")',
        },
    ],
});

// The third-party evaluator (周博) records the annual evaluation of an agreement year in its last month.
tours.add("sgz_procurement_evaluation_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openMenu("sgz_procurement.sgz_agreement_menu_root", "sgz_procurement.sgz_agreement_evaluation_menu", "the annual evaluations (年度评估)"),
        {
            content: "New evaluation",
            trigger: ".o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the agreement year",
            trigger: ".o_form_view .o_field_widget[name=year_id] input",
            run: "edit 黄兴镇",
        },
        {
            content: "Pick it",
            trigger: '.o-autocomplete--dropdown-item:contains("黄兴镇")',
            run: "click",
        },
        ...[34, 26, 27].flatMap((mark, row) => [
            {
                content: `Score indicator ${row + 1}`,
                trigger: `.o_field_widget[name=line_ids] tbody tr.o_data_row:nth-child(${row + 1}) .o_data_cell[name=score]`,
                run: "click",
            },
            {
                content: `Give ${mark}`,
                trigger: `.o_field_widget[name=line_ids] tbody tr.o_data_row.o_selected_row:nth-child(${row + 1}) .o_field_widget[name=score] input`,
                run: `edit ${mark}`,
            },
        ]),
        {
            content: "Leave the indicator table",
            trigger: ".o_form_view .o_field_widget[name=evaluator_id]",
            run: "click",
        },
        {
            content: "The total follows (87 of 100)",
            trigger: '.o_form_view .o_field_widget[name=total_score]:contains("87")',
        },
        {
            content: "The score gives qualified (合格)",
            trigger: '.o_form_view .o_field_widget[name=rule_result]:contains("合格"):not(:contains("不合格"))',
        },
        {
            content: "Record the result (记录结果)",
            trigger: ".o_form_view button[name=action_record]",
            run: "click",
        },
        {
            content: "Confirm: the result is final",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The evaluation is recorded (已记录)",
            trigger: '.o_form_view .o_statusbar_status button.o_arrow_button_current:contains("已记录")',
        },
    ],
});
