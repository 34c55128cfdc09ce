import ast
import os
import re

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

ADDONS_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", "..", "..", "addons"))


def sgz_addons():
    """The sgz addons of the repository: {name: manifest}."""
    result = {}
    for name in sorted(os.listdir(ADDONS_DIR)):
        path = os.path.join(ADDONS_DIR, name, "__manifest__.py")
        if name.startswith("sgz_") and os.path.exists(path):
            with open(path, encoding="utf-8") as manifest:
                result[name] = ast.literal_eval(manifest.read())
    return result


def closure(graph, name):
    """Every sgz addon ``name`` depends on, directly or not."""
    seen, todo = set(), [name]
    while todo:
        for dep in graph[todo.pop()]:
            if dep not in seen:
                seen.add(dep)
                todo.append(dep)
    return seen


def sources(module):
    root = get_module_path(module)
    for folder, _dirs, files in os.walk(root):
        for name in files:
            if name.endswith((".py", ".xml", ".js", ".csv")):
                yield os.path.join(folder, name)


@tagged("post_install", "-at_install")
class TestDependencyGraph(TransactionCase):
    """The dependency graph of ARCHITECTURE.md, read from the manifests: an addon may use only the addons it
    depends on (directly or not); nothing references an addon above it, by module or by model name."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manifests = sgz_addons()
        cls.graph = {
            name: [dep for dep in manifest["depends"] if dep.startswith("sgz_")]
            for name, manifest in cls.manifests.items()
        }

    def test_graph_is_the_house_plan(self):
        expected = {
            "sgz_base": set(),
            "sgz_procurement": {"sgz_base"},
            "sgz_hr": {"sgz_base", "sgz_procurement"},
            "sgz_budget": {"sgz_base", "sgz_procurement"},
            "sgz_reporting": {"sgz_base", "sgz_procurement", "sgz_hr", "sgz_budget"},
        }
        for name, deps in expected.items():
            self.assertEqual(closure(self.graph, name), deps, name)
        for name in self.graph:
            self.assertNotIn(name, closure(self.graph, name), f"{name} depends on itself (a cycle)")

    def test_manifests(self):
        for name, manifest in self.manifests.items():
            with self.subTest(module=name):
                self.assertEqual(manifest["version"], "18.0.1.0.0")
                self.assertEqual(manifest["license"], "LGPL-3")
                self.assertTrue(manifest.get("installable", True))

    def _model_owner(self):
        """sgz model name → the addon that introduces it (of the addons declaring it, the lowest: an addon
        extending a model declares it too)."""
        declared = {}
        data = self.env["ir.model.data"].search(
            [("model", "=", "ir.model"), ("module", "in", list(self.manifests))]
        )
        models = {m.id: m.model for m in self.env["ir.model"].browse(data.mapped("res_id"))}
        for record in data:
            model = models.get(record.res_id, "")
            if model.startswith("sgz."):
                declared.setdefault(model, set()).add(record.module)
        owners = {}
        for model, modules in declared.items():
            lowest = [m for m in modules if not (closure(self.graph, m) & modules)]
            owners[model] = lowest[0]
        return owners

    def test_nothing_references_an_addon_it_does_not_depend_on(self):
        owners = self._model_owner()
        for name in self.manifests:
            allowed = closure(self.graph, name) | {name}
            foreign = sorted(set(self.manifests) - allowed)
            foreign_models = sorted(model for model, owner in owners.items() if owner not in allowed)
            patterns = [rf"\b{re.escape(module)}\b" for module in foreign]
            patterns += [rf"""["']{re.escape(model)}["']""" for model in foreign_models]
            if not patterns:
                continue
            pattern = re.compile("|".join(patterns))
            for path in sources(name):
                with open(path, encoding="utf-8") as source:
                    match = pattern.search(source.read())
                with self.subTest(path=path):
                    self.assertIsNone(match, f"{path} references {match and match.group(0)}, above {name}")


@tagged("post_install", "-at_install")
class TestSuiteInstalled(TransactionCase):
    def test_all_addons_installed_with_chinese(self):
        names = list(sgz_addons())
        modules = self.env["ir.module.module"].search([("name", "in", names)])
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        self.assertEqual(len(modules), len(names))
        self.assertTrue(self.env["res.lang"]._lang_get("zh_CN").active)


def _model_classes(path):
    """[(class name, model name, line)] of the Odoo model classes of a Python file (``_name`` or ``_inherit``)."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    found = []
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        attributes = {}
        for statement in node.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target = statement.targets[0]
                if isinstance(target, ast.Name) and isinstance(statement.value, ast.Constant):
                    attributes[target.id] = statement.value.value
        name = attributes.get("_name") or attributes.get("_inherit")
        if isinstance(name, str):
            found.append((node.name, name, node.lineno))
    return found


@tagged("post_install", "-at_install")
class TestHouseRules(TransactionCase):
    """Issue 18: one model per file named after it (a line model may live with its document when its name extends
    the document's), and no function longer than 60 lines outside the pure engines."""

    def _python_files(self, folders=("models", "wizard", "report", "controllers")):
        for addon in sgz_addons():
            for folder in folders:
                root = os.path.join(ADDONS_DIR, addon, folder)
                if not os.path.isdir(root):
                    continue
                for name in sorted(os.listdir(root)):
                    if name.endswith(".py") and name != "__init__.py":
                        yield os.path.join(root, name)

    def test_one_model_per_file_named_after_it(self):
        offenders = []
        for path in self._python_files(("models", "wizard")):
            classes = _model_classes(path)
            if not classes:
                continue
            first = classes[0][1]
            expected = first.replace(".", "_") + ".py"
            if os.path.basename(path) != expected:
                offenders.append(
                    f"{os.path.relpath(path, ADDONS_DIR)}: holds {first}, expected file {expected}"
                )
            for _cls, model, _line in classes[1:]:
                if not model.startswith(first + "."):
                    offenders.append(f"{os.path.relpath(path, ADDONS_DIR)}: {model} beside {first}")
        self.assertFalse(offenders, "\n".join(offenders))

    def test_no_long_functions_outside_the_engines(self):
        offenders = []
        for addon in sgz_addons():
            for root, _dirs, files in os.walk(os.path.join(ADDONS_DIR, addon)):
                parts = os.path.relpath(root, ADDONS_DIR).split(os.sep)
                if {"engine", "lib", "tests", "migrations"} & set(parts):
                    continue
                for name in files:
                    if not name.endswith(".py"):
                        continue
                    path = os.path.join(root, name)
                    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
                        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                            length = node.end_lineno - node.lineno + 1
                            if length > 60:
                                offenders.append(
                                    f"{os.path.relpath(path, ADDONS_DIR)}:{node.lineno} {node.name} {length}"
                                )
        self.assertFalse(offenders, "functions over 60 lines:\n" + "\n".join(offenders))
