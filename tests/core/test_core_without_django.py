import subprocess
import sys
import textwrap


def test_core_imports_with_django_absent():
    """eclaire.core must be usable from a notebook without Django installed."""
    code = textwrap.dedent(
        """
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name == "django" or name.startswith("django."):
                    raise ImportError("django is blocked for this test")
                return None
        sys.meta_path.insert(0, Block())
        import eclaire.core as core
        for mod in pkgutil.walk_packages(core.__path__, "eclaire.core."):
            importlib.import_module(mod.name)
        assert not any(m == "django" or m.startswith("django.") for m in sys.modules)
        print("ok")
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
