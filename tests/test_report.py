"""The debrief: one HTML file that parses and holds its chart; questions chosen by the game's choices."""

import shutil
from html.parser import HTMLParser

import pytest

from game import sim
from game.ai.policies import POLICIES
from game.analysis.debrief import debrief, questions_for
from game.analysis.report import html, markdown
from game.cli import main
from game.model import SIDES
from game.persistence import save
from game.scenario.load import load as load_scenario

from .conftest import FIXTURES

HISTORICAL = {side: POLICIES["historical"] for side in SIDES}


class _Tags(HTMLParser):
    """Every start tag with its attributes; fails on tags closed out of order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in ("meta", "br", "img", "link", "input", "hr"):
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.open and self.open[-1] == tag, (tag, self.open[-5:])
        self.open.pop()

    def handle_data(self, data):
        self.text.append(data)


def _parse(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    assert parser.open == [], parser.open
    return parser


@pytest.fixture(scope="module")
def historical_game(campaign):
    return sim.play(campaign, HISTORICAL, 1)


@pytest.fixture(scope="module")
def strike_game(campaign):
    """History until the ExComm decides; then the air strike."""
    game = sim.play(campaign, HISTORICAL, 1)
    from game.engine.match import cut

    at = next(r.turn for r in game.state.log if r.phase == "excomm" and r.to == "quarantine")
    g = cut(game, at)
    while not g.is_over():
        for side in g.sides_to_act():
            legal = g.legal_moves(side)
            strike = [m for m in legal if m.decision == "order_air_strike"]
            g.apply(strike[0] if strike else POLICIES["hawk"](campaign, g.view(side), 1))
    return g


def test_the_html_is_one_self_contained_file_with_the_chart(historical_game):
    page = html(debrief(historical_game, {"kennedy": "human", "khrushchev": "historical"}))
    parsed = _parse(page)
    names = [t for t, _ in parsed.tags]
    assert names[0] == "html" and "svg" in names and "polyline" in names and "table" in names
    svg = next(a for t, a in parsed.tags if t == "svg")
    assert svg["role"] == "img" and "Risk of war" in svg["aria-label"]
    points = next(a for t, a in parsed.tags if t == "polyline")["points"].split()
    assert len(points) == len(historical_game.state.log) + 1  # the opening and every turn
    for tag, attrs in parsed.tags:  # nothing to fetch: it opens offline
        assert tag not in ("script", "link", "img", "iframe"), tag
        assert not any(k == "src" for k in attrs), (tag, attrs)
    text = " ".join(parsed.text)
    assert "IL-28 BOMBERS TO LEAVE CUBA" in text and "Questions for discussion" in text
    assert "Foreign Relations of the United States" in text  # sources by title


def test_the_debrief_sets_decisions_beside_history(strike_game, campaign):
    d = debrief(strike_game)
    left = [row for row in d.decisions if not row.as_history]
    assert left and left[0].taken == campaign.decision("order_air_strike").label
    assert left[0].history == campaign.decision("choose_blockade").label
    assert left[0].note and left[0].sources
    assert d.diverged_at == left[0].turn
    kinds = {p.kind for p in d.turning_points}
    assert {"history", "phase", "ending"} <= kinds
    assert d.scores and set(d.scores) == set(SIDES)


def test_questions_follow_the_games_choices(historical_game, strike_game, campaign):
    asked = {q.id for q in questions_for(strike_game)}
    assert "strike_instead" in asked and "knot_of_war" in asked
    history = {q.id for q in questions_for(historical_game)}
    assert "strike_instead" not in history and "secret_promise" in history
    strike = next(q for q in campaign.questions if q.id == "strike_instead")
    assert " ".join(strike.text.split()) in markdown(debrief(strike_game))


def test_a_question_may_read_the_ending_and_its_kind(tmp_path):
    path = tmp_path / "mini.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    with path.open("a") as f:  # a scenario file under test, written by the test
        f.write(
            "questions:\n"
            "  - {id: on_war, when: nuclear_war, text: Who chose war?}\n"
            "  - {id: on_deal, when: deal, text: Who gave most?}\n"
            "  - {id: always, text: What would you change?}\n"
        )
    s = load_scenario(path)
    game = sim.play(s, HISTORICAL, 2)
    assert game.state.ending == "deal"
    assert [q.id for q in questions_for(game)] == ["on_deal", "always"]


def test_a_question_with_an_undeclared_name_is_a_load_error(tmp_path):
    from game.model import ScenarioError

    path = tmp_path / "mini.yaml"
    shutil.copy(FIXTURES / "mini.yaml", path)
    with path.open("a") as f:
        f.write("questions:\n  - {id: q1, when: air_strik, text: Why?}\n")
    with pytest.raises(ScenarioError, match=r"question 'q1' reads 'air_strik', which is not declared"):
        load_scenario(path)


def test_report_command_writes_markdown_and_html(historical_game, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CRISIS_DATA_DIR", str(tmp_path))
    path = save(
        historical_game, tmp_path / "g.json", sides={"kennedy": "historical", "khrushchev": "historical"}
    )
    assert main(["report", str(path), "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Debrief:") and "## Turning points" in out and "<svg" in out
    target = tmp_path / "debrief.html"
    assert main(["report", str(path), "--format", "html", "-o", str(target)]) == 0
    _parse(target.read_text())


def test_letters_stand_beside_the_real_ones():
    from game.analysis.debrief import letters_of

    s = load_scenario(FIXTURES / "talks.yaml")
    pragmatists = {side: POLICIES["pragmatist"] for side in SIDES}
    game = sim.play(s, pragmatists, 3)
    rows = letters_of(game)
    assert rows and all(
        r.channel in ("Public broadcast", "Private letter", "Back channel", "Through the UN") for r in rows
    )
    beside = [r for r in rows if r.real]
    assert len(beside) == 1 and beside[0].real[1] == "The long letter"
    page = html(debrief(game))
    _parse(page)
    assert "Letters beside the real ones" in page and "The long letter" in markdown(debrief(game))


def test_text_from_the_scenario_is_escaped_in_the_chart_and_the_page(historical_game):
    import dataclasses
    import xml.etree.ElementTree as ET

    from game.analysis.chart import svg_chart

    d = debrief(historical_game)
    row = dataclasses.replace(d.decisions[0], note="<script>alert(1)</script> & more")
    odd = dataclasses.replace(d, risk_label="Risk <of> war & peace", decisions=[row, *d.decisions[1:]])
    svg = ET.fromstring(svg_chart(odd))
    assert svg.get("aria-label") == f"Risk <of> war & peace over {d.turns} turns"
    page = html(odd)
    _parse(page)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    assert page.count("<svg") == 1 and "<figure><svg" in page
