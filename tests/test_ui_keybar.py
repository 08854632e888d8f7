"""The footer at a narrow width: the dimmed keys (which do nothing now) go before the words of the
keys that do (playtest E20: at 80 columns the Letters page lost 'Real' and 'Help' to five greyed keys)."""

import asyncio

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from game.ui.widgets.keybar import KeyBar

ON = [("a", "Accept"), ("b", "Counter"), ("r", "Real letters"), ("question_mark", "Help")]
OFF = [("d", "Discard"), ("e", "Export"), ("f", "Forward"), ("g", "Gather")]


class Keys(Screen):
    BINDINGS = [Binding(k, f"go('{w}')", w) for k, w in ON + OFF]

    def compose(self) -> ComposeResult:
        yield KeyBar()

    def check_action(self, action, parameters):  # noqa: ANN001
        return None if parameters and parameters[0] in dict(OFF).values() else True

    def action_go(self, word: str) -> None:
        pass


class Bar(App):
    ENABLE_COMMAND_PALETTE = False

    def on_mount(self) -> None:
        self.push_screen(Keys())


def test_dimmed_keys_go_before_the_words_of_the_live_ones():
    async def go():
        app = Bar()
        async with app.run_test(size=(60, 5)) as pilot:
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            text = bar.render().plain if hasattr(bar.render(), "plain") else str(bar.render())
            for _, word in ON:
                assert word in text, text
            for _, word in OFF:
                assert word not in text, text
            await pilot.resize_terminal(200, 5)
            await pilot.pause()
            text = str(bar.render())
            assert all(word in text for _, word in OFF + ON), text  # room for all: the dimmed shown too

    asyncio.run(go())
