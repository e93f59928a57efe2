import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from tmuxdriver import Tmux, chat_binary  # noqa: E402


@pytest.fixture
def tmux():
    session = Tmux()
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def binary():
    return str(chat_binary())


@pytest.fixture
def chat_env(tmp_path):
    """A fresh home for one test: its own data directory, UTF-8, a terminal tmux knows."""
    return {
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "tmux-256color",
        "TZ": "UTC",
        "PS1": "$ ",
    }
