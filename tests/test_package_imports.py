"""Every module of the package imports (and so is measured by coverage), and none reads a stage after it."""
import importlib
import pkgutil

import newsevents

# newsevents.__main__ runs the CLI on import; test_cli runs it as `python -m newsevents`
MODULES = sorted(m.name for m in pkgutil.walk_packages(newsevents.__path__, "newsevents.")
                 if m.name != "newsevents.__main__")
# ARCHITECTURE.md: ingest -> nlp -> extraction -> resolve -> store -> serve; a stage never imports a later one
STAGES = ["ingest", "extraction", "resolve", "store", "serve"]


def test_every_module_imports():
    assert len(MODULES) > 40
    for name in MODULES:
        assert importlib.import_module(name).__name__ == name


def test_no_stage_imports_a_later_stage():
    for name in MODULES:
        parts = name.split(".")
        if len(parts) < 2 or parts[1] not in STAGES:
            continue
        later = STAGES[STAGES.index(parts[1]) + 1:]
        module = importlib.import_module(name)
        source = module.__loader__.get_source(name) or ""
        top_level = len(parts) == 2 and not hasattr(module, "__path__")    # store.py, not ingest/
        for stage in later:
            forms = [f"from ..{stage}", f"from newsevents.{stage}", f"import newsevents.{stage}"]
            for form in forms + ([f"from .{stage}"] if top_level else []):
                assert form not in source, f"{name} imports the later stage {stage}"
