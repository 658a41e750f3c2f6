"""The committed watkins-nn audit record (W9-W13), and a re-run where watkins_nn is importable."""

from __future__ import annotations

import importlib.util
import json
import warnings
from pathlib import Path

import pytest

from torchcheck.audits import watkins_nn as A
from torchcheck.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "results" / "watkins-audit.json"
HAVE_PACKAGE = importlib.util.find_spec("watkins_nn") is not None


@pytest.fixture(scope="module")
def record() -> dict:
    return json.loads(RECORD.read_text())


def test_record_is_of_the_audited_release(record):
    assert record["package"] == "watkins-nn" and record["version"] == "0.1.1"
    assert record["constants"]["newest"]["version"] == "4.0.0"


def test_W9_quickstart_ends_at_the_vertex_not_the_golden_point(record):
    qs = record["quickstart"]
    vertex_distance = qs["distance_vertex_to_golden"]
    assert abs(vertex_distance - 0.4678108990) < 1e-6
    for init, run in qs["inits"].items():
        assert run["final"][0] > 1 - 1e-6, init
        assert abs(run["final_distance"] - vertex_distance) < 1e-6, init
        assert not run["distance_decreased"], init
    assert qs["inits"]["golden"]["start_distance"] < 1e-6  # starts on the equilibrium, leaves it
    rs = qs["random_starts"]
    assert rs["starts"] >= 200
    assert rs["fraction_within_1e-3_of_golden"] == 0.0
    assert rs["fraction_at_vertex_lambda_gt_1_minus_1e-6"] == 1.0


def test_W10_sums_hold_by_construction_but_the_simplex_is_not_kept(record):
    f = record["findings"]
    assert f["W10_outputs_sum_to_1_within_1e-6"]
    assert f["W10_unprojected_step_leaves_simplex"]
    assert f["W10_zero_gradient_step_moves_golden"]
    assert f["W10_verify_conservation_accepts_negative"]
    cons = record["conservation"]
    assert cons["unprojected_step_fraction_leaving_simplex"] > 0.5
    assert cons["zero_gradient_step_moves_golden_by"] > 0.09


def test_W11_constants_digit_by_digit(record):
    c011 = record["constants"]["0.1.1"]["constants"]
    assert set(c011) == set(A.CONSTANTS)
    for name, c in c011.items():
        assert c["in_certified_enclosure"], name
        assert abs(c["ulps_from_correctly_rounded"]) <= 1, name
        assert c["correctly_rounded_digits"] >= 15, name
    newest = record["constants"]["newest"]["constants"]
    assert newest["M_PHI"]["shipped"] == "4.2104143547"
    assert newest["M_PHI"]["first_wrong_digit"] == 8 and not newest["M_PHI"]["in_certified_enclosure"]
    assert not newest["TAU_GLOBAL"]["in_certified_enclosure"]
    for name in ("PHI", "T_STAR", "T_STAR3", "LAM_STAR"):
        assert newest[name]["in_certified_enclosure"], name
    f = record["findings"]
    assert f["W11_011_all_in_certified_enclosure"] and f["W11_011_max_ulps"] == 1.0
    assert f["W11_newest_outside_enclosure_first_wrong_digit"] == {"M_PHI": 8, "TAU_GLOBAL": 8}
    assert f["W11_newest_max_ulps_of_the_others"] == 1.0


def test_W11_comparisons_recompute_from_the_recorded_shipped_values(record):
    for release in ("0.1.1", "newest"):
        for name, c in record["constants"][release]["constants"].items():
            assert A.compare_constant(name, float(c["shipped"])) == c, (release, name)


def test_W12_golden_adam_rates_follow_a_sum_heuristic(record):
    rates = {k: v["rate"] for k, v in record["golden_adam"]["rates"].items()}
    assert rates["simplex_1d_(0.2,0.3,0.5)"] == "golden"
    assert rates["simplex_rows_2d_(2,3)"] == "adam"  # a simplex parameter on Adam's rate
    assert rates["linear_bias_zeros_(8,)"] == "golden"  # a non-simplex parameter on tau
    assert rates["vector_(5,-5)_sum_0"] == "golden"
    assert rates["linear_weight_2d_(3,4)"] == "adam"
    ga = record["golden_adam"]
    assert ga["simplex_param_min_entry"] < 0 or ga["simplex_param_max_abs_sum_minus_1"] > 1e-6
    assert record["findings"]["W12_simplex_param_leaves_simplex"]


def test_W13_virelaix_shapes(record):
    vx = record["virelaix"]
    for d, row in vx.items():
        d = int(d)
        assert "error" in row["3d"], d
        assert row["2d"]["weights"] == [4, 3] and row["2d"]["gated"] == [4, d // 3], d
        if d >= 3:
            assert "error" in row["1d"], d
        if d % 3 and d >= 3:
            assert row["gated_ignores_trailing_features"], d
    f = record["findings"]
    assert f["W13_empty_gated_for_input_dim_lt_3"] and f["W13_3d_input_fails_for_every_input_dim"]


def test_findings_are_what_the_record_implies(record):
    assert A.findings(record) == record["findings"]


def test_audit_command(tmp_path, capsys):
    out = tmp_path / "audit.json"
    rc = cli_main(["audit", "watkins-nn", "--random-starts", "8", "--out", str(out)])
    captured = capsys.readouterr()
    if not HAVE_PACKAGE:
        # Without the package the command says so in one line, naming the extra, and exits 2.
        text = captured.err
        assert rc == 2 and len(text.strip().splitlines()) == 1 and "phi-claims[watkins]" in text
        warnings.warn(
            "watkins_nn is not importable: the committed record was checked, the audit"
            " was not re-run (install the [watkins] extra to re-run it)",
            stacklevel=2,
        )
        return
    assert rc == 0
    assert len(captured.out.splitlines()) < 40 and not captured.out.lstrip().startswith("{"), (
        "with --out the record goes to the file and stdout gets a summary"
    )
    fresh = json.loads(out.read_text())
    committed = json.loads(RECORD.read_text())
    assert fresh["version"] == committed["version"]
    assert fresh["constants"]["0.1.1"] == committed["constants"]["0.1.1"]
    for key, value in committed["findings"].items():
        if key.startswith("W11_newest"):
            continue
        assert fresh["findings"][key] == value, key
    for init, run in committed["quickstart"]["inits"].items():
        again = fresh["quickstart"]["inits"][init]
        assert again["final"] == pytest.approx(run["final"], abs=1e-6), init
        assert again["final_distance"] == pytest.approx(run["final_distance"], abs=1e-6), init
    assert {k: v["rate"] for k, v in fresh["golden_adam"]["rates"].items()} == {
        k: v["rate"] for k, v in committed["golden_adam"]["rates"].items()
    }
    assert _shapes(fresh["virelaix"]) == _shapes(committed["virelaix"])


def _shapes(vx: dict) -> dict:
    """Shapes, or just 'error' (messages differ between torch versions)."""
    return {
        d: {k: ("error" if "error" in v else v) if isinstance(v, dict) else v for k, v in row.items()}
        for d, row in vx.items()
    }


def test_audit_without_the_package_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "watkins_nn", None)  # import now fails
    assert A.main([]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and "pip install 'phi-claims[watkins]'" in lines[0]


def test_without_out_the_audit_prints_a_summary_and_json_only_when_asked(monkeypatch, capsys):
    """The command's output modes, with the audit itself replaced by the committed record."""
    import types

    fake = types.SimpleNamespace(__version__=A.AUDITED_VERSION)
    monkeypatch.setattr(A, "require", lambda *a, **k: fake)
    monkeypatch.setattr(A, "run_audit", lambda *a, **k: json.loads(RECORD.read_text()))
    assert cli_main(["audit", "watkins-nn"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) < 40 and not out.lstrip().startswith("{")
    assert cli_main(["audit", "watkins-nn", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["version"] == json.loads(RECORD.read_text())["version"]
