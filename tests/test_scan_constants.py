

def test_the_report_renders_the_corpus_record():
    from pynum.report.records import load_records
    from pynum.report.sections import esc, records_section

    recs = load_records(ROOT / "results")
    html = records_section({k: v for k, v in recs.items() if k.endswith("scan-corpus.json")}, "..")
    c = recs["results/scan-corpus.json"].get("corpus")
    assert f'{c["matches"]} literals matched to a constant, {len(c["wrong"])} judged wrong' in html
    assert all(esc(r["rule"]) in html and f'<td>{r["count"]}</td>' in html for r in c["rules"])
