from odoo import api, models, tools

# Odoo apps every role keeps: Discuss is the inbox of the chatter's notifications
KEPT_APP_MENUS = ("mail.menu_root_discuss",)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    @tools.ormcache("frozenset(self.env.user.groups_id.ids)", "debug")
    def _visible_menu_ids(self, debug=False):
        """A role sees the apps it works in: a user of an sgz role who is no administrator sees the sgz apps (and
        Discuss), not the Odoo apps the suite builds on (Invoicing, Purchase, Employees, Dashboards, Apps), whose
        menus their implied groups would otherwise show."""
        visible = super()._visible_menu_ids(debug)
        user = self.env.user
        if user._is_system() or not user._sgz_has_role():
            return visible
        roots = self.sudo().browse(visible).filtered(lambda menu: not menu.parent_id)
        kept = {self.env.ref(xmlid, raise_if_not_found=False) for xmlid in KEPT_APP_MENUS}
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search(
                [("model", "=", "ir.ui.menu"), ("res_id", "in", roots.ids), ("module", "=like", "sgz\\_%")]
            )
        )
        allowed = {root.id for root in roots if root in kept or root.id in data.mapped("res_id")}
        hidden = {root.id for root in roots} - allowed
        if not hidden:
            return visible
        menus = self.sudo().browse(visible)
        return frozenset(menu.id for menu in menus if int(menu.parent_path.split("/", 1)[0]) not in hidden)
