"""Run python/examples/tour.ipynb top to bottom: its cells assert the figures, so a broken cell fails."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

import pytest

TOUR = Path(__file__).resolve().parents[1] / "examples" / "tour.ipynb"


def test_tour_notebook_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(TOUR, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit the tour without outputs"
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(TOUR.parent)}})
    try:
        client.execute()
    except CellExecutionError as e:  # the failing cell and its traceback, without the kernel's colour codes
        pytest.fail(str(e), pytrace=False)
    asserts = sum(c.source.count("assert ") for c in nb.cells if c.cell_type == "code")
    assert asserts >= 20
    # every chart cell drew a figure
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) == sum(1 for c in nb.cells if c.cell_type == "code" and "plot" in c.source.splitlines()[-1])
    # and the wrapped results rendered as HTML
    html = [o["data"]["text/html"] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if "text/html" in o.get("data", {})]
    assert any("Pilot light" in h for h in html) and any("Backup plan simulation" in h for h in html)


def test_a_broken_cell_fails(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import drplan\nassert drplan.human_duration(60) == '2 min'")]
    with pytest.raises(CellExecutionError, match="AssertionError"):
        NotebookClient(nb, timeout=120, kernel_name="python3").execute()


def test_tour_notebook_type_checks(tmp_path: Path) -> None:
    """`mypy --strict` over the tour's code cells (IPython magics left out)."""
    from mypy import api

    nb = nbformat.read(TOUR, as_version=4)
    cells = ["\n".join(line for line in c.source.splitlines() if not line.startswith("%"))
             for c in nb.cells if c.cell_type == "code"]
    source = tmp_path / "tour_cells.py"
    source.write_text("\n\n".join(cells) + "\n")
    out, err, status = api.run(["--strict", str(source)])
    assert status == 0, out + err
