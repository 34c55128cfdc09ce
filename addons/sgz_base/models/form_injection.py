"""What a mixin shows on the forms of the documents that inherit it, put there by the mixin (the way OCA's
``base_tier_validation`` injects its buttons): a new document gets its approval or filing buttons, banners and
tabs by inheriting the mixin, and no form carries a copy. A form that places a piece itself (a button of the same
name, a field already shown) keeps its own."""

from lxml import etree


def has(arch, xpath):
    return bool(arch.xpath(xpath))


def header(arch):
    """The form's ``<header>``, made when the form has none."""
    node = arch.find("header")
    if node is None:
        node = etree.Element("header")
        arch.insert(0, node)
    return node


def add_header_button(arch, button):
    """Before the status bar (buttons read left to right, the status bar sits on the right)."""
    head = header(arch)
    statusbar = head.xpath("./field[@widget='statusbar']")
    if statusbar:
        statusbar[0].addprevious(button)
    else:
        head.append(button)


def add_after_header(arch, node):
    head = header(arch)
    head.addnext(node)


def sheet(arch):
    node = arch.find("sheet")
    return node if node is not None else arch


def button_box(arch):
    box = arch.xpath("//div[@name='button_box']")
    if box:
        return box[0]
    box = etree.Element("div", {"class": "oe_button_box", "name": "button_box"})
    sheet(arch).insert(0, box)
    return box


def add_invisible_fields(arch, names):
    """Fields the injected pieces' conditions read, unless the form shows them already."""
    target = sheet(arch)
    for name in names:
        if not has(arch, f"//field[@name='{name}']"):
            target.append(etree.Element("field", {"name": name, "invisible": "1"}))


def add_page(arch, page):
    """A tab at the end of the form's first notebook (a notebook is made when the form has none)."""
    notebook = arch.xpath("//sheet//notebook") or arch.xpath("//notebook")
    if notebook:
        notebook[0].append(page)
        return
    notebook = etree.SubElement(sheet(arch), "notebook")
    notebook.append(page)


def element(tag, attributes, text=None, children=()):
    node = etree.Element(tag, {key: str(value) for key, value in attributes.items()})
    if text is not None:
        node.text = str(text)
    for child in children:
        node.append(child)
    return node
