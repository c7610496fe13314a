"""The library tells its stages to whoever listens (ledger/core/progress.py), and prints nothing."""

from __future__ import annotations

import os

from ledger import find_conflicts, load_ledger
from ledger.core import progress
from ledger.write.files import write_atomic
from tests.conftest import REPO


def test_loading_and_checking_tell_their_stages_in_order(capsys):
    heard = []
    with progress.listening(heard.append):
        result = load_ledger(REPO / "claims.yaml")
        find_conflicts(result.ledger)
    assert heard == ["reading", "validating", "anchoring", "checking"]
    assert capsys.readouterr() == ("", "")


def test_writing_tells_its_stage(tmp_path):
    heard = []
    with progress.listening(heard.append):
        write_atomic(tmp_path / "out.txt", "text\n")
    assert heard == ["writing"]


def test_nobody_hears_once_the_listener_is_gone_nor_in_another_process():
    heard = []
    with progress.listening(heard.append):
        pass
    progress.stage("reading")
    assert heard == []
    stop = progress.listen(heard.append)
    try:
        child = os.fork()
        if child == 0:  # a forked worker: its stages are not the listener's
            progress.stage("checking")
            os._exit(0 if heard == [] else 1)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        stop()
    assert set(progress.STAGES) == {"reading", "validating", "anchoring", "checking", "writing"}
