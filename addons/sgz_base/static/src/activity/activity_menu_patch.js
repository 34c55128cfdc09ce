/** @odoo-module */
// The approvals waiting for the user, in the activities' clock of the top bar (res.users._get_activity_groups):
// a click opens the user's To Approve list.

import { ActivityMenu } from "@mail/core/web/activity_menu";
import { patch } from "@web/core/utils/patch";

patch(ActivityMenu.prototype, {
    openActivityGroup(group) {
        if (group.type === "sgz_approval") {
            this.dropdown.close();
            this.action.doAction("sgz_base.sgz_approval_review_action", { clearBreadcrumbs: true });
        } else {
            super.openActivityGroup(...arguments);
        }
    },
});
