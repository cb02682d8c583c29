"""Optional dependencies, imported on first use with an ImportError that names the extra to install."""
from types import ModuleType
import importlib

_EXTRAS = {"pandas": "pandas", "matplotlib": "plot", "dask": "dask", "distributed": "dask"}


def require(module: str, feature: str) -> ModuleType:
    """Import ``module`` or raise an ImportError telling which ``drplan[extra]`` provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        top = module.split(".")[0]
        extra = _EXTRAS.get(top, "notebook")
        raise ImportError(
            f"{feature} needs {top}, which is not installed: pip install 'drplan[{extra}]' "
            f"(or 'drplan[notebook]' for DataFrames and charts)"
        ) from e
