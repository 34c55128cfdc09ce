/** Steps every sgz tour starts with: open an app from the apps menu, then a menu of its top bar. One copy,
 * imported by each addon's tours (`@sgz_base/../tests/tours/sgz_tour_steps`). */

export function openApp(app = "sgz_base.sgz_menu_root") {
    return [
        {
            content: "Open the apps menu",
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            content: `Open the app ${app}`,
            trigger: `.o_app[data-menu-xmlid="${app}"]`,
            run: "click",
        },
    ];
}

export function openMenu(section, menu, label) {
    return [
        {
            content: `Open the ${section} menu`,
            trigger: `.o_main_navbar [data-menu-xmlid="${section}"]`,
            run: "click",
        },
        {
            content: `Open ${label}`,
            trigger: `.dropdown-item[data-menu-xmlid="${menu}"]`,
            run: "click",
        },
    ];
}
